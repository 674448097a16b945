package store

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// R-L3: the list reads numbers as a person does, COMC/2 before COMC/10,
// with and without a filter.
func TestListOrdersNumbersNaturally(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for range 11 {
		require.NoError(t, db.SaveDocument(ctx, order(1), testTime))
	}
	numbers := func(f app.DocFilter) []string {
		f.Limit = 20
		rows, err := db.ListDocuments(ctx, f)
		require.NoError(t, err)
		var out []string
		for _, r := range rows {
			out = append(out, strings.Split(r.Number, "/")[1])
		}
		return out
	}
	want := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}
	assert.Equal(t, want, numbers(app.DocFilter{}))
	assert.Equal(t, want, numbers(app.DocFilter{Statuses: []pos.Status{pos.StatusConfirmed}}))
	assert.Equal(t, want, numbers(app.DocFilter{Kinds: []pos.Kind{pos.KindOrder}}))
	assert.Equal(t, []string{"1", "10", "11"}, numbers(app.DocFilter{Number: "COMC/1"}), "a prefix is a prefix of the text")
}

// Migration 00006 gives the documents already stored the sort key the store
// writes with new ones: its SQL walk and pos.NumberSortKey agree.
func TestMigrationNumberKeyMatchesTheGoKey(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for _, number := range []string{"COMC/7/2026/KRKASA1", "DEVC/12345678901/X", "Zamówienie-7", "2026", "ABC", "0/00/007"} {
		d := order(1)
		d.Number = number
		require.NoError(t, db.SaveDocument(ctx, d, testTime))
	}
	sql, err := migrations.ReadFile("migrations/00006_attributes.sql")
	require.NoError(t, err)
	text := string(sql)
	start := strings.Index(text, "CREATE TEMP TABLE number_keys")
	end := strings.Index(text, "DROP TABLE number_keys;") + len("DROP TABLE number_keys;")
	require.True(t, start > 0 && end > start)
	_, err = db.write.ExecContext(ctx, `UPDATE documents SET number_key = NULL`)
	require.NoError(t, err)
	for _, stmt := range strings.Split(text[start:end], ";") {
		if strings.TrimSpace(stmt) != "" {
			_, err := db.write.ExecContext(ctx, stmt)
			require.NoError(t, err, stmt)
		}
	}
	rows, err := db.read.QueryContext(ctx, `SELECT number, number_key FROM documents`)
	require.NoError(t, err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		var number, key string
		require.NoError(t, rows.Scan(&number, &key))
		assert.Equal(t, pos.NumberSortKey(number), key, number)
		n++
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, 6, n)
}

// R-F1, R-F2, R-F7: what the form adds to a document is stored and read
// back, and the list shows Fulfilled at pickup point; the attributes of the
// master data are kept.
func TestFormFieldsAndAttributesRoundTrip(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	d := order(1)
	d.FulfilledAtPickup = true
	d.DeliveryAddress = &pos.Address{Street: "Via Roma 1", Postcode: "20121", City: "Milano"}
	d.Attributes = map[string]string{"FLOOR": "3"}
	require.NoError(t, db.SaveDocument(ctx, d, testTime))
	got, err := db.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.True(t, got.FulfilledAtPickup)
	assert.Equal(t, d.DeliveryAddress, got.DeliveryAddress)
	assert.Equal(t, d.Attributes, got.Attributes)
	rows, err := db.ListDocuments(ctx, app.DocFilter{Limit: 1})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.True(t, rows[0].FulfilledAtPickup)
	assert.Equal(t, "Via Roma 1, 20121 Milano", rows[0].Address, "the address added on the form")

	as, err := db.Attributes(ctx)
	require.NoError(t, err)
	assert.Equal(t, demo.MasterData().Attributes, as)
}

// R-L4: a document fetched from the service is stored as pulled: synced,
// nothing queued; a local version with changes waiting is kept.
func TestSaveFetchedQueuesNothing(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	d := order(2)
	d.ID, d.Number, d.BarcodeNo = "erp-1", "COMC/5/2026/ERP", "11000000000000000051"
	require.NoError(t, db.SaveFetched(ctx, testTime, *d))
	got, err := db.Document(ctx, "erp-1")
	require.NoError(t, err)
	assert.True(t, got.Synced)
	assert.Zero(t, count(t, db, `SELECT count(*) FROM outbox`))

	local := order(1)
	require.NoError(t, db.SaveDocument(ctx, local, testTime))
	fetched := *local
	fetched.Reference = "from the service"
	require.NoError(t, db.SaveFetched(ctx, testTime, fetched))
	got, err = db.Document(ctx, local.ID)
	require.NoError(t, err)
	assert.Empty(t, got.Reference, "the till's change waits to be sent and wins")
}
