package app

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// Drafts are the use cases of pre-registration (SPEC section 10): a quote or
// order parked Unconfirmed in the data service's draft store so that any
// terminal of the center can continue it, one terminal at a time under an
// edit lease, until one of them confirms it with its own series.
//
// Where a draft lives, and what keeps it from being lost or confirmed twice:
//
//   - Parked online, it lives on the service only. Parked offline (or
//     continued from this terminal's local drafts), it lives in this
//     terminal's local drafts with a queued draft.put, one transaction; the
//     store removes the local copy once the service acknowledged its puts
//     (R-D2). A crash between taking the barcode number and the put parks
//     nothing (the number is never given again); after the put, the service
//     has it. Nothing confirmed is at stake before Confirm.
//   - A queued operation is never taken back: the agent reads the outbox
//     without marking what it sends, so one that looks pending may be on its
//     way. Parking a local draft again, confirming it or deleting it queues
//     the next operation after its puts, and the service applies them in
//     order. For the same reason a document saved here with Orders.Save (its
//     document.save queued or sent) cannot become a draft: it is refused.
//   - A draft keeps its id and barcode number from the first
//     pre-registration to its confirmation, and the confirmed document keeps
//     them too: the service recognises the confirmed COMC as that draft, so a
//     second confirmation elsewhere (after a lease ran out with the
//     draft.confirm still queued here) arrives as the same document and is
//     refused, never stored twice. This terminal refuses to continue or
//     confirm again a draft it confirmed (drafts.already_confirmed), which
//     the service lists until the draft.confirm reaches it.
//   - Confirming is one local transaction: the numbered document, its
//     document.save and the draft.confirm (with the lease as fencing token).
//     A crash before it leaves the draft on the service, untouched; after it,
//     the outbox delivers both operations exactly once, and the lease, just
//     renewed and never given back, keeps other terminals out meanwhile. Only
//     a till that loses the service right after confirming and stays away
//     longer than a lease lets another terminal continue the draft; if that
//     one confirms it too, the service keeps the first document.save of the
//     id and refuses the other, which waits in Unsent operations.
//   - A draft continued from the service and parked offline keeps the token
//     of the lease it was continued under with its local copy: the service
//     replaces a draft once opened under its latest token only, so its later
//     puts, its confirmation and its deletion carry it.
type Drafts struct {
	store   DraftStore
	remote  DraftRemote // nil: the till has no data service and is always offline
	orders  *Orders
	session *Session
	clock   Clock
	// lifetime bounds the lease renewals of open drafts (WithLifetime).
	lifetime context.Context
}

// NewDrafts returns the pre-registration use cases; remote may be nil. orders
// gives the form's editing rules and the confirmation's checks.
func NewDrafts(store DraftStore, remote DraftRemote, orders *Orders, session *Session, clock Clock) *Drafts {
	return &Drafts{store: store, remote: remote, orders: orders, session: session, clock: clock,
		lifetime: context.Background()}
}

// WithLifetime stops the lease renewals of open drafts when ctx ends: give it
// the till's own context (the application's, ended when it quits), so a till
// going away stops renewing leases it can no longer give back and they run
// out on the service. Continue's ctx cannot serve: it bounds one call (the
// screen may give it a deadline to open the draft), while the lease must be
// renewed for as long as the form stays open. Without WithLifetime, renewals
// end with Close only.
func (s *Drafts) WithLifetime(ctx context.Context) *Drafts {
	s.lifetime = ctx
	return s
}

// OpenDraft is a draft being edited on this terminal: its document, with the
// edit lease renewed in the background until Close. Local drafts (parked here
// offline and not yet pushed) have no lease.
type OpenDraft struct {
	Document *pos.Document
	// Local tells that the draft was continued from this terminal's local
	// drafts: it is parked again locally and sent by the outbox.
	Local bool

	drafts *Drafts
	// discounts are the line discounts as last saved, by line number: the
	// most an operator with the discount right may leave (R-D9).
	discounts map[int]pos.Percent
	// parked is the lease token the local draft's puts carry (Local only;
	// 0 for a draft created here), for a put made directly once its local
	// copy is gone (pushed while it was open).
	parked int64

	mu    sync.Mutex
	lease DraftLease // Token 0 when local, or once spent, given back or lost
	// lost is the service's answer to a renewal that said the lease is gone;
	// lostCh is closed when it is set.
	lost   error
	lostCh chan struct{}

	stop  context.CancelFunc
	renew sync.WaitGroup
	once  sync.Once
}

// Lease is the edit lease held now (Token 0: none).
func (o *OpenDraft) Lease() DraftLease {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.lease
}

// LeaseLost is closed once a background renewal learns that the lease is gone
// (another terminal took the draft, or it was deleted), so the screen can say
// so at once; PreRegister and Confirm then refuse with the service's answer.
func (o *OpenDraft) LeaseLost() <-chan struct{} { return o.lostCh }

// LostReason is the service's answer that ended the lease, once LeaseLost is
// closed; nil before.
func (o *OpenDraft) LostReason() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.lost
}

// held returns the lease for a put or a confirmation: the renewal's answer
// when the lease was lost, drafts.lease_lost when it was spent or given back.
func (o *OpenDraft) held() (DraftLease, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case o.lost != nil:
		return DraftLease{}, o.lost
	case o.lease.Token == 0:
		// Spent by an earlier put or given back: the service may have let
		// another terminal in since.
		return DraftLease{}, pos.Errorf(pos.CodeConflict, "drafts.lease_lost")
	}
	return o.lease, nil
}

// Close stops renewing the lease and gives it back; safe to call always, and
// more than once. A lease the service does not answer for runs out by itself.
func (o *OpenDraft) Close(ctx context.Context) error {
	var err error
	o.once.Do(func() {
		if o.stop != nil {
			o.stop()
			o.renew.Wait()
		}
		l := o.takeLease()
		if l.Token == 0 {
			return
		}
		err = o.drafts.remote.ReleaseDraft(context.WithoutCancel(ctx), l)
		if pos.ErrorCode(err) == pos.CodeUnavailable {
			err = nil
		}
	})
	return err
}

// takeLease returns the lease and forgets it: it is given back, or spent by a
// put or a confirmation, once.
func (o *OpenDraft) takeLease() DraftLease {
	o.mu.Lock()
	defer o.mu.Unlock()
	l := o.lease
	o.lease.Token = 0
	return l
}

// keepRenewing renews the lease in the background while the form is open,
// until Close (or a put or confirmation spending it) or the end of the
// Drafts' lifetime, never of Continue's ctx (WithLifetime). Any failure is
// retried, sooner (renewAfter): an outage, a time-out or an error inside the
// service says nothing about the lease, which only the service's clock ends.
// The answers that say it is gone (leaseGone) stop the renewals and are
// recorded for PreRegister, Confirm and the screen (LeaseLost).
func (o *OpenDraft) keepRenewing() {
	ctx, stop := context.WithCancel(o.drafts.lifetime)
	o.stop = stop
	o.renew.Add(1)
	go func() {
		defer o.renew.Done()
		t := time.NewTimer(renewAfter(o.Lease().Lease, false))
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			err := o.renewOnce(ctx)
			if leaseGone(err) {
				o.loseLease(err)
				return
			}
			t.Reset(renewAfter(o.Lease().Lease, err != nil))
		}
	}()
}

// renewAfter is the wait before the next renewal of a lease of the given
// length: a third of it after a renewal, a tenth after a failure, so that
// several attempts still fit before it runs out. A lease of unknown length
// is taken as 30 s.
func renewAfter(lease time.Duration, failed bool) time.Duration {
	if lease <= 0 {
		lease = 30 * time.Second
	}
	if failed {
		return lease / 10
	}
	return lease / 3
}

// leaseGone tells the service's answers that mean a lease is gone for good:
// another terminal holds the draft (locked), it was opened elsewhere since
// (conflict), or the draft is no more (not_found).
func leaseGone(err error) bool {
	switch pos.ErrorCode(err) {
	case pos.CodeLocked, pos.CodeConflict, pos.CodeNotFound:
		return true
	}
	return false
}

// loseLease records why the lease is gone and forgets its token: it is not
// given back on Close.
func (o *OpenDraft) loseLease(err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.lost, o.lease.Token = err, 0
	close(o.lostCh)
}

// renewOnce extends the lease held.
func (o *OpenDraft) renewOnce(ctx context.Context) error {
	l := o.Lease()
	if l.Token == 0 {
		return nil
	}
	nl, err := o.drafts.remote.RenewDraft(ctx, l)
	if err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.lease.Token == l.Token { // not spent meanwhile
		o.lease.Expires, o.lease.Lease = nl.Expires, nl.Lease
	}
	return nil
}

func (s *Drafts) login() (Login, error) { return s.orders.login() }

// checkOwner checks R-D4 for the logged-in operator on a draft made by
// seller.
func checkOwner(l Login, seller string) error {
	return pos.CheckDraftOwner(seller, l.Operator.Code, l.Group)
}

// PreRegister parks d in the draft store (R-D1); d stays Unconfirmed and gets
// its id and barcode number if it had none. open is the draft d was continued
// from (nil for a new document): the put is made under its lease, which is
// then spent. It returns the draft as the service lists it, with the
// temporary number it gave (R-D7), which the screen names it by. When the
// service cannot be reached, d is parked on this terminal with a queued
// draft.put carrying the same barcode number, and the summary is marked
// Local, without a temporary number yet: the screen shows M3
// (pos.MsgDraftSavedLocally). A draft still among the local drafts is parked
// locally again, and the outbox sends it. A lease already spent (parked twice
// from one OpenDraft) is refused with drafts.lease_lost: continue it again
// from the list; one a renewal found gone, with the service's answer. A
// document saved here with Orders.Save is refused (refuseSaved).
func (s *Drafts) PreRegister(ctx context.Context, d *pos.Document, open *OpenDraft) (DraftSummary, error) {
	l, err := s.login()
	if err != nil {
		return DraftSummary{}, err
	}
	if err := pos.Allowed(pos.ActionEdit, d, nil, l.Group); err != nil {
		return DraftSummary{}, err
	}
	if d.Status != pos.StatusUnconfirmed {
		return DraftSummary{}, pos.Errorf(pos.CodeConflict, "error.action_status", "Action", string(pos.ActionEdit), "Status", string(d.Status))
	}
	if err := checkOwner(l, d.Operator); err != nil {
		return DraftSummary{}, err
	}
	// Attributes are not checked: mandatory ones are checked at confirmation
	// (R-F7).
	if err := d.Check(); err != nil {
		return DraftSummary{}, err
	}
	var lease int64
	switch {
	case open != nil && open.Local:
		lease = open.parked
	case open != nil:
		held, err := open.held()
		if err != nil {
			return DraftSummary{}, err
		}
		lease = held.Token
	}
	if err := s.refuseSaved(ctx, d.ID); err != nil {
		return DraftSummary{}, err
	}
	c := *d
	c.Lines = slices.Clone(d.Lines)
	if err := s.store.NumberDraft(ctx, &c); err != nil {
		return DraftSummary{}, err
	}
	*d = c // the id and barcode number are the draft's from now on, whatever follows
	// A draft still among the local drafts (continued from them, or parked
	// offline earlier from the same form) goes through the outbox again:
	// its draft.put may be on its way, and a direct put would race it. Once
	// its puts are acknowledged, the draft is the service's, and it is
	// replaced directly, under the token its puts carried (0 for one created
	// here: its creator's, as long as nobody opened it).
	parkedHere := false
	if open == nil || open.Local {
		_, err := s.store.LocalDraft(ctx, c.ID)
		switch pos.ErrorCode(err) {
		case "":
			parkedHere = true
		case pos.CodeNotFound:
		default:
			return DraftSummary{}, err
		}
	}
	if !parkedHere && s.remote != nil {
		parked, err := s.remote.PutDraft(ctx, l.Operator.Code, lease, c)
		switch pos.ErrorCode(err) {
		case "":
			if open != nil {
				open.spend()
			}
			return parked, nil
		case pos.CodeUnavailable:
		default:
			return DraftSummary{}, err
		}
	}
	// Offline, or still among the local drafts: parked here with one more
	// draft.put under the lease held, if any (the store keeps the token of a
	// local draft). Sent later, the put is refused if another terminal took
	// the draft meanwhile: then it waits in Unsent operations, nothing
	// overwritten.
	if err := s.store.ParkDraft(ctx, s.clock.Now(), s.session.Terminal().Code, OpMeta{Operator: l.Operator.Code},
		lease, &c); err != nil {
		return DraftSummary{}, err
	}
	if open != nil {
		open.spend()
	}
	s.syncNow()
	return DraftSummary{ID: c.ID, Kind: c.Kind, BarcodeNo: c.BarcodeNo, Local: true}, nil
}

// Number gives a document being built its id and barcode number now, so it
// can be printed with its barcode before it is parked (R-D7, R-D10); parked
// later, it keeps them. A document that has them is left as it is.
func (s *Drafts) Number(ctx context.Context, d *pos.Document) error {
	if _, err := s.login(); err != nil {
		return err
	}
	return s.store.NumberDraft(ctx, d)
}

// refuseSaved refuses to pre-register document id when it was saved here
// with Orders.Save: it is this terminal's document, its document.save queued
// or already sent, and nothing takes that back (the outbox may be sending
// it), so it would reach the service both as this terminal's document and as
// a draft. Known to the service (synced), it is drafts.document_synced;
// otherwise drafts.document_saved.
func (s *Drafts) refuseSaved(ctx context.Context, id string) error {
	if id == "" {
		return nil
	}
	doc, err := s.store.Document(ctx, id)
	switch {
	case pos.ErrorCode(err) == pos.CodeNotFound:
		return nil
	case err != nil:
		return err
	case doc.Synced:
		return pos.Errorf(pos.CodeConflict, "drafts.document_synced", "Number", string(doc.BarcodeNo))
	}
	return pos.Errorf(pos.CodeConflict, "drafts.document_saved", "Number", cmp.Or(doc.Number, string(doc.BarcodeNo)))
}

// spend stops renewing a lease the put or the confirmation consumed: the
// service releases it with the put, or removes the draft with the confirm.
func (o *OpenDraft) spend() {
	if o.stop != nil {
		o.stop()
		o.renew.Wait()
	}
	o.takeLease()
}

// syncNow hurries the agent when the remote is one (the sync agent is both).
func (s *Drafts) syncNow() {
	if n, ok := s.remote.(interface{ SyncNow() }); ok {
		n.SyncNow()
	}
}

// MaxDraftPage is the most rows List returns at once.
const MaxDraftPage = 100

// List returns a page of the draft list (R-D6): this terminal's local drafts
// (parked offline, not yet sent, marked Local), then the drafts of the center
// on the data service. Without the service, only the local drafts and
// localOnly is true. A draft both sent and still held here (its
// acknowledgement on its way) is shown once, as the service's. The rows'
// customers and addresses are named from this terminal's master data.
func (s *Drafts) List(ctx context.Context, f DraftFilter) (rows []DraftSummary, more, localOnly bool, err error) {
	if _, err := s.login(); err != nil {
		return nil, false, false, err
	}
	if rows, more, localOnly, err = s.page(ctx, f); err != nil {
		return nil, false, false, err
	}
	for i := range rows {
		if err := s.nameParties(ctx, &rows[i].DraftParties); err != nil {
			return nil, false, false, err
		}
	}
	return rows, more, localOnly, nil
}

// nameParties gives a row its customer's name and the address the orders
// list shows for a document (R-L3): the delivery point's — the address added
// on the form, one of the customer's or recipient's, or a pickup point's —
// else the customer's first. A customer this terminal does not know (yet)
// shows by its code, without an address.
func (s *Drafts) nameParties(ctx context.Context, p *DraftParties) error {
	p.CustomerName = p.Customer
	if p.Customer == "" {
		return nil
	}
	c, err := s.store.Customer(ctx, p.Customer)
	if pos.ErrorCode(err) == pos.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	p.CustomerName = c.Name
	point, ok, err := s.orders.DeliveryPoint(ctx, &pos.Document{Customer: p.Customer, Recipient: p.Recipient,
		DeliveryPoint: p.DeliveryPoint, DeliveryAddress: p.DeliveryAddress})
	switch {
	case err != nil:
		return err
	case ok && point.Address.City != "":
		p.Address = point.Address.OneLine()
	case len(c.Addresses) > 0:
		p.Address = c.Addresses[0].OneLine()
	}
	return nil
}

// page is List's page before its rows are named.
func (s *Drafts) page(ctx context.Context, f DraftFilter) (rows []DraftSummary, more, localOnly bool, err error) {
	if f.Limit < 1 || f.Limit > MaxDraftPage || f.Offset < 0 || len(f.Text) > pos.MaxTextLen {
		return nil, false, false, pos.Errorf(pos.CodeInvalid, "error.search_invalid")
	}
	// The list is this terminal's local drafts (parked offline, not pushed
	// yet: a handful) followed by the service's, each newest first, and f's
	// page is taken from that sequence: the local ones come first because they
	// are the ones other terminals cannot see yet.
	all := f
	all.Offset, all.Limit = 0, 0
	local, err := s.store.LocalDrafts(ctx, all)
	if err != nil {
		return nil, false, false, err
	}
	n := len(local)
	if f.Offset < n {
		rows = local[f.Offset:min(n, f.Offset+f.Limit)]
	}
	if s.remote == nil {
		return rows, n > f.Offset+f.Limit, true, nil
	}
	rf := f
	rf.Offset = max(0, f.Offset-n)
	// A page full of local drafts still asks for one remote row: whether
	// another page follows.
	rf.Limit = max(1, f.Limit-len(rows))
	remote, more, err := s.remote.Drafts(ctx, rf)
	if pos.ErrorCode(err) == pos.CodeUnavailable {
		return rows, n > f.Offset+f.Limit, true, nil
	}
	if err != nil {
		return nil, false, false, err
	}
	if len(rows) == f.Limit {
		return rows, more || len(remote) > 0 || n > f.Offset+f.Limit, false, nil
	}
	// A local draft whose put the service just applied is listed by both for
	// a moment: once, as the service's, which is the one to continue.
	onService := make(map[string]bool, len(remote))
	for _, r := range remote {
		onService[r.ID] = true
	}
	rows = slices.DeleteFunc(slices.Clone(rows), func(r DraftSummary) bool { return onService[r.ID] })
	return append(rows, remote...), more, false, nil
}

// Sellers are the operators of this database, for the list's Seller filter
// (R-D6).
func (s *Drafts) Sellers(ctx context.Context) ([]pos.Operator, error) {
	if _, err := s.login(); err != nil {
		return nil, err
	}
	return s.store.Operators(ctx)
}

// Terminals are the codes of this center's terminals, for the list's
// Terminal code filter (R-D6).
func (s *Drafts) Terminals(ctx context.Context) ([]string, error) {
	if _, err := s.login(); err != nil {
		return nil, err
	}
	all, err := s.store.Terminals(ctx)
	if err != nil {
		return nil, err
	}
	center := s.session.Terminal().Center
	var codes []string
	for _, t := range all {
		if t.Center == center {
			codes = append(codes, t.Code)
		}
	}
	slices.SortFunc(codes, cmp.Compare)
	return codes, nil
}

// Continue opens a draft for editing (R-D3). A local draft opens from this
// terminal's database. Any other is opened on the service, which grants the
// edit lease (renewed in the background until Close) and its latest version;
// edited elsewhere, the service's error names the terminal. Without the
// service, or when this terminal lacks master data the draft uses (a product,
// the customer, the payment method), it fails with M4
// (pos.MsgDraftDataMissing) and holds nothing. A draft this terminal
// confirmed already is refused (drafts.already_confirmed): the service lists
// it until the draft.confirm queued here reaches it, and confirming it again
// would renumber the order. ctx bounds this call only, not the lease's
// renewals (WithLifetime).
func (s *Drafts) Continue(ctx context.Context, id string) (*OpenDraft, error) {
	l, err := s.login()
	if err != nil {
		return nil, err
	}
	if err := s.store.CheckDraftNotConfirmed(ctx, id); err != nil {
		return nil, err
	}
	open := &OpenDraft{drafts: s, lostCh: make(chan struct{})}
	doc, err := s.store.LocalDraft(ctx, id)
	switch {
	case err == nil:
		open.Local = true
		if open.parked, err = s.store.LocalDraftLease(ctx, id); err != nil {
			return nil, err
		}
	case pos.ErrorCode(err) != pos.CodeNotFound:
		return nil, err
	case s.remote == nil:
		return nil, pos.Errorf(pos.CodeUnavailable, pos.MsgDraftDataMissing)
	default:
		lease, err := s.remote.OpenDraft(ctx, id, l.Operator.Code)
		if pos.ErrorCode(err) == pos.CodeUnavailable {
			return nil, pos.Errorf(pos.CodeUnavailable, pos.MsgDraftDataMissing)
		}
		if err != nil {
			return nil, err
		}
		doc, open.lease = lease.Document, lease
	}
	if err := checkOwner(l, doc.Operator); err != nil {
		return nil, errors.Join(err, open.Close(ctx))
	}
	if err := s.checkMasterData(ctx, &doc); err != nil {
		return nil, errors.Join(err, open.Close(ctx))
	}
	open.discounts = make(map[int]pos.Percent, len(doc.Lines))
	for i := range doc.Lines {
		// Numbered as saved, so each line's saved discount is found again
		// after lines are added or removed; lines added since have no number.
		doc.Lines[i].No = i + 1
		open.discounts[i+1] = doc.Lines[i].Discount
	}
	open.Document = &doc
	if open.lease.Token != 0 {
		open.keepRenewing()
	}
	return open, nil
}

// checkMasterData fails with M4 when the draft names a product, customer or
// payment method this terminal does not hold (yet): it could not be shown or
// priced correctly.
func (s *Drafts) checkMasterData(ctx context.Context, d *pos.Document) error {
	missing := func(err error) error {
		if pos.ErrorCode(err) == pos.CodeNotFound {
			return pos.Errorf(pos.CodeNotFound, pos.MsgDraftDataMissing)
		}
		return err
	}
	if err := d.Check(); err != nil {
		return pos.Errorf(pos.CodeInvalid, pos.MsgDraftDataMissing)
	}
	if _, err := s.store.Customer(ctx, d.Customer); err != nil {
		return missing(err)
	}
	for _, ln := range d.Lines {
		if ln.ProductCode == "" {
			continue
		}
		if _, err := s.store.ProductByCode(ctx, ln.ProductCode); err != nil {
			return missing(err)
		}
	}
	if d.PaymentMethod == "" {
		return nil
	}
	methods, err := s.store.PaymentMethods(ctx)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(methods, func(m pos.PaymentMethod) bool { return m.Code == d.PaymentMethod }) {
		return pos.Errorf(pos.CodeNotFound, pos.MsgDraftDataMissing)
	}
	return nil
}

// Confirm confirms an open draft on this terminal (R-D5). A draft from the
// service needs its lease: it is renewed first, and a lease lost (or a
// service out of reach: another terminal may hold the draft by now) refuses.
// Then one local transaction stores the document Confirmed with this
// terminal's series and number (its Terminal is this one), its
// document.save, and a draft.confirm carrying the lease's token, and removes
// the local draft; the agent is asked to sync. The checks are those of
// Orders.Confirm, mandatory attributes included (R-F7). The lease is not
// given back: the draft.confirm removes the draft with it, and until then it
// keeps other terminals out. A local draft must still be local: pushed since
// it was continued, it is the service's and may be edited elsewhere
// (drafts.lease_lost: continue it again from the list). A draft this
// terminal confirmed already is refused by the store
// (drafts.already_confirmed).
func (s *Drafts) Confirm(ctx context.Context, open *OpenDraft) error {
	l, err := s.login()
	if err != nil {
		return err
	}
	if err := checkOwner(l, open.Document.Operator); err != nil {
		return err
	}
	var lease DraftLease
	if !open.Local {
		if lease, err = open.held(); err != nil {
			return err
		}
		if err := open.renewOnce(ctx); err != nil {
			if pos.ErrorCode(err) == pos.CodeUnavailable {
				return pos.Errorf(pos.CodeUnavailable, "drafts.confirm_offline")
			}
			return err
		}
	}
	c := *open.Document
	c.Lines = slices.Clone(open.Document.Lines)
	t := s.session.Terminal()
	c.Terminal, c.Center, c.Number = t.Code, t.Center, ""
	// Orders.Confirm checks and writes through its DocumentStore port; the
	// write becomes the draft's one confirmation transaction.
	confirming := *s.orders
	confirming.remote = nil
	confirming.store = draftConfirmation{DocumentStore: s.orders.store, store: s.store, lease: lease.Token}
	if err := confirming.Confirm(ctx, &c); err != nil {
		return err
	}
	open.spend()
	*open.Document = c
	s.syncNow()
	return nil
}

// draftConfirmation is the orders' store with SaveDocuments made the draft's
// confirmation transaction (DraftStore.ConfirmDraft).
type draftConfirmation struct {
	DocumentStore
	store DraftStore
	lease int64
}

func (c draftConfirmation) SaveDocuments(ctx context.Context, at time.Time, meta OpMeta, docs ...*pos.Document) error {
	if len(docs) != 1 {
		return pos.Errorf(pos.CodeInternal, "error.internal")
	}
	return c.store.ConfirmDraft(ctx, at, meta, c.lease, docs[0])
}

// Delete removes a draft ([Delete] on the draft list): a local draft here,
// queueing its draft.delete after its puts (one may be on its way: the
// service removes whatever they created); any other from the service's
// store, which checks R-D4 and refuses a draft another terminal is editing.
// MayChange tells whether the operator may continue or delete a listed
// draft: another operator's needs the right (R-D4). The screen asks it
// before its questions; the service checks it again whatever the till says.
func (s *Drafts) MayChange(d DraftSummary) error {
	l, err := s.login()
	if err != nil {
		return err
	}
	return checkOwner(l, d.Seller)
}

func (s *Drafts) Delete(ctx context.Context, id string) error {
	l, err := s.login()
	if err != nil {
		return err
	}
	doc, err := s.store.LocalDraft(ctx, id)
	switch {
	case err == nil:
		if err := checkOwner(l, doc.Operator); err != nil {
			return err
		}
		if err := s.store.DeleteLocalDraft(ctx, s.clock.Now(), OpMeta{Operator: l.Operator.Code}, id); err != nil {
			return err
		}
		s.syncNow()
		return nil
	case pos.ErrorCode(err) != pos.CodeNotFound:
		return err
	case s.remote == nil:
		return pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	err = s.remote.DeleteDraft(ctx, id, l.Operator.Code, 0)
	if pos.ErrorCode(err) == pos.CodeUnavailable {
		return pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	return err
}

// SetVATMethod changes the VAT method of an open draft, refused once
// pre-registered unless its type follows the customer's VAT status (R-D8);
// prices move to the new basis.
func (s *Drafts) SetVATMethod(ctx context.Context, open *OpenDraft, m pos.VATMethod) error {
	p, err := s.store.Params(ctx)
	if err != nil {
		return err
	}
	if err := pos.CheckDraftVATMethod(open.Document, p, m); err != nil {
		return err
	}
	return pos.RecalculateVAT(open.Document, m)
}

// SetCustomer changes the customer of an open draft as Orders.SetCustomer
// does. On a COMC following the customer's VAT status whose new customer
// takes the other method, ask is true: the screen asks whether to recalculate
// the VAT, and Yes is SetVATMethod(to) (R-D8).
func (s *Drafts) SetCustomer(ctx context.Context, open *OpenDraft, code string) (to pos.VATMethod, ask bool, err error) {
	if err := s.orders.SetCustomer(ctx, open.Document, code); err != nil {
		return "", false, err
	}
	p, err := s.store.Params(ctx)
	if err != nil {
		return "", false, err
	}
	c, err := s.store.Customer(ctx, code)
	if err != nil {
		return "", false, err
	}
	to, ask = pos.DraftCustomerVAT(open.Document, p, c)
	return to, ask, nil
}

// SetDiscount sets the discount of line i of an open draft (R-D9): a line as
// saved keeps its discount without the discount right, and may be lowered
// from it down to zero with it; a line added since is discounted as on a new
// document (Orders.SetDiscount).
func (s *Drafts) SetDiscount(open *OpenDraft, i int, p pos.Percent) error {
	d := open.Document
	if i < 0 || i >= len(d.Lines) {
		return pos.Errorf(pos.CodeInvalid, "error.line_unknown")
	}
	saved, ok := open.discounts[d.Lines[i].No]
	if !ok || d.Lines[i].No == 0 {
		return s.orders.SetDiscount(d, i, p)
	}
	if err := pos.CheckDraftDiscount(saved, p, s.session.Can(pos.RightDiscount)); err != nil {
		return err
	}
	lines := slices.Clone(d.Lines)
	lines[i].Discount = p
	return s.orders.setLines(d, lines)
}
