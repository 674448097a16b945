package transport

import (
	"context"
	"net"
	"time"
)

// DefaultDialTimeout bounds connecting to a network printer: on a shop's LAN a printer that has
// not answered in three seconds is off or elsewhere.
const DefaultDialTimeout = 3 * time.Second

// TCP sends to a network printer's raw port, usually host:9100.
type TCP struct {
	Addr         string
	DialTimeout  time.Duration // DefaultDialTimeout when zero
	WriteTimeout time.Duration // DefaultTimeout when zero
}

// Send connects, writes data and closes the connection.
func (t TCP) Send(ctx context.Context, data []byte) error {
	dialTimeout := t.DialTimeout
	if dialTimeout <= 0 {
		dialTimeout = DefaultDialTimeout
	}
	dctx, cancel := context.WithTimeout(ctx, dialTimeout)
	conn, err := (&net.Dialer{}).DialContext(dctx, "tcp", t.Addr)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return classify(t.Addr, ctx.Err())
		}
		// Refused, no route, no answer in time: to the cashier, all the printer not being there.
		return &Error{Code: Unreachable, Target: t.Addr, Err: err}
	}
	wctx, cancel := context.WithTimeout(ctx, orDefault(t.WriteTimeout))
	defer cancel()
	err = writeAll(wctx, conn, data)
	if cerr := conn.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return classify(t.Addr, err)
	}
	return nil
}
