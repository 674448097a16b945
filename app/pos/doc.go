// Package pos is the business core of Comptoir: money and quantities, VAT, documents
// (quotes, customer orders, receipts, invoices, advance invoices), their statuses and
// numbering, master data, operators and their rights, and the errors a person reads.
//
// It does no I/O and reads no clock: every input, including "now", is passed in, so
// that the same rules run on the till, in the data service and in tests.
package pos
