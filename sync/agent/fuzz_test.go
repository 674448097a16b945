package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// roundTripFunc answers requests without a network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// fuzzOps are the operations the fuzzed push answers answer.
var fuzzOps = []protocol.Op{
	{ID: "11111111-1111-4111-8111-111111111111", Kind: protocol.OpDocumentSave, Operator: "ANNA", Payload: json.RawMessage(`{}`)},
	{ID: "22222222-2222-4222-8222-222222222222", Kind: protocol.OpDocumentSave, Operator: "ANNA", Payload: json.RawMessage(`{}`)},
}

// FuzzDecodeAnswer feeds arbitrary answers, with an arbitrary status, to the
// agent's client for every call it makes. Whatever the bytes, the agent must
// not panic, every failure must carry a code of the closed set, and what it
// accepts must be consistent: push results match the operations sent, a page
// has a cursor, a lock answers the document asked with a positive token. The
// seed corpus is under testdata/fuzz/FuzzDecodeAnswer; `make fuzz` runs it
// for 30 s.
func FuzzDecodeAnswer(f *testing.F) {
	f.Add(uint16(200), uint8(0), []byte(`{"results":[{"id":"11111111-1111-4111-8111-111111111111","status":"applied","doc_id":"d","version":1}]}`))
	f.Add(uint16(409), uint8(4), []byte(`{"error":{"code":"locked","key":"M1","message":"locked","holder":"KRPOS3"}}`))
	f.Add(uint16(200), uint8(6), []byte(`{"draft_id":"doc","token":3,"expires":"2026-11-22T10:00:00Z","lease_ms":30000,"document":{"id":"doc"}}`))
	f.Fuzz(func(t *testing.T, status uint16, call uint8, body []byte) {
		code := int(status)%500 + 100
		c, err := NewClient("http://127.0.0.1:1", "secret", ClientOptions{Transport: roundTripFunc(
			func(r *http.Request) (*http.Response, error) {
				if r.Body != nil {
					_, _ = io.Copy(io.Discard, r.Body)
				}
				return &http.Response{StatusCode: code, Body: io.NopCloser(bytes.NewReader(body)), Header: http.Header{},
					Request: r}, nil
			})})
		require.NoError(t, err)
		ctx := context.Background()
		switch call % 9 {
		case 0:
			res, err := c.Push(ctx, fuzzOps)
			if err == nil {
				require.LessOrEqual(t, len(res), len(fuzzOps))
				for i, r := range res {
					assert.Equal(t, fuzzOps[i].ID, r.ID)
					if r.Status == protocol.StatusRejected {
						require.NotNil(t, r.Error)
						assert.True(t, protocol.Known(r.Error.Code))
					}
				}
			}
			checkErr(t, err)
		case 1:
			p, err := c.Changes(ctx, "12", 100)
			if err == nil {
				assert.NotEmpty(t, p.Cursor)
			}
			checkErr(t, err)
		case 2:
			l, err := c.Lock(ctx, "doc", protocol.LockRequest{Operator: "ANNA"})
			if err == nil {
				assert.Positive(t, l.Token)
				require.NotNil(t, l.Document)
				assert.Equal(t, "doc", l.Document.ID)
			}
			checkErr(t, err)
		case 3:
			_, err := c.Renew(ctx, "doc", 1)
			checkErr(t, err)
		case 4:
			_, err := c.Unlock(ctx, "doc", 1)
			checkErr(t, err)
		case 5:
			_, err := c.Fetch(ctx, "doc")
			checkErr(t, err)
		case 6:
			l, err := c.OpenDraft(ctx, "doc", "ANNA")
			if err == nil {
				assert.Positive(t, l.Token)
				assert.Equal(t, "doc", l.DraftID)
				require.NotNil(t, l.Document)
				assert.Equal(t, "doc", l.Document.ID)
			}
			checkErr(t, err)
		case 7:
			_, err := c.RenewDraft(ctx, "doc", 1)
			checkErr(t, err)
		case 8:
			_, err := c.Drafts(ctx, nil)
			checkErr(t, err)
		}
		// The decoders alone, on the same bytes.
		_, _ = decodePushAnswer(body, fuzzOps)
		_, _ = decodeChanges(body)
		_, _ = decodeLock(body, "doc", true)
		_, _ = decodeDraftLease(body, "doc", true)
		pe := decodeError(code, body)
		assert.True(t, protocol.Known(pe.Code))
	})
}

func checkErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		assert.True(t, protocol.Known(pos.ErrorCode(err)), "%v", err)
	}
}
