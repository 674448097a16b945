// Package ui is the till's Fyne interface: the touch theme, the screens
// (login, menu, products, settings), the status bar and the reusable widgets
// they share (paged list, scan field, PIN keypad).
//
// It talks to the use cases of package app only. Each screen is built by a
// constructor from its use cases, so tests drive real widgets under
// fyne.io/fyne/v2/test without a database. Work that leaves the UI thread comes
// back through fyne.Do (house rule 6).
package ui
