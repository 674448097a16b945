package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// productsScreen is the price check: scan or type a code to see a product,
// or page through the catalogue.
type productsScreen struct {
	ctx     context.Context
	catalog *app.Catalog
	log     zerolog.Logger

	scan    *ScanField
	name    *widget.Label
	price   *widget.Label
	details *widget.Label
	message *widget.Label
	list    *PagedList[pos.Product]
	view    fyne.CanvasObject
}

func newProductsScreen(ctx context.Context, catalog *app.Catalog, log zerolog.Logger, back func()) *productsScreen {
	s := &productsScreen{ctx: ctx, catalog: catalog, log: log}
	s.scan = NewScanField(lang.L("products.scan"), s.lookUp)
	s.name = widget.NewLabel(lang.L("products.hint"))
	s.name.SizeName = theme.SizeNameSubHeadingText
	s.name.TextStyle.Bold = true
	s.name.Wrapping = fyne.TextWrapWord
	s.price = widget.NewLabel("")
	s.price.SizeName = theme.SizeNameHeadingText
	s.price.TextStyle.Bold = true
	s.details = widget.NewLabel("")
	s.details.Wrapping = fyne.TextWrapWord
	s.message = newMessage()

	s.list = NewPagedList(ctx, PageFunc[pos.Product](func(ctx context.Context, offset, limit int) ([]pos.Product, error) {
		return catalog.Search(ctx, "", offset, limit)
	}), []Column[pos.Product]{
		{Title: lang.L("products.name"), Weight: 5, Text: func(p pos.Product) string { return p.Name }},
		{Title: lang.L("products.code"), Weight: 2, Text: func(p pos.Product) string { return p.Code }},
		{Title: lang.L("products.ean"), Weight: 3.5, Text: func(p pos.Product) string { return strings.Join(p.EANs, ", ") }},
		{Title: lang.L("products.price"), Weight: 2, Align: fyne.TextAlignTrailing, Text: func(p pos.Product) string { return formatMoney(p.Price) }},
		{Title: lang.L("products.vat"), Weight: 1.5, Align: fyne.TextAlignTrailing, Text: func(p pos.Product) string { return formatPercent(p.VATRate) }},
	})
	s.list.OnSelected = s.show
	s.list.OnError = func(err error) { s.message.SetText(ErrorText(log, err)) }

	// The product card stands beside the list, so the list keeps the
	// screen's height for rows.
	card := atLeast(fyne.NewSize(380, 0), container.NewPadded(container.NewVBox(s.message, s.name, s.price, s.details)))
	lookup := container.NewBorder(atLeast(fyne.NewSize(0, bigButton), s.scan), nil, nil, nil, s.list)
	s.view = container.NewBorder(header(lang.L("tile.products"), back), nil, nil, card, lookup)
	return s
}

// lookUp shows the product a scan or a typed code names. A failed scan clears
// the card, so the previous product cannot be taken for the one just scanned.
func (s *productsScreen) lookUp(code string) {
	p, err := s.catalog.Scan(s.ctx, code)
	if err != nil {
		s.clear()
		s.message.SetText(ErrorText(s.log, err))
		return
	}
	s.show(p)
}

func (s *productsScreen) show(p pos.Product) {
	s.message.SetText("")
	s.name.SetText(p.Name)
	s.price.SetText(formatMoney(p.Price))
	lines := []string{lang.L("products.code") + " " + p.Code}
	if len(p.EANs) > 0 {
		lines = append(lines, lang.L("products.ean")+" "+strings.Join(p.EANs, ", "))
	}
	lines = append(lines, lang.L("products.vat")+" "+formatPercent(p.VATRate))
	s.details.SetText(strings.Join(lines, "\n"))
}

func (s *productsScreen) clear() {
	s.name.SetText("")
	s.price.SetText("")
	s.details.SetText("")
}
