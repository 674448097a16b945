package dataservice

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// handlerFunc is an authenticated endpoint: it answers, or returns the error
// to answer with.
type handlerFunc func(w http.ResponseWriter, r *http.Request, t pos.Terminal) error

// Handler returns the service's HTTP handler: every endpoint of sync/protocol.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+protocol.PathHealthz, s.healthz)
	mux.Handle("GET "+protocol.PathHealth, s.auth(s.health))
	mux.Handle("GET "+protocol.PathChanges, s.auth(s.changes))
	mux.Handle("POST "+protocol.PathOps, s.auth(s.push))
	mux.Handle("GET "+protocol.PathOrders, s.auth(s.search))
	mux.Handle("GET "+protocol.PathOrders+"/{id}", s.auth(s.fetch))
	mux.Handle("POST "+protocol.PathOrders+"/{id}/lock", s.auth(s.lock))
	mux.Handle("POST "+protocol.PathOrders+"/{id}/renew", s.auth(byToken(s.Renew)))
	mux.Handle("POST "+protocol.PathOrders+"/{id}/unlock", s.auth(byToken(released(s.Unlock))))
	mux.Handle("GET "+protocol.PathDrafts, s.auth(s.drafts))
	mux.Handle("PUT "+protocol.PathDrafts+"/{id}", s.auth(s.putDraft))
	mux.Handle("POST "+protocol.PathDrafts+"/{id}/open", s.auth(s.openDraft))
	mux.Handle("POST "+protocol.PathDrafts+"/{id}/renew", s.auth(byToken(s.RenewDraft)))
	mux.Handle("POST "+protocol.PathDrafts+"/{id}/release", s.auth(byToken(released(s.ReleaseDraft))))
	mux.Handle("POST "+protocol.PathDrafts+"/{id}/delete", s.auth(s.deleteDraft))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "path", "Key", r.URL.Path))
	})
	return s.logged(mux)
}

// Serve answers on ln until ctx is done, then stops taking requests, lets the
// ones in flight finish (at most 10 s) and returns. It closes ln.
func (s *Service) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          stdlog.New(s.log.With().Str("component", "http").Logger(), "", 0),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info().Str("addr", ln.Addr().String()).Msg("data service listening")
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	s.log.Info().Msg("data service stopped")
	return err
}

// statusWriter remembers the status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

type terminalKey struct{}

// logged writes one access log line per request: never the Authorization
// header, never a body.
func (s *Service) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		var term string
		r = r.WithContext(context.WithValue(r.Context(), terminalKey{}, &term))
		defer func() {
			// A fault in a handler answers 500 like any other internal error,
			// instead of cutting the connection: the till then tells a
			// service fault from a network one.
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error().Interface("panic", p).Str("path", r.URL.Path).Msg("handler panicked")
				sw.status = http.StatusInternalServerError
				writeJSON(w, http.StatusInternalServerError, protocol.ErrorAnswer{Error: protocol.ErrorOf(errors.New("panic"))})
			}
		}()
		next.ServeHTTP(sw, r)
		ev := s.log.Debug()
		if sw.status >= 500 {
			ev = s.log.Warn()
		}
		ev.Str("method", r.Method).Str("path", r.URL.Path).Int("status", sw.status).
			Str("terminal", term).Dur("took", time.Since(start)).Msg("request")
	})
}

// auth checks the Bearer secret and passes the terminal it belongs to; a
// missing, unknown or revoked secret answers 401.
func (s *Service) auth(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, err := s.authenticate(r)
		if err == nil {
			if p, ok := r.Context().Value(terminalKey{}).(*string); ok {
				*p = t.Code
			}
			err = h(w, r, t)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

var errUnauthorized = pos.Errorf(pos.CodeUnauthorized, "error.terminal_unauthorized")

func (s *Service) authenticate(r *http.Request) (pos.Terminal, error) {
	secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || secret == "" || len(secret) > 512 {
		return pos.Terminal{}, errUnauthorized
	}
	var data []byte
	err := s.reader().QueryRowContext(r.Context(), `SELECT r.data FROM terminal_secrets s
		JOIN records r ON r.entity = 'terminal' AND r.key = s.code
		WHERE s.secret_hash = ? AND s.revoked_at IS NULL`, hashSecret(secret)).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return pos.Terminal{}, errUnauthorized
	}
	if err != nil {
		return pos.Terminal{}, fmt.Errorf("authenticate: %w", err)
	}
	var t pos.Terminal
	if err := json.Unmarshal(data, &t); err != nil {
		return pos.Terminal{}, fmt.Errorf("decode terminal: %w", err)
	}
	return t, nil
}

func (s *Service) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.read.PingContext(r.Context()); err != nil {
		s.writeError(w, r, pos.Errorf(pos.CodeUnavailable, "error.unavailable"))
		return
	}
	writeJSON(w, http.StatusOK, protocol.Health{Status: "ok", Time: s.now()})
}

func (s *Service) health(w http.ResponseWriter, _ *http.Request, t pos.Terminal) error {
	writeJSON(w, http.StatusOK, protocol.Health{Status: "ok", Terminal: t.Code, Center: t.Center, Time: s.now()})
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client may be gone; nothing to do then
}

// writeError answers with the error's code and status from the protocol's one
// table. Errors that are not pos.Errors are logged and answered as internal,
// without their text.
func (s *Service) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := protocol.ErrorOf(err)
	if e.Code == pos.CodeInternal {
		s.log.Error().Err(err).Str("path", r.URL.Path).Msg("request failed")
	}
	if e.Code == pos.CodeLocked {
		e.Holder, _ = e.Args["Holder"].(string)
		if until, ok := e.Args["Until"].(time.Time); ok {
			e.Expires = until
		}
	}
	if e.Code == pos.CodeUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="comptoir"`)
	}
	writeJSON(w, protocol.HTTPStatus(e.Code), protocol.ErrorAnswer{Error: e})
}

// readBody reads a request body of at most max bytes.
func readBody(r *http.Request, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		return nil, pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "unreadable body")
	}
	if int64(len(data)) > max {
		return nil, pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "body too large")
	}
	return data, nil
}
