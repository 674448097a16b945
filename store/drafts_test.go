package store

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/protocol"
)

// draft builds an unconfirmed order of KRPOS3 with a hand mixer, numbered as a
// draft.
func draft(tb testing.TB, db *DB) *pos.Document {
	tb.Helper()
	d := &pos.Document{Kind: pos.KindOrder, Status: pos.StatusUnconfirmed, Source: pos.SourceTerminal,
		Terminal: "KRPOS3", Center: demo.Center, Operator: "MARC", Customer: "UNDEF", VATMethod: pos.VATFromGross,
		IssuedAt: testTime, Lines: []pos.Line{{ProductCode: "MIX-01", Name: "Hand mixer", Unit: "pcs",
			Qty: pos.Units(1), Price: 4999, VATRate: 2000}}}
	require.NoError(tb, db.NumberDraft(context.Background(), d))
	return d
}

// outboxOps lists the operations of one document, oldest first.
func outboxOps(tb testing.TB, db *DB, docID string) []app.OutboxOp {
	tb.Helper()
	rows, err := db.read.QueryContext(context.Background(), `SELECT `+outboxColumns+` FROM outbox
		WHERE doc_id = ? ORDER BY seq`, docID)
	require.NoError(tb, err)
	ops, err := scanOutbox(rows)
	require.NoError(tb, err)
	return ops
}

func TestNumberDraftOnceFromTheTerminalsCounter(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NotEmpty(t, d.ID)
	assert.Equal(t, pos.KindOrder, d.BarcodeNo.Kind())
	assert.Equal(t, 3, d.BarcodeNo.TerminalNo(), "KRPOS3's number")
	again := *d
	require.NoError(t, db.NumberDraft(ctx, &again))
	assert.Equal(t, d.ID, again.ID)
	assert.Equal(t, d.BarcodeNo, again.BarcodeNo, "a draft keeps its numbers")
	assert.NotEqual(t, d.BarcodeNo, draft(t, db).BarcodeNo, "the next draft takes the next number")
	assert.Zero(t, count(t, db, `SELECT count(*) FROM outbox`), "numbering queues nothing")

	confirmed := order(1)
	assert.Equal(t, "error.action_status", errKeyOf(t, db.NumberDraft(ctx, confirmed)))
}

func errKeyOf(tb testing.TB, err error) string {
	tb.Helper()
	e, ok := pos.AsError(err)
	require.True(tb, ok, "not a pos error: %v", err)
	return e.Key
}

func TestParkDraftQueuesItsPutAndSettlingRemovesIt(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))

	got, err := db.LocalDraft(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, d.BarcodeNo, got.BarcodeNo)
	rows, err := db.LocalDrafts(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, app.DraftSummary{ID: d.ID, Kind: pos.KindOrder, BarcodeNo: d.BarcodeNo, IssuedAt: testTime,
		ModifiedAt: testTime, Gross: 4999, Net: 4166, Seller: "MARC", Terminal: "KRPOS3", Local: true}, rows[0])

	ops := outboxOps(t, db, d.ID)
	require.Len(t, ops, 1)
	assert.Equal(t, protocol.OpDraftPut, ops[0].Kind, "the store's kind is the protocol's")
	var put protocol.DraftPut
	require.NoError(t, json.Unmarshal(ops[0].Payload, &put), "the payload is the protocol's DraftPut")
	assert.Equal(t, "MARC", put.Operator)
	assert.Equal(t, d.BarcodeNo, put.Document.BarcodeNo, "pushed with the same barcode number")

	// Parked again before it was sent: one put, the latest.
	d.Lines[0].Qty = pos.Units(2)
	require.NoError(t, db.ParkDraft(ctx, testTime.Add(time.Minute), "KRPOS3", app.OpMeta{Operator: "MARC"}, 7, d))
	ops = outboxOps(t, db, d.ID)
	require.Len(t, ops, 1)
	require.NoError(t, json.Unmarshal(ops[0].Payload, &put))
	assert.Equal(t, pos.Units(2), put.Document.Lines[0].Qty)
	assert.Equal(t, int64(7), put.LeaseToken)
	assert.Equal(t, int64(7), ops[0].LockToken, "the operation's token agrees with the payload's")

	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{Acked: []string{ops[0].ID}}, testTime))
	_, err = db.LocalDraft(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "acknowledged: the draft store holds it now")
	assert.Empty(t, outboxOps(t, db, d.ID))
}

func TestAnOlderPutAcknowledgedKeepsADraftParkedAgain(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))
	sent, err := db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	require.Len(t, sent, 1)
	// Parked again while the first put was on its way: its row is replaced.
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))
	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{Acked: []string{sent[0].ID}}, testTime))
	_, err = db.LocalDraft(ctx, d.ID)
	require.NoError(t, err, "the newer put still waits, so the draft stays local")
	assert.Len(t, outboxOps(t, db, d.ID), 1)
}

func TestLocalDraftsFilters(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	a := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, a))
	b := draft(t, db)
	b.Kind, b.Operator, b.Terminal, b.IssuedAt = pos.KindQuote, "GIULIA", "KRPOS2", testTime.AddDate(0, 0, -1)
	b.BarcodeNo = ""
	require.NoError(t, db.NumberDraft(ctx, b))
	require.NoError(t, db.ParkDraft(ctx, testTime.Add(time.Minute), "KRPOS2", app.OpMeta{Operator: "GIULIA"}, 0, b))

	ids := func(f app.DraftFilter) []string {
		t.Helper()
		f.Limit = 10
		rows, err := db.LocalDrafts(ctx, f)
		require.NoError(t, err)
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	assert.Equal(t, []string{b.ID, a.ID}, ids(app.DraftFilter{}), "last parked first")
	assert.Equal(t, []string{a.ID}, ids(app.DraftFilter{Kind: pos.KindOrder}))
	assert.Equal(t, []string{b.ID}, ids(app.DraftFilter{Seller: "GIULIA"}))
	assert.Equal(t, []string{a.ID}, ids(app.DraftFilter{Terminal: "KRPOS3"}))
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	assert.Equal(t, []string{a.ID}, ids(app.DraftFilter{Day: time.Date(2026, 11, 22, 15, 0, 0, 0, paris)}),
		"the day in the terminal's time zone")
	assert.Equal(t, []string{a.ID}, ids(app.DraftFilter{Text: string(a.BarcodeNo)}), "a scanned barcode number")
	assert.Equal(t, []string{b.ID, a.ID}, ids(app.DraftFilter{Text: "1"}), "a prefix")
	assert.Empty(t, ids(app.DraftFilter{Text: "9"}))
}

func TestParkingASavedDocumentMovesIt(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.SaveDocuments(ctx, testTime, app.OpMeta{Operator: "MARC"}, d))
	require.Len(t, outboxOps(t, db, d.ID), 1)

	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))
	_, err := db.Document(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "the document left the documents")
	ops := outboxOps(t, db, d.ID)
	require.Len(t, ops, 1, "its document.save will never reach the service")
	assert.Equal(t, OpDraftPut, ops[0].Kind)

	// One the service knows stays where it is.
	s := draft(t, db)
	require.NoError(t, db.SaveDocuments(ctx, testTime, app.OpMeta{Operator: "MARC"}, s))
	sent, err := db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	var acked []string
	for _, op := range sent {
		if op.DocID == s.ID {
			acked = append(acked, op.ID)
		}
	}
	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{Acked: acked}, testTime))
	assert.Equal(t, "drafts.document_synced", errKeyOf(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, s)))
	_, err = db.LocalDraft(ctx, s.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "refused: nothing parked")
}

func TestConfirmDraftIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))

	c := *d
	c.Terminal, c.Status = "KRKASA1", pos.StatusConfirmed
	require.NoError(t, db.ConfirmDraft(ctx, testTime, app.OpMeta{Operator: "ANNA"}, 42, &c))
	assert.Equal(t, "COMC/1/2026/KRKASA1", c.Number, "the confirming terminal's series")
	assert.Equal(t, d.BarcodeNo, c.BarcodeNo, "the draft's barcode number stays")
	stored, err := db.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusConfirmed, stored.Status)
	_, err = db.LocalDraft(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))

	ops := outboxOps(t, db, d.ID)
	require.Len(t, ops, 2, "the waiting draft.put is gone")
	assert.Equal(t, OpDocumentSave, ops[0].Kind, "the document first")
	assert.Equal(t, protocol.OpDraftConfirm, ops[1].Kind)
	assert.Equal(t, int64(42), ops[1].LockToken, "the lease travels as the token")
	assert.Equal(t, "ANNA", ops[1].Operator)
	var conf protocol.DraftConfirm
	require.NoError(t, json.Unmarshal(ops[1].Payload, &conf))
	assert.Equal(t, d.ID, conf.DraftID)

	// A failure writes nothing: a number already taken.
	e := *draft(t, db)
	e.Terminal, e.Status, e.Number = "KRKASA1", pos.StatusConfirmed, c.Number
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, &e))
	require.Error(t, db.ConfirmDraft(ctx, testTime, app.OpMeta{Operator: "ANNA"}, 0, &e))
	_, err = db.LocalDraft(ctx, e.ID)
	require.NoError(t, err, "still parked")
	assert.Len(t, outboxOps(t, db, e.ID), 1)

	u := *draft(t, db)
	assert.Equal(t, "error.action_status", errKeyOf(t, db.ConfirmDraft(ctx, testTime, app.OpMeta{}, 0, &u)))

	// A local draft no longer here (its put acknowledged) is the service's.
	gone := *draft(t, db)
	gone.Terminal, gone.Status = "KRKASA1", pos.StatusConfirmed
	assert.Equal(t, "drafts.lease_lost", errKeyOf(t, db.ConfirmDraft(ctx, testTime, app.OpMeta{}, 0, &gone)))
	_, err = db.Document(ctx, gone.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "nothing written")
	assert.Empty(t, outboxOps(t, db, gone.ID))
}

func TestDeleteLocalDraft(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))
	require.NoError(t, db.DeleteLocalDraft(ctx, d.ID))
	assert.Empty(t, outboxOps(t, db, d.ID))
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(db.DeleteLocalDraft(ctx, d.ID)))
}

func TestTerminals(t *testing.T) {
	db, _ := openTest(t)
	ts, err := db.Terminals(context.Background())
	require.NoError(t, err)
	var codes []string
	for _, tm := range ts {
		codes = append(codes, tm.Code)
	}
	assert.Equal(t, []string{"KRKASA1", "KRPOS2", "KRPOS3", "KRPOS4"}, codes)
}
