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

// R-L4: the text filter finds a number by its beginning, or from the start
// of any of its parts when the text starts with a digit, leading zeros
// aside; a scanned barcode
// finds its document alone. Each case is checked with and without a status
// filter, as the list walks another index then.
func TestListNumberText(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	var barcode string
	for _, number := range []string{"COMC/ERP/001004/2026", "COMC/ERP/1004/2025", "COMC/ERP/10040/2026",
		"COMC/ERP/21004/2026", "COMC/ERP/5/2026", "COMC/ERP/05/2026", "COMC/ERP/50/2026", "COMC/ERP/6/2026",
		"KRPOS9-COMC-00104", "1004/ZAM", "COMC/ERP/12345678901/2026"} {
		d := order(1)
		d.Number = number
		require.NoError(t, db.SaveDocument(ctx, d, testTime))
		if barcode == "" {
			barcode = string(d.BarcodeNo)
		}
	}
	numbers := func(text string) []string {
		var out []string
		for _, st := range [][]pos.Status{nil, {pos.StatusConfirmed}} {
			rows, err := db.ListDocuments(ctx, app.DocFilter{Number: text, Statuses: st, Limit: 20})
			require.NoError(t, err)
			var got []string
			for _, r := range rows {
				got = append(got, r.Number)
			}
			if st == nil {
				out = got
			} else {
				assert.Equal(t, out, got, "%q with a status", text)
			}
		}
		return out
	}
	assert.Equal(t, []string{"1004/ZAM", "COMC/ERP/1004/2025", "COMC/ERP/001004/2026", "COMC/ERP/10040/2026"},
		numbers("1004"), "a part starting with the digits, leading zeros aside, in natural order")
	assert.Equal(t, numbers("1004"), numbers("001004"))
	assert.Equal(t, []string{"KRPOS9-COMC-00104"}, numbers("104"), "a part after '-'")
	assert.Equal(t, []string{"COMC/ERP/001004/2026"}, numbers("1004/2026"), "the text from a part on")
	assert.Equal(t, []string{"COMC/ERP/001004/2026"}, numbers("001004-2026"))
	assert.Equal(t, []string{"1004/ZAM", "COMC/ERP/1004/2025", "COMC/ERP/001004/2026"}, numbers("1004/"), "a whole part")
	assert.Len(t, numbers("2026"), 8, "the year is a part")
	assert.Equal(t, []string{"COMC/ERP/1004/2025", "COMC/ERP/10040/2026"}, numbers("COMC/ERP/10"),
		"other text is the number's beginning")
	assert.Equal(t, []string{"COMC/ERP/5/2026", "COMC/ERP/50/2026"}, numbers("COMC/ERP/5"))
	assert.Equal(t, []string{"COMC/ERP/05/2026", "COMC/ERP/001004/2026"}, numbers("COMC/ERP/0"), "zeros are a prefix like any text")
	assert.Equal(t, []string{"COMC/ERP/12345678901/2026"}, numbers("COMC/ERP/1234567890"), "a run of ten digits or more")
	assert.Equal(t, []string{"COMC/ERP/12345678901/2026"}, numbers("COMC/ERP/12345678901/"))
	assert.Empty(t, numbers("COMC/ZZZ"))
	assert.Equal(t, []string{"COMC/ERP/001004/2026"}, numbers(barcode), "a scanned barcode finds its document alone")
	assert.Empty(t, numbers("0"), "zeros alone are no part's start")

	rows, err := db.ListDocuments(ctx, app.DocFilter{Number: "2026", Limit: 3, Offset: 2})
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"COMC/ERP/6/2026", "COMC/ERP/50/2026", "COMC/ERP/001004/2026"},
		[]string{rows[0].Number, rows[1].Number, rows[2].Number}, "pages are cut in order")
}

// The text filter's matches are found in the list's indexes alone
// (migration 00009: numberParts is the expression they hold), walked in the
// list's order: no sort, and rows are read for the matches only.
func TestListNumberTextReadsTheIndexAlone(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	kinds := []pos.Kind{pos.KindQuote, pos.KindOrder}
	inProgress := []pos.Status{pos.StatusInProgress}
	for _, c := range []struct {
		f     app.DocFilter
		index string
	}{
		{app.DocFilter{Kinds: kinds, Number: "1004"}, "documents_number_key"},
		{app.DocFilter{Kinds: kinds, Statuses: inProgress, Number: "1004"}, "documents_status_number_key"},
		{app.DocFilter{Kinds: kinds, Number: "COMC/5"}, "documents_number_key"},
		{app.DocFilter{Kinds: kinds, Statuses: inProgress, Number: "COMC/5"}, "documents_status_number_key"},
		{app.DocFilter{Kinds: kinds, Number: "1004", MinGross: 1000_00}, "documents_number_key"},
	} {
		c.f.Limit = 50
		q, args := listQuery(c.f)
		rows, err := db.read.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
		require.NoError(t, err)
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
			plan = append(plan, detail)
		}
		require.NoError(t, rows.Err())
		rows.Close()
		text := strings.Join(plan, "\n")
		assert.Contains(t, text, "USING COVERING INDEX "+c.index, "%+v\n%s", c.f, text)
		assert.NotContains(t, text, "TEMP B-TREE", "%+v\n%s", c.f, text)
	}
}
