package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// Pre-registration on the form (R-F6, R-D1–R-D5): [Pre-register] parks the
// quote or order in the data service's draft store, or on this till with M3
// when the service is out of reach, and leaves the form; the screen it
// returns to names the draft parked. A form opened from the draft list holds
// the draft's edit lease: its Confirm confirms the draft, its Pre-register
// parks it again under the lease, and leaving it gives the lease back. Its VAT
// method stays as parked, unless its type follows the customer's VAT status
// (R-D8); its discounts are kept (R-D9, orderform_discount.go).

// formDraft is the form's link to the draft store.
type formDraft struct {
	drafts *app.Drafts // nil: the till does not pre-register, no button
	open   *app.OpenDraft
	// button is [Pre-register] where it lies among the form's actions, and
	// save is [Save]'s place there.
	button, save fyne.CanvasObject
	// tell shows a short notice on the screen the form returns to.
	tell func(text string)
}

// preRegisterButton is [Pre-register] among the form's actions, shown once
// offerDrafts gives the form the use case; until then it takes no room.
func (f *orderForm) preRegisterButton(size fyne.Size) fyne.CanvasObject {
	f.draft.button = atLeast(size, bigAction(lang.L("drafts.pre_register"), theme.UploadIcon(), widget.MediumImportance, f.preRegister))
	f.draft.button.Hide()
	return f.draft.button
}

// saveSlot notes where [Save] lies among the form's actions, to take it
// away when the form pre-registers.
func (f *orderForm) saveSlot(o fyne.CanvasObject) fyne.CanvasObject {
	f.draft.save = o
	return o
}

// offerDrafts lets the form pre-register with drafts; open is the draft the
// form shows, continued from the draft list, or nil; tell shows the notice
// that names a draft parked, on the screen the form returns to. The form has
// no Save then (R-F6 has none): a document saved here is sent to the data
// service as this till's, and once sent it can no longer be parked; it is
// kept by parking it, or confirmed. Leaving the form gives a continued
// draft's lease back, in the background: the service may be slow to answer,
// and a lease not given back runs out by itself.
func (f *orderForm) offerDrafts(drafts *app.Drafts, open *app.OpenDraft, tell func(text string)) {
	if drafts == nil {
		return
	}
	f.draft.drafts, f.draft.open, f.draft.tell = drafts, open, tell
	f.draft.button.Show()
	f.draft.save.Hide()
	f.updatePrint()
	if open == nil {
		return
	}
	f.refresh()
	left := make(chan struct{})
	f.warnLeaseLost(open, left)
	done := f.done
	f.done = func(confirmed *pos.Document) {
		close(left)
		f.tasks.run(func() error { return open.Close(f.ctx) }, func(err error) {
			if err != nil {
				f.log.Error().Err(err).Msg("give the draft's lease back")
			}
		})
		done(confirmed)
	}
}

// warnLeaseLost tells the cashier at once when the draft's lease is lost
// while the form is open (another terminal took the draft after this till
// could not renew, or it was deleted or confirmed elsewhere): the edits can
// no longer be parked or confirmed, better known now than at the end. It
// waits until left is closed, when the form is left.
func (f *orderForm) warnLeaseLost(open *app.OpenDraft, left <-chan struct{}) {
	// Not a task: it lasts as long as the form, and tasks are waited for.
	post := f.tasks.post
	if post == nil {
		post = fyne.Do
	}
	go func() {
		select {
		case <-open.LeaseLost():
			err := open.LostReason()
			post(func() { f.fail(err) })
		case <-left:
		case <-f.ctx.Done():
		}
	}()
}

// draftTitle names a draft continued from the draft list by its temporary
// number, whose prefix says its type, rather than as a new document; a draft
// parked on this till has none yet, and goes by its barcode number.
func (f *orderForm) draftTitle(title string) string {
	if f.draft.open == nil || f.doc.Number != "" {
		return title
	}
	name := f.draft.open.Lease().Summary.TempNumber
	if name == "" {
		name = string(f.doc.BarcodeNo)
	}
	return name
}

// confirmHere confirms the document, then calls done with the outcome: a
// draft continued from the draft list through the draft store, which takes it
// out of the store (R-D5). That renews the lease with the service first,
// which may be slow to answer: it runs off the UI thread under a window that
// says so, and the form takes no taps meanwhile. Anything else is confirmed
// in the local database at once.
func (f *orderForm) confirmHere(done func(error)) {
	if f.draft.open == nil {
		done(f.orders.Confirm(f.ctx, f.doc))
		return
	}
	open := f.draft.open
	wait := showOverlay(canvasOf(f.view), lang.L("form.confirm"), wrappedLabel(lang.L("orders.working")), fyne.NewSize(480, 0))
	f.tasks.run(func() error { return f.draft.drafts.Confirm(f.ctx, open) }, func(err error) {
		wait.close()
		done(err)
	})
}

// parks tells whether the form keeps its document by parking it: an
// unconfirmed quote or order on a form that pre-registers.
func (f *orderForm) parks() bool {
	return f.draft.drafts != nil && f.doc.Status == pos.StatusUnconfirmed
}

// printable tells whether Print has something to print. A document the form
// parks prints as the form shows it, with a line at least, its barcode number
// included: it is kept by parking it, which leaves the form, and the customer
// takes the print before (seed 001's worked example). Any other prints as
// stored, so changes wait for it to be saved.
func (f *orderForm) printable() bool {
	if f.parks() {
		return len(f.doc.Lines) > 0
	}
	return f.doc.ID != "" && !f.dirty
}

// printSource returns what Print reads off the UI thread: the stored
// document, or the form's copy of one it parks. That one is numbered first,
// a short local write, so the barcode printed is the one it is parked with.
func (f *orderForm) printSource() func() (pos.Document, error) {
	if f.parks() {
		if err := f.draft.drafts.Number(f.ctx, f.doc); err != nil {
			return func() (pos.Document, error) { return pos.Document{}, err }
		}
		d := *f.doc
		d.Lines = append([]pos.Line(nil), f.doc.Lines...)
		return func() (pos.Document, error) { return d, nil }
	}
	id := f.doc.ID
	return func() (pos.Document, error) {
		d, _, err := f.orders.Get(f.ctx, id)
		return d, err
	}
}

// preRegister parks the document and leaves the form; parked on this till
// because the service is out of reach, the operator reads M3 first. The
// service may take a moment to answer: the form waits under a window that
// says so, and takes no taps meanwhile.
func (f *orderForm) preRegister() {
	if err := f.switchWarehouses(); err != nil {
		f.fail(err)
		return
	}
	d := *f.doc
	d.Lines = append([]pos.Line(nil), f.doc.Lines...)
	open := f.draft.open
	wait := showOverlay(canvasOf(f.view), lang.L("drafts.pre_register"), wrappedLabel(lang.L("orders.working")), fyne.NewSize(480, 0))
	var parked app.DraftSummary
	f.tasks.run(func() (err error) {
		parked, err = f.draft.drafts.PreRegister(f.ctx, &d, open)
		return err
	}, func(err error) {
		wait.close()
		// The draft's id and barcode number are given even when parking
		// fails afterwards: the form keeps them.
		*f.doc = d
		if err != nil {
			f.fail(err)
			return
		}
		f.setDirty(false)
		if parked.Local {
			showMessage(canvasOf(f.view), lang.L("drafts.pre_register"), lang.L(pos.MsgDraftSavedLocally), func() { f.done(nil) })
			return
		}
		f.done(nil)
		if f.draft.tell != nil {
			f.draft.tell(lang.L("drafts.parked", map[string]any{
				"Number": orText(parked.TempNumber, kindName(parked.Kind)), "Barcode": string(parked.BarcodeNo)}))
		}
	})
}

// changeCustomer sets the customer the operator chose; then is what follows
// once the customer window has closed (an overlay closing takes those above
// it along). On a continued draft whose type follows the customer's VAT
// status, a customer of the other status asks then whether to recalculate
// the VAT (R-D8): Yes moves the prices to the customer's method, No keeps
// the method as parked; the customer changes either way.
func (f *orderForm) changeCustomer(code string) (then func(), err error) {
	then = func() {}
	if f.draft.open == nil {
		return then, f.orders.SetCustomer(f.ctx, f.doc, code)
	}
	to, ask, err := f.draft.drafts.SetCustomer(f.ctx, f.draft.open, code)
	if err != nil || !ask {
		return then, err
	}
	key := "drafts.recalculate_vat.gross"
	if to == pos.VATFromNet {
		key = "drafts.recalculate_vat.net"
	}
	name := code
	if c, err := f.orders.Customer(f.ctx, code); err == nil {
		name = c.Name
	}
	open := f.draft.open
	return func() {
		askYesNo(canvasOf(f.view), lang.L("drafts.recalculate_vat_title"), lang.L(key, map[string]any{"Customer": name}), func(yes bool) {
			if yes {
				f.apply(f.draft.drafts.SetVATMethod(f.ctx, open, to))
			}
		})
	}, nil
}
