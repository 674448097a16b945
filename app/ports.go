package app

import (
	"context"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// Clock gives the time; only cmd reads the real one (house rule 3).
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

func (f ClockFunc) Now() time.Time { return f() }

// Store is the local database as the use cases need it. Methods that find
// nothing return a pos.Error with CodeNotFound.
type Store interface {
	Terminal(ctx context.Context, code string) (pos.Terminal, error)
	Operators(ctx context.Context) ([]pos.Operator, error)
	Operator(ctx context.Context, code string) (pos.Operator, error)
	Group(ctx context.Context, code string) (pos.Group, error)

	// LoginFailures returns the consecutive wrong PINs of an operator and when
	// the last one happened; kept in the database so a restart does not unlock.
	LoginFailures(ctx context.Context, operator string) (int, time.Time, error)
	RecordLoginFailure(ctx context.Context, operator string, at time.Time) error
	ClearLoginFailures(ctx context.Context, operator string) error

	Setting(ctx context.Context, key string) (string, bool, error)
	SetSetting(ctx context.Context, key, value string) error

	ProductByCode(ctx context.Context, code string) (pos.Product, error)
	ProductByEAN(ctx context.Context, ean string) (pos.Product, error)
	// SearchProducts returns up to limit active products whose name, code or EAN
	// starts with text (any product when text is empty), ordered by name.
	SearchProducts(ctx context.Context, text string, offset, limit int) ([]pos.Product, error)

	// PendingOperations counts the outbox operations not yet acknowledged.
	PendingOperations(ctx context.Context) (int, error)
}

// Connectivity tells whether the data service answers. The sync agent
// implements it; without one the till is offline.
type Connectivity interface {
	Online() bool
}
