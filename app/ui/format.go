package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/comptoir/comptoir/app/pos"
)

// The till shows numbers the way its language writes them: 12,50 in French,
// Italian and Polish, 12.50 in English. pos formats with a dot; the
// translations say which separator and which date layout each language uses.

func formatMoney(m pos.Money) string { return localDecimal(m.String()) }

func formatPercent(p pos.Percent) string {
	return lang.L("format.percent", map[string]any{"Value": localDecimal(p.String())})
}

func localDecimal(s string) string { return strings.Replace(s, ".", lang.L("number.decimal"), 1) }

// formatClock shows t in the till's time zone; layouts are Go reference-time
// layouts kept in the translations (format.datetime).
func formatClock(t time.Time) string { return t.Local().Format(lang.L("format.datetime")) }
