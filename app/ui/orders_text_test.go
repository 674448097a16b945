package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// The keys the orders screens build from codes are not literals the key
// scan finds: every one must have its text in every language.
func TestEveryCodeTheOrdersShowIsTranslated(t *testing.T) {
	newTestApp(t, "en")
	var keys []string
	for _, k := range pos.Kinds {
		keys = append(keys, kindKeys[k])
	}
	for _, s := range pos.Statuses {
		keys = append(keys, "orders.status."+string(s))
	}
	for _, s := range []pos.Source{pos.SourceTerminal, pos.SourceERP, pos.SourceEShop} {
		keys = append(keys, "orders.source."+string(s))
	}
	for _, a := range []pos.Action{pos.ActionEdit, pos.ActionConfirm, pos.ActionCancel, pos.ActionClose, pos.ActionOpen,
		pos.ActionReceipt, pos.ActionInvoice, pos.ActionAdvance, pos.ActionChangeStatus, pos.ActionPickup, pos.ActionDelete} {
		keys = append(keys, "orders.action."+string(a))
	}
	keys = append(keys, "orders.action."+pos.DictDeliveryStatus, "orders.action."+pos.DictPaymentStatus)
	for _, r := range pos.AllRights {
		keys = append(keys, "orders.right."+string(r))
	}
	for _, c := range orderColumns {
		keys = append(keys, c.key)
		if c.short != "" {
			keys = append(keys, c.short)
		}
	}
	// The status filters' first choices and the delivery status the till
	// knows without a dictionary; the others are the ERP's names.
	keys = append(keys, "orders.filter.any_delivery_status", "orders.filter.any_payment_status", "orders.delivery.picked_up")
	for _, opts := range [][]filterOption{kindOptions, amountRanges, issueRanges, deliveryRanges, sourceOptions} {
		for _, o := range opts {
			keys = append(keys, o.key)
		}
	}
	for _, code := range app.Languages {
		require.NoError(t, UseLanguage(code))
		for _, k := range keys {
			assert.NotEqual(t, k, lang.L(k), "%s has no %s text", k, code)
		}
	}
}

func TestOrderErrorsReadAsSentences(t *testing.T) {
	newTestApp(t, "en")
	log := zerolog.Nop()
	status := pos.Errorf(pos.CodeConflict, "error.action_status", "Action", "cancel", "Status", "completed")
	right := pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", string(pos.RightReceipt))
	short := pos.Errorf(pos.CodeInvalid, "error.payment_short", "Missing", "12.50")

	assert.Equal(t, "Cancelling is not possible while the document is Completed.", orderErrorText(log, status))
	assert.Equal(t, "You are not allowed to do this (receipts).", orderErrorText(log, right))
	assert.Equal(t, "The payment is short by 12.50.", orderErrorText(log, short))
	assert.Equal(t, "completed", status.Args["Status"], "the error itself is left as it was")

	require.NoError(t, UseLanguage("fr"))
	assert.Equal(t, "L'annulation n'est pas possible tant que le document est au statut Réalisé.", orderErrorText(log, status))
	assert.Equal(t, "Il manque 12,50 au paiement.", orderErrorText(log, short))

	unknown := pos.Errorf(pos.CodeConflict, "error.action_status", "Action", "teleport", "Status", "lost")
	assert.Equal(t, "teleport n'est pas possible tant que le document est au statut lost.", orderErrorText(log, unknown),
		"a code without a text shows as it is")
}

func TestDatesAndQuantitiesInTheLanguage(t *testing.T) {
	newTestApp(t, "pl")
	assert.Equal(t, "14.03.25", formatDate(fixedNow))
	assert.Empty(t, formatDate(time.Time{}), "no date, nothing shown")
	assert.Equal(t, "0,9814", formatQty(9814))
	assert.Equal(t, "Anulowane", statusName(pos.StatusCancelled))
}
