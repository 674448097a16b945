package ui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// splitPayment opens, in French on a till of size, the payment window of an
// order of 31,98 paid with n tenders: n−1 of 1,00 by card, then cash for
// what is left, as a cashier types them.
func splitPayment(tb testing.TB, size fyne.Size, n int) (*ordersFixture, *paymentWindow) {
	tb.Helper()
	newTestApp(tb, "fr")
	store := newDocStore(tb)
	order := store.confirmedOrder(tb, "UNDEF", 1, 10, 20)
	f := ordersOnTill(tb, store, manager, managerPIN)
	f.w.Resize(size)
	g, err := f.uc.Orders.Generate(tb.Context(), order.ID, pos.KindReceipt, 0)
	require.NoError(tb, err)
	p := newPaymentWindow(tb.Context(), f.deps(), f.w.Canvas(), g, func(bool) {})
	for range n - 1 {
		typeAmount(tb, f, "1")
		pay(tb, f, p, "Card")
	}
	pay(tb, f, p, "Cash")
	require.Len(tb, p.tenders, n)
	return f, p
}

// within tells whether o, as laid out now, lies whole inside the rectangle
// at pos of size.
func within(o fyne.CanvasObject, pos fyne.Position, size fyne.Size) bool {
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return at.X >= pos.X && at.Y >= pos.Y &&
		at.X+o.Size().Width <= pos.X+size.Width+0.5 && at.Y+o.Size().Height <= pos.Y+size.Height+0.5
}

// A split payment on a 1024×768 till hid its second tender and its delete
// key under the window's buttons, out of reach: with one to five tenders,
// on either till, every delete key shows whole in the tenders' room, above
// the buttons, and what is left to pay and the buttons stay on the screen.
func TestPaymentTendersStayWithinReach(t *testing.T) {
	for _, size := range tillSizes {
		for n := 1; n <= 5; n++ {
			_, p := splitPayment(t, size, n)
			d := fyne.CurrentApp().Driver()
			screen := fyne.NewPos(0, 0)
			room, roomSize := d.AbsolutePositionForObject(p.tenderBox), p.tenderBox.Size()
			buttonsTop := d.AbsolutePositionForObject(p.confirm).Y

			var keys []*widget.Button
			for _, row := range p.tendered.Objects {
				walkButtons(row, func(b *widget.Button) { keys = append(keys, b) })
			}
			require.Len(t, keys, n)
			for i, key := range keys {
				assert.True(t, within(key, room, roomSize), "%v, %d tenders: tender %d's delete key out of view", size, n, i+1)
				assert.LessOrEqual(t, d.AbsolutePositionForObject(key).Y+key.Size().Height, buttonsTop, "%v, %d tenders: tender %d under the buttons", size, n, i+1)
			}
			for _, o := range []fyne.CanvasObject{p.rest, p.restName, p.confirm, p.cancel, p.overlay.pop.Content} {
				assert.True(t, within(o, screen, size), "%v, %d tenders: %T off the screen", size, n, o)
			}
			assert.True(t, within(p.rest, fyne.NewPos(0, 0), fyne.NewSize(size.Width, buttonsTop)), "%v: what is left under the buttons", size)

			assert.False(t, p.tenderNav.Visible(), "%v, %d tenders: all in view, no scroll keys", size, n)

			// The last key removes the last tender: the keys are live.
			test.Tap(keys[n-1])
			assert.Len(t, p.tenders, n-1)
		}
	}
}

// More tenders than their room (or less room: an unlinked document's note,
// advances) bring up and down keys, the newest in view: a desktop
// touchscreen does not drag-scroll, and each delete key comes into view.
func TestPaymentManyTendersScrollWithKeys(t *testing.T) {
	size := tillSizes[1]
	const n = 9
	_, p := splitPayment(t, size, n)
	require.True(t, p.tenderNav.Visible())
	d := fyne.CurrentApp().Driver()
	var keys []*widget.Button
	for _, row := range p.tendered.Objects {
		walkButtons(row, func(b *widget.Button) { keys = append(keys, b) })
	}
	room, roomSize := d.AbsolutePositionForObject(p.tenderBox), p.tenderBox.Size()
	assert.True(t, within(keys[n-1], room, roomSize), "the newest in view")
	assert.False(t, within(keys[0], room, roomSize), "the first out of view")
	for _, o := range []fyne.CanvasObject{p.tenderNav, p.confirm, p.rest} {
		assert.True(t, within(o, fyne.NewPos(0, 0), size))
	}
	up := p.tenderNav.Objects[0]
	for range n {
		walkButtons(up, func(b *widget.Button) { test.Tap(b) })
	}
	assert.True(t, within(keys[0], room, roomSize), "up brings the first into view")
	test.Tap(keys[0])
	assert.Len(t, p.tenders, n-1)
}

// A refusal shows under the payment and the window keeps within the till.
func TestPaymentMessageKeepsTheWindowOnTheTill(t *testing.T) {
	size := tillSizes[1]
	f, p := splitPayment(t, size, 4)
	pay(t, f, p, "Card") // nothing left to pay: refused
	require.True(t, p.message.Visible())
	assert.NotEmpty(t, p.message.Text)
	assert.True(t, within(p.message, fyne.NewPos(0, 0), size))
	assert.True(t, within(p.overlay.pop.Content, fyne.NewPos(0, 0), size))
	assertWhole(t, p.message)

	// Taking a tender clears it and gives its room back.
	p.removeTender(3)
	tapTop(t, f.w, "Effacer")
	pay(t, f, p, "Cash")
	assert.False(t, p.message.Visible())
}

// TestCapturePaymentSplit draws the payment window with a split payment of
// 2, 5 and 9 tenders on the two tills in French; no golden files. To look at them:
// COMPTOIR_CAPTURE_DIR=/tmp go test -run CapturePaymentSplit ./app/ui.
func TestCapturePaymentSplit(t *testing.T) {
	dir, _ := captureDir(t)
	for _, size := range tillSizes {
		for _, n := range []int{2, 5, 9} {
			f, _ := splitPayment(t, size, n)
			out, err := os.Create(filepath.Join(dir, fmt.Sprintf("comptoir-payment-split%d-%s.png", n, sizeName(size))))
			require.NoError(t, err)
			img := f.w.Canvas().Capture()
			require.False(t, img.Bounds().Empty())
			require.NoError(t, png.Encode(out, img))
			require.NoError(t, out.Close())
		}
	}
}
