package ui

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/comptoir/comptoir/app/pos"
)

// TestCaptureDraftScreens draws the draft list, its columns window, the form
// on a continued draft and M3 on the two till sizes, in French, the longest
// of the languages; no golden files. To look at them:
// COMPTOIR_CAPTURE_DIR=/tmp go test -run CaptureDraft ./app/ui.
func TestCaptureDraftScreens(t *testing.T) {
	// Drawing is slow under the race detector: without a folder to look at,
	// only the smaller till's list is drawn, to prove it draws.
	dir, all := captureDir(t)
	sizes := tillSizes
	if !all {
		sizes = sizes[1:]
	}
	for _, size := range sizes {
		newTestApp(t, "fr")
		x := newDraftsFixture(t)
		x.store.settings["language"] = "fr"
		var wanted pos.DocNumber
		for i := 1; i <= 14; i++ {
			k, operator, terminal := pos.KindOrder, manager, terminalCode
			if i%3 == 0 {
				k, operator, terminal = pos.KindQuote, consultant, otherTerminal
			}
			d := x.park(t, k, operator, terminal, fixedNow.Add(-time.Duration(i)*47*time.Minute), i, i+1)
			if i == 2 {
				wanted = d.BarcodeNo
			}
		}
		x.parkHere(t, pos.KindOrder, manager, fixedNow, 5)
		tl := draftsTill(t, x)
		tl.w.Resize(size)
		save := func(screen string) {
			t.Helper()
			if !all && screen != "drafts" {
				return
			}
			saveCapture(t, filepath.Join(dir, "comptoir-"+screen+"-"+sizeName(size)+".png"), tl.w.Canvas())
		}

		tapText(t, tl.w, string(wanted))
		save("drafts")
		tapText(t, tl.w, "Colonnes")
		save("drafts-columns")
		tl.w.Canvas().Overlays().Top().Hide()
		x.service.setOffline(true)
		tapText(t, tl.w, "Tous les types")
		tapTop(t, tl.w, "Commande client")
		tl.thread.settle(&tl.ui.tasks)
		save("drafts-offline")
		x.service.setOffline(false)
		tapText(t, tl.w, "Retour")
		tapText(t, tl.w, "Continuer un document")
		tl.thread.settle(&tl.ui.tasks)
		continueScanned(t, tl, wanted)
		save("drafts-form")
		x.service.setOffline(true)
		tapText(t, tl.w, "Préenregistrer")
		tl.thread.settle(&tl.ui.tasks)
		save("drafts-m3")
		tapTop(t, tl.w, "OK")
	}
}

// TestCaptureParkedOrders draws the parked quotes and orders opened from the
// orders list, a draft selected, and that list's header with the button, on
// the smaller till in French, where the columns are tightest. To look at it:
// COMPTOIR_CAPTURE_DIR=/tmp go test -run CaptureParked ./app/ui.
func TestCaptureParkedOrders(t *testing.T) {
	dir, _ := captureDir(t)
	newTestApp(t, "fr")
	x := newDraftsFixture(t)
	x.store.settings["language"] = "fr"
	var wanted pos.DocNumber
	points := []string{"DP-KRK", "", "DP-HUB", "DP-C0001"}
	for i := 1; i <= 14; i++ {
		k, operator, terminal, customer := pos.KindOrder, manager, terminalCode, "C0001"
		if i%3 == 0 {
			k, operator, terminal, customer = pos.KindQuote, consultant, otherTerminal, "UNDEF"
		}
		at := fixedNow.Add(-time.Duration(i) * 5 * time.Hour)
		d := x.parkFor(t, k, operator, terminal, customer, points[i%len(points)], at.AddDate(0, 0, i%4+2), at, i, i+1)
		if i == 2 {
			wanted = d.BarcodeNo
		}
	}
	tl := showParked(t, x)
	tl.w.Resize(fyne.NewSize(1024, 768))
	save := func(screen string) {
		t.Helper()
		saveCapture(t, filepath.Join(dir, "comptoir-"+screen+"-1024x768.png"), tl.w.Canvas())
	}
	tapText(t, tl.w, string(wanted))
	save("parked-orders")
	// The orders list it came from, with its [Parked] in the header.
	tapText(t, tl.w, "Retour")
	save("orders-parked-button")
}
