package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"
)

// ScanField is the entry a barcode scanner types into. A scanner sends the
// code as a burst of key presses ending with Enter, exactly like a person
// typing; on Enter the field hands the trimmed code to OnScan and clears
// itself, ready for the next scan without anyone touching the screen.
type ScanField struct {
	widget.Entry

	// OnScan receives each code; blank submissions are dropped.
	OnScan func(code string)
}

// NewScanField returns a single-line scan field showing placeholder while empty.
func NewScanField(placeholder string, onScan func(code string)) *ScanField {
	s := &ScanField{OnScan: onScan}
	s.ExtendBaseWidget(s)
	s.PlaceHolder = placeholder
	s.OnSubmitted = s.submit
	return s
}

func (s *ScanField) submit(text string) {
	s.SetText("")
	if code := strings.TrimSpace(text); code != "" && s.OnScan != nil {
		s.OnScan(code)
	}
}
