package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

func TestSaveDocumentNumbersAndQueuesInOneTransaction(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)

	d := order(3)
	require.NoError(t, db.SaveDocument(ctx, d, testTime))
	assert.Equal(t, "COMC/1/2026/KRKASA1", d.Number)
	n, err := pos.ParseDocNumber(string(d.BarcodeNo))
	require.NoError(t, err)
	assert.Equal(t, pos.KindOrder, n.Kind())
	assert.Equal(t, 1, n.TerminalNo())
	assert.NotEmpty(t, d.ID)

	second := order(1)
	require.NoError(t, db.SaveDocument(ctx, second, testTime))
	assert.Equal(t, "COMC/2/2026/KRKASA1", second.Number)

	// Reopening the file gives back exactly what was written.
	require.NoError(t, db.Close())
	db2, err := Open(ctx, path)
	require.NoError(t, err)
	t.Cleanup(func() { db2.Close() })
	got, err := db2.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, d.Number, got.Number)
	assert.Equal(t, d.BarcodeNo, got.BarcodeNo)
	require.Len(t, got.Lines, 3)
	assert.Equal(t, d.Lines, got.Lines)
	assert.Equal(t, testTime, got.IssuedAt)

	ops, err := db2.PendingOperations(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, ops)
	assert.Equal(t, 1, count(t, db2, `SELECT count(*) FROM outbox WHERE doc_id = ? AND kind = ?`, d.ID, OpDocumentSave))
}

func TestUnconfirmedDocumentGetsBarcodeButNoNumber(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := order(1)
	d.Kind, d.Status = pos.KindQuote, pos.StatusUnconfirmed
	require.NoError(t, db.SaveDocument(ctx, d, testTime))
	assert.Empty(t, d.Number)
	assert.Equal(t, pos.KindQuote, d.BarcodeNo.Kind())

	// Confirming later takes the number in the confirming save, keeping the barcode.
	barcode := d.BarcodeNo
	d.Status = pos.StatusConfirmed
	require.NoError(t, db.SaveDocument(ctx, d, testTime))
	assert.Equal(t, "DEVC/1/2026/KRKASA1", d.Number)
	assert.Equal(t, barcode, d.BarcodeNo)
	assert.Equal(t, 1, count(t, db, `SELECT count(*) FROM documents`))
	assert.Equal(t, 2, count(t, db, `SELECT count(*) FROM outbox WHERE doc_id = ?`, d.ID), "each change queues its operation")
}

func TestBadDocumentChangesNothing(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	cases := map[string]func(*pos.Document){
		"negative quantity": func(d *pos.Document) { d.Lines[0].Qty = -1 },
		"absurd quantity":   func(d *pos.Document) { d.Lines[0].Qty = pos.MaxQty + 1 },
		"negative price":    func(d *pos.Document) { d.Lines[0].Price = -5 },
		"absurd price":      func(d *pos.Document) { d.Lines[0].Price = pos.MaxPrice + 1 },
		"unknown terminal":  func(d *pos.Document) { d.Terminal = "NOPE" },
		"unknown kind":      func(d *pos.Document) { d.Kind = "XX" },
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			d := order(2)
			spoil(d)
			before := *d
			err := db.SaveDocument(ctx, d, testTime)
			require.Error(t, err)
			_, isPos := pos.AsError(err)
			assert.True(t, isPos, "a person reads this error: %v", err)
			assert.Equal(t, before.ID, d.ID, "the caller's document is untouched")
			assert.Zero(t, count(t, db, `SELECT count(*) FROM documents`))
			assert.Zero(t, count(t, db, `SELECT count(*) FROM outbox`))
			assert.Zero(t, count(t, db, `SELECT count(*) FROM counters`))
		})
	}
}

func TestSeriesWithoutYearNeverRestarts(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	md := pos.MasterData{Terminals: []pos.Terminal{{Code: "KRPOS9", Number: 9, Center: "XYZ", Series: "{TERMINAL}-{TYPE}-{SEQ:5}"}}}
	require.NoError(t, db.ApplyMasterData(ctx, md))
	a, b := order(1), order(1)
	a.Terminal, b.Terminal = "KRPOS9", "KRPOS9"
	b.IssuedAt = testTime.AddDate(1, 0, 0)
	require.NoError(t, db.SaveDocument(ctx, a, testTime))
	require.NoError(t, db.SaveDocument(ctx, b, testTime))
	assert.Equal(t, "KRPOS9-COMC-00001", a.Number)
	assert.Equal(t, "KRPOS9-COMC-00002", b.Number)
}

func TestListDocumentsByPrefixStatusAndBarcode(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	var docs []*pos.Document
	for i := range 12 {
		d := order(1)
		if i%3 == 0 {
			d.Status = pos.StatusUnconfirmed
		}
		require.NoError(t, db.SaveDocument(ctx, d, testTime))
		docs = append(docs, d)
	}
	page, err := db.ListDocuments(ctx, app.DocFilter{Statuses: []pos.Status{pos.StatusConfirmed}, Number: "COMC/1", Limit: 50})
	require.NoError(t, err)
	var numbers []string
	for _, s := range page {
		numbers = append(numbers, s.Number)
		assert.Equal(t, pos.StatusConfirmed, s.Status)
	}
	assert.Equal(t, []string{"COMC/1/2026/KRKASA1"}, numbers[:1])
	for _, n := range numbers {
		assert.Regexp(t, `^COMC/1`, n)
	}

	byBarcode, err := db.ListDocuments(ctx, app.DocFilter{Number: string(docs[5].BarcodeNo), Limit: 50})
	require.NoError(t, err)
	require.Len(t, byBarcode, 1)
	assert.Equal(t, docs[5].ID, byBarcode[0].ID)

	second, err := db.ListDocuments(ctx, app.DocFilter{Kinds: []pos.Kind{pos.KindOrder}, Offset: 10, Limit: 10})
	require.NoError(t, err)
	assert.Len(t, second, 2, "12 documents, page two of ten holds two")
}

func TestProductsByEANCodeAndName(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	mixer, err := db.ProductByCode(ctx, "MIX-01")
	require.NoError(t, err)
	byEAN, err := db.ProductByEAN(ctx, mixer.EANs[0])
	require.NoError(t, err)
	assert.Equal(t, "Hand mixer", byEAN.Name)

	_, err = db.ProductByEAN(ctx, "0000000000000")
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))

	found, err := db.SearchProducts(ctx, "hand", 0, 10)
	require.NoError(t, err)
	require.NotEmpty(t, found)
	assert.Equal(t, "Hand mixer", found[0].Name, "name search ignores case")

	found, err = db.SearchProducts(ctx, "50%_", 0, 10)
	require.NoError(t, err)
	assert.Empty(t, found, "LIKE wildcards typed by a person are literal")

	all, err := db.SearchProducts(ctx, "", 0, 500)
	require.NoError(t, err)
	for _, p := range all {
		assert.True(t, p.Active, "inactive products are not offered: %s", p.Code)
	}
	assert.Greater(t, len(all), 190)
}

func TestSettingsAndLoginFailuresPersist(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	_, ok, err := db.Setting(ctx, "language")
	require.NoError(t, err)
	assert.False(t, ok)
	require.NoError(t, db.SetSetting(ctx, "language", "it"))
	v, ok, err := db.Setting(ctx, "language")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "it", v)

	require.NoError(t, db.RecordLoginFailure(ctx, "ANNA", testTime))
	require.NoError(t, db.RecordLoginFailure(ctx, "ANNA", testTime.Add(1e9)))
	n, last, err := db.LoginFailures(ctx, "ANNA")
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, testTime.Add(1e9), last)
	require.NoError(t, db.ClearLoginFailures(ctx, "ANNA"))
	n, _, err = db.LoginFailures(ctx, "ANNA")
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestMigrationsAreIdempotentAndIntegrityHolds(t *testing.T) {
	ctx := context.Background()
	_, path := openTest(t)
	db, err := Open(ctx, path) // a second open runs the migrations again: nothing to do
	require.NoError(t, err)
	defer db.Close()
	res, err := db.IntegrityCheck(ctx)
	require.NoError(t, err)
	assert.Equal(t, "ok", res)
	var mode string
	require.NoError(t, db.read.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)
	var fk int
	require.NoError(t, db.write.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk))
	assert.Equal(t, 1, fk)
}
