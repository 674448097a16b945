// Package app holds the use cases the screens call: logging in, settings, product
// lookup, the status bar. It decides what the till does and, with the sync
// issue, whether it does it online or offline. It talks to the outside only
// through the small ports below, which store, sync/agent and printing implement
// and cmd/comptoir wires.
package app
