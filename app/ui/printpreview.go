package ui

import (
	"context"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
)

// previewScreen shows a document exactly as the printer will receive it: the picture is the
// printer bytes decoded (R-PR3), and [Print] sends those very bytes. Once printed, the button
// becomes [Reprint] and the preview shows the copy, marked as such, that a reprint sends
// (R-PR5). A failed print changes nothing: the document is as it was saved, and [Print] tries
// again. A long roll scrolls with Page up and Page down.
type previewScreen struct {
	ctx      context.Context
	printing *app.Printing
	log      zerolog.Logger
	tasks    *tasks
	load     func(context.Context) (app.Preview, error)
	// reprint lays out the copy after a print; nil when there is no copy to make (the test page).
	reprint func(context.Context) (app.Preview, error)

	pv       app.Preview
	loaded   bool
	printed  bool
	note     string          // said once the next layout is shown
	paper    *fyne.Container // the picture, in strips
	noImage  *widget.Label
	scroll   *container.Scroll
	title    *widget.Label
	print    *widget.Button
	pageUp   *widget.Button
	pageDown *widget.Button
	work     *workStatus
	view     fyne.CanvasObject
}

// stripHeight cuts the picture of a long roll into textures every graphics card takes.
const stripHeight = 2048

// newPreviewScreen lays the document out with load, off the UI thread, and shows it.
func newPreviewScreen(ctx context.Context, printing *app.Printing, log zerolog.Logger, t *tasks,
	load, reprint func(context.Context) (app.Preview, error), back func()) *previewScreen {
	s := &previewScreen{ctx: ctx, printing: printing, log: log, tasks: t, load: load, reprint: reprint, work: newWorkStatus(log)}
	s.paper = container.NewVBox()
	s.noImage = widget.NewLabel(lang.L("preview.no_picture"))
	s.noImage.Wrapping = fyne.TextWrapWord
	s.noImage.Hide()
	s.scroll = container.NewVScroll(container.NewCenter(container.NewVBox(s.paper, s.noImage)))
	s.title = widget.NewLabel("")
	s.title.TextStyle.Bold = true
	s.title.Wrapping = fyne.TextWrapWord
	s.print = widget.NewButtonWithIcon(lang.L("preview.print"), theme.DocumentPrintIcon(), s.send)
	s.print.Importance = widget.HighImportance
	s.pageUp = widget.NewButtonWithIcon(lang.L("list.page_up"), theme.MoveUpIcon(), func() { s.page(-1) })
	s.pageDown = widget.NewButtonWithIcon(lang.L("list.page_down"), theme.MoveDownIcon(), func() { s.page(1) })
	s.pageDown.IconPlacement = widget.ButtonIconTrailingText
	for _, b := range []*widget.Button{s.print, s.pageUp, s.pageDown} {
		b.Disable()
	}
	big := fyne.NewSize(0, bigButton)
	side := container.NewVBox(s.title, atLeast(big, s.print),
		container.NewGridWithColumns(2, atLeast(big, s.pageUp), atLeast(big, s.pageDown)), s.work.view)
	s.work.around = side
	body := container.NewBorder(nil, nil, nil, container.NewPadded(atLeast(fyne.NewSize(380, 0), side)), s.scroll)
	s.view = container.NewBorder(header(lang.L("preview.title"), back), nil, nil, nil, body)
	s.refresh(load)
	return s
}

// refresh lays out again with load and shows the result.
func (s *previewScreen) refresh(load func(context.Context) (app.Preview, error)) {
	s.print.Disable()
	s.work.start(lang.L("printer.preparing"))
	var pv app.Preview
	s.tasks.run(func() error {
		var err error
		pv, err = load(s.ctx)
		return err
	}, func(err error) {
		if err != nil {
			s.work.failed(err)
			return
		}
		s.work.done(s.note)
		s.note = ""
		s.show(pv)
	})
}

func (s *previewScreen) show(pv app.Preview) {
	s.pv, s.loaded = pv, true
	original := pv.Job
	original.Copy = false
	title := original.Name()
	if pv.Job.Copy {
		title += " · " + lang.L("print.copy")
	}
	s.title.SetText(title)
	s.paper.RemoveAll()
	s.noImage.Hidden = pv.Image != nil
	if pv.Image != nil {
		for _, strip := range strips(pv.Image) {
			img := canvas.NewImageFromImage(strip)
			img.FillMode = canvas.ImageFillContain
			img.ScaleMode = canvas.ImageScalePixels // thermal dots stay sharp
			b := strip.Bounds()
			img.SetMinSize(fyne.NewSize(float32(b.Dx()), float32(b.Dy())))
			s.paper.Add(img)
		}
	}
	// The roll's length changed: the scroll lays its content out again.
	s.scroll.Refresh()
	s.scroll.ScrollToTop()
	s.print.Enable()
	s.updatePaging()
}

// strips cuts a picture into pieces stripHeight tall.
func strips(img image.Image) []image.Image {
	b := img.Bounds()
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok || b.Dy() <= stripHeight {
		return []image.Image{img}
	}
	var out []image.Image
	for y := b.Min.Y; y < b.Max.Y; y += stripHeight {
		out = append(out, sub.SubImage(image.Rect(b.Min.X, y, b.Max.X, min(y+stripHeight, b.Max.Y))))
	}
	return out
}

// page scrolls by most of a screenful, keeping a few lines of the previous one in sight.
func (s *previewScreen) page(dir int) {
	view := s.scroll.Size().Height
	step := max(view*0.9, 1)
	limit := max(s.scroll.Content.MinSize().Height-view, 0)
	y := min(max(s.scroll.Offset.Y+float32(dir)*step, 0), limit)
	s.scroll.ScrollToOffset(fyne.NewPos(0, y))
	s.updatePaging()
}

func (s *previewScreen) updatePaging() {
	view := s.scroll.Size().Height
	limit := s.scroll.Content.MinSize().Height - view
	enable(s.pageUp, s.scroll.Offset.Y > 0)
	enable(s.pageDown, view > 0 && s.scroll.Offset.Y < limit-0.5)
}

// send prints the previewed bytes off the UI thread.
func (s *previewScreen) send() {
	if !s.loaded {
		return
	}
	pv := s.pv
	s.print.Disable()
	s.work.start(lang.L("printer.printing"))
	s.tasks.run(func() error { return s.printing.PrintPreview(s.ctx, pv) }, func(err error) {
		s.print.Enable()
		if err != nil {
			// Nothing came out: the next try is the original again.
			s.work.failed(err)
			return
		}
		s.work.done(lang.L("printer.printed"))
		if !s.printed && s.reprint != nil {
			s.printed = true
			s.print.SetText(lang.L("preview.reprint"))
			s.note = lang.L("printer.printed")
			s.refresh(s.reprint)
		}
	})
}

// showPrintPreview shows the print preview of job, the screen every document's Print and
// Preview buttons lead to; back returns to where they were.
func (u *UI) showPrintPreview(job app.PrintJob, back func()) {
	load := func(ctx context.Context) (app.Preview, error) { return u.uc.Printing.Preview(ctx, job) }
	copyJob := job
	copyJob.Copy = true
	reprint := func(ctx context.Context) (app.Preview, error) { return u.uc.Printing.Preview(ctx, copyJob) }
	if job.Copy {
		reprint = nil
	}
	s := newPreviewScreen(u.ctx, u.uc.Printing, u.opt.Log, &u.tasks, load, reprint, back)
	if job.Copy {
		s.print.SetText(lang.L("preview.reprint"))
	}
	u.show("preview", s.view, nil)
}

// showPrinter opens the printer settings.
func (u *UI) showPrinter() {
	s := newPrinterScreen(u.ctx, u.uc.Printing, u.opt.Log, &u.tasks, u.showMenu,
		func(load func(context.Context) (app.Preview, error)) {
			p := newPreviewScreen(u.ctx, u.uc.Printing, u.opt.Log, &u.tasks, load, nil, u.showPrinter)
			u.show("preview", p.view, nil)
		})
	u.show("printer", s.view, nil)
}
