package layout

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/printing/internal/sample"
)

// An advance invoice's lines are named in the print's language after the
// order, with their rate when split; an item keeps its name.
func TestLineNameOfAdvanceInvoices(t *testing.T) {
	fr := Text{L: sample.NewLabels(t, "fr").L}
	one := &pos.Document{Kind: pos.KindAdvanceInvoice, OrderRef: "COMC/7/2026/KRPOS3",
		Lines: []pos.Line{{Name: "Advance on COMC/7/2026/KRPOS3", VATRate: 2000, Service: true}}}
	assert.Equal(t, "Acompte sur COMC/7/2026/KRPOS3", fr.LineName(one, one.Lines[0]))

	two := &pos.Document{Kind: pos.KindAdvanceInvoice, OrderRef: "COMC/7/2026/KRPOS3",
		Lines: []pos.Line{{VATRate: 2000, Service: true}, {VATRate: 550, Service: true}}}
	assert.Equal(t, "Acompte sur COMC/7/2026/KRPOS3 (TVA 5,5%)", fr.LineName(two, two.Lines[1]))

	receipt := &pos.Document{Kind: pos.KindReceipt, Lines: []pos.Line{{Name: "Mixeur", ProductCode: "MIX-01"}}}
	assert.Equal(t, "Mixeur", fr.LineName(receipt, receipt.Lines[0]))
}
