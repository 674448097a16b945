package store

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

func TestClaimSettleRetryDiscard(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	for range 5 {
		require.NoError(t, db.SaveDocument(ctx, order(1), testTime))
	}
	ops, err := db.ClaimOutbox(ctx, 3)
	require.NoError(t, err)
	require.Len(t, ops, 3)
	for i, op := range ops {
		assert.Equal(t, OpDocumentSave, op.Kind)
		assert.Equal(t, 1, op.Attempts)
		assert.Equal(t, "ANNA", op.Operator, "without an explicit operator the document's own travels with the operation")
		if i > 0 {
			assert.Greater(t, op.Seq, ops[i-1].Seq, "oldest first")
		}
		var d pos.Document
		require.NoError(t, json.Unmarshal(op.Payload, &d))
		assert.Equal(t, op.DocID, d.ID)
	}

	before, err := db.Document(ctx, ops[0].DocID)
	require.NoError(t, err)
	assert.False(t, before.Synced)
	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{
		Acked: []string{ops[0].ID},
		Quarantined: []app.Rejection{{ID: ops[1].ID, Code: pos.CodeForbidden, Reason: "right missing",
			Message: pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", "document.receipt", "Count", 2)}},
		Failed: []app.Rejection{{ID: ops[2].ID, Code: pos.CodeInternal, Reason: "boom"}},
	}, testTime))
	acked, err := db.Document(ctx, ops[0].DocID)
	require.NoError(t, err)
	assert.True(t, acked.Synced, "an acknowledged save makes its document synced")
	c, err := db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{Pending: 3, Quarantined: 1}, c)
	n, err := db.PendingOperations(ctx)
	require.NoError(t, err)
	assert.Equal(t, 4, n, "the status bar counts quarantined operations too: they wait for a person")

	again, err := db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	require.Len(t, again, 3, "the quarantined operation does not block the others")
	assert.Equal(t, ops[2].ID, again[0].ID)
	assert.Equal(t, 2, again[0].Attempts)
	assert.Equal(t, "boom", again[0].Reason)
	assert.Nil(t, again[0].Message, "a fault without a message has none")

	q, err := db.QuarantinedOperations(ctx)
	require.NoError(t, err)
	require.Len(t, q, 1)
	assert.Equal(t, ops[1].ID, q[0].ID)
	assert.True(t, q[0].Quarantined)
	assert.Equal(t, pos.CodeForbidden, q[0].Code)
	assert.Equal(t, "right missing", q[0].Reason)
	assert.Equal(t, &pos.Error{Code: pos.CodeForbidden, Key: "error.right_missing",
		Args: map[string]any{"Right": "document.receipt", "Count": float64(2)}}, q[0].Message,
		"the message comes back with its arguments (numbers as JSON reads them)")

	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(db.DiscardOperation(ctx, again[1].ID)), "only quarantined operations are discarded")
	require.NoError(t, db.RetryOperation(ctx, ops[1].ID))
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(db.RetryOperation(ctx, ops[1].ID)))
	back, err := db.ClaimOutbox(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, ops[1].ID, back[0].ID, "a retried operation takes its place back in line")
	assert.Equal(t, 1, back[0].Attempts)

	require.NoError(t, db.SettleOutbox(ctx, app.Settlement{Quarantined: []app.Rejection{{ID: ops[1].ID, Code: pos.CodeInvalid}}}, testTime))
	require.NoError(t, db.DiscardOperation(ctx, ops[1].ID))
	c, err = db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{Pending: 3}, c)
}

func TestSavedOperationsCarryOperatorAndToken(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	d := order(2)
	require.NoError(t, db.SaveDocuments(ctx, testTime, app.OpMeta{Operator: "GIULIA", LockToken: 7}, d))
	assert.NotEmpty(t, d.ID)
	assert.NotEmpty(t, d.Number)
	e := order(1)
	require.NoError(t, db.SaveDocuments(ctx, testTime, app.OpMeta{}, e))
	ops, err := db.ClaimOutbox(ctx, 10)
	require.NoError(t, err)
	require.Len(t, ops, 2)
	assert.Equal(t, "GIULIA", ops[0].Operator)
	assert.Equal(t, int64(7), ops[0].LockToken)
	assert.Equal(t, d.ID, ops[0].DocID)
	assert.Equal(t, "ANNA", ops[1].Operator, "the document's operator when none is given")
	assert.Zero(t, ops[1].LockToken)

	bad := order(1)
	bad.Lines[0].Qty = -1
	require.Error(t, db.SaveDocuments(ctx, testTime, app.OpMeta{Operator: "ANNA"}, bad))
	c, err := db.OutboxCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, c.Pending, "nothing queued for a refused document")
}

func TestApplyPulledPageWithItsCursor(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	cur, err := db.SyncCursor(ctx, "changes")
	require.NoError(t, err)
	assert.Empty(t, cur)

	mine := order(1)
	require.NoError(t, db.SaveDocument(ctx, mine, testTime)) // waits in the outbox
	theirs := *order(2)
	theirs.ID, theirs.Terminal, theirs.Number = uuid.NewString(), "KRPOS3", "COMC/1/2026/KRPOS3"
	theirs.BarcodeNo, err = pos.NewDocNumber(pos.KindOrder, 3, 1)
	require.NoError(t, err)
	stale := *mine
	stale.Reference = "the service's older version"
	broken := theirs
	broken.ID = uuid.NewString()
	broken.Lines = []pos.Line{{Name: "", Qty: -1}}
	clash := theirs
	clash.ID = uuid.NewString() // the same number as theirs: refused here
	p := demo.MasterData().Products[0]
	p.Price = 1

	page := app.PulledPage{Stream: "changes", After: "", Cursor: "10",
		Master:    pos.MasterData{Products: []pos.Product{p}},
		Documents: []pos.Document{theirs, stale, broken, clash}}
	res, err := db.ApplyPulled(ctx, page, testTime)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Documents)
	assert.Equal(t, []string{mine.ID}, res.Kept)
	assert.ElementsMatch(t, []string{broken.ID, clash.ID}, res.Refused)
	got, err := db.ProductByCode(ctx, p.Code)
	require.NoError(t, err)
	assert.Equal(t, pos.Money(1), got.Price)
	local, err := db.Document(ctx, mine.ID)
	require.NoError(t, err)
	assert.Empty(t, local.Reference, "a local change waiting to be sent wins")
	stored, err := db.Document(ctx, theirs.ID)
	require.NoError(t, err)
	assert.Equal(t, theirs.Number, stored.Number)
	assert.True(t, stored.Synced, "a pulled document is synced")
	cur, err = db.SyncCursor(ctx, "changes")
	require.NoError(t, err)
	assert.Equal(t, "10", cur)

	// A page asked with an old cursor changes nothing.
	p.Price = 2
	_, err = db.ApplyPulled(ctx, app.PulledPage{Stream: "changes", After: "", Cursor: "11",
		Master: pos.MasterData{Products: []pos.Product{p}}, Removed: []string{theirs.ID}}, testTime)
	assert.Equal(t, pos.CodeConflict, pos.ErrorCode(err))
	got, err = db.ProductByCode(ctx, p.Code)
	require.NoError(t, err)
	assert.Equal(t, pos.Money(1), got.Price)

	// Removal drops the document, not one with changes waiting.
	res, err = db.ApplyPulled(ctx, app.PulledPage{Stream: "changes", After: "10", Cursor: "12",
		Removed: []string{theirs.ID, mine.ID}}, testTime)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Removed)
	assert.Equal(t, []string{mine.ID}, res.Kept)
	_, err = db.Document(ctx, theirs.ID)
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
	assert.Zero(t, count(t, db, `SELECT count(*) FROM document_lines WHERE doc_id = ?`, theirs.ID))
}
