package dataservice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// decodeStrict decodes exactly one JSON value into v: trailing data, a wrong
// type or malformed JSON is a clear invalid error (R-SEC4).
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return invalidRequest(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return invalidRequest(errors.New("trailing data after the JSON value"))
	}
	return nil
}

func invalidRequest(err error) error {
	reason := err.Error()
	if len(reason) > 120 {
		reason = reason[:120]
	}
	return pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", reason)
}

// decodePush reads a push request: a JSON object with at most MaxBatch
// operations. Operations themselves are checked one by one (checkOp), so one bad
// operation is rejected alone and does not refuse its batch.
func decodePush(data []byte) (protocol.PushRequest, error) {
	var req protocol.PushRequest
	if err := decodeStrict(data, &req); err != nil {
		return protocol.PushRequest{}, err
	}
	if len(req.Ops) > protocol.MaxBatch {
		return protocol.PushRequest{}, pos.Errorf(pos.CodeInvalid, "error.request_invalid",
			"Reason", fmt.Sprintf("more than %d operations", protocol.MaxBatch))
	}
	return req, nil
}

// checkOp refuses an operation whose envelope is wrong: id not a UUID, unknown
// kind, no operator, payload too large or not an object, negative token.
func checkOp(op protocol.Op) error {
	bad := func(reason string) error {
		return pos.Errorf(pos.CodeInvalid, "error.op_invalid", "Reason", reason)
	}
	if _, err := uuid.Parse(op.ID); err != nil || len(op.ID) != 36 {
		return bad("id is not a UUID")
	}
	switch op.Kind {
	case protocol.OpDocumentSave, protocol.OpDraftPut, protocol.OpDraftConfirm, protocol.OpDraftDelete:
	default:
		return pos.Errorf(pos.CodeInvalid, "error.op_kind", "Kind", truncate(op.Kind, 40))
	}
	if op.Operator == "" || len(op.Operator) > protocol.MaxIDLen || !utf8.ValidString(op.Operator) {
		return bad("operator")
	}
	if len(op.Payload) > protocol.MaxPayload {
		return bad("payload too large")
	}
	if len(bytes.TrimSpace(op.Payload)) == 0 || bytes.TrimSpace(op.Payload)[0] != '{' {
		return bad("payload is not an object")
	}
	if op.LockToken < 0 {
		return bad("lock token")
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// decodeLock reads a lock request.
func decodeLock(data []byte) (protocol.LockRequest, error) {
	var req protocol.LockRequest
	if err := decodeStrict(data, &req); err != nil {
		return req, err
	}
	if req.Operator == "" || len(req.Operator) > protocol.MaxIDLen {
		return req, pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "operator")
	}
	if req.Right != "" && !knownRight(req.Right) {
		return req, pos.Errorf(pos.CodeInvalid, "error.right_unknown", "Right", truncate(string(req.Right), 40))
	}
	return req, nil
}

// decodeToken reads a renew or unlock request.
func decodeToken(data []byte) (protocol.TokenRequest, error) {
	var req protocol.TokenRequest
	if err := decodeStrict(data, &req); err != nil {
		return req, err
	}
	if req.Token <= 0 {
		return req, pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "token")
	}
	return req, nil
}

// parseCursor reads a changes cursor: empty for the beginning, else the number
// of the last change applied.
func parseCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "cursor")
	}
	return n, nil
}

// parseLimit reads a page size within [1, max]; empty takes def.
func parseLimit(s string, def, max int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "limit")
	}
	return n, nil
}
