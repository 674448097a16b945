package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/store"
	"github.com/comptoir/comptoir/sync/agent"
	"github.com/comptoir/comptoir/sync/dataservice"
)

// syncing is the till's link to its data service: the agent, and in demo mode
// the data service this till serves for the other demo tills of the machine.
type syncing struct {
	agent *agent.Agent // nil when the till has no data service configured
	wg    sync.WaitGroup
}

// startSync starts the agent (and, for the first demo till, the demo data
// service) in the background until ctx ends; wait for them with stop.
func startSync(ctx context.Context, cfg config, log zerolog.Logger, db *store.DB, clock app.Clock) (*syncing, error) {
	s := &syncing{}
	url, secret := cfg.Service, ""
	switch {
	case cfg.Demo:
		addr, err := s.demoService(ctx, cfg, log)
		if err != nil {
			return nil, err
		}
		url, secret = "http://"+addr, dataservice.DemoSecret(cfg.Terminal)
	case url == "":
		log.Warn().Msg("no data service configured (--service): the till works offline")
		return s, nil
	default:
		raw, err := os.ReadFile(cfg.SecretFile)
		if err != nil {
			return nil, fmt.Errorf("terminal secret (--secret-file): %w", err)
		}
		secret = strings.TrimSpace(string(raw))
	}
	client, err := agent.NewClient(url, secret, agent.ClientOptions{})
	if err != nil {
		return nil, err
	}
	s.agent = agent.New(db, client, clock, log.With().Str("component", "agent").Logger(), agent.Options{})
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer client.Close()
		if err := s.agent.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error().Err(err).Msg("sync agent stopped")
		}
	}()
	log.Info().Str("service", url).Msg("sync agent started")
	return s, nil
}

// remote is the agent as the use cases' Remote port; nil (not a typed nil)
// without a data service.
func (s *syncing) remote() app.Remote {
	if s.agent == nil {
		return nil
	}
	return s.agent
}

// draftRemote is the agent as the draft store's port; nil (not a typed nil)
// without a data service.
func (s *syncing) draftRemote() app.DraftRemote {
	if s.agent == nil {
		return nil
	}
	return s.agent
}

// connectivity is the agent as the status bar's port; nil without one.
func (s *syncing) connectivity() app.Connectivity {
	if s.agent == nil {
		return nil
	}
	return s.agent
}

// stop waits for the agent and the demo service to finish once ctx has ended.
func (s *syncing) stop() { s.wg.Wait() }

// demoService returns the address of the demo data service of this machine.
// The first demo till takes a lock file and serves it in-process on a free
// loopback port, writing the address beside it; the others read the address.
// The service lives as long as the till that serves it.
func (s *syncing) demoService(ctx context.Context, cfg config, log zerolog.Logger) (string, error) {
	dir := filepath.Join(cfg.DataDir, "demo")
	lock, err := os.OpenFile(filepath.Join(dir, "dataservice.lock"), os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return "", fmt.Errorf("demo service lock: %w", err)
	}
	addrFile := filepath.Join(dir, "dataservice.addr")
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		return waitForAddr(ctx, addrFile)
	}
	svc, err := dataservice.Open(ctx, filepath.Join(dir, "dataservice.db"), dataservice.Options{
		Clock: dataservice.ClockFunc(time.Now), Log: log.With().Str("component", "dataservice").Logger()})
	if err != nil {
		lock.Close()
		return "", err
	}
	if err := svc.LoadDemo(ctx); err != nil {
		return "", errors.Join(err, svc.Close(), lock.Close())
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", errors.Join(err, svc.Close(), lock.Close())
	}
	addr := ln.Addr().String()
	if err := os.WriteFile(addrFile, []byte(addr), 0o640); err != nil {
		return "", errors.Join(err, ln.Close(), svc.Close(), lock.Close())
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if err := svc.Serve(ctx, ln); err != nil {
			log.Error().Err(err).Msg("demo data service stopped")
		}
		_ = os.Remove(addrFile)
		if err := errors.Join(svc.Close(), lock.Close()); err != nil {
			log.Error().Err(err).Msg("close the demo data service")
		}
	}()
	log.Info().Str("addr", addr).Msg("demo data service started for the demo tills of this machine")
	return addr, nil
}

// waitForAddr reads the address the serving demo till writes, waiting a little
// when both tills start at the same moment.
func waitForAddr(ctx context.Context, path string) (string, error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		raw, err := os.ReadFile(path)
		if err == nil && len(raw) > 0 {
			return strings.TrimSpace(string(raw)), nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("the demo data service did not publish its address in %s", path)
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(100 * time.Millisecond): // another process writes it: poll
		}
	}
}
