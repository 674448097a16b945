// Package roundtrip holds no code, only tests: documents built with escpos are read back with
// escdecode, which was written separately from the same command reference, and the barcodes of
// the rendered paper are scanned with a barcode reader. Agreement between the three is the
// evidence that the bytes sent to printers mean what the layouts intend.
package roundtrip
