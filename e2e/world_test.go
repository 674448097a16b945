package e2e

import (
	"context"
	"errors"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/store"
	"github.com/comptoir/comptoir/sync/agent"
	"github.com/comptoir/comptoir/sync/dataservice"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m, goleak.Cleanup(removeBig)) }

// clock is the one clock of the service and the tills; tests move it by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// service is the demo data service serving on a loopback port.
type service struct {
	svc  *dataservice.Service
	path string
	addr string
	stop func()
}

func startService(tb testing.TB, c *clock, path, addr string) *service {
	tb.Helper()
	ctx := context.Background()
	svc, err := dataservice.Open(ctx, path, dataservice.Options{Clock: c})
	require.NoError(tb, err)
	require.NoError(tb, svc.LoadDemo(ctx))
	ln, err := net.Listen("tcp", addr)
	require.NoError(tb, err)
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- svc.Serve(sctx, ln) }()
	s := &service{svc: svc, path: path, addr: ln.Addr().String()}
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			require.NoError(tb, errors.Join(<-done, svc.Close()))
		})
	}
	tb.Cleanup(s.stop)
	return s
}

// till is one terminal: its database, its agent, its session and use cases.
type till struct {
	db      *store.DB
	agent   *agent.Agent
	session *app.Session
	orders  *app.Orders
}

func newTill(tb testing.TB, c *clock, s *service, terminal, operator string) *till {
	tb.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), terminal+".db"))
	require.NoError(tb, err)
	tb.Cleanup(func() { require.NoError(tb, db.Close()) })
	require.NoError(tb, db.ApplyMasterData(ctx, demo.MasterData()))
	client, err := agent.NewClient("http://"+s.addr, dataservice.DemoSecret(terminal), agent.ClientOptions{})
	require.NoError(tb, err)
	tb.Cleanup(client.Close)
	a := agent.New(db, client, c, zerolog.Nop(), agent.Options{})
	session, err := app.NewSession(ctx, db, c, terminal)
	require.NoError(tb, err)
	require.NoError(tb, session.Login(ctx, operator, demo.PINs[operator]))
	return &till{db: db, agent: a, session: session, orders: app.NewOrders(db, a, session, c)}
}

// sync sends what the till has queued and pulls what changed.
func (t *till) sync(tb testing.TB) {
	tb.Helper()
	require.NoError(tb, t.agent.Sync(context.Background()))
}
