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
// when the service is out of reach, and leaves the form. A form opened from
// the draft list holds the draft's edit lease: its Confirm confirms the
// draft, its Pre-register parks it again under the lease, and leaving it
// gives the lease back.

// formDraft is the form's link to the draft store.
type formDraft struct {
	drafts *app.Drafts // nil: the till does not pre-register, no button
	open   *app.OpenDraft
	// button is [Pre-register] where it lies among the form's actions, and
	// save is [Save]'s place there.
	button, save fyne.CanvasObject
}

// preRegisterButton is [Pre-register] among the form's actions, shown once
// offerDrafts gives the form the use case; until then it takes no room.
func (f *orderForm) preRegisterButton(size fyne.Size) fyne.CanvasObject {
	f.draft.button = atLeast(size, bigAction(lang.L("drafts.pre_register"), theme.UploadIcon(), widget.MediumImportance, f.preRegister))
	f.draft.button.Hide()
	return f.draft.button
}

// saveSlot notes where [Save] lies among the form's actions, to take it
// away from a continued draft.
func (f *orderForm) saveSlot(o fyne.CanvasObject) fyne.CanvasObject {
	f.draft.save = o
	return o
}

// offerDrafts lets the form pre-register with drafts; open is the draft the
// form shows, continued from the draft list, or nil. Such a draft is kept by
// parking it again, not by Save: saved here too, it would also reach the
// data service as this till's document. Leaving the form gives the draft's
// lease back, in the background: the service may be slow to answer, and a
// lease not given back runs out by itself.
func (f *orderForm) offerDrafts(drafts *app.Drafts, open *app.OpenDraft) {
	if drafts == nil {
		return
	}
	f.draft.drafts, f.draft.open = drafts, open
	f.draft.button.Show()
	if open == nil {
		return
	}
	f.draft.save.Hide()
	f.updatePrint()
	f.refresh()
	done := f.done
	f.done = func(confirmed *pos.Document) {
		f.tasks.run(func() error { return open.Close(f.ctx) }, func(err error) {
			if err != nil {
				f.log.Error().Err(err).Msg("give the draft's lease back")
			}
		})
		done(confirmed)
	}
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

// unkept tells whether the form holds changes Print must wait for. A draft
// continued from the draft list prints as the form shows it, its barcode
// number included: it is kept by parking it, which leaves the form, and the
// customer takes the print before (seed 001's worked example).
func (f *orderForm) unkept() bool { return f.dirty && f.draft.open == nil }

// printSource returns what Print reads off the UI thread: the stored
// document, or the form's copy of a draft continued from the draft list,
// which is kept in the draft store, not here.
func (f *orderForm) printSource() func() (pos.Document, error) {
	if f.draft.open != nil {
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
	})
}
