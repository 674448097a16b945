package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// ClientOptions tune the HTTP client. The zero value gives the defaults, chosen
// so that an unreachable or hung service is noticed within 2 seconds instead of
// the operating system's minutes.
type ClientOptions struct {
	// DialTimeout bounds connecting (default 800 ms).
	DialTimeout time.Duration
	// AnswerTimeout bounds the wait for an answer's headers once the request
	// is sent (default 900 ms).
	AnswerTimeout time.Duration
	// RequestTimeout bounds a whole request, body included (default 30 s): a
	// page of changes may take longer to read than to start.
	RequestTimeout time.Duration
	// Transport replaces the default transport (tests, proxies).
	Transport http.RoundTripper
}

// Client speaks the sync protocol to one data service as one terminal.
type Client struct {
	base      *url.URL
	secret    string
	http      *http.Client
	timeout   time.Duration
	offline   atomic.Bool // "Simulate offline": every call fails at once
	reachable atomic.Bool // the last call got an answer from the service
	// wrote, when set, is called once a push request is fully written: the
	// crash tests kill the process there, while the service works on the batch.
	wrote func()
}

// maxAnswer bounds what the client reads of one answer.
const maxAnswer = 64 << 20

// NewClient returns a client of the service at baseURL ("http://host:port")
// authenticating with the terminal's secret.
func NewClient(baseURL, secret string, o ClientOptions) (*Client, error) {
	u, err := url.Parse(strings.TrimSuffix(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("data service address %q: want http(s)://host:port", baseURL)
	}
	if secret == "" {
		return nil, errors.New("a terminal secret is required")
	}
	if o.DialTimeout <= 0 {
		o.DialTimeout = 800 * time.Millisecond
	}
	if o.AnswerTimeout <= 0 {
		o.AnswerTimeout = 900 * time.Millisecond
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 30 * time.Second
	}
	tr := o.Transport
	if tr == nil {
		tr = &http.Transport{
			DialContext:           (&net.Dialer{Timeout: o.DialTimeout, KeepAlive: 15 * time.Second}).DialContext,
			TLSHandshakeTimeout:   o.DialTimeout,
			ResponseHeaderTimeout: o.AnswerTimeout,
			MaxIdleConnsPerHost:   4,
			IdleConnTimeout:       60 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	return &Client{base: u, secret: secret, http: &http.Client{Transport: tr}, timeout: o.RequestTimeout}, nil
}

// Close drops idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// errUnreachable is what every call fails with when the service does not
// answer: the till goes offline.
var errUnreachable = pos.Errorf(pos.CodeUnavailable, "error.service_unreachable")

func unreachable(cause error) error { return fmt.Errorf("%w: %v", errUnreachable, cause) }

// do sends one request and decodes a 2xx answer with decode. Any other answer
// becomes the pos.Error its body carries (holder included); no answer becomes
// errUnreachable.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body any, decode func([]byte) error) error {
	if c.offline.Load() {
		return unreachable(errors.New("simulated offline"))
	}
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("encode request: %w", err)
		}
		rd = bytes.NewReader(data)
	}
	rctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if c.wrote != nil && path == protocol.PathOps {
		rctx = httptrace.WithClientTrace(rctx, &httptrace.ClientTrace{
			WroteRequest: func(httptrace.WroteRequestInfo) { c.wrote() },
		})
	}
	target := c.base.String() + path // path is already escaped (protocol.OrderPath)
	if q := query.Encode(); q != "" {
		target += "?" + q
	}
	req, err := http.NewRequestWithContext(rctx, method, target, rd)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.secret)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.reachable.Store(false)
		return unreachable(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.reachable.Store(false)
		return unreachable(err)
	}
	if resp.StatusCode/100 != 2 {
		perr := decodeError(resp.StatusCode, data)
		// A refused secret or an overloaded service is as good as no service.
		c.reachable.Store(perr.Code != pos.CodeUnavailable && perr.Code != pos.CodeUnauthorized)
		return perr
	}
	if err := decode(data); err != nil {
		c.reachable.Store(false)
		return fmt.Errorf("%w: %v", errGarbled, err)
	}
	c.reachable.Store(true)
	return nil
}

// errGarbled is an answer that does not follow the protocol (a proxy's page, a
// cut body): the push is tried again, as after a network fault.
var errGarbled = pos.Errorf(pos.CodeUnavailable, "error.service_answer")

// Health checks the secret.
func (c *Client) Health(ctx context.Context) (protocol.Health, error) {
	var h protocol.Health
	err := c.do(ctx, http.MethodGet, protocol.PathHealth, nil, nil, func(b []byte) error { return decodeJSON(b, &h) })
	return h, err
}

// Push sends a batch of operations and returns one result per operation the
// service answered, in order (possibly fewer than sent: see protocol.PushAnswer).
func (c *Client) Push(ctx context.Context, ops []protocol.Op) ([]protocol.OpResult, error) {
	var res []protocol.OpResult
	err := c.do(ctx, http.MethodPost, protocol.PathOps, nil, protocol.PushRequest{Ops: ops}, func(b []byte) error {
		var err error
		res, err = decodePushAnswer(b, ops)
		return err
	})
	return res, err
}

// Changes reads one page of changes after the cursor.
func (c *Client) Changes(ctx context.Context, after string, limit int) (protocol.ChangesPage, error) {
	var p protocol.ChangesPage
	q := url.Values{"limit": {strconv.Itoa(limit)}}
	if after != "" {
		q.Set("after", after)
	}
	err := c.do(ctx, http.MethodGet, protocol.PathChanges, q, nil, func(b []byte) error {
		var err error
		p, err = decodeChanges(b)
		return err
	})
	return p, err
}

// Lock asks for the lock of a document.
func (c *Client) Lock(ctx context.Context, id string, req protocol.LockRequest) (protocol.LockAnswer, error) {
	var a protocol.LockAnswer
	err := c.do(ctx, http.MethodPost, protocol.LockPath(id), nil, req, func(b []byte) error {
		var err error
		a, err = decodeLock(b, id, true)
		return err
	})
	return a, err
}

// Renew extends a lock's lease.
func (c *Client) Renew(ctx context.Context, id string, token int64) (protocol.LockAnswer, error) {
	var a protocol.LockAnswer
	err := c.do(ctx, http.MethodPost, protocol.RenewPath(id), nil, protocol.TokenRequest{Token: token}, func(b []byte) error {
		var err error
		a, err = decodeLock(b, id, false)
		return err
	})
	return a, err
}

// Unlock releases a lock and tells whether it still held it.
func (c *Client) Unlock(ctx context.Context, id string, token int64) (bool, error) {
	var a protocol.UnlockAnswer
	err := c.do(ctx, http.MethodPost, protocol.UnlockPath(id), nil, protocol.TokenRequest{Token: token},
		func(b []byte) error { return decodeJSON(b, &a) })
	return a.Released, err
}

// Fetch reads one document at its latest version.
func (c *Client) Fetch(ctx context.Context, id string) (protocol.OrderAnswer, error) {
	var a protocol.OrderAnswer
	err := c.do(ctx, http.MethodGet, protocol.OrderPath(id), nil, nil, func(b []byte) error { return decodeJSON(b, &a) })
	return a, err
}

// Search finds documents on the service.
func (c *Client) Search(ctx context.Context, q url.Values) (protocol.SearchAnswer, error) {
	var a protocol.SearchAnswer
	err := c.do(ctx, http.MethodGet, protocol.PathOrders, q, nil, func(b []byte) error { return decodeJSON(b, &a) })
	return a, err
}
