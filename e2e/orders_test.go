package e2e

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

var day = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// erpOrder is the demo's first ERP order (XYZ, Confirmed): Kitchen table and
// Home delivery.
func erpOrder(tb testing.TB) pos.Document {
	tb.Helper()
	o := demo.Orders(day)[0]
	require.Equal(tb, pos.StatusConfirmed, o.Status)
	return o
}

func errKey(tb testing.TB, err error) string {
	tb.Helper()
	require.Error(tb, err)
	e, ok := pos.AsError(err)
	require.True(tb, ok, "not a pos error: %v", err)
	return e.Key
}

func cash(m pos.Money) []pos.Tender {
	return []pos.Tender{{Method: "CASH", Type: pos.PaymentCash, Amount: m}}
}

// TestTwoTillsOneOrderM1: while KRKASA1 holds an ERP order's lock for a
// receipt, KRPOS2's receipt on it is refused with M1 naming the holder; after
// KRKASA1 has paid a partial receipt and both have synced, KRPOS2 succeeds on
// the new version, with only what remains to deliver.
func TestTwoTillsOneOrderM1(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	a := newTill(t, c, s, "KRKASA1", "ANNA")
	b := newTill(t, c, s, "KRPOS2", "PIOTR")
	a.sync(t)
	b.sync(t)
	order := erpOrder(t)
	ctx := context.Background()

	g, err := a.orders.Generate(ctx, order.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	require.False(t, g.Unlinked())

	_, err = b.orders.Generate(ctx, order.ID, pos.KindReceipt, 0)
	assert.Equal(t, pos.MsgLockedElsewhere, errKey(t, err))
	e, _ := pos.AsError(err)
	assert.Equal(t, "KRKASA1", e.Args["Holder"])

	g.Doc.Lines = g.Doc.Lines[:1] // the table today, delivery later
	_, err = g.Pay(ctx, cash(59900))
	require.NoError(t, err)
	a.sync(t)
	b.sync(t)

	got, rel, err := b.orders.Get(ctx, order.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusInProgress, got.Status, "KRPOS2 sees the new version")
	require.Len(t, rel, 1)

	g2, err := b.orders.Generate(ctx, order.ID, pos.KindReceipt, 0)
	require.NoError(t, err, "the lock was released")
	require.Len(t, g2.Doc.Lines, 1)
	assert.Equal(t, "DELIV", g2.Doc.Lines[0].ProductCode, "only what remains")
	_, err = g2.Pay(ctx, cash(2500))
	require.NoError(t, err)
	b.sync(t)

	onService, _, err := s.svc.Document(ctx, order.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, onService.Status)
}

// TestOfflineReceiptArrivesOnceUnlinked: with the service stopped, a receipt
// for a synced order asks M2 and on Yes is issued unlinked with the order's
// number; when the service is back it arrives exactly once, not linked, and the
// order on the service is unchanged.
func TestOfflineReceiptArrivesOnceUnlinked(t *testing.T) {
	c := &clock{now: day}
	path := filepath.Join(t.TempDir(), "service.db")
	s := startService(t, c, path, "127.0.0.1:0")
	a := newTill(t, c, s, "KRKASA1", "ANNA")
	a.sync(t)
	order := erpOrder(t)
	ctx := context.Background()
	_, before, err := s.svc.Document(ctx, order.ID)
	require.NoError(t, err)
	s.stop()

	_, err = a.orders.Generate(ctx, order.ID, pos.KindReceipt, 0)
	assert.Equal(t, pos.MsgOfflineUnlinked, errKey(t, err))
	g, err := a.orders.Generate(ctx, order.ID, pos.KindReceipt, app.ConsentUnlinked)
	require.NoError(t, err)
	require.True(t, g.Unlinked())
	_, err = g.Pay(ctx, cash(70000))
	require.NoError(t, err)
	assert.Equal(t, order.Number, g.Doc.OrderRef)
	assert.Error(t, a.agent.Sync(ctx), "the service is down")
	assert.False(t, a.agent.Online())
	n, err := a.db.PendingOperations(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "the receipt waits in the outbox")

	back := startService(t, c, path, s.addr) // same database, same address
	a.sync(t)
	a.sync(t) // a second sync sends nothing again
	receipt, _, err := back.svc.Document(ctx, g.Doc.ID)
	require.NoError(t, err)
	assert.Equal(t, order.Number, receipt.OrderRef)
	assert.Empty(t, receipt.SourceOrder, "not associated with the order")
	n, err = a.db.PendingOperations(ctx)
	require.NoError(t, err)
	assert.Zero(t, n)

	after, version, err := back.svc.Document(ctx, order.ID)
	require.NoError(t, err)
	assert.Equal(t, before, version, "the order is unchanged on the service")
	assert.Equal(t, pos.StatusConfirmed, after.Status)

	found, _, err := a.agent.Search(ctx, app.RemoteSearch{Number: order.Number, Kinds: []pos.Kind{pos.KindOrder}, Limit: 10})
	require.NoError(t, err)
	require.Len(t, found, 1, "the order is found on the service by its number (R-L4)")
	assert.Equal(t, order.ID, found[0].Document.ID)
}

// TestWorkedExampleRG5: a customer collects an ERP order; the cashier
// generates a receipt with the order's quantities, takes cash and the order
// becomes Completed, here and on the service.
func TestWorkedExampleRG5(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	a := newTill(t, c, s, "KRKASA1", "ANNA")
	a.sync(t)
	order := erpOrder(t)
	ctx := context.Background()

	g, err := a.orders.Generate(ctx, order.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	tot, err := g.Totals()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(59900+2500), tot.Due)
	change, err := g.Pay(ctx, cash(65000))
	require.NoError(t, err)
	assert.Equal(t, pos.Money(2600), change)

	local, _, err := a.orders.Get(ctx, order.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, local.Status)
	a.sync(t)
	remote, _, err := s.svc.Document(ctx, order.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, remote.Status)
	receipt, _, err := s.svc.Document(ctx, g.Doc.ID)
	require.NoError(t, err)
	assert.Equal(t, order.ID, receipt.SourceOrder, "linked to the order")
}
