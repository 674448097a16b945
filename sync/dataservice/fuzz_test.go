package dataservice

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/protocol"
)

// FuzzDecodeRequest feeds arbitrary bodies to the service's request decoding and
// to its handlers (push, lock, renew, unlock), in-process. Whatever the bytes,
// the service must not panic, must answer 200 or a 4xx with a well-formed error
// body (never 500: bad input is the client's fault, R-SEC4), and an accepted push
// must answer one result per operation. The seed corpus is under
// testdata/fuzz/FuzzDecodeRequest; `make fuzz` runs it for 30 s.
func FuzzDecodeRequest(f *testing.F) {
	ctx := context.Background()
	svc, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"), Options{Clock: newClock()})
	require.NoError(f, err)
	f.Cleanup(func() { require.NoError(f, svc.Close()) })
	require.NoError(f, svc.LoadMasterData(ctx, demo.MasterData()))
	require.NoError(f, svc.SetTerminalSecret(ctx, "KRKASA1", secretOf("KRKASA1")))
	d := order("KRKASA1")
	data, err := json.Marshal(protocol.PushRequest{Ops: []protocol.Op{saveOp(f, "ANNA", d, 0)}})
	require.NoError(f, err)
	f.Add(uint8(0), data)
	h := svc.Handler()

	f.Fuzz(func(t *testing.T, target uint8, body []byte) {
		if req, err := decodePush(body); err == nil {
			assert.LessOrEqual(t, len(req.Ops), protocol.MaxBatch)
			for _, op := range req.Ops {
				if err := checkOp(op); err != nil {
					assert.Equal(t, pos.CodeInvalid, pos.ErrorCode(err))
				}
			}
		} else {
			assert.Equal(t, pos.CodeInvalid, pos.ErrorCode(err))
		}
		if _, err := decodeLock(body); err != nil {
			assert.Equal(t, pos.CodeInvalid, pos.ErrorCode(err))
		}
		if _, err := decodeToken(body); err != nil {
			assert.Equal(t, pos.CodeInvalid, pos.ErrorCode(err))
		}

		path := []string{protocol.PathOps, protocol.LockPath(d.ID), protocol.RenewPath(d.ID), protocol.UnlockPath(d.ID)}[target%4]
		req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secretOf("KRKASA1"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == http.StatusOK {
			if target%4 == 0 {
				var pushed protocol.PushRequest
				require.NoError(t, json.Unmarshal(body, &pushed))
				var ans protocol.PushAnswer
				require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &ans))
				assert.Len(t, ans.Results, len(pushed.Ops))
			}
			return
		}
		require.True(t, rec.Code >= 400 && rec.Code < 500, "status %d: %s", rec.Code, rec.Body.String())
		var ea protocol.ErrorAnswer
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &ea))
		assert.True(t, protocol.Known(ea.Error.Code))
		assert.Equal(t, rec.Code, protocol.HTTPStatus(ea.Error.Code))
	})
}
