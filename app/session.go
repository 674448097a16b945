package app

import (
	"context"
	"sync"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// Login is the operator working on the till now.
type Login struct {
	Operator pos.Operator
	Group    pos.Group
	Since    time.Time
}

// Session logs operators in and out of one terminal and answers what they may do.
type Session struct {
	store    Store
	clock    Clock
	policy   pos.LoginPolicy
	terminal pos.Terminal

	mu      sync.Mutex
	current *Login
}

// NewSession opens the session of the terminal with the given code.
func NewSession(ctx context.Context, store Store, clock Clock, terminal string) (*Session, error) {
	t, err := store.Terminal(ctx, terminal)
	if err != nil {
		return nil, err
	}
	return &Session{store: store, clock: clock, policy: pos.DefaultLoginPolicy, terminal: t}, nil
}

// Terminal is the terminal this session runs on.
func (s *Session) Terminal() pos.Terminal { return s.terminal }

// Operators lists the active operators for the login screen.
func (s *Session) Operators(ctx context.Context) ([]pos.Operator, error) {
	all, err := s.store.Operators(ctx)
	if err != nil {
		return nil, err
	}
	active := all[:0]
	for _, o := range all {
		if o.Active {
			active = append(active, o)
		}
	}
	return active, nil
}

// Login checks the operator's PIN. Wrong PINs are counted in the store; after
// the policy's limit the operator is locked for a while, and even the right PIN
// is refused until the lock ends. Neither the PIN nor its hash is logged.
func (s *Session) Login(ctx context.Context, code, pin string) error {
	if err := pos.CheckPINFormat(pin); err != nil {
		return err
	}
	op, err := s.store.Operator(ctx, code)
	if err != nil || !op.Active {
		return pos.Errorf(pos.CodeUnauthorized, "error.operator_unknown")
	}
	now := s.clock.Now()
	failures, last, err := s.store.LoginFailures(ctx, code)
	if err != nil {
		return err
	}
	if until := s.policy.LockedUntil(failures, last, now); !until.IsZero() {
		return pos.Errorf(pos.CodeForbidden, "error.operator_locked", "Minutes", minutesLeft(now, until))
	}
	if failures >= s.policy.MaxFailures {
		// The lock has run out: the operator gets a fresh set of attempts.
		if err := s.store.ClearLoginFailures(ctx, code); err != nil {
			return err
		}
		failures = 0
	}
	if !pos.VerifyPIN(op.PINHash, pin) {
		if err := s.store.RecordLoginFailure(ctx, code, now); err != nil {
			return err
		}
		failures++
		if failures >= s.policy.MaxFailures {
			return pos.Errorf(pos.CodeForbidden, "error.operator_locked", "Minutes", minutesLeft(now, now.Add(s.policy.LockFor)))
		}
		return pos.Errorf(pos.CodeUnauthorized, "error.pin_wrong", "Left", s.policy.MaxFailures-failures)
	}
	g, err := s.store.Group(ctx, op.Group)
	if err != nil {
		return err
	}
	if err := s.store.ClearLoginFailures(ctx, code); err != nil {
		return err
	}
	s.mu.Lock()
	s.current = &Login{Operator: op, Group: g, Since: now}
	s.mu.Unlock()
	return nil
}

func minutesLeft(now, until time.Time) int {
	return int((until.Sub(now) + time.Minute - 1) / time.Minute)
}

// Logout ends the current operator's session.
func (s *Session) Logout() {
	s.mu.Lock()
	s.current = nil
	s.mu.Unlock()
}

// Current returns the logged-in operator.
func (s *Session) Current() (Login, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == nil {
		return Login{}, false
	}
	return *s.current, true
}

// Can tells whether the logged-in operator holds right r.
func (s *Session) Can(r pos.Right) bool {
	l, ok := s.Current()
	return ok && l.Group.Has(r)
}

// groupOrEmpty is the logged-in operator's group; the empty group, which holds
// no right, when nobody is logged in.
func (s *Session) groupOrEmpty() pos.Group {
	l, _ := s.Current()
	return l.Group
}

// require returns a forbidden error unless the operator holds right r.
func (s *Session) require(r pos.Right) error {
	if _, ok := s.Current(); !ok {
		return pos.Errorf(pos.CodeUnauthorized, "error.not_logged_in")
	}
	if !s.Can(r) {
		return pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", string(r))
	}
	return nil
}
