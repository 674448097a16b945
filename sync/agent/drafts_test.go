package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// draftTerminalNo are the demo terminals' numbers, for barcode numbers.
var draftTerminalNo = map[string]int{"KRKASA1": 1, "KRPOS2": 2, "KRPOS3": 3, "KRPOS4": 4}

// newDraft builds an unconfirmed document of kind made on terminal by seller,
// with the seq-th barcode number of that terminal.
func newDraft(tb testing.TB, kind pos.Kind, terminal, seller string, seq int64) pos.Document {
	tb.Helper()
	d := newOrder(terminal, 1)
	d.ID, d.Kind, d.Operator = uuid.NewString(), kind, seller
	n, err := pos.NewDocNumber(kind, draftTerminalNo[terminal], seq)
	require.NoError(tb, err)
	d.BarcodeNo = n
	return *d
}

// draftAgents starts a service and returns an agent (without a store) for
// each named terminal.
func draftAgents(tb testing.TB, o worldOpts, terminals ...string) (*world, map[string]*Agent) {
	tb.Helper()
	w := startWorld(tb, o)
	agents := map[string]*Agent{}
	for _, term := range terminals {
		agents[term] = newAgent(tb, w.url, term, nil, w.clock, fastOptions(), ClientOptions{})
	}
	return w, agents
}

// editedElsewhere checks err is the refusal of R-D3 naming holder.
func editedElsewhere(tb testing.TB, err error, holder string) {
	tb.Helper()
	pe, ok := pos.AsError(err)
	require.True(tb, ok, "want a pos.Error, got %v", err)
	assert.Equal(tb, pos.CodeLocked, pe.Code)
	assert.Equal(tb, "drafts.edited_elsewhere", pe.Key)
	assert.Equal(tb, holder, pe.Args["Terminal"])
	assert.Equal(tb, holder, pe.Args["Holder"])
}

// TestDraftOpenRaceHasOneWinner: two terminals open the same draft at once,
// 50 times over; each time exactly one gets the lease and the other is told
// which terminal won.
func TestDraftOpenRaceHasOneWinner(t *testing.T) {
	_, ag := draftAgents(t, worldOpts{}, "KRPOS3", "KRKASA1", "KRPOS2")
	ctx := context.Background()
	d := newDraft(t, pos.KindOrder, "KRPOS3", "MARC", 1)
	_, err := ag["KRPOS3"].PutDraft(ctx, "MARC", 0, d)
	require.NoError(t, err)

	racers := []string{"KRKASA1", "KRPOS2"}
	wins := map[string]int{}
	for range 50 {
		var wg sync.WaitGroup
		start := make(chan struct{})
		leases := make([]app.DraftLease, len(racers))
		errs := make([]error, len(racers))
		for i, term := range racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				leases[i], errs[i] = ag[term].OpenDraft(ctx, d.ID, "GIULIA")
			}()
		}
		close(start)
		wg.Wait()
		var winner, loser int
		switch {
		case errs[0] == nil && errs[1] != nil:
			winner, loser = 0, 1
		case errs[1] == nil && errs[0] != nil:
			winner, loser = 1, 0
		default:
			t.Fatalf("want exactly one winner: %v / %v", errs[0], errs[1])
		}
		editedElsewhere(t, errs[loser], racers[winner])
		wins[racers[winner]]++
		l := leases[winner]
		assert.Equal(t, d.ID, l.Document.ID)
		assert.Equal(t, racers[winner], l.Summary.EditedBy)
		require.NoError(t, ag[racers[winner]].ReleaseDraft(ctx, l))
	}
	t.Logf("wins: %v", wins)
}

// TestDraftCrashedHolderIsFencedOut: the holder stops renewing (it crashed);
// while its lease runs the draft stays its own; once the lease ran out on the
// service's clock another terminal opens it, and the old holder's late save
// and renewal are refused.
func TestDraftCrashedHolderIsFencedOut(t *testing.T) {
	w, ag := draftAgents(t, worldOpts{lease: 5 * time.Second}, "KRPOS3", "KRKASA1")
	ctx := context.Background()
	d := newDraft(t, pos.KindOrder, "KRPOS3", "MARC", 1)
	_, err := ag["KRPOS3"].PutDraft(ctx, "MARC", 0, d)
	require.NoError(t, err)

	old, err := ag["KRPOS3"].OpenDraft(ctx, d.ID, "MARC")
	require.NoError(t, err)
	assert.Equal(t, 5*time.Second, old.Lease)
	renewed, err := ag["KRPOS3"].RenewDraft(ctx, old)
	require.NoError(t, err)
	assert.Equal(t, old.Token, renewed.Token)

	w.clock.Advance(4 * time.Second)
	_, err = ag["KRKASA1"].OpenDraft(ctx, d.ID, "GIULIA")
	editedElsewhere(t, err, "KRPOS3")

	w.clock.Advance(2 * time.Second) // KRPOS3 crashed: no renewal, its lease runs out
	l, err := ag["KRKASA1"].OpenDraft(ctx, d.ID, "GIULIA")
	require.NoError(t, err)
	assert.Greater(t, l.Token, old.Token)

	late := old.Document
	late.Reference = "KRPOS3's late save"
	_, err = ag["KRPOS3"].PutDraft(ctx, "MARC", old.Token, late)
	assert.Equal(t, pos.CodeConflict, pos.ErrorCode(err), "the old holder's late save is refused")
	_, err = ag["KRPOS3"].RenewDraft(ctx, old)
	editedElsewhere(t, err, "KRKASA1")
	require.NoError(t, ag["KRPOS3"].ReleaseDraft(ctx, old), "releasing a lost lease is harmless")
	err = ag["KRPOS3"].DeleteDraft(ctx, d.ID, "MARC", old.Token)
	editedElsewhere(t, err, "KRKASA1")

	doc := l.Document
	doc.Reference = "KRKASA1 continued it"
	sum, err := ag["KRKASA1"].PutDraft(ctx, "GIULIA", l.Token, doc)
	require.NoError(t, err)
	assert.Equal(t, int64(2), sum.Version)
	assert.Equal(t, "KRKASA1", sum.Terminal)
	assert.Equal(t, "MARC", sum.Seller, "the seller stays who created it")

	// The lease was released by the save: KRPOS3 may continue it now.
	again, err := ag["KRPOS3"].OpenDraft(ctx, d.ID, "MARC")
	require.NoError(t, err)
	assert.Equal(t, "KRKASA1 continued it", again.Document.Reference)
	assert.Equal(t, pos.StatusUnconfirmed, again.Document.Status)
	// An old token of the same terminal is stale too.
	_, err = ag["KRPOS3"].PutDraft(ctx, "MARC", old.Token, late)
	assert.Equal(t, pos.CodeConflict, pos.ErrorCode(err))
}

// TestDraftOfAnotherOperatorNeedsTheRight: PIOTR (trainee cashier, without
// drafts.others) can neither open, save, delete nor confirm MARC's draft,
// through the agent or by a hand-made request to the service (R-D4, R-SEC2);
// GIULIA (manager) can.
func TestDraftOfAnotherOperatorNeedsTheRight(t *testing.T) {
	w, ag := draftAgents(t, worldOpts{}, "KRPOS3", "KRKASA1")
	ctx := context.Background()
	d := newDraft(t, pos.KindOrder, "KRPOS3", "MARC", 1)
	_, err := ag["KRPOS3"].PutDraft(ctx, "MARC", 0, d)
	require.NoError(t, err)
	cashier := ag["KRKASA1"]

	forbidden := func(err error) {
		t.Helper()
		assert.Equal(t, pos.CodeForbidden, pos.ErrorCode(err), "%v", err)
		pe, _ := pos.AsError(err)
		assert.Equal(t, "error.right_missing", pe.Key)
		assert.Equal(t, string(pos.RightOthersDocuments), pe.Args["Right"])
	}
	_, err = cashier.OpenDraft(ctx, d.ID, "PIOTR")
	forbidden(err)
	err = cashier.DeleteDraft(ctx, d.ID, "PIOTR", 0)
	forbidden(err)
	_, err = cashier.PutDraft(ctx, "PIOTR", 0, d)
	forbidden(err)
	res, err := cashier.client.Push(ctx, []protocol.Op{draftOp(t, protocol.OpDraftConfirm, "PIOTR", protocol.DraftConfirm{DraftID: d.ID}, 0)})
	require.NoError(t, err)
	require.NotNil(t, res[0].Error)
	assert.Equal(t, pos.CodeForbidden, res[0].Error.Code)

	// The same refusals for a request made by hand, whatever a till shows.
	for _, path := range []string{protocol.DraftOpenPath(d.ID), protocol.DraftDeletePath(d.ID)} {
		status, perr := rawPost(t, w.url+path, "KRKASA1", `{"operator":"PIOTR"}`)
		assert.Equal(t, http.StatusForbidden, status, path)
		assert.Equal(t, pos.CodeForbidden, perr.Code, path)
	}
	list, _, err := cashier.Drafts(ctx, app.DraftFilter{})
	require.NoError(t, err)
	require.Len(t, list, 1, "still in the store")
	assert.Empty(t, list[0].EditedBy, "and nobody got its lease")

	// A manager may.
	l, err := cashier.OpenDraft(ctx, d.ID, "GIULIA")
	require.NoError(t, err)
	require.NoError(t, cashier.DeleteDraft(ctx, d.ID, "GIULIA", l.Token))
	list, _, err = cashier.Drafts(ctx, app.DraftFilter{})
	require.NoError(t, err)
	assert.Empty(t, list)
	_, err = cashier.OpenDraft(ctx, d.ID, "GIULIA")
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
}

// rawPost sends a request by hand, as a terminal, without the agent.
func rawPost(tb testing.TB, url, terminal, body string) (int, protocol.Error) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewBufferString(body))
	require.NoError(tb, err)
	req.Header.Set("Authorization", "Bearer "+secretOf(terminal))
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(tb, err)
	defer resp.Body.Close()
	var ea protocol.ErrorAnswer
	_ = json.NewDecoder(resp.Body).Decode(&ea)
	return resp.StatusCode, ea.Error
}

func draftOp(tb testing.TB, kind, operator string, payload any, token int64) protocol.Op {
	tb.Helper()
	return protocol.Op{ID: uuid.NewString(), Kind: kind, Operator: operator, Payload: mustJSON(tb, payload), LockToken: token}
}

// TestDraftTemporaryNumbersAreNeverReused: each center and kind counts on its
// own; a draft keeps its number through saves on other terminals; a deleted or
// confirmed draft's number is not given again (R-D7).
func TestDraftTemporaryNumbersAreNeverReused(t *testing.T) {
	_, ag := draftAgents(t, worldOpts{}, "KRPOS3", "KRKASA1")
	ctx := context.Background()
	a := ag["KRPOS3"]
	put := func(kind pos.Kind, seller string, seq int64) (pos.Document, app.DraftSummary) {
		t.Helper()
		d := newDraft(t, kind, "KRPOS3", seller, seq)
		s, err := a.PutDraft(ctx, seller, 0, d)
		require.NoError(t, err)
		return d, s
	}
	_, s1 := put(pos.KindOrder, "MARC", 1)
	d2, s2 := put(pos.KindOrder, "MARC", 2)
	d3, s3 := put(pos.KindOrder, "MARC", 3)
	_, q1 := put(pos.KindQuote, "MARC", 4)
	assert.Equal(t, []string{"COMC/TMP/1", "COMC/TMP/2", "COMC/TMP/3", "DEVC/TMP/1"},
		[]string{s1.TempNumber, s2.TempNumber, s3.TempNumber, q1.TempNumber})

	l, err := ag["KRKASA1"].OpenDraft(ctx, d2.ID, "GIULIA")
	require.NoError(t, err)
	s2b, err := ag["KRKASA1"].PutDraft(ctx, "GIULIA", l.Token, l.Document)
	require.NoError(t, err)
	assert.Equal(t, "COMC/TMP/2", s2b.TempNumber, "kept until confirmation")

	require.NoError(t, a.DeleteDraft(ctx, d3.ID, "MARC", 0))
	_, s5 := put(pos.KindOrder, "MARC", 5)
	assert.Equal(t, "COMC/TMP/4", s5.TempNumber, "the deleted draft's number is not given again")

	res, err := ag["KRKASA1"].client.Push(ctx, []protocol.Op{draftOp(t, protocol.OpDraftConfirm, "GIULIA",
		protocol.DraftConfirm{DraftID: d2.ID}, 0)})
	require.NoError(t, err)
	require.Equal(t, protocol.StatusApplied, res[0].Status, res[0].Error)
	_, s6 := put(pos.KindOrder, "MARC", 6)
	assert.Equal(t, "COMC/TMP/5", s6.TempNumber)
	list, _, err := a.Drafts(ctx, app.DraftFilter{})
	require.NoError(t, err)
	var temps []string
	for _, s := range list {
		temps = append(temps, s.TempNumber)
	}
	assert.ElementsMatch(t, []string{"COMC/TMP/1", "DEVC/TMP/1", "COMC/TMP/4", "COMC/TMP/5"}, temps)
}

// TestDraftPutOperationIsAppliedOnce: a draft parked offline is pushed as
// draft.put; pushed again (its answer lost), it is a duplicate: one draft,
// one version, one temporary number.
func TestDraftPutOperationIsAppliedOnce(t *testing.T) {
	_, ag := draftAgents(t, worldOpts{}, "KRPOS3")
	ctx := context.Background()
	a := ag["KRPOS3"]
	d := newDraft(t, pos.KindOrder, "KRPOS3", "ANNA", 1)
	op := draftOp(t, protocol.OpDraftPut, "ANNA", protocol.DraftPut{Operator: "ANNA", Document: d}, 0)
	first, err := a.client.Push(ctx, []protocol.Op{op})
	require.NoError(t, err)
	require.Equal(t, protocol.StatusApplied, first[0].Status, first[0].Error)
	again, err := a.client.Push(ctx, []protocol.Op{op})
	require.NoError(t, err)
	require.Equal(t, protocol.StatusDuplicate, again[0].Status)
	assert.Equal(t, &first[0], again[0].First)

	list, _, err := a.Drafts(ctx, app.DraftFilter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, int64(1), list[0].Version)
	assert.Equal(t, "COMC/TMP/1", list[0].TempNumber)
	s, err := a.PutDraft(ctx, "ANNA", 0, newDraft(t, pos.KindOrder, "KRPOS3", "ANNA", 2))
	require.NoError(t, err)
	assert.Equal(t, "COMC/TMP/2", s.TempNumber)
}

// TestDraftListFilters: the list of the center, newest modification first,
// under each drop-down filter, the text filter and a scanned barcode number,
// page by page.
func TestDraftListFilters(t *testing.T) {
	w, ag := draftAgents(t, worldOpts{}, "KRPOS3", "KRKASA1")
	ctx := context.Background()
	paris := time.FixedZone("CET", 3600)
	type spec struct {
		kind     pos.Kind
		terminal string
		seller   string
		issued   time.Time
	}
	specs := []spec{
		{pos.KindOrder, "KRPOS3", "MARC", time.Date(2026, 11, 21, 23, 30, 0, 0, time.UTC)}, // 22 Nov in Paris
		{pos.KindQuote, "KRPOS3", "MARC", time.Date(2026, 11, 21, 22, 30, 0, 0, time.UTC)}, // 21 Nov in Paris
		{pos.KindOrder, "KRKASA1", "ANNA", time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)},
		{pos.KindOrder, "KRPOS3", "GIULIA", time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)},
	}
	var docs []pos.Document
	var sums []app.DraftSummary
	for i, s := range specs {
		d := newDraft(t, s.kind, s.terminal, s.seller, int64(i+1))
		d.IssuedAt = s.issued
		sum, err := ag[s.terminal].PutDraft(ctx, s.seller, 0, d)
		require.NoError(t, err)
		docs, sums = append(docs, d), append(sums, sum)
		w.clock.Advance(time.Minute)
	}
	ids := func(f app.DraftFilter) []string {
		t.Helper()
		list, _, err := ag["KRPOS3"].Drafts(ctx, f)
		require.NoError(t, err)
		out := []string{}
		for _, s := range list {
			out = append(out, s.ID)
		}
		return out
	}
	id := func(i int) string { return docs[i].ID }
	assert.Equal(t, []string{id(3), id(2), id(1), id(0)}, ids(app.DraftFilter{}), "newest modification first")
	assert.Equal(t, []string{id(1)}, ids(app.DraftFilter{Kind: pos.KindQuote}))
	assert.Equal(t, []string{id(3), id(2), id(0)},
		ids(app.DraftFilter{Day: time.Date(2026, 11, 22, 15, 0, 0, 0, paris)}), "the day in the till's time zone")
	assert.Equal(t, []string{id(1)}, ids(app.DraftFilter{Day: time.Date(2026, 11, 21, 0, 0, 0, 0, paris)}))
	assert.Equal(t, []string{id(1), id(0)}, ids(app.DraftFilter{Seller: "MARC"}))
	assert.Equal(t, []string{id(2)}, ids(app.DraftFilter{Terminal: "KRKASA1"}))
	assert.Equal(t, []string{id(2)}, ids(app.DraftFilter{Text: string(docs[2].BarcodeNo)}), "a scanned barcode")
	assert.Equal(t, []string{id(2)}, ids(app.DraftFilter{Text: string(docs[2].BarcodeNo[:8])}), "KRKASA1's barcode prefix")
	assert.Equal(t, []string{id(3), id(0)}, ids(app.DraftFilter{Text: "11000003"}), "KRPOS3's orders")
	assert.Equal(t, []string{id(0)}, ids(app.DraftFilter{Text: "comc/tmp/1"}), "a temporary number, typed in lower case")
	assert.Equal(t, []string{id(1)}, ids(app.DraftFilter{Text: sums[1].TempNumber}))
	assert.Equal(t, []string{id(0)}, ids(app.DraftFilter{Kind: pos.KindOrder, Seller: "MARC", Terminal: "KRPOS3"}))
	assert.Empty(t, ids(app.DraftFilter{Text: "nothing"}))

	// Pages, and who edits a draft now; the modification moves it first.
	page, more, err := ag["KRPOS3"].Drafts(ctx, app.DraftFilter{Limit: 3})
	require.NoError(t, err)
	assert.Len(t, page, 3)
	assert.True(t, more)
	page, more, err = ag["KRPOS3"].Drafts(ctx, app.DraftFilter{Offset: 3, Limit: 3})
	require.NoError(t, err)
	assert.Len(t, page, 1)
	assert.False(t, more)
	l, err := ag["KRKASA1"].OpenDraft(ctx, id(0), "GIULIA")
	require.NoError(t, err)
	list, _, err := ag["KRPOS3"].Drafts(ctx, app.DraftFilter{Seller: "MARC", Kind: pos.KindOrder})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "KRKASA1", list[0].EditedBy)
	assert.Equal(t, sums[0].Gross, list[0].Gross)
	assert.Positive(t, list[0].Net)
	_, err = ag["KRKASA1"].PutDraft(ctx, "GIULIA", l.Token, l.Document)
	require.NoError(t, err)
	assert.Equal(t, []string{id(0), id(3), id(2), id(1)}, ids(app.DraftFilter{}))
	assert.Equal(t, []string{id(0), id(2)}, ids(app.DraftFilter{Terminal: "KRKASA1"}), "where last modified")
}

// TestDraftListCarriesTheOrdersListFields: the agent's summaries carry the
// fields of the document the per-type list of parked quotes and orders shows
// (R-D6), from the list, a put and an open alike.
func TestDraftListCarriesTheOrdersListFields(t *testing.T) {
	_, ag := draftAgents(t, worldOpts{}, "KRPOS3")
	ctx := context.Background()
	d := newDraft(t, pos.KindOrder, "KRPOS3", "MARC", 1)
	d.Recipient, d.DeliveryPoint, d.HandledBy = "C0002", "HOME/C0002/added", "ANNA"
	d.DeliveryAddress = &pos.Address{Street: "12 rue Neuve", Postcode: "69001", City: "Lyon"}
	d.DeliveryDate = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	want := app.DraftParties{Customer: d.Customer, Recipient: "C0002", DeliveryPoint: "HOME/C0002/added",
		DeliveryAddress: d.DeliveryAddress, DeliveryDate: d.DeliveryDate, HandledBy: "ANNA"}
	require.NotEmpty(t, want.Customer)
	same := func(what string, got app.DraftParties) {
		t.Helper()
		assert.True(t, want.DeliveryDate.Equal(got.DeliveryDate), what)
		got.DeliveryDate = want.DeliveryDate
		assert.Equal(t, want, got, what)
	}

	put, err := ag["KRPOS3"].PutDraft(ctx, "MARC", 0, d)
	require.NoError(t, err)
	same("put", put.DraftParties)
	list, _, err := ag["KRPOS3"].Drafts(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	require.Len(t, list, 1)
	same("list", list[0].DraftParties)
	l, err := ag["KRPOS3"].OpenDraft(ctx, d.ID, "MARC")
	require.NoError(t, err)
	same("open", l.Summary.DraftParties)
}

// TestDraftRemoteUnreachableIsUnavailable: with no service, every call fails
// with CodeUnavailable, so the use case falls back to the local copy (R-D2).
func TestDraftRemoteUnreachableIsUnavailable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	url := "http://" + ln.Addr().String()
	require.NoError(t, ln.Close())
	a := newAgent(t, url, "KRPOS3", nil, newClock(), fastOptions(), ClientOptions{})
	ctx := context.Background()
	d := newDraft(t, pos.KindOrder, "KRPOS3", "ANNA", 1)
	l := app.DraftLease{DraftID: d.ID, Token: 1}
	_, err1 := a.PutDraft(ctx, "ANNA", 0, d)
	_, err2 := a.OpenDraft(ctx, d.ID, "ANNA")
	_, err3 := a.RenewDraft(ctx, l)
	err4 := a.ReleaseDraft(ctx, l)
	err5 := a.DeleteDraft(ctx, d.ID, "ANNA", 0)
	_, _, err6 := a.Drafts(ctx, app.DraftFilter{Text: "COMC"})
	for i, err := range []error{err1, err2, err3, err4, err5, err6} {
		assert.Equal(t, pos.CodeUnavailable, pos.ErrorCode(err), "call %d: %v", i+1, err)
	}
	assert.False(t, a.Online())
}

// TestDraftAnswersAreChecked: an answer that does not match the request is
// refused as garbled, not half read.
func TestDraftAnswersAreChecked(t *testing.T) {
	id := uuid.NewString()
	for name, body := range map[string]string{
		"another draft": fmt.Sprintf(`{"draft_id":%q,"token":1,"lease_ms":30000}`, uuid.NewString()),
		"no token":      fmt.Sprintf(`{"draft_id":%q,"lease_ms":30000}`, id),
		"no lease":      fmt.Sprintf(`{"draft_id":%q,"token":1}`, id),
		"no document":   fmt.Sprintf(`{"draft_id":%q,"token":1,"lease_ms":30000,"draft":{"id":%q}}`, id, id),
		"trailing":      fmt.Sprintf(`{"draft_id":%q,"token":1,"lease_ms":30000} {}`, id),
	} {
		_, err := decodeDraftLease([]byte(body), id, true)
		assert.Error(t, err, name)
	}
	_, err := decodeDraftLease([]byte(fmt.Sprintf(`{"draft_id":%q,"token":2,"lease_ms":30000}`, id)), id, false)
	assert.NoError(t, err)
}
