package dataservice

import (
	"context"
	"fmt"

	"github.com/comptoir/comptoir/demo"
)

// DemoSecret is the secret a demo till authenticates with. Demo tills and the
// demo service agree on it without a registration step; it protects nothing
// and must never be used outside demo mode.
func DemoSecret(terminal string) string { return "demo-only-secret-" + terminal }

// LoadDemo fills an empty service with the demo chain: its master data, its ERP
// and e-Shop orders, and its terminals registered with DemoSecret. A service
// that already holds data is left as it is, so restarting the demo keeps what
// the tills did.
func (s *Service) LoadDemo(ctx context.Context) error {
	empty, err := s.Empty(ctx)
	if err != nil || !empty {
		return err
	}
	md := demo.MasterData()
	if err := s.LoadMasterData(ctx, md); err != nil {
		return err
	}
	for _, t := range md.Terminals {
		if err := s.SetTerminalSecret(ctx, t.Code, DemoSecret(t.Code)); err != nil {
			return fmt.Errorf("demo terminal %s: %w", t.Code, err)
		}
	}
	for _, d := range demo.Orders(s.now()) {
		if _, err := s.PutDocument(ctx, d); err != nil {
			return fmt.Errorf("demo order %s: %w", d.Number, err)
		}
	}
	return nil
}
