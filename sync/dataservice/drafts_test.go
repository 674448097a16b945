package dataservice

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/protocol"
)

// draftDoc builds an unconfirmed order parked by ANNA, with the seq-th barcode
// number of terminal number 3 (KRPOS3).
func draftDoc(tb testing.TB, kind pos.Kind, seq int64) pos.Document {
	tb.Helper()
	d := order("KRPOS3")
	d.Kind, d.Status = kind, pos.StatusUnconfirmed
	n, err := pos.NewDocNumber(kind, 3, seq)
	require.NoError(tb, err)
	d.BarcodeNo = n
	return d
}

// putDraft parks d as term on behalf of operator and returns the status, the
// answer and the error.
func (e *env) putDraft(tb testing.TB, term, operator string, token int64, d pos.Document) (int, protocol.DraftAnswer, protocol.Error) {
	tb.Helper()
	var ans protocol.DraftAnswer
	status, perr := e.call(tb, http.MethodPut, protocol.DraftPath(d.ID), term,
		protocol.DraftPut{Operator: operator, LeaseToken: token, Document: d}, &ans)
	return status, ans, perr
}

func (e *env) openDraft(tb testing.TB, term, operator, id string) (int, protocol.DraftLease, protocol.Error) {
	tb.Helper()
	var l protocol.DraftLease
	status, perr := e.call(tb, http.MethodPost, protocol.DraftOpenPath(id), term, protocol.DraftOpen{Operator: operator}, &l)
	return status, l, perr
}

// draftOp wraps a payload in a draft operation.
func draftOp(tb testing.TB, kind, operator string, payload any, token int64) protocol.Op {
	tb.Helper()
	data, err := json.Marshal(payload)
	require.NoError(tb, err)
	return protocol.Op{ID: uuid.NewString(), Kind: kind, Operator: operator, Payload: data, LockToken: token}
}

func TestDraftPutRefusesWhatCannotBeParked(t *testing.T) {
	e := startService(t)
	cases := map[string]struct {
		edit func(*pos.Document)
		code pos.Code
		key  string
	}{
		"a receipt": {func(d *pos.Document) {
			d.Kind = pos.KindReceipt
			d.BarcodeNo, _ = pos.NewDocNumber(pos.KindReceipt, 3, 1)
		}, pos.CodeInvalid, "drafts.kind_invalid"},
		"no barcode number":      {func(d *pos.Document) { d.BarcodeNo = "" }, pos.CodeInvalid, "error.docnumber_invalid"},
		"a wrong check digit":    {func(d *pos.Document) { d.BarcodeNo = d.BarcodeNo[:19] + pos.DocNumber('0'+(d.BarcodeNo[19]-'0'+1)%10) }, pos.CodeInvalid, "error.docnumber_invalid"},
		"a quote's barcode":      {func(d *pos.Document) { d.BarcodeNo, _ = pos.NewDocNumber(pos.KindQuote, 3, 1) }, pos.CodeInvalid, "error.docnumber_invalid"},
		"a negative quantity":    {func(d *pos.Document) { d.Lines[0].Qty = -1 }, pos.CodeInvalid, "error.quantity_negative"},
		"another center":         {func(d *pos.Document) { d.Center = "LYON" }, pos.CodeForbidden, "drafts.center_mismatch"},
		"an unknown operator":    {func(d *pos.Document) { d.Operator = "NOBODY" }, pos.CodeForbidden, "error.operator_unknown"},
		"a quote by a cashier":   {func(d *pos.Document) { d.Kind = pos.KindQuote; d.BarcodeNo, _ = pos.NewDocNumber(pos.KindQuote, 3, 1) }, pos.CodeForbidden, "error.right_missing"},
		"an oversized reference": {func(d *pos.Document) { d.Reference = string(make([]byte, 300)) }, pos.CodeInvalid, "error.text_invalid"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			d := draftDoc(t, pos.KindOrder, 1)
			c.edit(&d)
			status, _, perr := e.putDraft(t, "KRPOS3", d.Operator, 0, d)
			assert.Equal(t, protocol.HTTPStatus(c.code), status)
			assert.Equal(t, c.code, perr.Code)
			assert.Equal(t, c.key, perr.Key, perr.Message)
		})
	}
	list, err := e.svc.Drafts(context.Background(), pos.Terminal{Code: "KRPOS3", Center: demo.Center}, DraftQuery{Limit: 10})
	require.NoError(t, err)
	assert.Empty(t, list.Drafts, "nothing was stored")

	// The path names the document it carries.
	d := draftDoc(t, pos.KindOrder, 2)
	status, perr := e.call(t, http.MethodPut, protocol.DraftPath(uuid.NewString()), "KRPOS3",
		protocol.DraftPut{Operator: "ANNA", Document: d}, nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "error.request_invalid", perr.Key)

	// A barcode number belongs to one live draft.
	require.Equal(t, http.StatusOK, statusOf(e.putDraft(t, "KRPOS3", "ANNA", 0, d)))
	twin := draftDoc(t, pos.KindOrder, 2)
	status, _, perr = e.putDraft(t, "KRPOS3", "ANNA", 0, twin)
	assert.Equal(t, http.StatusConflict, status)
	assert.Equal(t, "drafts.barcode_taken", perr.Key)

	// Kind, barcode number and center of a stored draft never change.
	moved := d
	moved.BarcodeNo, _ = pos.NewDocNumber(pos.KindOrder, 3, 9)
	status, _, perr = e.putDraft(t, "KRPOS3", "ANNA", 0, moved)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "drafts.immutable", perr.Key)
}

// statusOf keeps the status of a call's results.
func statusOf(status int, _ ...any) int { return status }

// TestDraftPutWithoutTokenOnlyByItsCreatorUntilOpened: a put retried after a
// lost answer is accepted; once another terminal opened the draft, a put
// without a token is refused.
func TestDraftPutWithoutTokenOnlyByItsCreatorUntilOpened(t *testing.T) {
	e := startService(t)
	d := draftDoc(t, pos.KindOrder, 1)
	_, a1, _ := e.putDraft(t, "KRPOS3", "ANNA", 0, d)
	status, a2, _ := e.putDraft(t, "KRPOS3", "ANNA", 0, d)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, a1.Draft.TempNumber, a2.Draft.TempNumber)
	assert.Equal(t, int64(2), a2.Draft.Version)

	status, _, perr := e.putDraft(t, "KRPOS2", "ANNA", 0, d)
	assert.Equal(t, http.StatusConflict, status, "not KRPOS2's draft")
	assert.Equal(t, pos.MsgLockedElsewhere, perr.Key)

	status, l, _ := e.openDraft(t, "KRPOS2", "ANNA", d.ID)
	require.Equal(t, http.StatusOK, status)
	status, _, perr = e.putDraft(t, "KRPOS3", "ANNA", 0, d)
	assert.Equal(t, http.StatusConflict, status, "opened from the store: it needs its lease")
	assert.Equal(t, pos.CodeConflict, perr.Code)

	// The holder saves under its lease, also after the lease ran out while
	// nobody opened it since; the save releases the lease.
	e.clock.Advance(protocol.DefaultLease + time.Second)
	d.Reference = "saved late, nobody else opened it"
	status, a3, _ := e.putDraft(t, "KRPOS2", "ANNA", l.Token, d)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "KRPOS2", a3.Draft.Terminal, "the terminal of the last modification")
	assert.Empty(t, a3.Draft.EditedBy)
	assert.Equal(t, "ANNA", a3.Draft.Seller)
	var rel protocol.UnlockAnswer
	require.Equal(t, http.StatusOK, statusOf(e.call(t, http.MethodPost, protocol.DraftReleasePath(d.ID), "KRPOS2",
		protocol.TokenRequest{Token: l.Token}, &rel)))
	assert.False(t, rel.Released, "the save released it")
}

// TestDraftsOfAnotherCenterAreNotFound: a terminal of Lyon neither sees nor
// touches the drafts of XYZ, and learns nothing of them.
func TestDraftsOfAnotherCenterAreNotFound(t *testing.T) {
	e := startService(t)
	ctx := context.Background()
	require.NoError(t, e.svc.LoadMasterData(ctx, pos.MasterData{Terminals: []pos.Terminal{{Code: "LYKASA1", Number: 50, Center: "LYON"}}}))
	require.NoError(t, e.svc.SetTerminalSecret(ctx, "LYKASA1", secretOf("LYKASA1")))
	d := draftDoc(t, pos.KindOrder, 1)
	require.Equal(t, http.StatusOK, statusOf(e.putDraft(t, "KRPOS3", "ANNA", 0, d)))

	var list protocol.DraftList
	require.Equal(t, http.StatusOK, statusOf(e.call(t, http.MethodGet, protocol.PathDrafts+"?q="+string(d.BarcodeNo), "LYKASA1", nil, &list)))
	assert.Empty(t, list.Drafts)
	status, _, perr := e.openDraft(t, "LYKASA1", "GIULIA", d.ID)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, pos.CodeNotFound, perr.Code)
	lyon := d
	lyon.Center = "LYON"
	status, _, _ = e.putDraft(t, "LYKASA1", "GIULIA", 0, lyon)
	assert.Equal(t, http.StatusNotFound, status)
	sameNumber := lyon
	sameNumber.ID = uuid.NewString()
	status, _, perr = e.putDraft(t, "LYKASA1", "GIULIA", 0, sameNumber)
	assert.Equal(t, http.StatusOK, status, "XYZ's number is not taken in Lyon: %v", perr)
	status, _ = e.call(t, http.MethodPost, protocol.DraftDeletePath(d.ID), "LYKASA1", protocol.DraftDelete{Operator: "GIULIA"}, nil)
	assert.Equal(t, http.StatusNotFound, status)
	r := e.push(t, "LYKASA1", draftOp(t, protocol.OpDraftConfirm, "GIULIA", protocol.DraftConfirm{DraftID: d.ID}, 0))[0]
	require.NotNil(t, r.Error)
	assert.Equal(t, pos.CodeNotFound, r.Error.Code)
	status, _, _ = e.openDraft(t, "KRKASA1", "ANNA", d.ID)
	assert.Equal(t, http.StatusOK, status, "still there for its own center")
}

// TestDraftConfirmationWinsOverAnotherTerminalsLease: KRKASA1 confirms a
// draft KRPOS2 is editing; the draft leaves the store, and KRPOS2's save
// finds it gone.
func TestDraftConfirmationWinsOverAnotherTerminalsLease(t *testing.T) {
	e := startService(t)
	d := draftDoc(t, pos.KindOrder, 1)
	require.Equal(t, http.StatusOK, statusOf(e.putDraft(t, "KRPOS3", "ANNA", 0, d)))
	_, l1, _ := e.openDraft(t, "KRKASA1", "ANNA", d.ID)
	e.clock.Advance(protocol.DefaultLease + time.Second) // KRKASA1's lease runs out while it confirms offline
	status, l2, _ := e.openDraft(t, "KRPOS2", "ANNA", d.ID)
	require.Equal(t, http.StatusOK, status)

	r := e.push(t, "KRKASA1", draftOp(t, protocol.OpDraftConfirm, "ANNA", protocol.DraftConfirm{DraftID: d.ID}, l1.Token))[0]
	require.Equal(t, protocol.StatusApplied, r.Status, r.Error)
	assert.Equal(t, int64(1), r.Version)

	status, _, perr := e.putDraft(t, "KRPOS2", "ANNA", l2.Token, d)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, pos.CodeNotFound, perr.Code)
	status, _, _ = e.putDraft(t, "KRPOS3", "ANNA", 0, d)
	assert.Equal(t, http.StatusNotFound, status, "a late save never brings a confirmed draft back")
	status, _ = e.call(t, http.MethodPost, protocol.DraftRenewPath(d.ID), "KRPOS2", protocol.TokenRequest{Token: l2.Token}, nil)
	assert.Equal(t, http.StatusNotFound, status)

	// A confirmation of a draft already gone has nothing left to do.
	r = e.push(t, "KRPOS2", draftOp(t, protocol.OpDraftConfirm, "ANNA", protocol.DraftConfirm{DraftID: d.ID}, l2.Token))[0]
	assert.Equal(t, protocol.StatusApplied, r.Status, r.Error)
}

// TestDraftOperationEnvelopeMustAgreeWithItsPayload: draft.put's operator and
// token travel twice; they must not differ.
func TestDraftOperationEnvelopeMustAgreeWithItsPayload(t *testing.T) {
	e := startService(t)
	d := draftDoc(t, pos.KindOrder, 1)
	r := e.push(t, "KRPOS3", draftOp(t, protocol.OpDraftPut, "ANNA", protocol.DraftPut{Operator: "MARC", Document: d}, 0))[0]
	require.NotNil(t, r.Error)
	assert.Equal(t, pos.CodeInvalid, r.Error.Code)
	r = e.push(t, "KRPOS3", draftOp(t, protocol.OpDraftPut, "ANNA", protocol.DraftPut{Operator: "ANNA", LeaseToken: 2, Document: d}, 1))[0]
	require.NotNil(t, r.Error)
	assert.Equal(t, pos.CodeInvalid, r.Error.Code)
	r = e.push(t, "KRPOS3", draftOp(t, protocol.OpDraftPut, "ANNA", protocol.DraftPut{Document: d}, 0))[0]
	assert.Equal(t, protocol.StatusApplied, r.Status, r.Error)
	assert.Equal(t, d.ID, r.DocID)
}

func TestDraftEndpointsNeedASecret(t *testing.T) {
	e := startService(t)
	id := uuid.NewString()
	for _, ep := range []struct{ method, path string }{
		{http.MethodGet, protocol.PathDrafts},
		{http.MethodPut, protocol.DraftPath(id)},
		{http.MethodPost, protocol.DraftOpenPath(id)},
		{http.MethodPost, protocol.DraftRenewPath(id)},
		{http.MethodPost, protocol.DraftReleasePath(id)},
		{http.MethodPost, protocol.DraftDeletePath(id)},
	} {
		status, perr := e.call(t, ep.method, ep.path, "", struct{}{}, nil)
		assert.Equal(t, http.StatusUnauthorized, status, ep.path)
		assert.Equal(t, pos.CodeUnauthorized, perr.Code, ep.path)
	}
}

// confirmedDraft is draft d as term confirms it: Confirmed, numbered in
// term's series, term's own (app.Drafts.Confirm).
func confirmedDraft(d pos.Document, term string) pos.Document {
	c := d
	c.Status, c.Terminal, c.Number = pos.StatusConfirmed, term, "COMC/1/2026/"+term
	return c
}

// TestConfirmingAnotherSellersDraftNeedsTheRightOnTheDocumentToo: R-D4 holds
// on the document.save that carries a confirmation, not only on the
// draft.confirm after it. PIOTR (a trainee) confirming MARC's draft by hand
// gets both refused; ANNA, who may, then confirms it.
func TestConfirmingAnotherSellersDraftNeedsTheRightOnTheDocumentToo(t *testing.T) {
	e := startService(t)
	d := draftDoc(t, pos.KindOrder, 1)
	d.Operator = "MARC"
	require.Equal(t, http.StatusOK, statusOf(e.putDraft(t, "KRPOS3", "MARC", 0, d)))

	byPiotr := confirmedDraft(d, "KRKASA1")
	byPiotr.Reference = "Piotr's"
	rs := e.push(t, "KRKASA1", saveOp(t, "PIOTR", byPiotr, 0),
		draftOp(t, protocol.OpDraftConfirm, "PIOTR", protocol.DraftConfirm{DraftID: d.ID}, 0))
	for _, r := range rs {
		require.Equal(t, protocol.StatusRejected, r.Status)
		assert.Equal(t, pos.CodeForbidden, r.Error.Code)
		assert.Equal(t, "error.right_missing", r.Error.Key)
	}
	_, _, err := e.svc.Document(context.Background(), d.ID)
	assert.True(t, isCode(err, pos.CodeNotFound), "nothing applied")

	byAnna := confirmedDraft(d, "KRKASA1")
	rs = e.push(t, "KRKASA1", saveOp(t, "ANNA", byAnna, 0),
		draftOp(t, protocol.OpDraftConfirm, "ANNA", protocol.DraftConfirm{DraftID: d.ID}, 0))
	for _, r := range rs {
		assert.Equal(t, protocol.StatusApplied, r.Status, r.Error)
	}
	stored, _, err := e.svc.Document(context.Background(), d.ID)
	require.NoError(t, err)
	assert.Empty(t, stored.Reference, "ANNA's confirmation stands")

	// A draft of another center is not this terminal's to confirm.
	ctx := context.Background()
	require.NoError(t, e.svc.LoadMasterData(ctx, pos.MasterData{Terminals: []pos.Terminal{{Code: "LYKASA1", Number: 50, Center: "LYON"}}}))
	require.NoError(t, e.svc.SetTerminalSecret(ctx, "LYKASA1", secretOf("LYKASA1")))
	other := draftDoc(t, pos.KindOrder, 2)
	require.Equal(t, http.StatusOK, statusOf(e.putDraft(t, "KRPOS3", "ANNA", 0, other)))
	inLyon := confirmedDraft(other, "LYKASA1")
	inLyon.Center = "LYON"
	r := e.push(t, "LYKASA1", saveOp(t, "GIULIA", inLyon, 0))[0]
	require.Equal(t, protocol.StatusRejected, r.Status)
	assert.Equal(t, pos.CodeForbidden, r.Error.Code)
}

// TestAGoneDraftNeverComesBack: a draft.confirm or draft.delete of a draft the
// service never received leaves a tombstone, so that its put coming later
// cannot create it again for another till to confirm a second time.
func TestAGoneDraftNeverComesBack(t *testing.T) {
	e := startService(t)
	for i, kind := range []string{protocol.OpDraftConfirm, protocol.OpDraftDelete} {
		t.Run(kind, func(t *testing.T) {
			d := draftDoc(t, pos.KindOrder, int64(i+1))
			r := e.push(t, "KRPOS3", draftOp(t, kind, "ANNA", protocol.DraftConfirm{DraftID: d.ID}, 0))[0]
			require.Equal(t, protocol.StatusApplied, r.Status, r.Error)

			r = e.push(t, "KRPOS3", draftOp(t, protocol.OpDraftPut, "ANNA", protocol.DraftPut{Document: d}, 0))[0]
			require.Equal(t, protocol.StatusRejected, r.Status)
			assert.Equal(t, pos.CodeNotFound, r.Error.Code)
			assert.Equal(t, "drafts.gone", r.Error.Key)
			status, _, perr := e.putDraft(t, "KRPOS2", "ANNA", 0, d)
			assert.Equal(t, http.StatusNotFound, status)
			assert.Equal(t, "drafts.gone", perr.Key)
			list, err := e.svc.Drafts(context.Background(), pos.Terminal{Code: "KRPOS3", Center: demo.Center}, DraftQuery{Limit: 10})
			require.NoError(t, err)
			assert.Empty(t, list.Drafts, "a tombstone is not listed")
		})
	}
}

// TestQueuedDraftDeleteFollowsTheRulesOfDelete: draft.delete, the deletion
// made on a till and queued, checks what [Delete] checks (R-D4, the lease)
// and is idempotent.
func TestQueuedDraftDeleteFollowsTheRulesOfDelete(t *testing.T) {
	e := startService(t)
	d := draftDoc(t, pos.KindOrder, 1)
	d.Operator = "MARC"
	require.Equal(t, http.StatusOK, statusOf(e.putDraft(t, "KRPOS3", "MARC", 0, d)))
	del := func(term, operator string, token int64) protocol.OpResult {
		return e.push(t, term, draftOp(t, protocol.OpDraftDelete, operator, protocol.DraftConfirm{DraftID: d.ID}, token))[0]
	}

	r := del("KRKASA1", "PIOTR", 0)
	require.Equal(t, protocol.StatusRejected, r.Status, "a trainee may not delete MARC's draft")
	assert.Equal(t, "error.right_missing", r.Error.Key)

	_, l2, _ := e.openDraft(t, "KRPOS2", "ANNA", d.ID)
	r = del("KRKASA1", "ANNA", 0)
	require.Equal(t, protocol.StatusRejected, r.Status, "KRPOS2 is editing it")
	assert.Equal(t, pos.CodeLocked, r.Error.Code)
	assert.Equal(t, "drafts.edited_elsewhere", r.Error.Key)
	e.clock.Advance(protocol.DefaultLease + time.Second)
	_, l1, _ := e.openDraft(t, "KRKASA1", "ANNA", d.ID)
	r = del("KRPOS2", "ANNA", l2.Token)
	require.Equal(t, protocol.StatusRejected, r.Status, "opened on KRKASA1 since")
	assert.Equal(t, pos.CodeLocked, r.Error.Code)

	op := draftOp(t, protocol.OpDraftDelete, "ANNA", protocol.DraftConfirm{DraftID: d.ID}, l1.Token)
	r = e.push(t, "KRKASA1", op)[0]
	require.Equal(t, protocol.StatusApplied, r.Status, r.Error)
	status, _, perr := e.openDraft(t, "KRPOS3", "MARC", d.ID)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "drafts.gone", perr.Key)
	assert.Equal(t, protocol.StatusDuplicate, e.push(t, "KRKASA1", op)[0].Status)
	assert.Equal(t, protocol.StatusApplied, del("KRPOS3", "MARC", 0).Status, "deleting a draft gone changes nothing")
	assert.Equal(t, http.StatusNotFound, statusOf(e.putDraft(t, "KRPOS3", "MARC", 0, d)))

	// A stale token: opened elsewhere since, the operator would delete work
	// they have not seen.
	other := draftDoc(t, pos.KindOrder, 2)
	require.Equal(t, http.StatusOK, statusOf(e.putDraft(t, "KRPOS3", "ANNA", 0, other)))
	_, first, _ := e.openDraft(t, "KRPOS2", "ANNA", other.ID)
	_, _, _ = e.openDraft(t, "KRPOS2", "ANNA", other.ID)
	r = e.push(t, "KRPOS2", draftOp(t, protocol.OpDraftDelete, "ANNA", protocol.DraftConfirm{DraftID: other.ID}, first.Token))[0]
	require.Equal(t, protocol.StatusRejected, r.Status)
	assert.Equal(t, pos.CodeConflict, r.Error.Code)
	assert.Equal(t, pos.MsgLockedElsewhere, r.Error.Key)
}

// TestDraftSummariesCarryTheOrdersListFields: the list, a put's answer and an
// open's lease carry what the per-type list of parked quotes and orders shows
// (R-D6: the orders list's columns), read from the stored document; a draft
// that has none of them lists them empty.
func TestDraftSummariesCarryTheOrdersListFields(t *testing.T) {
	e := startService(t)
	d := draftDoc(t, pos.KindOrder, 1)
	d.Recipient, d.DeliveryPoint, d.HandledBy = "C0002", "HOME/C0002/added", "BRUNO"
	d.DeliveryAddress = &pos.Address{Street: "12 rue Neuve", Postcode: "69001", City: "Lyon"}
	d.DeliveryDate = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	bare := draftDoc(t, pos.KindOrder, 2)
	bare.Customer = ""

	check := func(what string, s protocol.DraftSummary) {
		t.Helper()
		assert.Equal(t, "C0001", s.Customer, what)
		assert.Equal(t, "C0002", s.Recipient, what)
		assert.Equal(t, "HOME/C0002/added", s.DeliveryPoint, what)
		assert.Equal(t, d.DeliveryAddress, s.DeliveryAddress, what)
		assert.True(t, d.DeliveryDate.Equal(s.DeliveryDate), what)
		assert.Equal(t, "BRUNO", s.HandledBy, what)
	}
	status, ans, perr := e.putDraft(t, "KRPOS3", "ANNA", 0, d)
	require.Equal(t, http.StatusOK, status, perr.Message)
	check("put", ans.Draft)
	require.Equal(t, http.StatusOK, statusOf(e.putDraft(t, "KRPOS3", "ANNA", 0, bare)))

	var list protocol.DraftList
	status, perr = e.call(t, http.MethodGet, protocol.PathDrafts, "KRPOS3", nil, &list)
	require.Equal(t, http.StatusOK, status, perr.Message)
	require.Len(t, list.Drafts, 2)
	byID := map[string]protocol.DraftSummary{}
	for _, s := range list.Drafts {
		byID[s.ID] = s
	}
	check("list", byID[d.ID])
	assert.Equal(t, protocol.DraftSummary{ID: bare.ID, Kind: bare.Kind, BarcodeNo: bare.BarcodeNo,
		TempNumber: byID[bare.ID].TempNumber, IssuedAt: bare.IssuedAt, ModifiedAt: byID[bare.ID].ModifiedAt,
		Gross: 4999, Net: byID[bare.ID].Net, Seller: "ANNA", Terminal: "KRPOS3", Version: 1}, byID[bare.ID],
		"a draft without them lists them empty")

	status, lease, perr := e.openDraft(t, "KRPOS3", "ANNA", d.ID)
	require.Equal(t, http.StatusOK, status, perr.Message)
	require.NotNil(t, lease.Draft)
	check("open", *lease.Draft)
}
