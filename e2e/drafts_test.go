package e2e

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/printing"
	"github.com/comptoir/comptoir/sync/agent"
	"github.com/comptoir/comptoir/sync/dataservice"
	"github.com/comptoir/comptoir/sync/protocol"
)

// draftTill is a till with the pre-registration use cases over its agent,
// and a virtual receipt printer.
type draftTill struct {
	*till
	drafts   *app.Drafts
	printing *app.Printing
}

func newDraftTill(tb testing.TB, c *clock, s *service, terminal, operator string) *draftTill {
	tb.Helper()
	t := newTill(tb, c, s, terminal, operator)
	t.orders.WithDeliveryPoints(t.db) // the document types' attributes (R-F7), as cmd wires it
	t.sync(tb)
	printer := app.PrinterSettings{Kind: app.PrinterVirtual, Target: filepath.Join(tb.TempDir(), "prints"),
		Paper: app.Paper80, CodePage: "CP858"}
	labels := func(key string) string { return key }
	// The leases of open drafts are renewed for as long as the test runs, as
	// cmd ties them to the application's life.
	drafts := app.NewDrafts(t.db, t.agent, t.orders, t.session, c).WithLifetime(tb.Context())
	return &draftTill{till: t, drafts: drafts,
		printing: app.NewPrinting(t.db, t.session, printing.NewTypesetter(labels, time.UTC), printing.Printers{}, printer)}
}

// print prints d on the till's receipt printer and returns the barcode
// scanned off the printed picture, as the next terminal's scanner reads it.
func (t *draftTill) print(tb testing.TB, d *pos.Document) string {
	tb.Helper()
	ctx := context.Background()
	pv, err := t.printing.Preview(ctx, app.PrintJob{Document: *d})
	require.NoError(tb, err)
	require.NoError(tb, t.printing.PrintPreview(ctx, pv))
	bmp, err := gozxing.NewBinaryBitmapFromImage(pv.Image)
	require.NoError(tb, err)
	res, err := oned.NewCode128Reader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	require.NoError(tb, err)
	return res.GetText()
}

// find looks a draft up by its scanned barcode number on the draft list.
func (t *draftTill) find(tb testing.TB, scanned string) app.DraftSummary {
	tb.Helper()
	rows, _, localOnly, err := t.drafts.List(context.Background(), app.DraftFilter{Text: scanned, Limit: 10})
	require.NoError(tb, err)
	require.False(tb, localOnly, "online")
	require.Len(tb, rows, 1, "a whole barcode number finds its draft only")
	return rows[0]
}

// continueDraft opens a draft and closes it when the test ends.
func (t *draftTill) continueDraft(tb testing.TB, id string) *app.OpenDraft {
	tb.Helper()
	open, err := t.drafts.Continue(context.Background(), id)
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = open.Close(context.Background()) })
	return open
}

// newMixerOrder starts a COMC with a hand mixer on the till.
func (t *draftTill) newMixerOrder(tb testing.TB) *pos.Document {
	tb.Helper()
	ctx := context.Background()
	d, err := t.orders.New(ctx, pos.KindOrder)
	require.NoError(tb, err)
	require.NoError(tb, t.orders.AddItem(ctx, d, "MIX-01", pos.Units(1)))
	return d
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func names(d *pos.Document) []string {
	var out []string
	for _, l := range d.Lines {
		out = append(out, l.Name)
	}
	return out
}

// TestWorkedExampleRD10 is seed 001's example: a consultant on KRPOS3 builds a
// COMC with a hand mixer, prints it and parks it; another on KRPOS2 scans its
// barcode, continues, adds a fan, prints, parks; the cashier's till KRKASA1
// scans, continues, confirms the COMC with its own series and generates a
// receipt. The draft is gone everywhere.
func TestWorkedExampleRD10(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	pos2 := newDraftTill(t, c, s, "KRPOS2", "GIULIA")
	kasa := newDraftTill(t, c, s, "KRKASA1", "ANNA")
	ctx := context.Background()

	d := pos3.newMixerOrder(t)
	require.NoError(t, pos3.drafts.Number(ctx, d))
	scanned := pos3.print(t, d)
	assert.Equal(t, string(d.BarcodeNo), scanned, "the printout carries the document barcode")
	parked, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	assert.False(t, parked.Local)

	c.add(time.Minute)
	row := pos2.find(t, scanned)
	assert.Equal(t, d.ID, row.ID)
	assert.Equal(t, "KRPOS3", row.Terminal)
	assert.Equal(t, "MARC", row.Seller)
	assert.NotEmpty(t, row.TempNumber, "a temporary number until confirmation (R-D7)")
	open := pos2.continueDraft(t, row.ID)
	require.NoError(t, pos2.orders.AddItem(ctx, open.Document, "FAN-01", pos.Units(1)))
	assert.Equal(t, scanned, pos2.print(t, open.Document), "reprinted with the same barcode")
	parked, err = pos2.drafts.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)
	assert.False(t, parked.Local)
	require.NoError(t, open.Close(ctx))

	c.add(time.Minute)
	row = kasa.find(t, scanned)
	assert.Equal(t, "KRPOS2", row.Terminal, "where it was last modified")
	assert.Equal(t, pos.Money(4999+3499), row.Gross)
	open = kasa.continueDraft(t, row.ID)
	assert.Equal(t, []string{"Hand mixer", "Fan"}, names(open.Document))
	assert.Equal(t, "error.attribute_missing", errKey(t, kasa.drafts.Confirm(ctx, open)),
		"mandatory attributes are checked at confirmation (R-F7)")
	require.NoError(t, kasa.orders.SetAttribute(ctx, open.Document, "FLOOR", "0"))
	require.NoError(t, kasa.drafts.Confirm(ctx, open))
	require.NoError(t, open.Close(ctx))
	order := *open.Document
	assert.Equal(t, "COMC/1/2026/KRKASA1", order.Number, "KRKASA1's series (R-D5)")
	assert.Equal(t, "KRKASA1", order.Terminal)
	assert.Equal(t, d.ID, order.ID)
	assert.Equal(t, d.BarcodeNo, order.BarcodeNo)

	g, err := kasa.orders.Generate(ctx, order.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	_, err = g.Pay(ctx, cash(10000))
	require.NoError(t, err)
	kasa.sync(t)
	counts, err := kasa.db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{}, counts, "every operation applied, none refused")

	onService, _, err := s.svc.Document(ctx, order.ID)
	require.NoError(t, err)
	assert.Equal(t, "COMC/1/2026/KRKASA1", onService.Number)
	assert.Equal(t, pos.StatusCompleted, onService.Status, "the receipt delivered it all")
	receipt, _, err := s.svc.Document(ctx, g.Doc.ID)
	require.NoError(t, err)
	assert.Equal(t, order.ID, receipt.SourceOrder)

	for _, tl := range []*draftTill{pos3, pos2, kasa} {
		rows, _, _, err := tl.drafts.List(ctx, app.DraftFilter{Limit: 10})
		require.NoError(t, err)
		assert.Empty(t, rows, "%s: the draft is gone", tl.session.Terminal().Code)
	}
	_, err = pos3.drafts.Continue(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
}

// TestParkedOfflineThenPushed: KRPOS3 parks while the service is out of
// reach (M3): the draft stays on KRPOS3, listed as local; when the connection
// returns it is pushed with the same barcode number and KRPOS2 continues it.
func TestParkedOfflineThenPushed(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	pos2 := newDraftTill(t, c, s, "KRPOS2", "GIULIA")
	ctx := context.Background()

	pos3.agent.SetSimulateOffline(true)
	d := pos3.newMixerOrder(t)
	parked, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	assert.True(t, parked.Local, "M3")
	scanned := pos3.print(t, d)
	rows, _, localOnly, err := pos3.drafts.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	assert.True(t, localOnly)
	require.Len(t, rows, 1)
	assert.True(t, rows[0].Local)
	rows, _, _, err = pos2.drafts.List(ctx, app.DraftFilter{Text: scanned, Limit: 10})
	require.NoError(t, err)
	assert.Empty(t, rows, "not available on the other terminals yet")

	// Continued locally while offline, parked again.
	open := pos3.continueDraft(t, d.ID)
	assert.True(t, open.Local)
	require.NoError(t, pos3.orders.SetQty(open.Document, 0, pos.Units(2)))
	parked, err = pos3.drafts.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)
	assert.True(t, parked.Local)
	require.NoError(t, open.Close(ctx))

	pos3.agent.SetSimulateOffline(false)
	pos3.sync(t)
	rows, _, localOnly, err = pos3.drafts.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	assert.False(t, localOnly)
	require.Len(t, rows, 1)
	assert.False(t, rows[0].Local, "acknowledged: the draft store holds it")

	row := pos2.find(t, scanned)
	assert.Equal(t, d.ID, row.ID)
	assert.Equal(t, d.BarcodeNo, row.BarcodeNo, "pushed with the same barcode number")
	open = pos2.continueDraft(t, row.ID)
	assert.Equal(t, pos.Units(2), open.Document.Lines[0].Qty, "its last local state")
}

// TestOneEditorAtATime: two tills continue the same draft at once; exactly one
// gets it, the other is told which terminal edits it (R-D3).
func TestOneEditorAtATime(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	tills := []*draftTill{newDraftTill(t, c, s, "KRPOS2", "GIULIA"), newDraftTill(t, c, s, "KRKASA1", "GIULIA")}
	ctx := context.Background()
	d := pos3.newMixerOrder(t)
	_, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	opens := make([]*app.OpenDraft, len(tills))
	errs := make([]error, len(tills))
	var wg sync.WaitGroup
	for i, tl := range tills {
		wg.Go(func() { opens[i], errs[i] = tl.drafts.Continue(ctx, d.ID) })
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, winner, "only one editor")
			winner = i
			t.Cleanup(func() { _ = opens[i].Close(ctx) })
		}
	}
	require.NotEqual(t, -1, winner, "one editor")
	loser := 1 - winner
	assert.Equal(t, pos.CodeLocked, pos.ErrorCode(errs[loser]))
	assert.Equal(t, "drafts.edited_elsewhere", errKey(t, errs[loser]))
	e, _ := pos.AsError(errs[loser])
	assert.Equal(t, tills[winner].session.Terminal().Code, e.Args["Terminal"], "the message names the terminal")

	// Closed there, the other one gets it.
	require.NoError(t, opens[winner].Close(ctx))
	tills[loser].continueDraft(t, d.ID)
}

// TestCrashedHolderLosesTheDraft: the till editing a draft crashes; once its
// lease runs out another terminal continues it, and the old holder's late
// save is refused (fencing), never overwriting the newer work.
func TestCrashedHolderLosesTheDraft(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	pos2 := newDraftTill(t, c, s, "KRPOS2", "GIULIA")
	ctx := context.Background()
	d := pos3.newMixerOrder(t)
	_, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	stale := pos3.continueDraft(t, d.ID) // KRPOS3 then "crashes": no renewal, no release
	_, err = pos2.drafts.Continue(ctx, d.ID)
	assert.Equal(t, "drafts.edited_elsewhere", errKey(t, err), "the lease holds")

	c.add(protocol.DefaultLease + time.Second)
	open := pos2.continueDraft(t, d.ID)
	require.NoError(t, pos2.orders.AddItem(ctx, open.Document, "FAN-01", pos.Units(1)))
	_, err = pos2.drafts.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)

	require.NoError(t, pos3.orders.SetQty(stale.Document, 0, pos.Units(5)))
	_, err = pos3.drafts.PreRegister(ctx, stale.Document, stale)
	assert.Equal(t, pos.MsgLockedElsewhere, errKey(t, err), "the late save is refused")
	assert.Equal(t, "drafts.edited_elsewhere", errKey(t, func() error {
		open := pos2.continueDraft(t, d.ID)
		defer open.Close(ctx)
		assert.Equal(t, []string{"Hand mixer", "Fan"}, names(open.Document), "KRPOS2's work stands")
		assert.Equal(t, pos.Units(1), open.Document.Lines[0].Qty)
		return pos3.drafts.Confirm(ctx, stale)
	}()), "nor can the old holder confirm it")
}

// TestOtherOperatorsDraftNeedsTheRight: a trainee cashier, without the right
// to modify other operators' documents, can neither continue, delete, modify
// nor confirm a consultant's draft (R-D4), on the till and on the service.
func TestOtherOperatorsDraftNeedsTheRight(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	kasa := newDraftTill(t, c, s, "KRKASA1", "PIOTR")
	ctx := context.Background()
	d := pos3.newMixerOrder(t)
	require.NoError(t, pos3.orders.SetAttribute(ctx, d, "FLOOR", "3"))
	_, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	_, err = kasa.drafts.Continue(ctx, d.ID)
	assert.Equal(t, pos.CodeForbidden, pos.ErrorCode(err), "continue")
	assert.Equal(t, pos.CodeForbidden, pos.ErrorCode(kasa.drafts.Delete(ctx, d.ID)), "delete")

	// Opened by a manager on the same till, then the trainee takes over.
	kasa.session.Logout()
	require.NoError(t, kasa.session.Login(ctx, "GIULIA", demo.PINs["GIULIA"]))
	open := kasa.continueDraft(t, d.ID)
	kasa.session.Logout()
	require.NoError(t, kasa.session.Login(ctx, "PIOTR", demo.PINs["PIOTR"]))
	assert.Equal(t, "drafts.others_right", errKey(t, kasa.drafts.Confirm(ctx, open)), "confirm")
	_, err = kasa.drafts.PreRegister(ctx, open.Document, open)
	assert.Equal(t, "drafts.others_right", errKey(t, err), "modify")
	require.NoError(t, open.Close(ctx))
	kasa.sync(t)
	_, _, err = s.svc.Document(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "nothing confirmed")

	rows, _, _, err := pos3.drafts.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	require.Len(t, rows, 1, "the draft is still there")
	require.NoError(t, pos3.drafts.Delete(ctx, d.ID), "its own operator deletes it")
	rows, _, _, err = pos3.drafts.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	assert.Empty(t, rows)
}

// TestConfirmedTwiceAfterAnOutageIsStoredOnce: KRKASA1 confirms a draft and
// loses the service before its operations leave; its lease runs out, KRPOS2
// continues and confirms the same draft. The service keeps one COMC (the
// first to arrive) and refuses the other's document.save, which waits on
// KRKASA1 among the unsent operations for a person: never two orders.
func TestConfirmedTwiceAfterAnOutageIsStoredOnce(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	pos2 := newDraftTill(t, c, s, "KRPOS2", "GIULIA")
	kasa := newDraftTill(t, c, s, "KRKASA1", "GIULIA")
	ctx := context.Background()
	d := pos3.newMixerOrder(t)
	require.NoError(t, pos3.orders.SetAttribute(ctx, d, "FLOOR", "1"))
	_, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	open := kasa.continueDraft(t, d.ID)
	require.NoError(t, kasa.drafts.Confirm(ctx, open))
	kasa.agent.SetSimulateOffline(true)
	c.add(protocol.DefaultLease + time.Second)

	again := pos2.continueDraft(t, d.ID)
	require.NoError(t, pos2.drafts.Confirm(ctx, again))
	pos2.sync(t)
	kasa.agent.SetSimulateOffline(false)
	kasa.sync(t)

	onService, _, err := s.svc.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "COMC/1/2026/KRPOS2", onService.Number, "the first confirmation to arrive")
	counts, err := kasa.db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{Quarantined: 1}, counts, "KRKASA1's copy waits for a person")
	unsent, err := kasa.db.QuarantinedOperations(ctx)
	require.NoError(t, err)
	require.Len(t, unsent, 1)
	assert.Equal(t, "document.save", unsent[0].Kind)
	assert.Equal(t, d.ID, unsent[0].DocID)
}

// TestASavedDocumentIsNotPreRegistered: a COMC saved on KRPOS3 (its
// document.save queued, maybe on its way) is KRPOS3's document: pre-registering
// it is refused, and it reaches the service as KRPOS3's, never as a draft
// too. Once the service knows it, it is refused as handled online.
func TestASavedDocumentIsNotPreRegistered(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	ctx := context.Background()

	d := pos3.newMixerOrder(t)
	require.NoError(t, pos3.orders.SetAttribute(ctx, d, "FLOOR", "2"))
	require.NoError(t, pos3.orders.Save(ctx, d))
	_, err := pos3.drafts.PreRegister(ctx, d, nil)
	assert.Equal(t, "drafts.document_saved", errKey(t, err))
	pos3.sync(t)
	counts, err := pos3.db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{}, counts)
	onService, _, err := s.svc.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "KRPOS3", onService.Terminal)
	rows, _, _, err := pos3.drafts.List(ctx, app.DraftFilter{Limit: 10})
	require.NoError(t, err)
	assert.Empty(t, rows, "never a draft")

	stored, _, err := pos3.orders.Get(ctx, d.ID)
	require.NoError(t, err)
	_, err = pos3.drafts.PreRegister(ctx, &stored, nil)
	assert.Equal(t, "drafts.document_synced", errKey(t, err))
}

// TestConfirmedOnceOnATill: KRKASA1 confirms a draft; until its
// draft.confirm reaches the service, the service still lists the draft and
// would let KRKASA1 open it again. Continuing it is refused, naming the
// order, so it is never confirmed a second time with a new number.
func TestConfirmedOnceOnATill(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	kasa := newDraftTill(t, c, s, "KRKASA1", "ANNA")
	ctx := context.Background()
	d := pos3.newMixerOrder(t)
	require.NoError(t, pos3.orders.SetAttribute(ctx, d, "FLOOR", "1"))
	_, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	open := kasa.continueDraft(t, d.ID)
	require.NoError(t, kasa.drafts.Confirm(ctx, open))
	require.Equal(t, "COMC/1/2026/KRKASA1", open.Document.Number)
	row := kasa.find(t, string(d.BarcodeNo))
	require.Equal(t, d.ID, row.ID, "listed until the draft.confirm arrives")
	_, err = kasa.drafts.Continue(ctx, d.ID)
	assert.Equal(t, "drafts.already_confirmed", errKey(t, err))

	kasa.sync(t)
	counts, err := kasa.db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{}, counts)
	onService, _, err := s.svc.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "COMC/1/2026/KRKASA1", onService.Number, "one number, the first")
	_, err = kasa.drafts.Continue(ctx, d.ID)
	assert.Equal(t, "drafts.already_confirmed", errKey(t, err), "also once acknowledged")
}

// TestAContinuedDraftParkedOfflineKeepsItsLease: KRPOS2 continues a draft of
// the service (its lease), loses the service, parks it (local), continues it
// from its local drafts and parks it again. Each put carries the lease's
// token, which the service asks of a draft once opened: back online, both
// are applied, nothing waits in Unsent operations, and KRKASA1 finds the last
// state.
func TestAContinuedDraftParkedOfflineKeepsItsLease(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	pos2 := newDraftTill(t, c, s, "KRPOS2", "GIULIA")
	kasa := newDraftTill(t, c, s, "KRKASA1", "ANNA")
	ctx := context.Background()
	d := pos3.newMixerOrder(t)
	_, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)

	open := pos2.continueDraft(t, d.ID)
	pos2.agent.SetSimulateOffline(true)
	require.NoError(t, pos2.orders.AddItem(ctx, open.Document, "FAN-01", pos.Units(1)))
	parked, err := pos2.drafts.PreRegister(ctx, open.Document, open)
	require.NoError(t, err)
	require.True(t, parked.Local, "M3")
	again := pos2.continueDraft(t, d.ID)
	require.True(t, again.Local)
	require.NoError(t, pos2.orders.SetQty(again.Document, 1, pos.Units(3)))
	_, err = pos2.drafts.PreRegister(ctx, again.Document, again)
	require.NoError(t, err)

	pos2.agent.SetSimulateOffline(false)
	pos2.sync(t)
	counts, err := pos2.db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{}, counts, "both puts applied under the lease")
	last := kasa.continueDraft(t, kasa.find(t, string(d.BarcodeNo)).ID)
	assert.Equal(t, []string{"Hand mixer", "Fan"}, names(last.Document))
	assert.Equal(t, pos.Units(3), last.Document.Lines[1].Qty, "the last state parked")
}

// TestALocalDraftDeletedWhileItsPutIsOnItsWay: KRPOS3 parks a draft
// offline; as the connection comes back the agent reads its put and sends it,
// and the answer is lost; meanwhile the cashier deletes the draft. The
// service applied the put. The deletion, queued after it, removes the draft
// there too: it is nowhere, nothing waits in Unsent operations.
func TestALocalDraftDeletedWhileItsPutIsOnItsWay(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	pos3 := newDraftTill(t, c, s, "KRPOS3", "MARC")
	pos2 := newDraftTill(t, c, s, "KRPOS2", "GIULIA")
	ctx := context.Background()

	pos3.agent.SetSimulateOffline(true)
	d := pos3.newMixerOrder(t)
	_, err := pos3.drafts.PreRegister(ctx, d, nil)
	require.NoError(t, err)
	read, err := pos3.db.ClaimOutbox(ctx, 10) // the agent reads the put (it marks nothing)…
	require.NoError(t, err)
	require.Len(t, read, 1)
	require.NoError(t, pos3.drafts.Delete(ctx, d.ID)) // …the cashier deletes the draft…
	inFlight, err := agent.NewClient("http://"+s.addr, dataservice.DemoSecret("KRPOS3"), agent.ClientOptions{})
	require.NoError(t, err)
	defer inFlight.Close()
	op := read[0]
	res, err := inFlight.Push(ctx, []protocol.Op{{ID: op.ID, Kind: op.Kind, Operator: op.Operator,
		Payload: op.Payload, LockToken: op.LockToken}}) // …and the put arrives, its answer lost.
	require.NoError(t, err)
	require.Equal(t, protocol.StatusApplied, res[0].Status)

	pos3.agent.SetSimulateOffline(false)
	pos3.sync(t)
	counts, err := pos3.db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{}, counts)
	for _, tl := range []*draftTill{pos3, pos2} {
		rows, _, _, err := tl.drafts.List(ctx, app.DraftFilter{Limit: 10})
		require.NoError(t, err)
		assert.Empty(t, rows, "%s: the draft is gone", tl.session.Terminal().Code)
	}
	_, err = pos2.drafts.Continue(ctx, d.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
}
