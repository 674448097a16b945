package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
)

func TestScanFieldHandsOverEachCodeAndClears(t *testing.T) {
	newTestApp(t, "en")
	var got []string
	s := NewScanField("scan", func(code string) { got = append(got, code) })
	showOnTill(t, s)

	// A scanner types the digits in a burst and ends with Enter.
	test.Type(s, "5901234123457")
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Empty(t, s.Text, "ready for the next scan")

	test.Type(s, "  P001 ")
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // a blank submission is dropped

	assert.Equal(t, []string{"5901234123457", "P001"}, got)
}
