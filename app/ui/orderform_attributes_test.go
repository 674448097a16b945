package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// R-F7 on the form: the attributes field names the mandatory one missing;
// Confirm refuses the order naming it and opens the attributes window at
// once, saying why, Save does not; the window types the floor and chooses
// the lift with large keys, and Confirm then numbers it.
func TestAttributesWindowAndTheMandatoryCheck(t *testing.T) {
	newTestApp(t, "en")
	points := newMemPoints()
	points.attributes = []pos.Attribute{
		{Code: "FLOOR", Name: "Delivery floor", Kinds: []pos.Kind{pos.KindOrder}, Mandatory: true},
		{Code: "LIFT", Name: "Lift", Kinds: []pos.Kind{pos.KindOrder}, Values: []string{"Yes", "No"}},
	}
	x := formOnTillWith(t, newDocStore(t), pos.KindOrder, points, nil)
	scan(x.f.scan, "P001")
	assert.Equal(t, "To fill in", x.f.details.attributes.value.Text)
	assert.Equal(t, widget.WarningImportance, x.f.details.attributes.value.Importance)

	tapText(t, x.w, "Save")
	requireText(t, x.w, "Saved, not confirmed yet.")
	assert.Nil(t, x.w.Canvas().Overlays().Top(), "saved without the attributes")
	tapText(t, x.w, "Confirm")
	missing := "Fill in the attribute “Delivery floor” before confirming."
	assert.Equal(t, missing, x.f.message.Text)
	assert.Empty(t, x.done)

	shown := topTexts(x.w)
	assert.Contains(t, shown, "Delivery floor (required)", "the window opens by itself")
	assert.Contains(t, shown, missing, "and says why")
	floor := findTop(x.w, func(*widget.Entry) bool { return true })
	require.NotNil(t, floor)
	test.Type(floor, "3")
	tapTop(t, x.w, "No")
	tapTop(t, x.w, "OK")
	assert.Equal(t, map[string]string{"FLOOR": "3", "LIFT": "No"}, x.f.doc.Attributes)
	assert.Equal(t, "2 of 2", x.f.details.attributes.value.Text)

	tapText(t, x.w, "Confirm")
	require.Len(t, x.done, 1)
	assert.Equal(t, pos.StatusConfirmed, x.done[0].Status)
}
