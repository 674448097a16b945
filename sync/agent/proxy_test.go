package agent

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// switchProxy forwards TCP connections to a target address that a test can
// change; changing it cuts the connections open at that moment.
type switchProxy struct {
	url    string
	target atomic.Value // string
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
}

func startSwitchProxy(tb testing.TB, upstream string) *switchProxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	p := &switchProxy{url: "http://" + ln.Addr().String(), conns: map[net.Conn]struct{}{}}
	p.target.Store(strings.TrimPrefix(upstream, "http://"))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				p.pipe(c)
			}()
		}
	}()
	tb.Cleanup(func() {
		ln.Close()
		p.cut()
		wg.Wait()
	})
	return p
}

func (p *switchProxy) track(c net.Conn, on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if on {
		p.conns[c] = struct{}{}
	} else {
		delete(p.conns, c)
	}
}

func (p *switchProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
}

// switchTo sends new connections to addr and cuts the open ones.
func (p *switchProxy) switchTo(addr string) {
	p.target.Store(addr)
	p.cut()
}

func (p *switchProxy) pipe(c net.Conn) {
	p.track(c, true)
	defer func() { p.track(c, false); c.Close() }()
	up, err := net.Dial("tcp", p.target.Load().(string))
	if err != nil {
		return
	}
	p.track(up, true)
	defer func() { p.track(up, false); up.Close() }()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); done <- struct{}{} }()
	<-done
	c.Close()
	up.Close()
	<-done
}

// faultProxy is an HTTP proxy on loopback that loses answers: for a share of
// requests it forwards the request, lets the service answer, and then resets
// the connection, closes it without a word, or cuts the answer half-way; for a
// few it loses the request itself.
type faultProxy struct {
	url      string
	upstream string
	client   *http.Client

	mu       sync.Mutex
	rng      *rand.Rand
	schedule []string
	counts   map[string]int
}

// faultBlock is the schedule of faults for each block of 20 requests, shuffled
// per block: 8 of 20 answers lost after the service acted (40 %), 1 request
// lost before it, 11 untouched.
var faultBlock = []string{"answer reset", "answer reset", "answer reset", "answer dropped", "answer dropped",
	"answer dropped", "answer cut", "answer cut", "request lost",
	"none", "none", "none", "none", "none", "none", "none", "none", "none", "none", "none"}

func startFaultProxy(tb testing.TB, upstream string, seed uint64) *faultProxy {
	tb.Helper()
	p := &faultProxy{upstream: upstream, client: &http.Client{Transport: &http.Transport{}},
		rng: rand.New(rand.NewPCG(seed, 7)), counts: map[string]int{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	p.url = "http://" + ln.Addr().String()
	srv := &http.Server{Handler: p}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	tb.Cleanup(func() {
		require.NoError(tb, srv.Shutdown(context.Background()))
		require.ErrorIs(tb, <-done, http.ErrServerClosed)
		p.client.CloseIdleConnections()
	})
	return p
}

func (p *faultProxy) pick() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.schedule) == 0 {
		p.schedule = slices.Clone(faultBlock)
		p.rng.Shuffle(len(p.schedule), func(i, j int) { p.schedule[i], p.schedule[j] = p.schedule[j], p.schedule[i] })
	}
	fault := p.schedule[0]
	p.schedule = p.schedule[1:]
	p.counts[fault]++
	p.counts["requests"]++
	return fault
}

func (p *faultProxy) stats() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for k, v := range p.counts {
		out[k] = v
	}
	return out
}

func (p *faultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fault := p.pick()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if fault == "request lost" {
		hangUp(w, false)
		return
	}
	req, err := http.NewRequestWithContext(context.WithoutCancel(r.Context()), r.Method, p.upstream+r.URL.RequestURI(),
		bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := p.client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	// The service has answered: what it did is done, whatever the till hears.
	switch fault {
	case "answer reset":
		hangUp(w, true)
	case "answer dropped":
		hangUp(w, false)
	case "answer cut":
		w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
		w.Header().Set("Content-Length", itoa(len(answer)))
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(answer[:len(answer)/2])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		hangUp(w, true)
	default:
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(answer)
	}
}

// hangUp closes the client's connection without an answer: with a TCP reset
// (reset) or a plain close.
func hangUp(w http.ResponseWriter, reset bool) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(errors.Join(http.ErrAbortHandler, err))
	}
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

func itoa(n int) string { return strconv.Itoa(n) }
