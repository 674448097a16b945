package transport

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listen starts a stand-in network printer on a loopback port; the test closes it.
func listen(tb testing.TB) net.Listener {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = l.Close() })
	return l
}

func TestTCPSendsExactlyTheBytes(t *testing.T) {
	l := listen(t)
	received := make(chan []byte, 1)
	go func() {
		conn, err := l.Accept()
		if err != nil {
			received <- nil
			return
		}
		defer conn.Close()
		b, _ := io.ReadAll(conn) // until the client closes
		received <- b
	}()
	data := make([]byte, 256<<10)
	for i := range data {
		data[i] = byte(i * 7)
	}
	require.NoError(t, TCP{Addr: l.Addr().String()}.Send(t.Context(), data))
	assert.Equal(t, data, <-received)
}

func TestTCPUnreachable(t *testing.T) {
	l := listen(t)
	addr := l.Addr().String()
	require.NoError(t, l.Close()) // nothing listens there any more: connection refused
	err := TCP{Addr: addr}.Send(t.Context(), []byte("x"))
	requireCode(t, err, Unreachable)
}

func TestTCPGivesUpOnAPrinterThatStopsReading(t *testing.T) {
	l := listen(t)
	accepted := make(chan net.Conn, 1)
	go func() {
		conn, err := l.Accept()
		if err == nil {
			_ = conn.(*net.TCPConn).SetReadBuffer(4096)
		}
		accepted <- conn // never read from: a printer whose buffer is full
	}()
	// More than the loopback socket buffers of both ends can absorb.
	err := TCP{Addr: l.Addr().String(), WriteTimeout: 200 * time.Millisecond}.Send(t.Context(), make([]byte, 64<<20))
	requireCode(t, err, Timeout)
	if conn := <-accepted; conn != nil {
		require.NoError(t, conn.Close())
	}
}

func TestTCPCancelledWhileConnecting(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := TCP{Addr: "127.0.0.1:9"}.Send(ctx, []byte("x"))
	assert.ErrorIs(t, err, context.Canceled)
}
