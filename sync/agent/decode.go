package agent

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// The agent trusts nothing it reads: an answer that does not follow the
// protocol is refused as a whole (and the request tried again), never half
// applied. FuzzDecodeAnswer feeds these functions arbitrary bytes.

func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the answer")
	}
	return nil
}

// decodePushAnswer reads a push answer for ops: at most one result per
// operation, in the same order, each with a known status, and a known error
// code for a rejection.
func decodePushAnswer(data []byte, ops []protocol.Op) ([]protocol.OpResult, error) {
	var a protocol.PushAnswer
	if err := decodeJSON(data, &a); err != nil {
		return nil, err
	}
	if len(a.Results) > len(ops) {
		return nil, fmt.Errorf("%d results for %d operations", len(a.Results), len(ops))
	}
	for i, r := range a.Results {
		if r.ID != ops[i].ID {
			return nil, fmt.Errorf("result %d answers %q, not %q", i, r.ID, ops[i].ID)
		}
		switch r.Status {
		case protocol.StatusApplied, protocol.StatusDuplicate:
		case protocol.StatusRejected:
			if r.Error == nil || !protocol.Known(r.Error.Code) {
				return nil, fmt.Errorf("result %d: rejected without a known code", i)
			}
		default:
			return nil, fmt.Errorf("result %d: unknown status %q", i, r.Status)
		}
	}
	return a.Results, nil
}

// decodeChanges reads a page of changes; it must carry a cursor.
func decodeChanges(data []byte) (protocol.ChangesPage, error) {
	var p protocol.ChangesPage
	if err := decodeJSON(data, &p); err != nil {
		return protocol.ChangesPage{}, err
	}
	if p.Cursor == "" || len(p.Cursor) > 256 {
		return protocol.ChangesPage{}, errors.New("page without a cursor")
	}
	return p, nil
}

// decodeLock reads a lock or renew answer for document id: a positive token, a
// lease, and for a lock the document itself.
func decodeLock(data []byte, id string, withDoc bool) (protocol.LockAnswer, error) {
	var a protocol.LockAnswer
	if err := decodeJSON(data, &a); err != nil {
		return a, err
	}
	if a.DocID != id || a.Token <= 0 || a.LeaseMS <= 0 || (withDoc && (a.Document == nil || a.Document.ID != id)) {
		return a, errors.New("lock answer does not match the request")
	}
	return a, nil
}

// decodeError reads an error answer; a body that is not one still gives the
// code the status maps to.
func decodeError(status int, data []byte) *pos.Error {
	var ea protocol.ErrorAnswer
	if err := json.Unmarshal(data, &ea); err == nil && protocol.Known(ea.Error.Code) &&
		protocol.HTTPStatus(ea.Error.Code) == status {
		return ea.Error.Err()
	}
	return pos.Errorf(protocol.CodeForStatus(status), "error."+string(protocol.CodeForStatus(status)), "Status", status)
}
