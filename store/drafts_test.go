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
	d.DeliveryPoint, d.HandledBy = "WH-KRK", "ANNA"
	d.DeliveryDate = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))

	got, err := db.LocalDraft(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, d.BarcodeNo, got.BarcodeNo)
	rows, err := db.LocalDrafts(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, app.DraftSummary{ID: d.ID, Kind: pos.KindOrder, BarcodeNo: d.BarcodeNo, IssuedAt: testTime,
		ModifiedAt: testTime, Gross: 4999, Net: 4166, Seller: "MARC", Terminal: "KRPOS3", Local: true,
		DraftParties: app.DraftParties{Customer: "UNDEF", DeliveryPoint: "WH-KRK", HandledBy: "ANNA",
			DeliveryDate: d.DeliveryDate}}, rows[0], "with the per-type list's fields (R-D6)")

	ops := outboxOps(t, db, d.ID)
	require.Len(t, ops, 1)
	assert.Equal(t, protocol.OpDraftPut, ops[0].Kind, "the store's kind is the protocol's")
	var put protocol.DraftPut
	require.NoError(t, json.Unmarshal(ops[0].Payload, &put), "the payload is the protocol's DraftPut")
	assert.Equal(t, "MARC", put.Operator)
	assert.Equal(t, d.BarcodeNo, put.Document.BarcodeNo, "pushed with the same barcode number")

	// Parked again before it was sent: its first put may be on its way (the
	// agent reads the outbox without marking it), so it stays, and the
	// latest state follows it.
	d.Lines[0].Qty = pos.Units(2)
	require.NoError(t, db.ParkDraft(ctx, testTime.Add(time.Minute), "KRPOS3", app.OpMeta{Operator: "MARC"}, 7, d))
	ops = outboxOps(t, db, d.ID)
	require.Len(t, ops, 2)
	require.NoError(t, json.Unmarshal(ops[0].Payload, &put))
	assert.Equal(t, pos.Units(1), put.Document.Lines[0].Qty, "the first put as it was queued")
	require.NoError(t, json.Unmarshal(ops[1].Payload, &put))
	assert.Equal(t, pos.Units(2), put.Document.Lines[0].Qty)
	assert.Equal(t, int64(7), put.LeaseToken)
	assert.Equal(t, int64(7), ops[1].LockToken, "the operation's token agrees with the payload's")

	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{Acked: []string{ops[0].ID, ops[1].ID}}, testTime))
	_, err = db.LocalDraft(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "acknowledged: the draft store holds it now")
	assert.Empty(t, outboxOps(t, db, d.ID))
}

// A draft continued from the service under lease 7 and parked here keeps the
// token: parked again from the local drafts (lease 0), its put still carries
// 7, which the service asks of a draft once opened.
func TestALocalDraftKeepsItsLeaseToken(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 7, d))
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))
	token, err := db.LocalDraftLease(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(7), token)
	ops := outboxOps(t, db, d.ID)
	require.Len(t, ops, 2)
	var put protocol.DraftPut
	require.NoError(t, json.Unmarshal(ops[1].Payload, &put))
	assert.Equal(t, int64(7), put.LeaseToken)
	assert.Equal(t, int64(7), ops[1].LockToken)

	_, err = db.LocalDraftLease(ctx, "nope")
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
}

func TestAnOlderPutAcknowledgedKeepsADraftParkedAgain(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))
	sent, err := db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	require.Len(t, sent, 1)
	// Parked again while the first put was on its way: a second put follows it.
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 0, d))
	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{Acked: []string{sent[0].ID}}, testTime))
	_, err = db.LocalDraft(ctx, d.ID)
	require.NoError(t, err, "the newer put still waits, so the draft stays local")
	ops := outboxOps(t, db, d.ID)
	require.Len(t, ops, 1, "the first put is settled by its acknowledgement")
	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{Acked: []string{ops[0].ID}}, testTime))
	_, err = db.LocalDraft(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "the newest put acknowledged")
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

func TestConfirmDraftIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 5, d))

	c := *d
	c.Terminal, c.Status = "KRKASA1", pos.StatusConfirmed
	require.NoError(t, db.ConfirmDraft(ctx, testTime, app.OpMeta{Operator: "ANNA"}, 0, &c))
	assert.Equal(t, "COMC/1/2026/KRKASA1", c.Number, "the confirming terminal's series")
	assert.Equal(t, d.BarcodeNo, c.BarcodeNo, "the draft's barcode number stays")
	stored, err := db.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusConfirmed, stored.Status)
	_, err = db.LocalDraft(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))

	ops := outboxOps(t, db, d.ID)
	require.Len(t, ops, 3)
	assert.Equal(t, OpDraftPut, ops[0].Kind, "the waiting put stays first: it may be on its way")
	assert.Equal(t, OpDocumentSave, ops[1].Kind, "the document before the confirmation")
	assert.Equal(t, protocol.OpDraftConfirm, ops[2].Kind)
	assert.Equal(t, int64(5), ops[2].LockToken, "a local draft's confirmation carries the token it keeps")
	assert.Equal(t, "ANNA", ops[2].Operator)
	var conf protocol.DraftConfirm
	require.NoError(t, json.Unmarshal(ops[2].Payload, &conf))
	assert.Equal(t, d.ID, conf.DraftID)

	// A draft from the service (never parked here) carries its lease.
	s := *draft(t, db)
	s.Terminal, s.Status = "KRKASA1", pos.StatusConfirmed
	require.NoError(t, db.ConfirmDraft(ctx, testTime, app.OpMeta{Operator: "ANNA"}, 42, &s))
	ops = outboxOps(t, db, s.ID)
	require.Len(t, ops, 2)
	assert.Equal(t, int64(42), ops[1].LockToken, "the lease travels as the token")

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

// A draft confirmed here is never stored a second time: that would renumber
// the confirmed order. Confirming it again is refused while its draft.confirm
// waits, once it was acknowledged, and also after the order went back to
// Unconfirmed with its confirmation still queued.
func TestADraftIsConfirmedOnceHere(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.CheckDraftNotConfirmed(ctx, d.ID), "nothing here yet")
	first := *d
	first.Terminal, first.Status = "KRKASA1", pos.StatusConfirmed
	require.NoError(t, db.ConfirmDraft(ctx, testTime, app.OpMeta{Operator: "ANNA"}, 3, &first))
	require.Equal(t, "COMC/1/2026/KRKASA1", first.Number)

	again := *d
	again.Terminal, again.Status = "KRKASA1", pos.StatusConfirmed
	err := db.ConfirmDraft(ctx, testTime, app.OpMeta{Operator: "ANNA"}, 4, &again)
	assert.Equal(t, "drafts.already_confirmed", errKeyOf(t, err))
	e, _ := pos.AsError(err)
	assert.Equal(t, "COMC/1/2026/KRKASA1", e.Args["Number"], "the message names the order")
	stored, err := db.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "COMC/1/2026/KRKASA1", stored.Number, "not renumbered")
	assert.Len(t, outboxOps(t, db, d.ID), 2, "nothing more queued")

	// Back to Unconfirmed (the order reopened) with its draft.confirm still
	// queued: still confirmed here as a draft.
	stored.Status = pos.StatusUnconfirmed
	require.NoError(t, db.SaveDocuments(ctx, testTime, app.OpMeta{Operator: "ANNA"}, &stored))
	assert.Equal(t, "drafts.already_confirmed", errKeyOf(t, db.CheckDraftNotConfirmed(ctx, d.ID)))

	// Acknowledged, the draft.confirm is gone; the confirmed document says it.
	c := *draft(t, db)
	c.Terminal, c.Status = "KRKASA1", pos.StatusConfirmed
	require.NoError(t, db.ConfirmDraft(ctx, testTime, app.OpMeta{Operator: "ANNA"}, 3, &c))
	var acked []string
	for _, op := range outboxOps(t, db, c.ID) {
		acked = append(acked, op.ID)
	}
	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{Acked: acked}, testTime))
	assert.Equal(t, "drafts.already_confirmed", errKeyOf(t, db.CheckDraftNotConfirmed(ctx, c.ID)))
}

// Deleting a local draft queues its draft.delete after its puts, which stay:
// one may already be on its way, and the deletion removes what it creates.
func TestDeleteLocalDraftQueuesItsDeletion(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := draft(t, db)
	require.NoError(t, db.ParkDraft(ctx, testTime, "KRPOS3", app.OpMeta{Operator: "MARC"}, 9, d))
	require.NoError(t, db.DeleteLocalDraft(ctx, testTime, app.OpMeta{Operator: "GIULIA"}, d.ID))
	_, err := db.LocalDraft(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
	ops := outboxOps(t, db, d.ID)
	require.Len(t, ops, 2)
	assert.Equal(t, protocol.OpDraftPut, ops[0].Kind)
	assert.Equal(t, protocol.OpDraftDelete, ops[1].Kind, "the store's kind is the protocol's")
	assert.Equal(t, "GIULIA", ops[1].Operator, "who deletes it, whose right the service checks")
	assert.Equal(t, int64(9), ops[1].LockToken, "the draft's lease token")
	var del protocol.DraftConfirm
	require.NoError(t, json.Unmarshal(ops[1].Payload, &del))
	assert.Equal(t, d.ID, del.DraftID)

	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(db.DeleteLocalDraft(ctx, testTime, app.OpMeta{}, d.ID)))
	assert.Len(t, outboxOps(t, db, d.ID), 2, "nothing queued for a draft not here")
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
