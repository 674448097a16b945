package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// TestCaptureOrderScreens draws the orders list, the form, the payment
// window with its printed result, and the list's print preview on the two
// till sizes, in French, the longest of the languages; no golden files. To
// look at them: COMPTOIR_CAPTURE_DIR=/tmp go test -run CaptureOrder ./app/ui.
// COMPTOIR_PREVIEW_PNG names a real printout's picture to preview instead of
// the stand-in.
func TestCaptureOrderScreens(t *testing.T) {
	// Drawing is slow under the race detector: without a folder to look at,
	// only the smaller till's list and form are drawn, to prove they draw.
	dir, all := captureDir(t)
	sizes := tillSizes
	if !all {
		sizes = sizes[1:]
	}
	for _, size := range sizes {
		newTestApp(t, "fr")
		store := newDocStore(t)
		store.settings["language"] = "fr"
		if path := os.Getenv("COMPTOIR_PREVIEW_PNG"); path != "" {
			f, err := os.Open(path)
			require.NoError(t, err)
			img, err := png.Decode(f)
			f.Close()
			require.NoError(t, err)
			store.types.picture = img
		}
		for i := 1; i <= 14; i++ {
			customer := "UNDEF"
			if i%3 == 0 {
				customer = "C0001"
			}
			d := store.confirmedOrder(t, customer, int64(1+i%3), i, i+1)
			if i%4 == 0 {
				d.DeliveryDate = fixedNow.Add(time.Duration(i) * 24 * time.Hour)
				d.DeliveryStatus = pos.DeliveryPickedUp
				require.NoError(t, store.SaveDocuments(t.Context(), fixedNow, app.OpMeta{}, &d))
			}
		}
		store.markSynced(store.confirmedOrderID(t, "COMC/3/2025/KRKASA1"))
		// COMC/5 has a line on Warsaw's warehouse, which Kraków may not use (M10).
		far := store.doc(t, store.confirmedOrderID(t, "COMC/5/2025/KRKASA1"))
		far.Lines[0].Warehouse = "WAW-MAIN"
		require.NoError(t, store.SaveDocuments(t.Context(), fixedNow, app.OpMeta{}, &far))
		tl := newOrdersTill(t, store)
		// The form's customer search, recipient and attributes come with
		// the master data behind delivery points.
		points := customerPoints(store)
		points.attributes = []pos.Attribute{
			{Code: "FLOOR", Name: "Étage de livraison", Kinds: []pos.Kind{pos.KindOrder}, Mandatory: true},
			{Code: "LIFT", Name: "Ascenseur", Kinds: []pos.Kind{pos.KindOrder}, Values: []string{"Oui", "Non"}},
		}
		tl.ui.uc.Orders.WithDeliveryPoints(points)
		tl.w.Resize(size)
		tl.logIn(t, managerName, managerPIN)
		name := func(screen string) string {
			return filepath.Join(dir, "comptoir-"+screen+"-"+sizeName(size)+".png")
		}
		save := func(screen string) {
			t.Helper()
			if !all && screen != "orders" && screen != "form" {
				return
			}
			saveCapture(t, name(screen), tl.w.Canvas())
		}

		tapText(t, tl.w, "Commandes et devis client")
		tapText(t, tl.w, "COMC/2/2025/KRKASA1")
		save("orders")
		tapText(t, tl.w, "Générer le document")
		save("orders-generate")
		tl.w.Canvas().Overlays().Top().Hide()
		tapText(t, tl.w, "Filtres")
		save("orders-filters")
		tl.w.Canvas().Overlays().Top().Hide()
		tapText(t, tl.w, "Aperçu")
		save("orders-preview")
		tl.w.Canvas().Overlays().Top().Hide()
		tapText(t, tl.w, "Générer le document")
		tapTop(t, tl.w, "Reçu")
		tl.thread.settle(&tl.ui.tasks)
		tapTop(t, tl.w, "2")
		tapTop(t, tl.w, "0")
		tapTop(t, tl.w, "Card")
		save("payment")
		tapTop(t, tl.w, "Annuler")
		tl.thread.settle(&tl.ui.tasks)

		// A synced order without the data service: M2, then an unlinked
		// receipt paid in cash with change.
		tapText(t, tl.w, "COMC/3/2025/KRKASA1")
		tapText(t, tl.w, "Générer le document")
		tapTop(t, tl.w, "Reçu")
		tl.thread.settle(&tl.ui.tasks)
		save("m2")
		tapTop(t, tl.w, "Oui")
		tl.thread.settle(&tl.ui.tasks)
		tapTop(t, tl.w, "1")
		tapTop(t, tl.w, "0")
		tapTop(t, tl.w, "0")
		tapTop(t, tl.w, "Cash")
		save("payment-unlinked")
		tapTop(t, tl.w, "Valider le paiement")
		tl.thread.settle(&tl.ui.tasks)
		save("payment-done")
		store.printers.fail(transportError("device_missing"))
		tapTop(t, tl.w, "Imprimer à nouveau")
		tl.thread.settle(&tl.ui.tasks)
		save("payment-print-failed")
		store.printers.fail(nil)
		tapTop(t, tl.w, "OK")
		tapText(t, tl.w, "COMC/5/2025/KRKASA1")
		tapText(t, tl.w, "Générer le document")
		tapTop(t, tl.w, "Reçu")
		tl.thread.settle(&tl.ui.tasks)
		save("m10")
		tapTop(t, tl.w, "Non")
		tapText(t, tl.w, "Colonnes")
		save("columns")
		tl.w.Canvas().Overlays().Top().Hide()
		tapText(t, tl.w, "COMC/2/2025/KRKASA1")
		tapText(t, tl.w, "Imprimer")
		tl.thread.settle(&tl.ui.tasks)
		save("orders-print-preview")
		tapText(t, tl.w, "Retour")
		// A receipt of COMC/4, reprinted from the order's related documents.
		g, err := tl.ui.uc.Orders.Generate(t.Context(), store.confirmedOrderID(t, "COMC/4/2025/KRKASA1"), pos.KindReceipt, 0)
		require.NoError(t, err)
		due, err := g.Totals()
		require.NoError(t, err)
		_, err = g.Pay(t.Context(), []pos.Tender{{Method: "CARD", Type: pos.PaymentCard, Amount: due.Due}})
		require.NoError(t, err)
		tapText(t, tl.w, "COMC/4/2025/KRKASA1")
		tapText(t, tl.w, "Documents associés")
		tapTop(t, tl.w, g.Doc.Number)
		save("orders-related-reprint")
		tapTop(t, tl.w, "Réimprimer")
		tl.thread.settle(&tl.ui.tasks)
		save("orders-reprint-preview")
		tapText(t, tl.w, "Retour")

		tapText(t, tl.w, "Ajouter")
		tapTop(t, tl.w, "Commande client")
		field := tl.w.Canvas().Focused().(*ScanField)
		// M12 on the empty order takes the lines' room, the window keeps its size.
		tapText(t, tl.w, "Valider")
		save("form-m12")
		for _, code := range []string{"5900000000007", "5900000000012", "5900000000012", "P021"} {
			scan(field, code)
		}
		save("form")
		tapText(t, tl.w, "Retail customer")
		save("form-customer")
		tl.w.Canvas().Overlays().Top().Hide()
		tapText(t, tl.w, "À remplir")
		save("form-attributes")
		tl.w.Canvas().Overlays().Top().Hide()
		tapText(t, tl.w, "Point de livraison")
		tapTop(t, tl.w, "Ajouter une adresse")
		save("form-add-address")
		tl.w.Canvas().Overlays().Top().Hide()
		tl.w.Canvas().Overlays().Top().Hide()
		tapText(t, tl.w, "Enregistrer")
		// The form's Print shows its icon only on the smaller till.
		printForm := func() {
			t.Helper()
			b := find(tl.w, func(b *widget.Button) bool { return b.Icon != nil && b.Icon.Name() == theme.DocumentPrintIcon().Name() })
			require.NotNil(t, b)
			test.Tap(b)
		}
		printForm()
		tl.thread.settle(&tl.ui.tasks)
		save("form-printed")
		store.printers.fail(transportError("permission_denied"))
		printForm()
		tl.thread.settle(&tl.ui.tasks)
		save("form-print-failed")
		tapTop(t, tl.w, "OK")
		store.printers.fail(nil)
	}
}

func sizeName(s fyne.Size) string {
	if s.Width == 1280 {
		return "1280x800"
	}
	return "1024x768"
}
