package ui

import (
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

// memStore is app.Store in memory: the edge of these unit tests, so screens
// run against the real use cases without a database.
type memStore struct {
	mu        sync.Mutex
	terminal  pos.Terminal
	operators []pos.Operator
	groups    map[string]pos.Group
	failures  map[string]int
	lastFail  map[string]time.Time
	settings  map[string]string
	products  []pos.Product // sorted by name
	pending   int
	// pendingRead, when set, gets a signal (if it has room) each time the
	// status is read, so a test can wait for the status bar's loop.
	pendingRead chan struct{}
}

func notFound() error { return pos.Errorf(pos.CodeNotFound, "error.not_found") }

func (s *memStore) Terminal(_ context.Context, code string) (pos.Terminal, error) {
	if code != s.terminal.Code {
		return pos.Terminal{}, notFound()
	}
	return s.terminal, nil
}

func (s *memStore) Operators(context.Context) ([]pos.Operator, error) {
	return slices.Clone(s.operators), nil
}

func (s *memStore) Operator(_ context.Context, code string) (pos.Operator, error) {
	for _, o := range s.operators {
		if o.Code == code {
			return o, nil
		}
	}
	return pos.Operator{}, notFound()
}

func (s *memStore) Group(_ context.Context, code string) (pos.Group, error) {
	g, ok := s.groups[code]
	if !ok {
		return pos.Group{}, notFound()
	}
	return g, nil
}

func (s *memStore) LoginFailures(_ context.Context, op string) (int, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failures[op], s.lastFail[op], nil
}

func (s *memStore) RecordLoginFailure(_ context.Context, op string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[op]++
	s.lastFail[op] = at
	return nil
}

func (s *memStore) ClearLoginFailures(_ context.Context, op string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.failures, op)
	delete(s.lastFail, op)
	return nil
}

func (s *memStore) Setting(_ context.Context, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.settings[key]
	return v, ok, nil
}

func (s *memStore) SetSetting(_ context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings[key] = value
	return nil
}

func (s *memStore) ProductByCode(_ context.Context, code string) (pos.Product, error) {
	for _, p := range s.products {
		if p.Code == code {
			return p, nil
		}
	}
	return pos.Product{}, notFound()
}

func (s *memStore) ProductByEAN(_ context.Context, ean string) (pos.Product, error) {
	for _, p := range s.products {
		if slices.Contains(p.EANs, ean) {
			return p, nil
		}
	}
	return pos.Product{}, notFound()
}

func (s *memStore) SearchProducts(_ context.Context, text string, offset, limit int) ([]pos.Product, error) {
	var out []pos.Product
	for _, p := range s.products {
		if strings.HasPrefix(p.Name, text) || strings.HasPrefix(p.Code, text) {
			out = append(out, p)
		}
	}
	if offset >= len(out) {
		return nil, nil
	}
	return out[offset:min(offset+limit, len(out))], nil
}

func (s *memStore) PendingOperations(context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case s.pendingRead <- struct{}{}:
	default:
	}
	return s.pending, nil
}

// The fixture: a till, a cashier who may only look up products, a manager
// who may do everything, and products named so their order is obvious.
const (
	terminalCode = "KRKASA1"
	cashier      = "ANNA"
	cashierName  = "Anna Nowak"
	cashierPIN   = "1234"
	manager      = "MARC"
	managerName  = "Marc Dubois"
	managerPIN   = "9876"
)

var (
	fixedNow   = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	fixedClock = app.ClockFunc(func() time.Time { return fixedNow })
)

// pinHashes are computed once: Argon2id is slow on purpose.
var pinHashes = sync.OnceValue(func() map[string]string {
	salt := []byte("0123456789abcdef") // fixed, so the fixture is reproducible
	return map[string]string{cashier: pos.HashPIN(cashierPIN, salt), manager: pos.HashPIN(managerPIN, salt)}
})

func newMemStore(tb testing.TB) *memStore {
	tb.Helper()
	h := pinHashes()
	return &memStore{
		terminal: pos.Terminal{Code: terminalCode, Number: 1, Center: "KRK"},
		operators: []pos.Operator{
			{Code: cashier, Name: cashierName, Group: "cashiers", PINHash: h[cashier], Active: true},
			{Code: manager, Name: managerName, Group: "managers", PINHash: h[manager], Active: true},
			{Code: "GONE", Name: "Former Employee", Group: "cashiers", PINHash: h[cashier], Active: false},
		},
		groups: map[string]pos.Group{
			"cashiers": {Code: "cashiers", Name: "Cashiers", Rights: []pos.Right{pos.RightProducts}},
			"managers": {Code: "managers", Name: "Managers", Rights: pos.AllRights},
		},
		failures: map[string]int{},
		lastFail: map[string]time.Time{},
		// The terminal speaks English whatever the locale of the machine
		// running the tests.
		settings: map[string]string{"language": "en"},
	}
}

// addProducts adds n products named "Product 001"… so that list order is
// predictable; product i has code P00i and EAN 590000000000i (13 digits).
func (s *memStore) addProducts(n int) {
	for i := 1; i <= n; i++ {
		s.products = append(s.products, pos.Product{
			Code:    fmt.Sprintf("P%03d", i),
			EANs:    []string{fmt.Sprintf("590000000%04d", i)},
			Name:    fmt.Sprintf("Product %03d", i),
			Unit:    "pc",
			VATRate: 2300,
			Price:   pos.Money(100*i + 99),
			Active:  true,
		})
	}
}

// useCases wires the real app use cases on a store, offline, at fixedNow.
func useCases(tb testing.TB, s *memStore) UseCases {
	tb.Helper()
	session, err := app.NewSession(context.Background(), s, fixedClock, s.terminal.Code)
	require.NoError(tb, err)
	return UseCases{
		Session:  session,
		Settings: app.NewSettings(s, session),
		Catalog:  app.NewCatalog(s, session),
		Status:   app.NewStatusBar(s, session, nil, fixedClock),
	}
}
