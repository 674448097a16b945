package pos

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bundles (offres groupées, promozioni pacchetto; R-G4, R-F6): the ERP defines
// sets of items sold together for one price. [Apply bundles] finds them among
// a document's lines and reprices those lines so that each bundle costs
// exactly its price; [Remove bundles] gives the lines their prices back.
// Bundles computed on an order are copied to the documents generated from it
// with its lines. Changing the quantity of a bundled line, or removing it,
// asks M7: Yes recalculates the bundles of the whole document, No changes
// nothing.

// Bundle is a bundle definition of the master data: its items bought together
// cost Price, a gross amount like the price list's.
type Bundle struct {
	Code   string       `json:"code"`
	Name   string       `json:"name"`
	Items  []BundleItem `json:"items"`
	Price  Money        `json:"price"`
	Active bool         `json:"active"`
}

// BundleItem is a product of a bundle and how many whole units of it one
// bundle holds.
type BundleItem struct {
	ProductCode string `json:"product_code"`
	Qty         Qty    `json:"qty"`
}

// MaxBundleItems bounds the items of one bundle.
const MaxBundleItems = 50

// Check refuses a definition the till cannot apply: no code or name, no items,
// an item twice, a quantity that is not a positive whole number of units, a
// price out of range.
func (b Bundle) Check() error {
	if b.Code == "" || utf8.RuneCountInString(b.Code) > MaxTextLen || utf8.RuneCountInString(b.Name) > MaxTextLen {
		return Errorf(CodeInvalid, "error.text_invalid", "Field", "bundle")
	}
	if len(b.Items) == 0 || len(b.Items) > MaxBundleItems {
		return Errorf(CodeInvalid, "error.text_invalid", "Field", "bundle items")
	}
	seen := map[string]bool{}
	for _, it := range b.Items {
		if it.ProductCode == "" || utf8.RuneCountInString(it.ProductCode) > MaxTextLen || seen[it.ProductCode] {
			return Errorf(CodeInvalid, "error.text_invalid", "Field", "bundle items")
		}
		seen[it.ProductCode] = true
		if it.Qty <= 0 || it.Qty > MaxQty || it.Qty%QtyScale != 0 {
			return Errorf(CodeInvalid, "error.quantity_invalid", "Value", it.Qty.String())
		}
	}
	return b.Price.CheckPrice()
}

// BundleCode returns the code of the bundle a line's BundleID names. A
// BundleID is the bundle's code, "#" and a number unique in the document: the
// lines of one application of a bundle share it.
func BundleCode(id string) string {
	if i := strings.LastIndexByte(id, '#'); i >= 0 {
		return id[:i]
	}
	return id
}

// TouchesBundle tells whether changing the quantity of line i, or removing
// it, breaks a bundle: the till then asks M7 (R-G4).
func TouchesBundle(d *Document, i int) bool {
	return i >= 0 && i < len(d.Lines) && d.Lines[i].BundleID != ""
}

// BundleGroup is one bundle applied on a document: its lines and what they
// cost together.
type BundleGroup struct {
	ID     string
	Code   string
	Amount Money // the lines' amounts, on the document's VAT basis
	Lines  []int // indexes into the document's lines
}

// Bundled lists the bundles applied on d, in the order of their first line.
func Bundled(d *Document) ([]BundleGroup, error) {
	var out []BundleGroup
	for i, l := range d.Lines {
		if l.BundleID == "" {
			continue
		}
		a, err := l.Amounts()
		if err != nil {
			return nil, err
		}
		j := slices.IndexFunc(out, func(g BundleGroup) bool { return g.ID == l.BundleID })
		if j < 0 {
			out = append(out, BundleGroup{ID: l.BundleID, Code: BundleCode(l.BundleID)})
			j = len(out) - 1
		}
		out[j].Amount += a.Amount
		out[j].Lines = append(out[j].Lines, i)
	}
	return out, nil
}

// bundleable tells whether a line may enter a bundle: a product in whole
// units, not in a bundle yet, at its price-list price with no discount or
// markup (a price the operator set is kept as it is).
func bundleable(l Line) bool {
	return l.BundleID == "" && l.ProductCode != "" && l.Qty > 0 && l.Qty%QtyScale == 0 &&
		l.Price == l.BasePrice && l.Discount == 0 && l.Markup == 0
}

// ApplyBundles applies the active bundles, in the order given, as many times
// as the document's free lines allow ([Apply bundles]). The lines of one
// bundle get the same BundleID and prices that make them cost exactly the
// bundle's price times the number of bundles: the price is split over the
// items in proportion to their list prices (largest remainder), and a line
// whose share does not divide by its quantity is split in two, one cent
// apart. A line holding more than the bundle takes is split too. On a document
// from net the shares are carried to net per line. It returns how many
// bundles were applied; on error d is unchanged. Deductions shrink if the
// gross falls below them.
func ApplyBundles(d *Document, bundles []Bundle) (int, error) {
	lines := slices.Clone(d.Lines)
	next := nextBundleNo(lines)
	applied := 0
	for _, b := range bundles {
		if !b.Active || b.Check() != nil {
			continue
		}
		k := bundleFits(lines, b)
		if k == 0 {
			continue
		}
		lines = applyBundle(lines, b, k, b.Code+"#"+strconv.Itoa(next), d.VATMethod)
		next++
		applied++
	}
	if applied == 0 {
		return 0, nil
	}
	t, err := ComputeTotals(d.VATMethod, lines, 0)
	if err != nil {
		return 0, err
	}
	d.Lines = lines
	FitDeductions(d, t.Gross)
	return applied, nil
}

// RemoveBundles gives every bundled line its list price back and joins the
// lines a bundle had split ([Remove bundles]). On error d is unchanged.
func RemoveBundles(d *Document) error {
	if !slices.ContainsFunc(d.Lines, func(l Line) bool { return l.BundleID != "" }) {
		return nil
	}
	lines := slices.Clone(d.Lines)
	touched := make([]bool, len(lines))
	for i := range lines {
		if lines[i].BundleID != "" {
			lines[i].Price, lines[i].BundleID, touched[i] = lines[i].BasePrice, "", true
		}
	}
	lines = joinLines(lines, touched)
	if _, err := ComputeTotals(d.VATMethod, lines, 0); err != nil {
		return err
	}
	d.Lines = lines
	return nil
}

// RecalculateBundles removes the bundles of d and applies them again over all
// its lines and quantities: the answer Yes to M7.
func RecalculateBundles(d *Document, bundles []Bundle) error {
	c := *d
	if err := RemoveBundles(&c); err != nil {
		return err
	}
	if _, err := ApplyBundles(&c, bundles); err != nil {
		return err
	}
	*d = c
	return nil
}

// nextBundleNo is one more than the highest bundle number on the lines.
func nextBundleNo(lines []Line) int {
	n := 0
	for _, l := range lines {
		if i := strings.LastIndexByte(l.BundleID, '#'); i >= 0 {
			if v, err := strconv.Atoi(l.BundleID[i+1:]); err == nil && v > n {
				n = v
			}
		}
	}
	return n + 1
}

// bundleFits is how many times b fits in the free lines.
func bundleFits(lines []Line, b Bundle) int64 {
	k := int64(-1)
	for _, it := range b.Items {
		var avail Qty
		for _, l := range lines {
			if bundleable(l) && l.ProductCode == it.ProductCode {
				avail += l.Qty
			}
		}
		if n := int64(avail / it.Qty); k < 0 || n < k {
			k = n
		}
	}
	return max(k, 0)
}

// applyBundle takes k bundles b from the free lines and reprices them.
func applyBundle(lines []Line, b Bundle, k int64, id string, method VATMethod) []Line {
	taken := make([]Qty, len(lines))
	var idx []int
	for _, it := range b.Items {
		need := Qty(k) * it.Qty
		for i, l := range lines {
			if need == 0 {
				break
			}
			if !bundleable(l) || l.ProductCode != it.ProductCode {
				continue
			}
			take := min(need, l.Qty)
			taken[i], need = take, need-take
			idx = append(idx, i)
		}
	}
	weights := make([]Money, len(idx))
	for j, i := range idx {
		gross := convertPrice(lines[i].Price, lines[i].VATRate, method, VATFromGross)
		weights[j] = gross * Money(taken[i]/QtyScale)
	}
	targets := SplitByWeight(Money(k)*b.Price, weights)
	parts := make(map[int][]Line, len(idx))
	for j, i := range idx {
		l := lines[i]
		target := convertPrice(targets[j], l.VATRate, VATFromGross, method)
		n := Money(taken[i] / QtyScale)
		p, r := target/n, target%n
		var ps []Line
		for _, part := range []struct {
			units Money
			price Money
		}{{n - r, p}, {r, p + 1}} {
			if part.units > 0 {
				nl := l
				nl.Qty, nl.Price, nl.BundleID = Qty(part.units)*QtyScale, part.price, id
				ps = append(ps, nl)
			}
		}
		if rest := l.Qty - taken[i]; rest > 0 {
			nl := l
			nl.Qty = rest
			ps = append(ps, nl)
		}
		shareFromOrder(ps, l.FromOrder)
		parts[i] = ps
	}
	out := make([]Line, 0, len(lines)+2*len(idx))
	for i, l := range lines {
		if ps, ok := parts[i]; ok {
			out = append(out, ps...)
		} else {
			out = append(out, l)
		}
	}
	return out
}

// shareFromOrder spreads the quantity a line copied from its order over the
// parts it was split into, so that [Copy quantity from COMC] and the quantity
// to deliver see the same total.
func shareFromOrder(parts []Line, from Qty) {
	for i := range parts {
		f := min(parts[i].Qty, from)
		if i == len(parts)-1 {
			f = from
		}
		parts[i].FromOrder, from = f, from-f
	}
}

// joinLines joins lines that differ only in quantity (and line number) when
// one of them was in a bundle: what a bundle split, once its prices are back.
// Other lines keep their places.
func joinLines(lines []Line, touched []bool) []Line {
	var out []Line
	var outTouched []bool
	first := map[Line]int{}
	for i, l := range lines {
		key := l
		key.No, key.Qty, key.FromOrder = 0, 0, 0
		if j, ok := first[key]; ok && (touched[i] || outTouched[j]) {
			out[j].Qty += l.Qty
			out[j].FromOrder += l.FromOrder
			outTouched[j] = true
			continue
		}
		if _, ok := first[key]; !ok {
			first[key] = len(out)
		}
		out = append(out, l)
		outTouched = append(outTouched, touched[i])
	}
	return out
}
