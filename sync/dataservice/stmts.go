package dataservice

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps statements prepared on one pool: SQLite otherwise parses
// every query again, which is most of the cost of a lock or a small push.
//
// The write pool has one connection, held by the transaction that runs the
// query: a statement cannot be prepared on the pool then. Such a query runs
// unprepared this once and is prepared after the transaction (prepareWanted).
type stmtCache struct {
	db     *sql.DB
	mu     sync.Mutex
	m      map[string]*sql.Stmt
	wanted map[string]bool
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// get returns the prepared statement of query; with inTx it prepares nothing
// and returns nil for a query not prepared yet, noting it for later.
func (c *stmtCache) get(ctx context.Context, query string, inTx bool) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	if inTx {
		c.wanted[query] = true
		return nil, nil
	}
	c.mu.Unlock()
	st, err := c.db.PrepareContext(ctx, query)
	c.mu.Lock()
	if err != nil {
		return nil, err
	}
	if prev, dup := c.m[query]; dup {
		_ = st.Close()
		return prev, nil
	}
	c.m[query] = st
	return st, nil
}

// prepareWanted prepares the queries transactions ran unprepared; call it with
// no connection of the pool held. It holds no lock while it waits for the
// pool's connection, which another transaction may hold.
func (c *stmtCache) prepareWanted(ctx context.Context) {
	c.mu.Lock()
	var queries []string
	for q := range c.wanted {
		queries = append(queries, q)
		delete(c.wanted, q)
	}
	c.mu.Unlock()
	for _, q := range queries {
		st, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue // it runs unprepared, and says why there
		}
		c.mu.Lock()
		if _, dup := c.m[q]; dup || c.m == nil {
			_ = st.Close()
		} else {
			c.m[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var first error
	for _, st := range c.m {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
	}
	c.m = nil
	return first
}

// cachedQ runs queries through a cache, in a transaction when tx is set (the
// cache is then the write pool's, whose one connection the transaction holds).
type cachedQ struct {
	cache *stmtCache
	tx    *sql.Tx
}

// stmt returns the statement to run query with, nil to run it unprepared.
func (q cachedQ) stmt(ctx context.Context, query string) *sql.Stmt {
	st, err := q.cache.get(ctx, query, q.tx != nil)
	if err != nil || st == nil {
		return nil
	}
	if q.tx != nil {
		return q.tx.StmtContext(ctx, st)
	}
	return st
}

// QueryRowContext implements queryer. A query that is not prepared (or cannot
// be: its error then surfaces from Scan) runs unprepared.
func (q cachedQ) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := q.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	if q.tx != nil {
		return q.tx.QueryRowContext(ctx, query, args...)
	}
	return q.cache.db.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement through the cache.
func (q cachedQ) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := q.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	if q.tx != nil {
		return q.tx.ExecContext(ctx, query, args...)
	}
	return q.cache.db.ExecContext(ctx, query, args...)
}

// reader runs cached queries on the read pool.
func (s *Service) reader() cachedQ { return cachedQ{cache: s.rstmts} }

// writer runs cached queries in a write transaction.
func (s *Service) writer(tx *sql.Tx) cachedQ { return cachedQ{cache: s.wstmts, tx: tx} }
