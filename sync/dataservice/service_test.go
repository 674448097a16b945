package dataservice

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/protocol"
)

// pullAll pulls every page as term and returns the pages.
func (e *env) pullAll(tb testing.TB, term, after string, limit int) []protocol.ChangesPage {
	tb.Helper()
	var pages []protocol.ChangesPage
	for {
		var p protocol.ChangesPage
		status, perr := e.call(tb, http.MethodGet, protocol.PathChanges+"?after="+after+"&limit="+itoa(limit), term, nil, &p)
		require.Equal(tb, http.StatusOK, status, perr)
		pages = append(pages, p)
		after = p.Cursor
		if !p.More {
			return pages
		}
		require.Less(tb, len(pages), 10_000, "the cursor must move")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestWirePageIsChangesPage(t *testing.T) {
	e := startService(t)
	pages := e.pullAll(t, "KRKASA1", "", protocol.MaxPageSize)
	require.Len(t, pages, 1)
	assert.Equal(t, demo.MasterData(), pages[0].Master, "every record of the demo comes back as it went in")
	assert.Equal(t, itoa(int(head(t, e.svc))), pages[0].Cursor)

	// Every field of pos.MasterData has its twin on the wire, so that a new
	// kind of record cannot be dropped silently.
	md := reflect.TypeOf(pos.MasterData{})
	wire := reflect.TypeOf(wireMaster{})
	require.Equal(t, md.NumField(), wire.NumField())
	for i := range md.NumField() {
		name := strings.Split(md.Field(i).Tag.Get("json"), ",")[0]
		f, ok := wire.FieldByName(md.Field(i).Name)
		require.True(t, ok, "wireMaster lacks %s", md.Field(i).Name)
		assert.Equal(t, name, strings.Split(f.Tag.Get("json"), ",")[0])
	}
	// And masterRecords writes every kind: one record of each, non-empty.
	var full pos.MasterData
	v := reflect.ValueOf(&full).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice {
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
			setCode(f.Index(0))
		}
	}
	full.Params.Currency = "EUR"
	recs, err := masterRecords(full)
	require.NoError(t, err)
	kinds := map[string]bool{}
	for _, r := range recs {
		kinds[r.entity] = true
	}
	assert.Len(t, kinds, md.NumField(), "one entity per field of pos.MasterData: %v", kinds)
}

// setCode gives a record a key: its Code field (and Dict for dictionary entries).
func setCode(v reflect.Value) {
	for _, name := range []string{"Code", "Dict"} {
		if f := v.FieldByName(name); f.IsValid() && f.Kind() == reflect.String {
			f.SetString("X")
		}
	}
}

func TestPullPagesEveryRecordOnceThenNothing(t *testing.T) {
	e := startService(t)
	pages := e.pullAll(t, "KRKASA1", "", 7)
	seen := map[string]int{}
	for _, p := range pages {
		for _, pr := range p.Master.Products {
			seen[pr.Code]++
		}
	}
	assert.Len(t, seen, len(demo.MasterData().Products))
	for code, n := range seen {
		assert.Equal(t, 1, n, code)
	}
	last := pages[len(pages)-1].Cursor
	again := e.pullAll(t, "KRKASA1", last, 7)
	require.Len(t, again, 1)
	assert.Empty(t, again[0].Master.Products)
	assert.Equal(t, last, again[0].Cursor)

	// A change after the cursor comes alone, at its latest version.
	p := demo.MasterData().Products[0]
	p.Price++
	require.NoError(t, e.svc.LoadMasterData(context.Background(), pos.MasterData{Products: []pos.Product{p}}))
	next := e.pullAll(t, "KRKASA1", last, 7)
	require.Len(t, next, 1)
	assert.Equal(t, []pos.Product{p}, next[0].Master.Products)

	// Loading the same data again changes nothing.
	h := head(t, e.svc)
	require.NoError(t, e.svc.LoadMasterData(context.Background(), pos.MasterData{Products: []pos.Product{p}}))
	assert.Empty(t, e.pullAll(t, "KRKASA1", itoa(int(h)), 7)[0].Master.Products)
}

func TestPullServesOrdersVisibleUnderRL2(t *testing.T) {
	e := startService(t)
	ctx := context.Background()
	require.NoError(t, e.svc.LoadMasterData(ctx, pos.MasterData{
		Centers:    []pos.Center{{Code: "FAR", Name: "Far away"}},
		Warehouses: []pos.Warehouse{{Code: "FAR-W", Name: "Far warehouse", Center: "FAR"}},
		DeliveryPoints: []pos.DeliveryPoint{{Code: "DP-FAR", Kind: pos.DeliveryStore, Center: "FAR", Name: "Far"},
			{Code: "DP-FARW", Kind: pos.DeliveryWarehouse, Warehouse: "FAR-W", Name: "Far W"}},
	}))
	start := e.pullAll(t, "KRKASA1", "", protocol.MaxPageSize)
	cursor := start[len(start)-1].Cursor

	erp := func(status pos.Status, center, dp string, src pos.Source) pos.Document {
		d := order("ERP")
		d.Status, d.Center, d.DeliveryPoint, d.Source = status, center, dp, src
		_, err := e.svc.PutDocument(ctx, d)
		require.NoError(t, err)
		return d
	}
	visible := []pos.Document{
		erp(pos.StatusConfirmed, demo.Center, "", pos.SourceERP),     // owned by the center
		erp(pos.StatusInProgress, "FAR", "DP-XYZ", pos.SourceERP),    // delivered at the center
		erp(pos.StatusCompleted, "FAR", "DP-CENTRAL", pos.SourceERP), // at a warehouse available to it
		erp(pos.StatusConfirmed, "FAR", "DP-XYZ", pos.SourceEShop),   // e-shop, at this store
		erp(pos.StatusCompleted, "FAR", "DP-XYZ", pos.SourceEShop),   // e-shop, at this store
	}
	hidden := []pos.Document{
		erp(pos.StatusUnconfirmed, demo.Center, "", pos.SourceERP),           // not confirmed yet
		erp(pos.StatusClosed, demo.Center, "", pos.SourceERP),                // closed
		erp(pos.StatusConfirmed, "FAR", "DP-FAR", pos.SourceERP),             // another center's
		erp(pos.StatusConfirmed, "FAR", "DP-FARW", pos.SourceERP),            // warehouse not available here
		erp(pos.StatusInProgress, "FAR", "DP-XYZ", pos.SourceEShop),          // e-shop in progress
		erp(pos.StatusConfirmed, demo.Center, "DP-CENTRAL", pos.SourceEShop), // e-shop, not at a store
	}
	own := order("KRKASA1")
	own.Status = pos.StatusUnconfirmed
	r := e.push(t, "KRKASA1", saveOp(t, "ANNA", own, 0))
	require.Equal(t, protocol.StatusApplied, r[0].Status, r[0].Error)

	got := map[string]bool{}
	removed := map[string]bool{}
	for _, p := range e.pullAll(t, "KRKASA1", cursor, 3) {
		for _, d := range p.Documents {
			got[d.ID] = true
		}
		for _, id := range p.Removed {
			removed[id] = true
		}
	}
	for _, d := range visible {
		assert.True(t, got[d.ID], "%s %s %s %s must be visible", d.Source, d.Status, d.Center, d.DeliveryPoint)
	}
	assert.True(t, got[own.ID], "a terminal sees its own documents")
	for _, d := range hidden {
		assert.False(t, got[d.ID], "%s %s %s %s must not be visible", d.Source, d.Status, d.Center, d.DeliveryPoint)
	}
	assert.Len(t, got, len(visible)+1)

	// Another center's terminal sees none of them.
	require.NoError(t, e.svc.LoadMasterData(ctx, pos.MasterData{Terminals: []pos.Terminal{{Code: "FAR1", Number: 90, Center: "FAR"}}}))
	require.NoError(t, e.svc.SetTerminalSecret(ctx, "FAR1", secretOf("FAR1")))
	far := map[string]bool{}
	for _, p := range e.pullAll(t, "FAR1", cursor, 100) {
		for _, d := range p.Documents {
			far[d.ID] = true
		}
	}
	assert.True(t, far[visible[1].ID], "FAR owns it")
	assert.False(t, far[own.ID])

	// Closing an order in the ERP reaches the till as a removal.
	cursor = itoa(int(head(t, e.svc)))
	closed := visible[0]
	closed.Status = pos.StatusClosed
	_, err := e.svc.PutDocument(ctx, closed)
	require.NoError(t, err)
	pages := e.pullAll(t, "KRKASA1", cursor, 100)
	require.Len(t, pages, 1)
	assert.Empty(t, pages[0].Documents)
	assert.Equal(t, []string{closed.ID}, pages[0].Removed)
}

func TestPushAppliesOnceAndAnswersReplaysWithTheFirstAnswer(t *testing.T) {
	e := startService(t)
	d := order("KRKASA1")
	op := saveOp(t, "ANNA", d, 0)
	first := e.push(t, "KRKASA1", op)[0]
	require.Equal(t, protocol.StatusApplied, first.Status, first.Error)
	assert.Equal(t, int64(1), first.Version)
	h := head(t, e.svc)

	again := e.push(t, "KRKASA1", op, op)
	for _, r := range again {
		assert.Equal(t, protocol.StatusDuplicate, r.Status)
		require.NotNil(t, r.First)
		assert.Equal(t, first, *r.First)
	}
	assert.Equal(t, h, head(t, e.svc), "a replay changes nothing")

	// Same id, other payload: refused as a conflict, nothing applied.
	other := d
	other.Reference = "changed"
	forged := saveOp(t, "ANNA", other, 0)
	forged.ID = op.ID
	r := e.push(t, "KRKASA1", forged)[0]
	assert.Equal(t, protocol.StatusRejected, r.Status)
	require.NotNil(t, r.Error)
	assert.Equal(t, pos.CodeConflict, r.Error.Code)
	got, version, err := e.svc.Document(context.Background(), d.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), version)
	assert.Empty(t, got.Reference)
	assert.Equal(t, h, head(t, e.svc))

	// Another terminal replaying the id is another operation too.
	r = e.push(t, "KRPOS2", op)[0]
	assert.Equal(t, protocol.StatusRejected, r.Status)
	assert.Equal(t, pos.CodeConflict, r.Error.Code)
}

func TestPushRejectsOneAndAppliesTheRest(t *testing.T) {
	e := startService(t)
	good1, good2 := order("KRKASA1"), order("KRKASA1")
	bad := order("KRKASA1")
	bad.Lines[0].Qty = -1
	notMine := order("KRPOS2")
	ops := []protocol.Op{saveOp(t, "ANNA", good1, 0), saveOp(t, "ANNA", bad, 0), saveOp(t, "ANNA", notMine, 0),
		{ID: "not-a-uuid", Kind: protocol.OpDocumentSave, Operator: "ANNA", Payload: json.RawMessage(`{}`)},
		{ID: uuid.NewString(), Kind: "nonsense", Operator: "ANNA", Payload: json.RawMessage(`{}`)},
		{ID: uuid.NewString(), Kind: protocol.OpDocumentSave, Operator: "ANNA", Payload: json.RawMessage(`[1]`)},
		{ID: uuid.NewString(), Kind: protocol.OpDocumentSave, Operator: "ANNA", Payload: json.RawMessage(`{"id":"x","kind":"ZZ"}`)},
		saveOp(t, "NOBODY", order("KRKASA1"), 0),
		saveOp(t, "ANNA", good2, 0)}
	rs := e.push(t, "KRKASA1", ops...)
	want := []pos.Code{"", pos.CodeInvalid, pos.CodeForbidden, pos.CodeInvalid, pos.CodeInvalid, pos.CodeInvalid,
		pos.CodeInvalid, pos.CodeForbidden, ""}
	for i, r := range rs {
		assert.Equal(t, ops[i].ID, r.ID)
		if want[i] == "" {
			assert.Equal(t, protocol.StatusApplied, r.Status, "op %d: %v", i, r.Error)
			continue
		}
		assert.Equal(t, protocol.StatusRejected, r.Status, "op %d", i)
		if assert.NotNil(t, r.Error, "op %d", i) {
			assert.Equal(t, want[i], r.Error.Code, "op %d: %s", i, r.Error.Message)
		}
	}
	for _, d := range []pos.Document{bad, notMine} {
		_, _, err := e.svc.Document(context.Background(), d.ID)
		assert.True(t, isCode(err, pos.CodeNotFound))
	}
}

func TestOperatorWithoutTheRightIsRefusedAndNothingChanges(t *testing.T) {
	e := startService(t)
	receipt := order("KRKASA1")
	receipt.Kind = pos.KindReceipt
	h := head(t, e.svc)
	// MARC is a consultant: no receipts.
	r := e.push(t, "KRKASA1", saveOp(t, "MARC", receipt, 0))[0]
	assert.Equal(t, protocol.StatusRejected, r.Status)
	require.NotNil(t, r.Error)
	assert.Equal(t, pos.CodeForbidden, r.Error.Code)
	assert.Equal(t, http.StatusForbidden, protocol.HTTPStatus(r.Error.Code))
	assert.Equal(t, "error.right_missing", r.Error.Key)
	assert.Equal(t, h, head(t, e.svc))
	_, _, err := e.svc.Document(context.Background(), receipt.ID)
	assert.True(t, isCode(err, pos.CodeNotFound))

	// Cancelling an order needs order.cancel: ANNA (cashier) lacks it.
	o := order("KRKASA1")
	require.Equal(t, protocol.StatusApplied, e.push(t, "KRKASA1", saveOp(t, "ANNA", o, 0))[0].Status)
	o.Status = pos.StatusCancelled
	r = e.push(t, "KRKASA1", saveOp(t, "ANNA", o, 0))[0]
	require.NotNil(t, r.Error)
	assert.Equal(t, pos.CodeForbidden, r.Error.Code)
	// GIULIA (manager) may.
	r = e.push(t, "KRKASA1", saveOp(t, "GIULIA", o, 0))[0]
	assert.Equal(t, protocol.StatusApplied, r.Status, r.Error)

	// A lock asking for a right the operator lacks answers 403 and locks nothing.
	other := order("KRKASA1")
	require.Equal(t, protocol.StatusApplied, e.push(t, "KRKASA1", saveOp(t, "ANNA", other, 0))[0].Status)
	status, perr := e.call(t, http.MethodPost, protocol.LockPath(other.ID), "KRKASA1",
		protocol.LockRequest{Operator: "MARC", Right: pos.RightReceipt}, nil)
	assert.Equal(t, http.StatusForbidden, status)
	assert.Equal(t, pos.CodeForbidden, perr.Code)
	l, err := loadLock(context.Background(), e.svc.read, other.ID)
	require.NoError(t, err)
	assert.Nil(t, l)
}

// endpoints lists a request for every authenticated endpoint.
func endpoints(id string) []struct{ method, path string } {
	return []struct{ method, path string }{
		{http.MethodGet, protocol.PathHealth},
		{http.MethodGet, protocol.PathChanges},
		{http.MethodPost, protocol.PathOps},
		{http.MethodGet, protocol.PathOrders + "?number=COMC"},
		{http.MethodGet, protocol.OrderPath(id)},
		{http.MethodPost, protocol.LockPath(id)},
		{http.MethodPost, protocol.RenewPath(id)},
		{http.MethodPost, protocol.UnlockPath(id)},
	}
}

func TestEveryEndpointRefusesMissingWrongAndRevokedSecrets(t *testing.T) {
	e := startService(t)
	ctx := context.Background()
	d := order("KRPOS4")
	require.Equal(t, protocol.StatusApplied, e.push(t, "KRPOS4", saveOp(t, "ANNA", d, 0))[0].Status)
	require.NoError(t, e.svc.RevokeTerminal(ctx, "KRPOS4"))
	h := head(t, e.svc)
	bodies := map[string]string{protocol.PathOps: `{"ops":[]}`}
	for _, ep := range endpoints(d.ID) {
		for name, header := range map[string]string{
			"missing":    "",
			"not bearer": "Basic " + secretOf("KRKASA1"),
			"empty":      "Bearer ",
			"wrong":      "Bearer " + secretOf("KRKASA1") + "x",
			"revoked":    "Bearer " + secretOf("KRPOS4"),
		} {
			body := bodies[ep.path]
			if body == "" && ep.method == http.MethodPost {
				body = `{"operator":"ANNA","token":1}`
			}
			req, err := http.NewRequest(ep.method, e.url+ep.path, strings.NewReader(body))
			require.NoError(t, err)
			if header != "" {
				req.Header.Set("Authorization", header)
			}
			status, perr := e.send(t, req, nil)
			assert.Equal(t, http.StatusUnauthorized, status, "%s %s with a %s secret", ep.method, ep.path, name)
			assert.Equal(t, pos.CodeUnauthorized, perr.Code)
		}
	}
	assert.Equal(t, h, head(t, e.svc))
	l, err := loadLock(ctx, e.svc.read, d.ID)
	require.NoError(t, err)
	assert.Nil(t, l, "no lock was taken")

	// A fresh secret lifts the revocation; the liveness probe needs none.
	require.NoError(t, e.svc.SetTerminalSecret(ctx, "KRPOS4", secretOf("KRPOS4")))
	var hl protocol.Health
	status, _ := e.call(t, http.MethodGet, protocol.PathHealth, "KRPOS4", nil, &hl)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "KRPOS4", hl.Terminal)
	status, _ = e.call(t, http.MethodGet, protocol.PathHealthz, "", nil, &hl)
	assert.Equal(t, http.StatusOK, status)
}

func TestMalformedRequestsAreRefusedClearly(t *testing.T) {
	e := startService(t)
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodPost, protocol.PathOps, `{"ops":`},
		{http.MethodPost, protocol.PathOps, `{"ops":[]} {}`},
		{http.MethodPost, protocol.PathOps, `[]`},
		{http.MethodPost, protocol.PathOps, `{"ops":"x"}`},
		{http.MethodPost, protocol.PathOps, `{"ops":[` + strings.Repeat(`{},`, protocol.MaxBatch) + `{}]}`},
		{http.MethodGet, protocol.PathChanges + "?after=-1", ``},
		{http.MethodGet, protocol.PathChanges + "?after=abc", ``},
		{http.MethodGet, protocol.PathChanges + "?limit=0", ``},
		{http.MethodGet, protocol.PathChanges + "?limit=100000", ``},
		{http.MethodGet, protocol.PathOrders + "?kind=XX", ``},
		{http.MethodGet, protocol.PathOrders + "?status=lost", ``},
		{http.MethodGet, protocol.PathOrders + "?offset=-3", ``},
		{http.MethodPost, protocol.LockPath("x"), `{}`},
		{http.MethodPost, protocol.LockPath("x"), `{"operator":"ANNA","right":"fly"}`},
		{http.MethodPost, protocol.RenewPath("x"), `{"token":0}`},
		{http.MethodPost, protocol.UnlockPath("x"), `nope`},
	} {
		req, err := http.NewRequest(tc.method, e.url+tc.path, strings.NewReader(tc.body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+secretOf("KRKASA1"))
		status, perr := e.send(t, req, nil)
		assert.Equal(t, http.StatusBadRequest, status, "%s %s %.40s", tc.method, tc.path, tc.body)
		assert.Equal(t, pos.CodeInvalid, perr.Code)
		assert.NotEmpty(t, perr.Message)
	}
	status, perr := e.call(t, http.MethodGet, "/v2/nothing", "KRKASA1", nil, nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, pos.CodeNotFound, perr.Code)
}

func TestLockLeaseFencingAndPausedHolder(t *testing.T) {
	e := startService(t)
	d := order("KRKASA1")
	require.Equal(t, protocol.StatusApplied, e.push(t, "KRKASA1", saveOp(t, "ANNA", d, 0))[0].Status)

	var l1 protocol.LockAnswer
	status, perr := e.call(t, http.MethodPost, protocol.LockPath(d.ID), "KRKASA1", protocol.LockRequest{Operator: "ANNA"}, &l1)
	require.Equal(t, http.StatusOK, status, perr)
	assert.Equal(t, int64(1), l1.Token)
	assert.Equal(t, e.clock.Now().Add(protocol.DefaultLease), l1.Expires)
	require.NotNil(t, l1.Document)
	assert.Equal(t, d.ID, l1.Document.ID)
	assert.Equal(t, int64(1), l1.Version)

	// Another terminal is told who holds it.
	status, perr = e.call(t, http.MethodPost, protocol.LockPath(d.ID), "KRPOS3", protocol.LockRequest{Operator: "MARC"}, nil)
	assert.Equal(t, http.StatusConflict, status)
	assert.Equal(t, pos.CodeLocked, perr.Code)
	assert.Equal(t, "KRKASA1", perr.Holder)
	assert.Equal(t, l1.Expires, perr.Expires)
	assert.Equal(t, pos.MsgLockedElsewhere, perr.Key)

	// The owner's write without the token is refused now that it is handled online.
	d.Reference = "no token"
	r := e.push(t, "KRKASA1", saveOp(t, "ANNA", d, 0))[0]
	require.NotNil(t, r.Error)
	assert.Equal(t, pos.CodeConflict, r.Error.Code)

	// Renewing moves the expiry on the service clock.
	e.clock.Advance(20 * time.Second)
	var renewed protocol.LockAnswer
	status, perr = e.call(t, http.MethodPost, protocol.RenewPath(d.ID), "KRKASA1", protocol.TokenRequest{Token: 1}, &renewed)
	require.Equal(t, http.StatusOK, status, perr)
	assert.Equal(t, e.clock.Now().Add(protocol.DefaultLease), renewed.Expires)

	// The holder pauses; its lease runs out; KRPOS3 locks and writes.
	e.clock.Advance(protocol.DefaultLease + time.Second)
	var l2 protocol.LockAnswer
	status, perr = e.call(t, http.MethodPost, protocol.LockPath(d.ID), "KRPOS3", protocol.LockRequest{Operator: "GIULIA"}, &l2)
	require.Equal(t, http.StatusOK, status, perr)
	assert.Equal(t, int64(2), l2.Token, "tokens strictly increase")
	d.Reference = "written by KRPOS3"
	r = e.push(t, "KRPOS3", saveOp(t, "GIULIA", d, l2.Token))[0]
	require.Equal(t, protocol.StatusApplied, r.Status, r.Error)
	assert.Equal(t, int64(2), r.Version)

	// The first holder wakes up: its late write with the old token is refused,
	// its renewal too, and its unlock changes nothing.
	d.Reference = "late write"
	r = e.push(t, "KRKASA1", saveOp(t, "ANNA", d, l1.Token))[0]
	assert.Equal(t, protocol.StatusRejected, r.Status)
	require.NotNil(t, r.Error)
	assert.Equal(t, pos.CodeConflict, r.Error.Code)
	assert.Equal(t, pos.MsgLockedElsewhere, r.Error.Key)
	status, _ = e.call(t, http.MethodPost, protocol.RenewPath(d.ID), "KRKASA1", protocol.TokenRequest{Token: l1.Token}, nil)
	assert.Equal(t, http.StatusConflict, status)
	var un protocol.UnlockAnswer
	status, _ = e.call(t, http.MethodPost, protocol.UnlockPath(d.ID), "KRKASA1", protocol.TokenRequest{Token: l1.Token}, &un)
	assert.Equal(t, http.StatusOK, status)
	assert.False(t, un.Released)
	got, _, err := e.svc.Document(context.Background(), d.ID)
	require.NoError(t, err)
	assert.Equal(t, "written by KRPOS3", got.Reference)

	// After unlock, the latest token still writes (the outbox may send late)
	// until someone locks again.
	status, _ = e.call(t, http.MethodPost, protocol.UnlockPath(d.ID), "KRPOS3", protocol.TokenRequest{Token: l2.Token}, &un)
	require.Equal(t, http.StatusOK, status)
	assert.True(t, un.Released)
	d.Reference = "sent after unlock"
	r = e.push(t, "KRPOS3", saveOp(t, "GIULIA", d, l2.Token))[0]
	assert.Equal(t, protocol.StatusApplied, r.Status, r.Error)
	var l3 protocol.LockAnswer
	status, _ = e.call(t, http.MethodPost, protocol.LockPath(d.ID), "KRKASA1", protocol.LockRequest{Operator: "ANNA"}, &l3)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, int64(3), l3.Token)
	assert.Equal(t, "sent after unlock", l3.Document.Reference)
	r = e.push(t, "KRPOS3", saveOp(t, "GIULIA", d, l2.Token))[0]
	assert.Equal(t, protocol.StatusRejected, r.Status)

	// A receipt generated under the order's lock is new: its token is not
	// fenced, even a stale one (a printed receipt must arrive).
	receipt := order("KRPOS3")
	receipt.Kind, receipt.SourceOrder = pos.KindReceipt, d.ID
	r = e.push(t, "KRPOS3", saveOp(t, "GIULIA", receipt, l2.Token))[0]
	assert.Equal(t, protocol.StatusApplied, r.Status, r.Error)

	// Fetch shows the current lock.
	var oa protocol.OrderAnswer
	status, _ = e.call(t, http.MethodGet, protocol.OrderPath(d.ID), "KRPOS3", nil, &oa)
	require.Equal(t, http.StatusOK, status)
	require.NotNil(t, oa.Lock)
	assert.Equal(t, "KRKASA1", oa.Lock.Holder)
	assert.Equal(t, int64(3), oa.Version)
}

func TestFetchAndSearchStayInTheCenter(t *testing.T) {
	e := startService(t)
	ctx := context.Background()
	require.NoError(t, e.svc.LoadMasterData(ctx, pos.MasterData{Centers: []pos.Center{{Code: "FAR", Name: "Far"}},
		Terminals: []pos.Terminal{{Code: "FAR1", Number: 90, Center: "FAR"}}}))
	require.NoError(t, e.svc.SetTerminalSecret(ctx, "FAR1", secretOf("FAR1")))
	var numbers []string
	var barcodes []pos.DocNumber
	for i := range 5 {
		d := order("ERP")
		d.Number = "COMC/" + itoa(i+1) + "/2026/ERP"
		bn, err := pos.NewDocNumber(pos.KindOrder, 900, int64(i+1))
		require.NoError(t, err)
		d.BarcodeNo = bn
		barcodes = append(barcodes, bn)
		numbers = append(numbers, d.Number)
		_, err = e.svc.PutDocument(ctx, d)
		require.NoError(t, err)
	}
	var sa protocol.SearchAnswer
	status, perr := e.call(t, http.MethodGet, protocol.PathOrders+"?number=COMC/&kind=COMC&status=confirmed&limit=3", "KRKASA1", nil, &sa)
	require.Equal(t, http.StatusOK, status, perr)
	require.Len(t, sa.Documents, 3)
	assert.True(t, sa.More)
	assert.Equal(t, numbers[0], sa.Documents[0].Document.Number)
	first := sa.Documents[0].Document.ID
	status, _ = e.call(t, http.MethodGet, protocol.PathOrders+"?number=COMC/&offset=3", "KRKASA1", nil, &sa)
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, sa.Documents, 2)
	assert.False(t, sa.More)
	status, _ = e.call(t, http.MethodGet, protocol.PathOrders+"?number="+string(barcodes[4]), "KRKASA1", nil, &sa)
	require.Equal(t, http.StatusOK, status)
	require.Len(t, sa.Documents, 1, "a scanned barcode finds its document")
	assert.Equal(t, numbers[4], sa.Documents[0].Document.Number)

	status, _ = e.call(t, http.MethodGet, protocol.PathOrders+"?number=COMC/", "FAR1", nil, &sa)
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, sa.Documents, "another center finds nothing")
	var oa protocol.OrderAnswer
	status, _ = e.call(t, http.MethodGet, protocol.OrderPath(first), "KRKASA1", nil, &oa)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, numbers[0], oa.Document.Number)
	status, perr = e.call(t, http.MethodGet, protocol.OrderPath(first), "FAR1", nil, nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, pos.CodeNotFound, perr.Code)
}

// TestConcurrentPushesShareCommitsAndKeepTheirAnswers: terminals pushing at
// the same moment are applied together (group commit); each gets the answers
// of its own operations, in its order.
func TestConcurrentPushesShareCommitsAndKeepTheirAnswers(t *testing.T) {
	e := startService(t)
	terms := []string{"KRKASA1", "KRPOS2", "KRPOS3", "KRPOS4"}
	var wg sync.WaitGroup
	for _, term := range terms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				good, bad := order(term), order(term)
				bad.Lines[0].Price = -1
				ops := []protocol.Op{saveOp(t, "ANNA", good, 0), saveOp(t, "ANNA", bad, 0)}
				ops = append(ops, ops[0])
				var ans protocol.PushAnswer
				status, perr := e.call(t, http.MethodPost, protocol.PathOps, term, protocol.PushRequest{Ops: ops}, &ans)
				if !assert.Equal(t, http.StatusOK, status, perr) || !assert.Len(t, ans.Results, 3) {
					return
				}
				for i, r := range ans.Results {
					assert.Equal(t, ops[i].ID, r.ID)
				}
				assert.Equal(t, protocol.StatusApplied, ans.Results[0].Status)
				assert.Equal(t, good.ID, ans.Results[0].DocID)
				assert.Equal(t, protocol.StatusRejected, ans.Results[1].Status)
				assert.Equal(t, protocol.StatusDuplicate, ans.Results[2].Status)
			}
		}()
	}
	wg.Wait()
}

// A document keeps its number once it has one (R-S3): a second save that
// renumbers it is refused (conflict, error.document_immutable). The till's own
// way — saved Unconfirmed without a number, then Confirmed with one, then
// changed under its number — is accepted.
func TestPushRefusesRenumberingADocument(t *testing.T) {
	e := startService(t)
	o := order("KRKASA1")
	o.Status = pos.StatusUnconfirmed
	require.Equal(t, protocol.StatusApplied, e.push(t, "KRKASA1", saveOp(t, "ANNA", o, 0))[0].Status)
	o.Status, o.Number, o.Revision = pos.StatusConfirmed, "COMC/1/2026/KRKASA1", 1
	require.Equal(t, protocol.StatusApplied, e.push(t, "KRKASA1", saveOp(t, "ANNA", o, 0))[0].Status)
	o.Reference, o.Revision = "changed under its number", 2
	require.Equal(t, protocol.StatusApplied, e.push(t, "KRKASA1", saveOp(t, "ANNA", o, 0))[0].Status)

	for _, number := range []string{"COMC/2/2026/KRKASA1", ""} {
		renumbered := o
		renumbered.Number, renumbered.Revision = number, 3
		r := e.push(t, "KRKASA1", saveOp(t, "ANNA", renumbered, 0))[0]
		require.Equal(t, protocol.StatusRejected, r.Status, number)
		assert.Equal(t, pos.CodeConflict, r.Error.Code)
		assert.Equal(t, "error.document_immutable", r.Error.Key)
	}
	stored, _, err := e.svc.Document(context.Background(), o.ID)
	require.NoError(t, err)
	assert.Equal(t, "COMC/1/2026/KRKASA1", stored.Number)
}

// R-L4: text starting with a digit finds the numbers that begin with it from
// one of their parts on, leading zeros aside, as the till's list finds them;
// other text is the number's beginning; only the terminal's center's
// documents, in number order, paged.
func TestSearchFindsDigitsInAnyPart(t *testing.T) {
	e := startService(t)
	ctx := context.Background()
	for _, number := range []string{"COMC/ERP/071004/2026", "COMC/ERP/71004/2025", "COMC/ERP/710040/2026",
		"COMC/ERP/171004/2026", "KRPOS9-COMC-0071004"} {
		d := order("ERP")
		d.Number = number
		_, err := e.svc.PutDocument(ctx, d)
		require.NoError(t, err)
	}
	term := pos.Terminal{Code: "KRKASA1", Center: demo.Center}
	numbers := func(by pos.Terminal, s Search) ([]string, bool) {
		if s.Limit == 0 {
			s.Limit = 10
		}
		ans, err := e.svc.Search(ctx, by, s)
		require.NoError(t, err)
		var out []string
		for _, d := range ans.Documents {
			out = append(out, d.Document.Number)
		}
		return out, ans.More
	}
	want := []string{"COMC/ERP/071004/2026", "COMC/ERP/71004/2025", "COMC/ERP/710040/2026", "KRPOS9-COMC-0071004"}
	got, _ := numbers(term, Search{Number: "71004"})
	assert.Equal(t, want, got)
	got, _ = numbers(term, Search{Number: "0071004", Kinds: []pos.Kind{pos.KindOrder}, Statuses: []pos.Status{pos.StatusConfirmed}})
	assert.Equal(t, want, got, "with kinds and statuses")
	got, more := numbers(term, Search{Number: "71004", Offset: 1, Limit: 2})
	assert.Equal(t, want[1:3], got)
	assert.True(t, more)
	got, _ = numbers(term, Search{Number: "071004/2026"})
	assert.Equal(t, want[:1], got, "from a part on")
	got, _ = numbers(term, Search{Number: "COMC/ERP/7"})
	assert.Equal(t, []string{"COMC/ERP/71004/2025", "COMC/ERP/710040/2026"}, got, "other text is the beginning")
	got, _ = numbers(pos.Terminal{Code: "FAR1", Center: "FAR"}, Search{Number: "71004"})
	assert.Empty(t, got, "another center finds nothing")

	// The matches are found in the index alone: numberParts is the
	// expression it holds.
	var id, parent, unused int
	var plan string
	require.NoError(t, e.svc.read.QueryRowContext(ctx, `EXPLAIN QUERY PLAN SELECT number, id FROM documents
		WHERE instr(`+numberParts+`, '/71004') > 0 ORDER BY number, id`).Scan(&id, &parent, &unused, &plan))
	assert.Contains(t, plan, "USING COVERING INDEX documents_number")
}
