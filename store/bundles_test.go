package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

func TestBundlesFromMasterData(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	got, err := db.Bundles(ctx)
	require.NoError(t, err)
	require.Len(t, got, 1, "the demo's mixer and fan")
	assert.Equal(t, "MIXFAN", got[0].Code)
	assert.Equal(t, pos.Money(7900), got[0].Price)

	// A later page changes one and retires it; an unusable definition is kept
	// as it came rather than stopping the pull.
	changed := got[0]
	changed.Price, changed.Active = 7500, false
	odd := pos.Bundle{Code: "ODD", Name: "no items"}
	require.NoError(t, db.ApplyMasterData(ctx, pos.MasterData{Bundles: []pos.Bundle{changed, odd}}))
	got, err = db.Bundles(ctx)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, changed, got[0])
	assert.Equal(t, odd, got[1])
}

// The bundle of each line and the advances each invoice deducted are stored
// with the document, and the order's related documents carry them.
func TestDeductionsAndBundlesAreStored(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	o := order(0)
	o.Lines = []pos.Line{
		{ProductCode: "MIX-01", Name: "Hand mixer", Unit: "pcs", Qty: pos.Units(1), Price: 4647, BasePrice: 4999, VATRate: 2000, BundleID: "MIXFAN#1"},
		{ProductCode: "FAN-01", Name: "Fan", Unit: "pcs", Qty: pos.Units(1), Price: 3253, BasePrice: 3499, VATRate: 2000, BundleID: "MIXFAN#1"},
	}
	require.NoError(t, db.SaveDocument(ctx, o, testTime))
	fac := &pos.Document{Kind: pos.KindAdvanceInvoice, Status: pos.StatusConfirmed, Terminal: "KRKASA1", Operator: "ANNA",
		Customer: "C0001", VATMethod: pos.VATFromGross, SourceOrder: o.ID, OrderRef: o.Number,
		Lines: []pos.Line{{Name: "Advance", Qty: pos.Units(1), Price: 2000, BasePrice: 2000, VATRate: 2000, Service: true}}}
	require.NoError(t, db.SaveDocument(ctx, fac, testTime))
	inv := &pos.Document{Kind: pos.KindInvoice, Status: pos.StatusConfirmed, Terminal: "KRKASA1", Operator: "ANNA",
		Customer: "C0001", VATMethod: pos.VATFromGross, SourceOrder: o.ID, OrderRef: o.Number, Lines: o.Lines,
		IssuedAt: testTime.Add(time.Hour), Advances: 2000, Deductions: []pos.Deduction{{AdvanceID: fac.ID, Number: fac.Number, Amount: 2000}}}
	require.NoError(t, db.SaveDocument(ctx, inv, testTime))

	got, err := db.Document(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"MIXFAN#1", "MIXFAN#1"}, []string{got.Lines[0].BundleID, got.Lines[1].BundleID})
	got, err = db.Document(ctx, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, inv.Deductions, got.Deductions)
	assert.Equal(t, pos.Money(2000), got.Advances)
	got, err = db.Document(ctx, fac.ID)
	require.NoError(t, err)
	assert.Nil(t, got.Deductions)

	rel, err := db.RelatedDocuments(ctx, o.ID)
	require.NoError(t, err)
	require.Len(t, rel, 2)
	assert.Equal(t, pos.KindAdvanceInvoice, rel[0].Kind)
	assert.Equal(t, testTime, rel[0].IssuedAt)
	assert.Equal(t, inv.Deductions, rel[1].Deductions)
	assert.Equal(t, pos.Money(2000), rel[1].Advances)
	left := pos.AdvanceInvoices(rel)
	require.Len(t, left, 1)
	assert.Zero(t, left[0].Left)

	// Deductions that do not add up to the advances are refused.
	bad := *inv
	bad.ID, bad.Number, bad.BarcodeNo, bad.Advances = "", "", "", 1999
	assert.Equal(t, pos.CodeInvalid, pos.ErrorCode(db.SaveDocument(ctx, &bad, testTime)))
}
