package ui

import (
	"maps"
	"regexp"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// The words the orders screens show for the domain's codes. The codes stay
// in the data; only the screen translates them.

// kindKeys name each kind of document in the translations.
var kindKeys = map[pos.Kind]string{
	pos.KindQuote:          "orders.kind.quote",
	pos.KindOrder:          "orders.kind.order",
	pos.KindReceipt:        "orders.kind.receipt",
	pos.KindInvoice:        "orders.kind.invoice",
	pos.KindAdvanceInvoice: "orders.kind.advance",
}

func kindName(k pos.Kind) string {
	if key, ok := kindKeys[k]; ok {
		return lang.L(key)
	}
	return string(k)
}

// statusName is a status as the cashier reads it: Confirmed, In progress…
func statusName(s pos.Status) string {
	if s == "" {
		return ""
	}
	return lang.L("orders.status." + string(s))
}

func sourceName(s pos.Source) string {
	if s == "" {
		return ""
	}
	return lang.L("orders.source." + string(s))
}

// deliveryStatusName names a delivery status. The values come from the ERP's
// dictionary, which the till does not read yet: only Picked up, which the
// till sets itself (R-O6), is translated; the others show their code.
func deliveryStatusName(code string) string {
	if code == pos.DeliveryPickedUp {
		return lang.L("orders.delivery.picked_up")
	}
	return code
}

// formatDate shows a day in the till's time zone, "" for no date.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(lang.L("orders.format.date"))
}

// docNumber is what identifies a document in a list: its series number once
// confirmed, before that its barcode number, which a scan finds.
func docNumber(number string, barcode pos.DocNumber) string {
	if number != "" {
		return number
	}
	return string(barcode)
}

func summaryNumber(d app.DocSummary) string { return docNumber(d.Number, d.BarcodeNo) }

// formatQty shows a quantity the way the language writes decimals: 2, 0,9814.
func formatQty(q pos.Qty) string { return localDecimal(q.String()) }

// orderErrorText is ErrorText for the orders screens: the codes a rule puts
// in its message (a status, an action, a right, an amount) are shown in the
// till's words, so "Cancel is not possible while the document is Completed"
// reads as a sentence in every language.
func orderErrorText(log zerolog.Logger, err error) string {
	return orderText(log, shownError, err)
}

// refusalText is orderErrorText for why an option of a choice is refused
// (Add, Change status, Generate), logged at debug: opening the choice is no
// error.
func refusalText(log zerolog.Logger, err error) string {
	return orderText(log, shownRefusal, err)
}

func orderText(log zerolog.Logger, how shown, err error) string {
	e, ok := pos.AsError(err)
	if !ok || len(e.Args) == 0 {
		return errorText(log, how, err)
	}
	c := *e
	c.Args = maps.Clone(e.Args)
	for k, v := range c.Args {
		s, ok := v.(string)
		if !ok {
			continue
		}
		switch k {
		case "Status", "From", "To":
			c.Args[k] = translated("orders.status."+s, s)
		case "Action":
			c.Args[k] = translated("orders.action."+s, s)
		case "Right":
			c.Args[k] = translated("orders.right."+s, s)
		case "Value", "Missing", "Advances", "Gross":
			if decimalText.MatchString(s) {
				c.Args[k] = localDecimal(s)
			}
		}
	}
	return errorText(log, how, &c)
}

var decimalText = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)

// translated is key's text, or fallback when the translations lack it.
func translated(key, fallback string) string {
	if t := lang.L(key); t != key {
		return t
	}
	return fallback
}
