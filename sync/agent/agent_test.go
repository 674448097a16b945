package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/protocol"
)

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
	case "pull":
		pullChild()
		return
	default:
		crashChild()
		return
	}
	goleak.VerifyTestMain(m)
}

func TestDrainSendsEveryOperationOnceInOrder(t *testing.T) {
	w := startWorld(t, worldOpts{})
	db := openTill(t, "")
	saves := saveOrders(t, db, "KRKASA1", 150, w.clock.Now())
	o := fastOptions()
	o.BatchSize = 17
	a := newAgent(t, w.url, "KRKASA1", db, w.clock, o, ClientOptions{})
	require.NoError(t, a.Sync(context.Background()))
	assert.Equal(t, app.OutboxCounts{}, pendingOps(t, db))
	checkExactlyOnce(t, w.svc, db, saves)
	st := a.Status()
	assert.True(t, st.Online)
	assert.Zero(t, st.Pending)
	assert.Empty(t, st.LastError)
	assert.Equal(t, w.clock.Now(), st.LastSync)

	// Nothing left: a second sync sends nothing and changes nothing.
	h, err := w.svc.Head(context.Background())
	require.NoError(t, err)
	require.NoError(t, a.Sync(context.Background()))
	h2, err := w.svc.Head(context.Background())
	require.NoError(t, err)
	assert.Equal(t, h, h2)
}

func TestPullBringsMasterDataAndVisibleOrders(t *testing.T) {
	w := startWorld(t, worldOpts{})
	ctx := context.Background()
	db := openTill(t, "")
	a := newAgent(t, w.url, "KRKASA1", db, w.clock, fastOptions(), ClientOptions{})
	require.NoError(t, a.Sync(ctx))
	cursor, err := db.SyncCursor(ctx, Stream)
	require.NoError(t, err)
	assert.NotEmpty(t, cursor)

	p := demo.MasterData().Products[0]
	p.Price = 12345
	require.NoError(t, w.svc.LoadMasterData(ctx, pos.MasterData{Products: []pos.Product{p}}))
	erp := newOrder("ERP", 2)
	erp.ID, erp.Status, erp.Source, erp.Number = uuid.NewString(), pos.StatusConfirmed, pos.SourceERP, "COMC/77/2026/ERP"
	erp.BarcodeNo, err = pos.NewDocNumber(pos.KindOrder, 999, 77)
	require.NoError(t, err)
	_, err = w.svc.PutDocument(ctx, *erp)
	require.NoError(t, err)

	require.NoError(t, a.Sync(ctx))
	got, err := db.ProductByCode(ctx, p.Code)
	require.NoError(t, err)
	assert.Equal(t, pos.Money(12345), got.Price)
	local, err := db.Document(ctx, erp.ID)
	require.NoError(t, err)
	assert.Equal(t, erp.Number, local.Number)

	// Closed in the ERP: it leaves the till.
	erp.Status = pos.StatusClosed
	_, err = w.svc.PutDocument(ctx, *erp)
	require.NoError(t, err)
	require.NoError(t, a.Sync(ctx))
	_, err = db.Document(ctx, erp.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
}

// TestPoisonOperationIsQuarantinedTheRestPass: one operation the service
// refuses, the 100 after it applied; the refused one is listed with its
// reason, and applies once its cause is fixed and it is retried.
func TestPoisonOperationIsQuarantinedTheRestPass(t *testing.T) {
	w := startWorld(t, worldOpts{})
	ctx := context.Background()
	db := openTill(t, "")
	receipt := newOrder("KRKASA1", 1)
	receipt.Kind, receipt.Status = pos.KindReceipt, pos.StatusConfirmed
	require.NoError(t, db.SaveDocuments(ctx, w.clock.Now(), app.OpMeta{Operator: "MARC"}, receipt)) // a consultant: no receipts
	saves := saveOrders(t, db, "KRKASA1", 100, w.clock.Now())
	o := fastOptions()
	o.BatchSize = 30
	a := newAgent(t, w.url, "KRKASA1", db, w.clock, o, ClientOptions{})
	require.NoError(t, a.Sync(ctx))

	checkExactlyOnce(t, w.svc, db, saves)
	assert.Equal(t, app.OutboxCounts{Quarantined: 1}, pendingOps(t, db))
	q, err := db.QuarantinedOperations(ctx)
	require.NoError(t, err)
	require.Len(t, q, 1)
	assert.Equal(t, receipt.ID, q[0].DocID)
	assert.Equal(t, pos.CodeForbidden, q[0].Code)
	assert.Contains(t, q[0].Reason, "error.right_missing")
	assert.Contains(t, q[0].Reason, string(pos.RightReceipt))
	require.NotNil(t, q[0].Message, "kept to be read in the till's language")
	assert.Equal(t, "error.right_missing", q[0].Message.Key)
	assert.Equal(t, string(pos.RightReceipt), q[0].Message.Args["Right"])
	assert.Equal(t, 1, a.Status().Quarantined)
	_, _, err = w.svc.Document(ctx, receipt.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "nothing of it reached the service")

	// Head office gives consultants the right; the operation is retried.
	groups := demo.MasterData().Groups
	g := groups[slices.IndexFunc(groups, func(g pos.Group) bool { return g.Code == "consultants" })]
	g.Rights = append(g.Rights, pos.RightReceipt)
	require.NoError(t, w.svc.AddGroup(ctx, g))
	require.NoError(t, db.RetryOperation(ctx, q[0].ID))
	require.NoError(t, a.Sync(ctx))
	assert.Equal(t, app.OutboxCounts{}, pendingOps(t, db))
	_, version, err := w.svc.Document(ctx, receipt.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), version)
}

func TestWrongSecretStaysOfflineAndKeepsEverything(t *testing.T) {
	w := startWorld(t, worldOpts{})
	db := openTill(t, "")
	saveOrders(t, db, "KRKASA1", 5, w.clock.Now())
	c, err := NewClient(w.url, "not-the-secret-of-anyone", ClientOptions{})
	require.NoError(t, err)
	defer c.Close()
	a := New(db, c, w.clock, testLog(t), fastOptions())
	err = a.Sync(context.Background())
	assert.Equal(t, pos.CodeUnauthorized, pos.ErrorCode(err))
	assert.False(t, a.Online())
	assert.Contains(t, a.Status().LastError, "unauthorized")
	assert.Equal(t, 5, pendingOps(t, db).Pending)
}

// TestUnreachableIsNoticedWithin2Seconds: a service that stopped (connection
// refused) and one that hangs (accepts, never answers) both turn the agent
// offline within 2 s, with the default timeouts.
func TestUnreachableIsNoticedWithin2Seconds(t *testing.T) {
	hung, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer hung.Close()
	accepted := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := hung.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()
	defer func() {
		hung.Close()
		for c := range accepted {
			c.Close()
		}
	}()

	for name, stop := range map[string]func(w *world, p *switchProxy){
		"stopped": func(w *world, p *switchProxy) { require.NoError(t, w.stop()) },
		"hung":    func(w *world, p *switchProxy) { p.switchTo(hung.Addr().String()) },
	} {
		t.Run(name, func(t *testing.T) {
			w := startWorld(t, worldOpts{})
			p := startSwitchProxy(t, w.url)
			db := openTill(t, "")
			o := Options{} // the defaults: what a till runs with
			ch := statusWatch(&o)
			a := newAgent(t, p.url, "KRKASA1", db, w.clock, o, ClientOptions{})
			run(t, a)
			waitStatus(t, ch, 5*time.Second, func(s Status) bool { return s.Online })
			start := time.Now()
			stop(w, p)
			waitStatus(t, ch, 3*time.Second, func(s Status) bool { return !s.Online })
			took := time.Since(start)
			t.Logf("offline noticed after %s", took)
			assert.Less(t, took, 2*time.Second)
		})
	}
}

func TestSimulateOfflineQueuesThenDrainsToZero(t *testing.T) {
	w := startWorld(t, worldOpts{})
	ctx := context.Background()
	db := openTill(t, "")
	o := fastOptions()
	ch := statusWatch(&o)
	a := newAgent(t, w.url, "KRKASA1", db, w.clock, o, ClientOptions{})
	run(t, a)
	waitStatus(t, ch, 5*time.Second, func(s Status) bool { return s.Online })

	a.SetSimulateOffline(true)
	assert.False(t, a.Online(), "at once")
	assert.True(t, a.SimulatedOffline())
	saves := saveOrders(t, db, "KRKASA1", 30, w.clock.Now())
	a.SyncNow()
	waitStatus(t, ch, 5*time.Second, func(s Status) bool { return s.Pending == 30 && !s.Online && s.Simulated })
	_, err := a.Fetch(ctx, uuid.NewString())
	assert.Equal(t, pos.CodeUnavailable, pos.ErrorCode(err), "online operations fail at once too")

	a.SetSimulateOffline(false)
	waitStatus(t, ch, 5*time.Second, func(s Status) bool { return s.Online && s.Pending == 0 })
	checkExactlyOnce(t, w.svc, db, saves)
}

// TestServiceFaultIsRetriedThenQuarantined: an operation the service fails on
// (internal) stays pending and is sent again, the others pass; after
// MaxAttempts sendings it is quarantined, so it cannot block the till forever.
func TestServiceFaultIsRetriedThenQuarantined(t *testing.T) {
	ctx := context.Background()
	db := openTill(t, "")
	saves := saveOrders(t, db, "KRKASA1", 4, newClock().Now())
	require.Len(t, saves, 4)
	first, err := db.ClaimOutbox(ctx, 1)
	require.NoError(t, err)
	poison := first[0].ID
	sent := map[string]int{}
	fake := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		var body []byte
		switch r.URL.Path {
		case protocol.PathOps:
			var req protocol.PushRequest
			require.NoError(t, json.NewDecoder(r.Body).Decode(&req))
			var ans protocol.PushAnswer
			for _, op := range req.Ops {
				sent[op.ID]++
				res := protocol.OpResult{ID: op.ID, Status: protocol.StatusApplied}
				if op.ID == poison {
					res = protocol.OpResult{ID: op.ID, Status: protocol.StatusRejected,
						Error: &protocol.Error{Code: pos.CodeInternal, Message: "internal error"}}
				}
				ans.Results = append(ans.Results, res)
			}
			body = mustJSON(t, ans)
		case protocol.PathChanges:
			body = []byte(`{"cursor":"1","more":false,"master":{}}`)
		}
		return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(body)), Header: http.Header{},
			Request: r}, nil
	})
	c, err := NewClient("http://127.0.0.1:1", "secret", ClientOptions{Transport: fake})
	require.NoError(t, err)
	o := fastOptions()
	o.MaxAttempts = 3
	a := New(db, c, newClock(), testLog(t), o)
	for i := range 3 {
		err := a.Sync(ctx)
		if i < 2 {
			assert.ErrorIs(t, err, errTransient)
			assert.Equal(t, app.OutboxCounts{Pending: 1}, pendingOps(t, db), "the others passed")
		} else {
			assert.NoError(t, err)
		}
	}
	assert.Equal(t, 3, sent[poison])
	q, err := db.QuarantinedOperations(ctx)
	require.NoError(t, err)
	require.Len(t, q, 1)
	assert.Equal(t, poison, q[0].ID)
	assert.Equal(t, pos.CodeInternal, q[0].Code)
	assert.Contains(t, q[0].Reason, "after 3 attempts")
	cursor, err := db.SyncCursor(ctx, Stream)
	require.NoError(t, err)
	assert.Equal(t, "1", cursor, "the pull went on meanwhile")
}
