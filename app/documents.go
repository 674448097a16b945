package app

import (
	"context"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// DocumentStore is the local database as the orders and quotes use cases need
// it. SaveDocuments writes every document given, each with its outbox
// operation carrying meta, in one transaction: a receipt and the order it
// completes are stored together or not at all.
type DocumentStore interface {
	Document(ctx context.Context, id string) (pos.Document, error)
	SaveDocuments(ctx context.Context, at time.Time, meta OpMeta, docs ...*pos.Document) error
	RelatedDocuments(ctx context.Context, orderID string) ([]pos.Related, error)
	ListDocuments(ctx context.Context, f DocFilter) ([]DocSummary, error)
	Params(ctx context.Context) (pos.Params, error)
	Customer(ctx context.Context, code string) (pos.Customer, error)
	PaymentMethods(ctx context.Context) ([]pos.PaymentMethod, error)
	ProductByCode(ctx context.Context, code string) (pos.Product, error)
	ProductByEAN(ctx context.Context, ean string) (pos.Product, error)
	// SaveFetched stores a document fetched from the data service as the
	// pull stores one: known to the service, nothing queued.
	SaveFetched(ctx context.Context, at time.Time, d pos.Document) error
}

// DocFilter selects documents for a list (R-L4). Number is a number prefix as
// typed, or a whole scanned barcode number, which finds exactly its document.
// Zero values select everything.
type DocFilter struct {
	Kinds          []pos.Kind
	Statuses       []pos.Status
	Number         string
	Source         pos.Source
	DeliveryStatus string
	PaymentStatus  string
	MinGross       pos.Money
	MaxGross       pos.Money // 0: no upper bound
	IssuedFrom     time.Time
	IssuedTo       time.Time // exclusive
	DeliveryFrom   time.Time
	DeliveryTo     time.Time // exclusive
	Offset         int
	Limit          int
}

// DocSummary is one row of a documents list: what its columns show (R-L3).
type DocSummary struct {
	ID             string
	Kind           pos.Kind
	Number         string
	BarcodeNo      pos.DocNumber
	Status         pos.Status
	Customer       string // the customer's name
	Address        string // the delivery point's, or the customer's first
	Recipient      string
	HandledBy      string
	Net            pos.Money
	Gross          pos.Money
	IssuedAt       time.Time
	DeliveryDate   time.Time
	ExpiryDate     time.Time
	DeliveryStatus string
	PaymentStatus  string
	Source         pos.Source
	Related        int // documents generated from it
	// FulfilledAtPickup: its pickup point fulfils it (R-F1, a hidden column).
	FulfilledAtPickup bool
	Synced            bool
	// Remote marks a row only the data service has, found by a remote search
	// (R-L4): it is not stored on this till.
	Remote bool
}
