package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// A refused discount's reason spoke of the value refused after the entry
// had changed: cleared, the keypad still said « 145 ». It goes as soon as
// the entry changes, by Clear or by a key.
func TestDiscountRefusalGoesWhenTheEntryChanges(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	scan(x.f.scan, "5900000000007")
	refusal := "“145” is not a valid percentage (0 to 100)."

	typeDiscountNoOK(t, x.w, x.f.lineDiscount, "145")
	tapTop(t, x.w, "OK")
	require.Contains(t, topTexts(x.w), refusal, "refused, the keypad stays")
	tapTop(t, x.w, "Clear")
	assert.NotContains(t, topTexts(x.w), refusal)

	tapTop(t, x.w, "OK") // 145 again
	tapTop(t, x.w, "4")
	require.NotContains(t, topTexts(x.w), "“1454” is not a valid percentage (0 to 100).")
	assert.NotContains(t, topTexts(x.w), refusal, "a key changes the entry too")
	tapTop(t, x.w, "Clear")
	tapTop(t, x.w, "5")
	tapTop(t, x.w, "OK")
	assert.Equal(t, pos.Percent(500), x.f.doc.Lines[0].Discount)
}

// typeDiscountNoOK opens the discount keypad and types text over the value.
func typeDiscountNoOK(tb testing.TB, w fyne.Window, key *widget.Button, text string) {
	tb.Helper()
	key.Tapped(&fyne.PointEvent{})
	tapTop(tb, w, lang.L("payment.clear"))
	for _, k := range text {
		tapTop(tb, w, string(k))
	}
}

// headerLabel finds the lines' column header reading key's caption.
func headerLabel(tb testing.TB, w fyne.Window, key string) *widget.Label {
	tb.Helper()
	l := find(w, func(l *widget.Label) bool { return l.Text == lang.L(key) && l.TextStyle.Bold })
	require.NotNil(tb, l, "%s shown", key)
	return l
}

// On a 1024×768 till the form's column headers read "Qua…" and "Mont…": in
// every language, each header gets the width of its whole caption.
func TestFormColumnHeadersReadWhole(t *testing.T) {
	for _, language := range []string{"fr", "it", "en", "pl"} {
		for _, size := range tillSizes {
			newTestApp(t, language)
			x := formOnTill(t, newDocStore(t), pos.KindOrder)
			withStatusBar(t, x.w, x.uc, x.f.view, size)
			for _, key := range []string{"form.col.name", "form.col.price", "form.col.qty", "form.col.amount"} {
				l := headerLabel(t, x.w, key)
				probe := widget.NewLabelWithStyle(l.Text, l.Alignment, l.TextStyle)
				assert.GreaterOrEqual(t, l.Size().Width, probe.MinSize().Width, "%s on %v: %q cut", language, size, l.Text)
			}
		}
	}
}

// TestCaptureFormHeadersAndDiscount draws, on the smaller till in French,
// the form with its lines, the discount keypad refusing 145 %, then cleared;
// no golden files. To look at them:
// COMPTOIR_CAPTURE_DIR=/tmp go test -run CaptureFormHeadersAndDiscount ./app/ui.
func TestCaptureFormHeadersAndDiscount(t *testing.T) {
	dir, _ := captureDir(t)
	newTestApp(t, "fr")
	size := fyne.NewSize(1024, 768)
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	withStatusBar(t, x.w, x.uc, x.f.view, size)
	for _, code := range []string{"5900000000007", "5900000000012", "P021"} {
		scan(x.f.scan, code)
	}
	save := func(screen string) {
		t.Helper()
		saveCapture(t, filepath.Join(dir, "comptoir-"+screen+"-"+sizeName(size)+".png"), x.w.Canvas())
	}
	save("form-headers")
	typeDiscountNoOK(t, x.w, x.f.lineDiscount, "145")
	tapTop(t, x.w, "OK")
	save("form-discount-refused")
	tapTop(t, x.w, "Effacer")
	save("form-discount-cleared")
}
