// Package layout puts documents on receipt paper: it drives an escpos.Writer line by line for
// receipts, invoices, advance invoices, quotes, orders, picking lists and the printer test page,
// on 58 mm (32 columns) and 80 mm (48 columns) rolls. Headings come translated through Labels,
// so that printing needs neither Fyne nor the translation files; amounts come from the document's
// own totals (pos.Totals), so the paper always adds up as the document does.
package layout

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/comptoir/comptoir/app/pos"
)

// Labels translates a heading's key into the till's language; cmd passes Fyne's lang.L. A
// missing key comes back as the key itself, which a test catches.
type Labels func(key string) string

// Text formats what documents print, in the till's language: amounts and quantities with its
// decimal separator, dates in its layout and time zone. The A4 layouts share it.
type Text struct {
	L   Labels
	Loc *time.Location // dates are stored in UTC and printed in the shop's zone
}

// Cached returns t remembering each translation it looks up, for the time one document takes
// to lay out: a receipt asks for the same few headings and the decimal separator many times.
func (t Text) Cached() Text {
	memo := make(map[string]string, 32)
	labels := t.L
	t.L = func(key string) string {
		if v, ok := memo[key]; ok {
			return v
		}
		v := labels(key)
		memo[key] = v
		return v
	}
	return t
}

// Money is an amount as printed: 1234,50 in French, 1234.50 in English.
func (t Text) Money(m pos.Money) string { return t.decimal(m.String()) }

// Qty is a quantity without trailing zeros: 2, 0,9814.
func (t Text) Qty(q pos.Qty) string { return t.decimal(q.String()) }

// Percent is a rate with its sign: 23%, 5,5%.
func (t Text) Percent(p pos.Percent) string { return t.decimal(p.String()) + "%" }

// QtyUnit is a quantity and its unit: 2 pcs, 0,9814 kg.
func (t Text) QtyUnit(q pos.Qty, unit string) string {
	if unit == "" {
		return t.Qty(q)
	}
	return t.Qty(q) + " " + unit
}

// Date is a day in the language's layout.
func (t Text) Date(tm time.Time) string { return tm.In(t.loc()).Format(t.L("print.format.date")) }

// DateTime is a moment in the language's layout.
func (t Text) DateTime(tm time.Time) string { return tm.In(t.loc()).Format(t.L("format.datetime")) }

// Title is a document kind's heading: RECEIPT, FACTURE, OFFERTA …
func (t Text) Title(k pos.Kind) string { return t.L("print.title." + string(k)) }

// Field is a label with its value, "Date: 14/03/2025".
func (t Text) Field(key, value string) string { return t.L(key) + " " + value }

// LineName is a line's name as printed. The lines of an advance invoice
// (R-A2) carry no product: they are named in the print's language after the
// order they are paid on, with their VAT rate when the advance is split over
// several; any other line prints the item's name.
func (t Text) LineName(d *pos.Document, l pos.Line) string {
	if d.Kind != pos.KindAdvanceInvoice || l.ProductCode != "" {
		return l.Name
	}
	name := t.L("print.advance_on") + " " + d.OrderRef
	if len(d.Lines) > 1 {
		name += " (" + t.L("print.vat") + " " + t.Percent(l.VATRate) + ")"
	}
	return name
}

func (t Text) decimal(s string) string { return strings.Replace(s, ".", t.L("number.decimal"), 1) }

func (t Text) loc() *time.Location {
	if t.Loc == nil {
		return time.UTC
	}
	return t.Loc
}

// Wrap cuts s into lines of at most cols characters, at spaces where it can, inside words
// where a word is longer than a line. Every line holds something; an empty s gives none.
func Wrap(s string, cols int) []string { return wrap(s, cols, utf8.RuneCountInString) }

// wrap is Wrap measuring text with width, which may count a letter as several characters.
func wrap(s string, cols int, width func(string) int) []string {
	cols = max(cols, 1)
	var lines []string
	cur, curW := "", 0
	for _, word := range strings.Fields(s) {
		w := width(word)
		if cur != "" && curW+1+w <= cols {
			cur, curW = cur+" "+word, curW+1+w
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		for w > cols {
			head := cut(word, cols, width)
			lines = append(lines, head)
			word = word[len(head):]
			w = width(word)
		}
		cur, curW = word, w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// cut returns the longest start of word, at least one letter, that is at most cols wide.
func cut(word string, cols int, width func(string) int) string {
	end := 0
	for i, r := range word {
		next := i + utf8.RuneLen(r)
		if end > 0 && width(word[:next]) > cols {
			break
		}
		end = next
	}
	return word[:end]
}
