package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// draftStore adds app.DraftStore to docStore: the center's terminals and the
// drafts parked on this till while offline, in memory, numbered from the
// same counters as the documents, as the real store does.
type draftStore struct {
	*docStore
	terminals []pos.Terminal

	lmu   sync.Mutex
	local map[string]parkedHere
	// confirmed are the lease tokens the confirmations were queued with.
	confirmed []int64
}

type parkedHere struct {
	doc      pos.Document
	at       time.Time
	terminal string // where it was last modified
	lease    int64  // the token its puts carry
}

var _ app.DraftStore = (*draftStore)(nil)

// The other terminal of the center, where consultants park documents.
const otherTerminal = "KRPOS3"

func newDraftStore(tb testing.TB) *draftStore {
	tb.Helper()
	return &draftStore{
		docStore: newDocStore(tb),
		terminals: []pos.Terminal{
			{Code: terminalCode, Number: 1, Center: "KRK"},
			{Code: otherTerminal, Number: 3, Center: "KRK"},
			{Code: "WAPOS1", Number: 7, Center: "WAW"},
		},
		local: map[string]parkedHere{},
	}
}

func (s *draftStore) Terminals(context.Context) ([]pos.Terminal, error) {
	return slices.Clone(s.terminals), nil
}

func (s *draftStore) NumberDraft(_ context.Context, d *pos.Document) error {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	if d.ID == "" {
		// Unique across the tills of a test, as the real store's UUIDs are.
		s.ids++
		d.ID = fmt.Sprintf("draft-%s-%04d", s.terminal.Code, s.ids)
	}
	if d.BarcodeNo == "" {
		s.barcodes++
		n, err := pos.NewDocNumber(d.Kind, s.terminal.Number, s.barcodes)
		if err != nil {
			return err
		}
		d.BarcodeNo = n
	}
	return nil
}

func (s *draftStore) ParkDraft(_ context.Context, at time.Time, terminal string, _ app.OpMeta, lease int64, d *pos.Document) error {
	s.lmu.Lock()
	defer s.lmu.Unlock()
	// The local draft keeps the largest token it was parked with, as the real
	// store does.
	s.local[d.ID] = parkedHere{doc: cloneDoc(*d), at: at, terminal: terminal, lease: max(lease, s.local[d.ID].lease)}
	return nil
}

func (s *draftStore) LocalDrafts(_ context.Context, f app.DraftFilter) ([]app.DraftSummary, error) {
	s.lmu.Lock()
	defer s.lmu.Unlock()
	var out []app.DraftSummary
	for _, p := range s.local {
		sum, err := draftSummary(p.doc, p.at)
		if err != nil {
			return nil, err
		}
		sum.Terminal = p.terminal
		if draftMatches(sum, f) {
			sum.Local = true
			out = append(out, sum)
		}
	}
	slices.SortFunc(out, func(a, b app.DraftSummary) int { return b.ModifiedAt.Compare(a.ModifiedAt) })
	return out, nil
}

func (s *draftStore) LocalDraft(_ context.Context, id string) (pos.Document, error) {
	s.lmu.Lock()
	defer s.lmu.Unlock()
	p, ok := s.local[id]
	if !ok {
		return pos.Document{}, pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "draft", "Key", id)
	}
	return cloneDoc(p.doc), nil
}

func (s *draftStore) LocalDraftLease(_ context.Context, id string) (int64, error) {
	s.lmu.Lock()
	defer s.lmu.Unlock()
	p, ok := s.local[id]
	if !ok {
		return 0, pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "draft", "Key", id)
	}
	return p.lease, nil
}

func (s *draftStore) DeleteLocalDraft(_ context.Context, _ time.Time, _ app.OpMeta, id string) error {
	s.lmu.Lock()
	defer s.lmu.Unlock()
	if _, ok := s.local[id]; !ok {
		return pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "draft", "Key", id)
	}
	delete(s.local, id)
	return nil
}

// CheckDraftNotConfirmed refuses a draft stored here past Unconfirmed, as the
// real store does (which also counts a draft.confirm still queued).
func (s *draftStore) CheckDraftNotConfirmed(_ context.Context, id string) error {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	if d, ok := s.docs[id]; ok && d.Status != pos.StatusUnconfirmed {
		return pos.Errorf(pos.CodeConflict, "drafts.already_confirmed", "Number", d.Number)
	}
	return nil
}

func (s *draftStore) ConfirmDraft(ctx context.Context, at time.Time, meta app.OpMeta, lease int64, d *pos.Document) error {
	if err := s.SaveDocuments(ctx, at, meta, d); err != nil {
		return err
	}
	s.lmu.Lock()
	defer s.lmu.Unlock()
	delete(s.local, d.ID)
	s.confirmed = append(s.confirmed, lease)
	return nil
}

func (s *draftStore) localIDs() []string {
	s.lmu.Lock()
	defer s.lmu.Unlock()
	return slices.Sorted(func(yield func(string) bool) {
		for id := range s.local {
			if !yield(id) {
				return
			}
		}
	})
}

// draftSummary is a draft's row as both the store and the service list it.
func draftSummary(d pos.Document, modified time.Time) (app.DraftSummary, error) {
	tot, err := d.Totals()
	if err != nil {
		return app.DraftSummary{}, err
	}
	return app.DraftSummary{ID: d.ID, Kind: d.Kind, BarcodeNo: d.BarcodeNo, IssuedAt: d.IssuedAt, ModifiedAt: modified,
		Gross: tot.Gross, Net: tot.Net, Seller: d.Operator, Terminal: d.Terminal, DraftParties: app.PartiesOf(&d)}, nil
}

// draftMatches filters as the store and the service do: the day in its own
// time zone, the start of the barcode or temporary number.
func draftMatches(d app.DraftSummary, f app.DraftFilter) bool {
	if !f.Day.IsZero() {
		y, m, day := f.Day.Date()
		from := time.Date(y, m, day, 0, 0, 0, 0, f.Day.Location())
		if d.IssuedAt.Before(from) || !d.IssuedAt.Before(from.AddDate(0, 0, 1)) {
			return false
		}
	}
	text := strings.TrimSpace(f.Text)
	return (f.Kind == "" || d.Kind == f.Kind) && (f.Seller == "" || d.Seller == f.Seller) &&
		(f.Terminal == "" || d.Terminal == f.Terminal) &&
		(text == "" || strings.HasPrefix(string(d.BarcodeNo), text) || d.TempNumber != "" && strings.HasPrefix(d.TempNumber, text))
}

// draftService is the data service's draft store, the edge the agent
// reaches over the network: drafts under edit leases, temporary numbers,
// and a switch to play the network down. Each terminal reaches it through
// its own client.
type draftService struct {
	mu       sync.Mutex
	offline  bool
	drafts   map[string]*storedDraft
	temp     map[pos.Kind]int
	token    int64
	asked    []app.DraftFilter // every list query, in order
	released []int64
	// lease is the edit lease it grants: an hour, so that no renewal runs
	// during a test, unless a test asks for renewals.
	lease time.Duration
}

type storedDraft struct {
	doc      pos.Document
	sum      app.DraftSummary
	holder   string // the terminal holding the edit lease
	token    int64
	modified time.Time
}

func newDraftService() *draftService {
	return &draftService{drafts: map[string]*storedDraft{}, temp: map[pos.Kind]int{}}
}

// draftClient is the draft service as a terminal reaches it, authenticated
// as that terminal: what it parks was last modified there, the leases it
// takes are held there.
type draftClient struct {
	*draftService
	terminal string
}

var _ app.DraftRemote = draftClient{}

func (s *draftService) client(terminal string) draftClient {
	return draftClient{draftService: s, terminal: terminal}
}

func unreachable() error { return pos.Errorf(pos.CodeUnavailable, "error.offline_required") }

func (s *draftService) setOffline(off bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offline = off
}

// park stores d as parked on terminal by its seller, as another till would.
func (s *draftService) park(tb testing.TB, d pos.Document, terminal string, at time.Time) app.DraftSummary {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	d.Terminal = terminal
	sum, err := s.store(d, at)
	require.NoError(tb, err)
	return sum
}

func (s *draftService) store(d pos.Document, at time.Time) (app.DraftSummary, error) {
	sum, err := draftSummary(d, at)
	if err != nil {
		return app.DraftSummary{}, err
	}
	old, ok := s.drafts[d.ID]
	if ok {
		sum.TempNumber = old.sum.TempNumber
	} else {
		s.temp[d.Kind]++
		sum.TempNumber = fmt.Sprintf("%s/TMP/%d", d.Kind, s.temp[d.Kind])
	}
	s.drafts[d.ID] = &storedDraft{doc: cloneDoc(d), sum: sum, modified: at}
	return sum, nil
}

// holdOn gives the edit lease of draft id to another terminal.
func (s *draftService) holdOn(id, terminal string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token++
	s.drafts[id].holder, s.drafts[id].token = terminal, s.token
}

func (s *draftService) draft(tb testing.TB, id string) (pos.Document, bool) {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.drafts[id]
	if !ok {
		return pos.Document{}, false
	}
	return cloneDoc(d.doc), true
}

func (s *draftService) lastAsked() app.DraftFilter {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.asked[len(s.asked)-1]
}

func (c draftClient) PutDraft(_ context.Context, _ string, lease int64, d pos.Document) (app.DraftSummary, error) {
	s := c.draftService
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return app.DraftSummary{}, unreachable()
	}
	if old, ok := s.drafts[d.ID]; ok && old.token != lease {
		return app.DraftSummary{}, pos.Errorf(pos.CodeConflict, "drafts.lease_lost")
	}
	d.Terminal = c.terminal
	return s.store(d, fixedNow)
}

func (c draftClient) OpenDraft(_ context.Context, id, _ string) (app.DraftLease, error) {
	s := c.draftService
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return app.DraftLease{}, unreachable()
	}
	d, ok := s.drafts[id]
	switch {
	case !ok:
		return app.DraftLease{}, pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "draft", "Key", id)
	case d.holder != "" && d.holder != c.terminal:
		return app.DraftLease{}, pos.Errorf(pos.CodeLocked, "drafts.edited_elsewhere", "Terminal", d.holder)
	}
	s.token++
	d.holder, d.token = c.terminal, s.token
	lease := cmp.Or(s.lease, time.Hour)
	return app.DraftLease{DraftID: id, Token: d.token, Expires: fixedNow.Add(lease), Lease: lease,
		Summary: d.sum, Document: cloneDoc(d.doc)}, nil
}

func (c draftClient) RenewDraft(_ context.Context, l app.DraftLease) (app.DraftLease, error) {
	s := c.draftService
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return app.DraftLease{}, unreachable()
	}
	if d, ok := s.drafts[l.DraftID]; !ok || d.token != l.Token {
		return app.DraftLease{}, pos.Errorf(pos.CodeConflict, "drafts.lease_lost")
	}
	return l, nil
}

func (c draftClient) ReleaseDraft(_ context.Context, l app.DraftLease) error {
	s := c.draftService
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return unreachable()
	}
	if d, ok := s.drafts[l.DraftID]; ok && d.token == l.Token {
		d.holder = ""
	}
	s.released = append(s.released, l.Token)
	return nil
}

func (c draftClient) DeleteDraft(_ context.Context, id, _ string, _ int64) error {
	s := c.draftService
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return unreachable()
	}
	d, ok := s.drafts[id]
	switch {
	case !ok:
		return pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "draft", "Key", id)
	case d.holder != "":
		return pos.Errorf(pos.CodeLocked, "drafts.edited_elsewhere", "Terminal", d.holder)
	}
	delete(s.drafts, id)
	return nil
}

func (c draftClient) Drafts(_ context.Context, f app.DraftFilter) ([]app.DraftSummary, bool, error) {
	s := c.draftService
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, f)
	if s.offline {
		return nil, false, unreachable()
	}
	var out []app.DraftSummary
	for _, d := range s.drafts {
		if draftMatches(d.sum, f) {
			out = append(out, d.sum)
		}
	}
	slices.SortFunc(out, func(a, b app.DraftSummary) int {
		return cmp.Or(b.ModifiedAt.Compare(a.ModifiedAt), cmp.Compare(a.ID, b.ID))
	})
	if f.Offset >= len(out) {
		return nil, false, nil
	}
	end := min(f.Offset+f.Limit, len(out))
	return out[f.Offset:end], end < len(out), nil
}
