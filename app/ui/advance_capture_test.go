package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/comptoir/comptoir/app/pos"
)

// TestCaptureAdvanceScreens draws the advance invoice window with 15% typed
// (R-A5's figures, two VAT rates), the deduction list with one advance
// deducted, the payment window it returns to and the invoice's lines with an
// item beyond the order, and the form's bundle keys,
// in French on the two till sizes; no golden files. To look at them:
// COMPTOIR_CAPTURE_DIR=/tmp go test -run CaptureAdvance ./app/ui.
func TestCaptureAdvanceScreens(t *testing.T) {
	dir, all := captureDir(t)
	sizes := tillSizes
	if !all {
		// Drawing is slow under the race detector: the smaller till proves it draws.
		sizes = sizes[1:]
	}
	for _, size := range sizes {
		newTestApp(t, "fr")
		store, order := furnitureStore(t)
		f := ordersOnTill(t, store, manager, managerPIN)
		f.w.Resize(size)
		save := func(w fyne.Window, screen string) {
			t.Helper()
			saveCapture(t, filepath.Join(dir, "comptoir-"+screen+"-"+sizeName(size)+".png"), w.Canvas())
		}

		f.selectRow(t, order.Number)
		tapText(t, f.w, "Générer le document")
		tapTop(t, f.w, "Facture d'acompte")
		tapKeys(t, f.w, "1", "5")
		save(f.w, "advance")
		tapTop(t, f.w, "Annuler")

		fac1 := paidAdvance(t, f, order.ID, pos.PercentShare(1500))
		paidAdvance(t, f, order.ID, pos.AmountShare(10000))
		tapText(t, f.w, "Générer le document")
		tapTop(t, f.w, "Facture client")
		f.settle()
		tapTop(t, f.w, "Factures d'acompte")
		tapTop(t, f.w, fac1.Number)
		tapKeys(t, f.w, "5", "0", "Déduire")
		save(f.w, "deductions")
		tapTop(t, f.w, "OK")
		save(f.w, "payment-advances")
		tapTop(t, f.w, "Éléments")
		scan(findTop(f.w, func(*ScanField) bool { return true }), "P003")
		save(f.w, "generated-lines")
		tapTop(t, f.w, "OK")
		tapTop(t, f.w, "Annuler")
		f.settle()

		x := bundleForm(t)
		x.w.Resize(size)
		tapText(t, x.w, "Calculer les offres groupées")
		save(x.w, "form-bundles")
	}
}
