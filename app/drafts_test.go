package app_test

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// fakeDrafts is a draft store in memory with the service's lease rules in
// short: one holder at a time, a put under the latest token only. down makes
// every call fail as an unreachable service does.
type fakeDrafts struct {
	mu       sync.Mutex
	down     bool
	drafts   map[string]pos.Document
	holder   map[string]string // terminal holding the lease, by draft
	token    map[string]int64
	terminal string
	lease    time.Duration // granted by OpenDraft; an hour when zero
	renewed  chan struct{} // told of each renewal when not nil
	puts     []int64       // the lease token of each put
	released int
	synced   int
}

func newFakeDrafts(terminal string) *fakeDrafts {
	return &fakeDrafts{drafts: map[string]pos.Document{}, holder: map[string]string{}, token: map[string]int64{},
		terminal: terminal}
}

func unavailable() error { return pos.Errorf(pos.CodeUnavailable, "error.service_unavailable") }

func (f *fakeDrafts) PutDraft(_ context.Context, _ string, lease int64, d pos.Document) (app.DraftSummary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return app.DraftSummary{}, unavailable()
	}
	if _, ok := f.drafts[d.ID]; ok && lease != f.token[d.ID] {
		return app.DraftSummary{}, pos.Errorf(pos.CodeConflict, pos.MsgLockedElsewhere)
	}
	f.puts = append(f.puts, lease)
	f.drafts[d.ID] = d
	delete(f.holder, d.ID)
	// The service numbers drafts per type; one per type is enough here.
	return app.DraftSummary{ID: d.ID, BarcodeNo: d.BarcodeNo, TempNumber: string(d.Kind) + "/TMP/1"}, nil
}

func (f *fakeDrafts) OpenDraft(_ context.Context, id, _ string) (app.DraftLease, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return app.DraftLease{}, unavailable()
	}
	d, ok := f.drafts[id]
	if !ok {
		return app.DraftLease{}, pos.Errorf(pos.CodeNotFound, "error.not_found")
	}
	if h := f.holder[id]; h != "" && h != f.terminal {
		return app.DraftLease{}, pos.Errorf(pos.CodeLocked, "drafts.edited_elsewhere", "Terminal", h)
	}
	f.token[id]++
	f.holder[id] = f.terminal
	lease := cmp.Or(f.lease, time.Hour)
	return app.DraftLease{DraftID: id, Token: f.token[id], Lease: lease, Document: d}, nil
}

func (f *fakeDrafts) RenewDraft(_ context.Context, l app.DraftLease) (app.DraftLease, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return app.DraftLease{}, unavailable()
	}
	if f.token[l.DraftID] != l.Token || f.holder[l.DraftID] != f.terminal {
		return app.DraftLease{}, pos.Errorf(pos.CodeLocked, "drafts.edited_elsewhere", "Terminal", f.holder[l.DraftID])
	}
	if f.renewed != nil {
		select {
		case f.renewed <- struct{}{}:
		default:
		}
	}
	return l, nil
}

func (f *fakeDrafts) ReleaseDraft(_ context.Context, l app.DraftLease) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.released++
	if f.token[l.DraftID] == l.Token {
		delete(f.holder, l.DraftID)
	}
	return nil
}

func (f *fakeDrafts) DeleteDraft(_ context.Context, id, _ string, _ int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return unavailable()
	}
	delete(f.drafts, id)
	return nil
}

func (f *fakeDrafts) Drafts(_ context.Context, filter app.DraftFilter) ([]app.DraftSummary, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return nil, false, unavailable()
	}
	var out []app.DraftSummary
	for _, d := range f.drafts {
		out = append(out, app.DraftSummary{ID: d.ID, Kind: d.Kind, BarcodeNo: d.BarcodeNo, TempNumber: "COMC/TMP/1",
			DraftParties: app.PartiesOf(&d)})
	}
	// Pages in a stable order, as the service does.
	slices.SortFunc(out, func(a, b app.DraftSummary) int { return strings.Compare(a.ID, b.ID) })
	out = out[min(filter.Offset, len(out)):]
	if filter.Limit > 0 && len(out) > filter.Limit {
		return out[:filter.Limit], true, nil
	}
	return out, false, nil
}

func (f *fakeDrafts) SyncNow() {
	f.mu.Lock()
	f.synced++
	f.mu.Unlock()
}

// takeOver gives the lease of a draft to another terminal, as if it opened it.
func (f *fakeDrafts) takeOver(id, terminal string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.token[id]++
	f.holder[id] = terminal
}

func (f *fakeDrafts) setDown(down bool) {
	f.mu.Lock()
	f.down = down
	f.mu.Unlock()
}

// draftsTill is KRKASA1 with the orders and drafts use cases over remote (nil:
// no data service).
func draftsTill(tb testing.TB, operator string, remote app.DraftRemote) (*till, *app.Orders, *app.Drafts) {
	tb.Helper()
	tl := newTill(tb)
	require.NoError(tb, tl.session.Login(context.Background(), operator, demo.PINs[operator]))
	o := app.NewOrders(tl.db, nil, tl.session, tl.clock).WithDeliveryPoints(tl.db)
	return tl, o, app.NewDrafts(tl.db, remote, o, tl.session, tl.clock)
}

// mixerOrder is a new COMC with a hand mixer, not stored.
func mixerOrder(tb testing.TB, o *app.Orders) *pos.Document {
	tb.Helper()
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(tb, err)
	require.NoError(tb, o.AddItem(ctx, d, "MIX-01", pos.Units(1)))
	return d
}

// ops lists the kinds of the outbox operations of a document, in order.
func ops(tb testing.TB, tl *till, docID string) []string {
	tb.Helper()
	all, err := tl.db.ClaimOutbox(context.Background(), 100)
	require.NoError(tb, err)
	var kinds []string
	for _, op := range all {
		if op.DocID == docID {
			kinds = append(kinds, op.Kind)
		}
	}
	return kinds
}

func TestPreRegisterOnlineParksOnTheService(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	parked, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	assert.False(t, parked.Local)
	require.NotEmpty(t, d.ID)
	assert.Equal(t, d.ID, parked.ID)
	assert.Equal(t, "COMC/TMP/1", parked.TempNumber, "the service's temporary number names it on the screen")
	assert.Equal(t, pos.KindOrder, d.BarcodeNo.Kind(), "numbered before it leaves: the printout carries it")
	assert.Equal(t, pos.StatusUnconfirmed, d.Status)
	assert.Equal(t, []int64{0}, remote.puts, "a new draft")
	assert.Empty(t, ops(t, tl, d.ID), "nothing queued here")
	assert.Equal(t, d.BarcodeNo, remote.drafts[d.ID].BarcodeNo)

	rows, more, localOnly, err := dr.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	assert.False(t, more)
	assert.False(t, localOnly)
	require.Len(t, rows, 1)
	assert.False(t, rows[0].Local)
}

func TestPreRegisterOfflineIsM3ThenContinuedAndConfirmedHere(t *testing.T) {
	for name, remote := range map[string]*fakeDrafts{"unreachable": newFakeDrafts("KRKASA1"), "no service": nil} {
		t.Run(name, func(t *testing.T) {
			var r app.DraftRemote
			if remote != nil {
				remote.setDown(true)
				r = remote
			}
			tl, o, dr := draftsTill(t, "GIULIA", r)
			ctx := context.Background()
			d := mixerOrder(t, o)
			parked, err := dr.PreRegister(ctx, d, nil)
			require.NoError(t, err)
			assert.True(t, parked.Local, "the screen shows M3")
			assert.Equal(t, d.BarcodeNo, parked.BarcodeNo)
			assert.Empty(t, parked.TempNumber, "the service gives it once the draft reaches it")
			assert.Equal(t, []string{"draft.put"}, ops(t, tl, d.ID), "pushed when the connection returns")

			rows, _, localOnly, err := dr.List(ctx, app.DraftFilter{Limit: 10})
			require.NoError(t, err)
			assert.True(t, localOnly)
			require.Len(t, rows, 1)
			assert.True(t, rows[0].Local)
			assert.Equal(t, d.BarcodeNo, rows[0].BarcodeNo)

			open, err := dr.Continue(ctx, d.ID)
			require.NoError(t, err)
			assert.True(t, open.Local)
			require.NoError(t, o.AddItem(ctx, open.Document, "FAN-01", pos.Units(1)))
			require.NoError(t, o.SetAttribute(ctx, open.Document, "FLOOR", "2"))
			require.NoError(t, dr.Confirm(ctx, open))
			require.NoError(t, open.Close(ctx))
			assert.Equal(t, "COMC/1/2026/KRKASA1", open.Document.Number)
			assert.Equal(t, d.BarcodeNo, open.Document.BarcodeNo)
			assert.Equal(t, []string{"draft.put", "document.save", "draft.confirm"}, ops(t, tl, d.ID),
				"the waiting put stays (it may be on its way); the confirmation follows the document")
			rows, _, _, err = dr.List(ctx, app.DraftFilter{Limit: 10})
			require.NoError(t, err)
			assert.Empty(t, rows)
		})
	}
}

func TestParkedAgainFromTheSameFormStaysLocal(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	remote.setDown(true)
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	remote.setDown(false)
	parked, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	assert.True(t, parked.Local, "its draft.put is on its way: no direct put to race it")
	assert.Empty(t, remote.puts)
	assert.Equal(t, []string{"draft.put", "draft.put"}, ops(t, tl, d.ID), "the first may be on its way: it stays")
	assert.Equal(t, 2, remote.synced, "each local park hurries the agent")
}

// A document saved here (Orders.Save, its document.save queued and maybe on
// its way) is this till's: pre-registering it is refused, online and
// offline, and it stays as it was, its document.save included.
func TestPreRegisteringASavedDocumentIsRefused(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	for _, down := range []bool{false, true} {
		remote.setDown(down)
		d := mixerOrder(t, o)
		require.NoError(t, o.Save(ctx, d))
		_, err := dr.PreRegister(ctx, d, nil)
		assert.Equal(t, "drafts.document_saved", errKey(t, err), "offline: %v", down)
		e, _ := pos.AsError(err)
		assert.Equal(t, string(d.BarcodeNo), e.Args["Number"])
		assert.Empty(t, remote.puts)
		_, _, err = o.Get(ctx, d.ID)
		require.NoError(t, err, "still this till's document")
		assert.Equal(t, []string{"document.save"}, ops(t, tl, d.ID), "its save untouched, nothing parked")
		_, err = tl.db.LocalDraft(ctx, d.ID)
		assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
	}
}

func TestPreRegisteringADocumentTheServiceKnowsIsRefused(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	require.NoError(t, o.Save(ctx, d))
	sent, err := tl.db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	require.NoError(t, tl.db.SettleOutbox(ctx, app.Settlement{Acked: []string{sent[0].ID}}, tl.clock.Now()))
	stored, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	_, err = dr.PreRegister(ctx, &stored, nil)
	assert.Equal(t, "drafts.document_synced", errKey(t, err))
	assert.Empty(t, remote.puts)
}

func TestContinueTakesTheLeaseAndConfirmSpendsIt(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	assert.False(t, open.Local)
	assert.Equal(t, int64(1), open.Lease().Token)
	assert.Equal(t, "drafts.edited_elsewhere", errKey(t, func() error {
		remote.mu.Lock()
		remote.terminal = "KRPOS2" // another terminal asks
		remote.mu.Unlock()
		defer func() { remote.mu.Lock(); remote.terminal = "KRKASA1"; remote.mu.Unlock() }()
		_, err := dr.Continue(ctx, d.ID)
		return err
	}()))

	// Parked again under the lease: the lease is spent, not given back.
	require.NoError(t, o.AddItem(ctx, open.Document, "FAN-01", pos.Units(1)))
	parked, err := dr.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)
	assert.False(t, parked.Local)
	assert.Equal(t, []int64{0, 1}, remote.puts)
	require.NoError(t, open.Close(ctx))
	assert.Zero(t, remote.released)

	open, err = dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	require.Len(t, open.Document.Lines, 2)
	assert.Equal(t, "error.attribute_missing", errKey(t, dr.Confirm(ctx, open)), "R-F7 as Orders.Confirm")
	assert.Empty(t, ops(t, tl, d.ID), "refused: nothing stored")
	require.NoError(t, o.SetAttribute(ctx, open.Document, "FLOOR", "0"))
	require.NoError(t, dr.Confirm(ctx, open))
	require.NoError(t, open.Close(ctx))
	assert.Zero(t, remote.released, "the draft.confirm removes the draft with its lease")
	assert.Equal(t, pos.StatusConfirmed, open.Document.Status)
	assert.Equal(t, "KRKASA1", open.Document.Terminal)
	assert.Equal(t, "COMC/1/2026/KRKASA1", open.Document.Number)

	all, err := tl.db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, "document.save", all[0].Kind)
	assert.Equal(t, "draft.confirm", all[1].Kind)
	assert.Equal(t, int64(2), all[1].LockToken, "the lease as the fencing token")
	var payload struct {
		DraftID string `json:"draft_id"`
	}
	require.NoError(t, json.Unmarshal(all[1].Payload, &payload))
	assert.Equal(t, d.ID, payload.DraftID)
	assert.Equal(t, 1, remote.synced)
}

func TestConfirmRefusedWhenTheLeaseIsLostOrTheServiceGone(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	require.NoError(t, o.SetAttribute(ctx, d, "FLOOR", "1"))
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	remote.setDown(true)
	assert.Equal(t, "drafts.confirm_offline", errKey(t, dr.Confirm(ctx, open)))
	remote.setDown(false)
	remote.takeOver(d.ID, "KRPOS2")
	assert.Equal(t, "drafts.edited_elsewhere", errKey(t, dr.Confirm(ctx, open)))
	assert.Empty(t, ops(t, tl, d.ID), "nothing stored")
	require.NoError(t, open.Close(ctx))
	require.NoError(t, open.Close(ctx), "always safe")
}

func TestContinueWithoutTheDataIsM4(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	_, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	remote.setDown(true)
	_, err = dr.Continue(ctx, d.ID)
	assert.Equal(t, pos.MsgDraftDataMissing, errKey(t, err), "only on the service, and it is out of reach")
	remote.setDown(false)

	unknown := remote.drafts[d.ID]
	unknown.Lines = append(unknown.Lines, pos.Line{ProductCode: "NEW-99", Name: "Not here yet", Unit: "pcs",
		Qty: pos.Units(1), Price: 100, VATRate: 2000})
	remote.drafts[d.ID] = unknown
	_, err = dr.Continue(ctx, d.ID)
	assert.Equal(t, pos.MsgDraftDataMissing, errKey(t, err), "a product this till does not hold yet")
	assert.Equal(t, 1, remote.released, "the lease is given back")
	assert.Empty(t, remote.holder[d.ID])
}

func TestAnotherOperatorsDraftNeedsTheRight(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	remote.setDown(true)
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	tl.session.Logout()
	require.NoError(t, tl.session.Login(ctx, "PIOTR", demo.PINs["PIOTR"])) // a trainee: no drafts.others
	_, err = dr.Continue(ctx, d.ID)
	assert.Equal(t, "drafts.others_right", errKey(t, err))
	assert.Equal(t, "drafts.others_right", errKey(t, dr.Delete(ctx, d.ID)))
	stolen := *d
	_, err = dr.PreRegister(ctx, &stolen, nil)
	assert.Equal(t, "drafts.others_right", errKey(t, err))

	tl.session.Logout()
	require.NoError(t, tl.session.Login(ctx, "MARC", demo.PINs["MARC"])) // a consultant: drafts.others
	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	require.NoError(t, open.Close(ctx))
	require.NoError(t, dr.Delete(ctx, d.ID))
	assert.Equal(t, []string{"draft.put", "draft.delete"}, ops(t, tl, d.ID),
		"the put may be on its way: the deletion follows it")
	all, err := tl.db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	assert.Equal(t, "MARC", all[len(all)-1].Operator, "the service checks the right of who deleted it")
	_, err = tl.db.LocalDraft(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
}

func TestDeleteOnTheService(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	_, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	remote.setDown(true)
	assert.Equal(t, "error.offline_required", errKey(t, dr.Delete(ctx, d.ID)))
	remote.setDown(false)
	require.NoError(t, dr.Delete(ctx, d.ID))
	assert.Empty(t, remote.drafts)
}

func TestListMergesLocalAndServiceDrafts(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	_, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	online := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, online, nil)
	require.NoError(t, err)
	remote.setDown(true)
	offline := mixerOrder(t, o)
	_, err = dr.PreRegister(ctx, offline, nil)
	require.NoError(t, err)
	remote.setDown(false)

	rows, _, localOnly, err := dr.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	assert.False(t, localOnly)
	byID := map[string]app.DraftSummary{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	assert.Len(t, byID, 2)
	assert.True(t, byID[offline.ID].Local)
	assert.False(t, byID[online.ID].Local)

	// Pushed, its acknowledgement on the way: shown once, as the service's.
	remote.drafts[offline.ID] = *offline
	rows, _, _, err = dr.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	assert.Len(t, rows, 2)
	for _, r := range rows {
		assert.False(t, r.Local)
	}

	_, _, _, err = dr.List(ctx, app.DraftFilter{Limit: 0})
	assert.Equal(t, "error.search_invalid", errKey(t, err))
}

// TestDraftListNamesCustomersAndAddresses: the rows of local and service drafts
// alike carry the customer's name and the address the orders list would show
// (R-D6's per-type list, R-L3), from this terminal's master data.
func TestDraftListNamesCustomersAndAddresses(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	_, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	park := func(customer, recipient, point string, down bool) string {
		t.Helper()
		d := mixerOrder(t, o)
		d.Customer, d.Recipient, d.DeliveryPoint = customer, recipient, point
		d.HandledBy = "ANNA"
		remote.setDown(down)
		defer remote.setDown(false)
		_, err := dr.PreRegister(ctx, d, nil)
		require.NoError(t, err)
		return d.ID
	}
	pickup := park("C0001", "", "DP-XYZ", true)
	first := park("C0001", "", "", false)
	recipient := park("C0002", "R0002-1", "HOME/R0002-1/0", false)
	unknown := park("C9999", "", "", false)

	rows, _, _, err := dr.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	byID := map[string]app.DraftParties{}
	for _, r := range rows {
		byID[r.ID] = r.DraftParties
	}
	require.Len(t, byID, 4)
	assert.True(t, rows[0].Local, "the draft parked offline comes first")
	assert.Equal(t, "Martin Dubois", byID[pickup].CustomerName)
	assert.Equal(t, "25 avenue de la République, 75011 Paris", byID[pickup].Address, "the pickup point's")
	assert.Equal(t, "ANNA", byID[pickup].HandledBy)
	assert.Equal(t, "12 rue des Lilas, 69003 Lyon", byID[first].Address, "without a point, the customer's first")
	assert.Equal(t, "Atelier Bellini SRL", byID[recipient].CustomerName)
	assert.Equal(t, "Alzaia Naviglio Grande 40, 20144 Milano", byID[recipient].Address, "the recipient's home")
	assert.Equal(t, app.DraftParties{Customer: "C9999", CustomerName: "C9999", HandledBy: "ANNA"}, byID[unknown],
		"a customer this till does not know shows by its code")
}

// Paging through local and service drafts shows each once, whatever the page
// size: the local ones are not laid over the service's first page.
func TestListPagesThroughLocalThenServiceDrafts(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	_, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	want := map[string]bool{}
	for i := range 7 {
		remote.setDown(i < 3) // three parked offline, four on the service
		d := mixerOrder(t, o)
		_, err := dr.PreRegister(ctx, d, nil)
		require.NoError(t, err)
		want[d.ID] = true
	}
	remote.setDown(false)
	for _, size := range []int{1, 2, 3, 5, 7, 10} {
		seen := map[string]int{}
		for offset, more := 0, true; more; {
			rows, m, _, err := dr.List(ctx, app.DraftFilter{Offset: offset, Limit: size})
			require.NoError(t, err)
			require.LessOrEqual(t, len(rows), size)
			require.True(t, len(rows) > 0 || !m, "a page says more follows: it is not empty")
			for _, r := range rows {
				seen[r.ID]++
			}
			offset, more = offset+len(rows), m
		}
		assert.Len(t, seen, len(want), "page size %d", size)
		for id, n := range seen {
			assert.True(t, want[id], id)
			assert.Equal(t, 1, n, "page size %d: %s once", size, id)
		}
	}
}

func TestListFilterChoices(t *testing.T) {
	_, _, dr := draftsTill(t, "GIULIA", nil)
	ctx := context.Background()
	sellers, err := dr.Sellers(ctx)
	require.NoError(t, err)
	assert.Len(t, sellers, len(demo.MasterData().Operators))
	terminals, err := dr.Terminals(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"KRKASA1", "KRPOS2", "KRPOS3", "KRPOS4"}, terminals)
}

func TestDraftDiscountAndVATRulesOnTheForm(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	d.Lines[0].Discount = 1000 // 10 %, granted when it was built
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	defer open.Close(ctx)

	// R-D9: with the discount right, lowered between 0 and the saved value.
	require.NoError(t, dr.SetDiscount(open, 0, 500))
	assert.Equal(t, "drafts.discount_range", errKey(t, dr.SetDiscount(open, 0, 1500)))
	require.NoError(t, dr.SetDiscount(open, 0, 1000), "back up to the saved value")
	// A line added since follows the usual right.
	require.NoError(t, o.AddItem(ctx, open.Document, "FAN-01", pos.Units(1)))
	require.NoError(t, dr.SetDiscount(open, 1, 300))

	// R-D8: fixed VAT method, where the COMC type does not follow the
	// customer's VAT status (the demo's does).
	md := demo.MasterData()
	md.Params.ByCustomerStatus = false
	require.NoError(t, tl.db.ApplyMasterData(ctx, md))
	assert.Equal(t, "drafts.vat_method_fixed", errKey(t, dr.SetVATMethod(ctx, open, pos.VATFromNet)))
	to, ask, err := dr.SetCustomer(ctx, open, "C0002")
	require.NoError(t, err)
	assert.False(t, ask)
	assert.Equal(t, pos.VATFromGross, to)

	// Without the discount right the saved discount is kept.
	tl.session.Logout()
	require.NoError(t, tl.session.Login(ctx, "MARC", demo.PINs["MARC"]))
	assert.Equal(t, "drafts.discount_kept", errKey(t, dr.SetDiscount(open, 0, 0)))
	assert.Equal(t, "error.right_missing", errKey(t, dr.SetDiscount(open, 1, 0)))
	assert.Equal(t, pos.Percent(1000), open.Document.Lines[0].Discount, "refused: unchanged")
}

func TestChangingTheCustomerOfACOMCByCustomerStatusAsksToRecalculateVAT(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	md := demo.MasterData()
	md.Params.ByCustomerStatus = true
	md.Customers = slices.Clone(md.Customers)
	for i := range md.Customers {
		if md.Customers[i].Code == "C0002" {
			md.Customers[i].VATStatus = pos.VATStatusRegistered
		}
	}
	require.NoError(t, tl.db.ApplyMasterData(ctx, md))

	d := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	defer open.Close(ctx)
	to, ask, err := dr.SetCustomer(ctx, open, "C0002")
	require.NoError(t, err)
	assert.True(t, ask, "a business buys from net: the screen asks")
	assert.Equal(t, pos.VATFromNet, to)
	assert.Equal(t, "C0002", open.Document.Customer)
	require.NoError(t, dr.SetVATMethod(ctx, open, to), "Yes")
	assert.Equal(t, pos.VATFromNet, open.Document.VATMethod)
	assert.Equal(t, pos.Money(4166), open.Document.Lines[0].Price, "the price on the net basis")
}

// A local draft pushed while it was open here is the service's: confirming it
// as local is refused, and parking it again replaces it directly.
func TestALocalDraftPushedWhileOpen(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	remote.setDown(true)
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	require.NoError(t, o.SetAttribute(ctx, d, "FLOOR", "1"))
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	require.True(t, open.Local)

	// The connection returns and the agent pushes the put.
	remote.setDown(false)
	sent, err := tl.db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	_, err = remote.PutDraft(ctx, "GIULIA", 0, *d)
	require.NoError(t, err)
	require.NoError(t, tl.db.SettleOutbox(ctx, app.Settlement{Acked: []string{sent[0].ID}}, tl.clock.Now()))

	assert.Equal(t, "drafts.lease_lost", errKey(t, dr.Confirm(ctx, open)))
	assert.Empty(t, ops(t, tl, d.ID), "nothing confirmed")
	parked, err := dr.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)
	assert.False(t, parked.Local, "put directly by its creator")
	assert.Equal(t, []int64{0, 0}, remote.puts)
}

func TestALeaseIsSpentOnce(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	_, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	defer open.Close(ctx)
	_, err = dr.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)
	_, err = dr.PreRegister(ctx, open.Document, open)
	assert.Equal(t, "drafts.lease_lost", errKey(t, err))
	assert.Equal(t, "drafts.lease_lost", errKey(t, dr.Confirm(ctx, open)))
}

// The lease is renewed in the background while the draft is open, and Close
// waits for the renewals to stop before giving it back.
func TestAnOpenDraftKeepsItsLease(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	remote.lease = 30 * time.Millisecond
	remote.renewed = make(chan struct{}, 1)
	_, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	select {
	case <-remote.renewed:
	case <-time.After(10 * time.Second):
		t.Fatal("the lease was never renewed")
	}
	require.NoError(t, open.Close(ctx))
	assert.Equal(t, 1, remote.released)
	assert.Empty(t, remote.holder[d.ID], "given back")
}

// A draft confirmed here stays on the service's list until its draft.confirm
// reaches it, and the service lets this till open it again: continuing it is
// refused, naming the order, so it is never confirmed (and renumbered) twice.
func TestADraftConfirmedHereIsNotContinuedAgain(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	d := mixerOrder(t, o)
	require.NoError(t, o.SetAttribute(ctx, d, "FLOOR", "1"))
	_, err := dr.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	open, err := dr.Continue(ctx, d.ID)
	require.NoError(t, err)
	require.NoError(t, dr.Confirm(ctx, open))
	require.NoError(t, open.Close(ctx))
	require.Equal(t, "COMC/1/2026/KRKASA1", open.Document.Number)

	_, err = dr.Continue(ctx, d.ID)
	assert.Equal(t, "drafts.already_confirmed", errKey(t, err))
	e, _ := pos.AsError(err)
	assert.Equal(t, "COMC/1/2026/KRKASA1", e.Args["Number"])
	assert.Equal(t, int64(1), remote.token[d.ID], "refused before the service is asked")
	stored, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "COMC/1/2026/KRKASA1", stored.Number)
	assert.Equal(t, []string{"document.save", "draft.confirm"}, ops(t, tl, d.ID))
}

// A draft continued from the service (lease 1) and parked offline keeps that
// token with its local copy: continued again from the local drafts, parked
// again, confirmed or deleted, its operations carry 1, which the service asks
// of a draft once opened (a put without it is refused).
func TestAContinuedDraftParkedHereKeepsItsLease(t *testing.T) {
	remote := newFakeDrafts("KRKASA1")
	tl, o, dr := draftsTill(t, "GIULIA", remote)
	ctx := context.Background()
	tokens := func(id string) []int64 {
		t.Helper()
		all, err := tl.db.ClaimOutbox(ctx, 100)
		require.NoError(t, err)
		var out []int64
		for _, op := range all {
			if op.DocID == id {
				out = append(out, op.LockToken)
			}
		}
		return out
	}
	// parkedOffline is a draft of the service continued (lease 1), parked
	// offline, and continued again from the local drafts.
	parkedOffline := func() *app.OpenDraft {
		t.Helper()
		remote.setDown(false)
		d := mixerOrder(t, o)
		require.NoError(t, o.SetAttribute(ctx, d, "FLOOR", "1"))
		_, err := dr.PreRegister(ctx, d, nil)
		require.NoError(t, err)
		open, err := dr.Continue(ctx, d.ID)
		require.NoError(t, err)
		require.Equal(t, int64(1), open.Lease().Token)
		remote.setDown(true)
		parked, err := dr.PreRegister(ctx, open.Document, open)
		require.NoError(t, err)
		require.True(t, parked.Local)
		again, err := dr.Continue(ctx, d.ID)
		require.NoError(t, err)
		require.True(t, again.Local)
		return again
	}

	open := parkedOffline()
	id := open.Document.ID
	require.NoError(t, o.AddItem(ctx, open.Document, "FAN-01", pos.Units(1)))
	_, err := dr.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)
	assert.Equal(t, []int64{1, 1}, tokens(id), "parked again under the same lease")
	open, err = dr.Continue(ctx, id)
	require.NoError(t, err)
	require.NoError(t, dr.Confirm(ctx, open))
	assert.Equal(t, []int64{1, 1, 0, 1}, tokens(id), "put, put, document.save, draft.confirm under the lease")

	open = parkedOffline()
	require.NoError(t, dr.Delete(ctx, open.Document.ID))
	assert.Equal(t, []string{"draft.put", "draft.delete"}, ops(t, tl, open.Document.ID))
	assert.Equal(t, []int64{1, 1}, tokens(open.Document.ID), "deleted under the lease")

	// Pushed while open here: its local copy is gone, and it is put directly
	// under the lease its puts carried.
	open = parkedOffline()
	sent, err := tl.db.ClaimOutbox(ctx, 100)
	require.NoError(t, err)
	remote.setDown(false)
	var acked []string
	for _, op := range sent {
		if op.DocID == open.Document.ID {
			_, err := remote.PutDraft(ctx, "GIULIA", op.LockToken, *open.Document)
			require.NoError(t, err)
			acked = append(acked, op.ID)
		}
	}
	require.NoError(t, tl.db.SettleOutbox(ctx, app.Settlement{Acked: acked}, tl.clock.Now()))
	parked, err := dr.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)
	assert.False(t, parked.Local)
	assert.Equal(t, int64(1), remote.puts[len(remote.puts)-1])
}

// renewal is one RenewDraft call, held until the test answers it.
type renewal struct {
	ctx    context.Context
	answer chan error
}

// heldRenewals is fakeDrafts whose renewals are handed to the test one by
// one, so it sees each attempt and answers it.
type heldRenewals struct {
	*fakeDrafts
	calls chan renewal
}

func (f *heldRenewals) RenewDraft(ctx context.Context, l app.DraftLease) (app.DraftLease, error) {
	r := renewal{ctx: ctx, answer: make(chan error)}
	select {
	case f.calls <- r:
	case <-ctx.Done():
		return l, ctx.Err()
	}
	select {
	case err := <-r.answer:
		return l, err
	case <-ctx.Done():
		return l, ctx.Err()
	}
}

// next waits for the next renewal attempt.
func (f *heldRenewals) next(tb testing.TB) renewal {
	tb.Helper()
	select {
	case r := <-f.calls:
		return r
	case <-time.After(10 * time.Second):
		tb.Fatal("no renewal came")
		return renewal{}
	}
}

// openWithHeldRenewals continues a draft of the service (lease 1) whose
// renewals the test answers; the lease is short, so they come at once.
func openWithHeldRenewals(tb testing.TB, ctx context.Context, dr *app.Drafts, o *app.Orders, remote *heldRenewals) *app.OpenDraft {
	tb.Helper()
	d := mixerOrder(tb, o)
	require.NoError(tb, o.SetAttribute(context.Background(), d, "FLOOR", "1"))
	_, err := dr.PreRegister(context.Background(), d, nil)
	require.NoError(tb, err)
	remote.lease = 30 * time.Millisecond
	open, err := dr.Continue(ctx, d.ID)
	require.NoError(tb, err)
	return open
}

// Renewals that fail for any other reason than a lost lease are retried: an
// error inside the service says nothing about the lease. An answer that says
// it is gone stops them and is recorded: Pre-register and Confirm say so at
// once, and Close gives nothing back.
func TestAFailedRenewalIsRetriedALostLeaseIsRecorded(t *testing.T) {
	remote := &heldRenewals{fakeDrafts: newFakeDrafts("KRKASA1"), calls: make(chan renewal)}
	_, o, dr := draftsTill(t, "GIULIA", remote)
	open := openWithHeldRenewals(t, context.Background(), dr, o, remote)
	defer open.Close(context.Background())

	remote.next(t).answer <- pos.Errorf(pos.CodeInternal, "error.internal")
	remote.next(t).answer <- pos.Errorf(pos.CodeInternal, "error.internal")
	remote.next(t).answer <- nil
	r := remote.next(t) // still renewing
	assert.Equal(t, int64(1), open.Lease().Token, "the lease is kept")
	select {
	case <-open.LeaseLost():
		t.Fatal("the lease is not lost")
	default:
	}

	r.answer <- pos.Errorf(pos.CodeLocked, "drafts.edited_elsewhere", "Terminal", "KRPOS2")
	select {
	case <-open.LeaseLost():
	case <-time.After(10 * time.Second):
		t.Fatal("the loss was not recorded")
	}
	assert.Zero(t, open.Lease().Token)
	puts := len(remote.puts)
	_, err := dr.PreRegister(context.Background(), open.Document, open)
	assert.Equal(t, "drafts.edited_elsewhere", errKey(t, err), "Pre-register says so at once")
	assert.Len(t, remote.puts, puts, "without asking the service")
	assert.Equal(t, "drafts.edited_elsewhere", errKey(t, dr.Confirm(context.Background(), open)))
	require.NoError(t, open.Close(context.Background()))
	assert.Zero(t, remote.released, "a lost lease is not given back")
}

// The renewals outlive Continue's context (one call's) and end with the
// till's lifetime (WithLifetime).
func TestRenewalsFollowTheTillsLifetimeNotContinuesContext(t *testing.T) {
	remote := &heldRenewals{fakeDrafts: newFakeDrafts("KRKASA1"), calls: make(chan renewal)}
	_, o, dr := draftsTill(t, "GIULIA", remote)
	lifetime, quit := context.WithCancel(context.Background())
	defer quit()
	dr.WithLifetime(lifetime)
	call, done := context.WithCancel(context.Background())
	open := openWithHeldRenewals(t, call, dr, o, remote)
	done()

	r := remote.next(t)
	require.NoError(t, r.ctx.Err(), "Continue's context ended: the renewal goes on")
	r.answer <- nil
	r = remote.next(t)
	quit()
	select {
	case <-r.ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the renewal outlived the till's lifetime")
	}
	require.NoError(t, open.Close(context.Background()), "returns: the renewals stopped")
}
