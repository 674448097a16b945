package protocol

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

func TestEveryCodeHasOneStatusAndReadsBack(t *testing.T) {
	for _, c := range Codes {
		s := HTTPStatus(c)
		assert.GreaterOrEqual(t, s, 400, c)
		if c == pos.CodeLocked {
			assert.Equal(t, pos.CodeConflict, CodeForStatus(s), "409 without a body reads as conflict")
			continue
		}
		assert.Equal(t, c, CodeForStatus(s), c)
	}
	assert.Len(t, statuses, len(Codes))
	assert.Equal(t, http.StatusInternalServerError, HTTPStatus("teapot"))
	assert.Equal(t, pos.CodeUnavailable, CodeForStatus(http.StatusBadGateway))
	assert.Equal(t, pos.CodeInvalid, CodeForStatus(http.StatusTeapot))
	assert.Equal(t, pos.CodeInternal, CodeForStatus(599))
}

func TestErrorRoundTrip(t *testing.T) {
	e := ErrorOf(pos.Errorf(pos.CodeLocked, pos.MsgLockedElsewhere, "Doc", "42"))
	e.Holder = "KRPOS3"
	data, err := json.Marshal(ErrorAnswer{Error: e})
	require.NoError(t, err)
	var back ErrorAnswer
	require.NoError(t, json.Unmarshal(data, &back))
	pe := back.Error.Err()
	assert.Equal(t, pos.CodeLocked, pe.Code)
	assert.Equal(t, pos.MsgLockedElsewhere, pe.Key)
	assert.Equal(t, "KRPOS3", pe.Args["Holder"])
	assert.Equal(t, "42", pe.Args["Doc"])

	hidden := ErrorOf(assert.AnError)
	assert.Equal(t, pos.CodeInternal, hidden.Code)
	assert.NotContains(t, hidden.Message, assert.AnError.Error(), "a plain error never leaves the service")

	assert.Equal(t, pos.CodeInternal, Error{Code: "nonsense"}.Err().Code)
	assert.Equal(t, "error.invalid", Error{Code: pos.CodeInvalid}.Err().Key)
}

func TestPaths(t *testing.T) {
	assert.Equal(t, "/v1/orders/a%2Fb/lock", LockPath("a/b"))
	assert.Equal(t, "/v1/orders/x/renew", RenewPath("x"))
	assert.Equal(t, "/v1/orders/x/unlock", UnlockPath("x"))
}

func TestTransient(t *testing.T) {
	for _, c := range Codes {
		want := c == pos.CodeUnavailable || c == pos.CodeInternal || c == pos.CodeLocked
		assert.Equal(t, want, Transient(c), c)
	}
}
