// Package e2e holds end-to-end tests: real tills (SQLite files, use cases, sync
// agents) against the real reference data service on loopback, wired the way
// cmd/comptoir wires them.
package e2e
