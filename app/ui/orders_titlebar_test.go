package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// The form's title reads whole on a 1024-pixel till in French: Print, the
// leftmost action, shows its icon only there, and its label again on a
// 1280-pixel till; Confirm, the main action, always keeps its label. A title
// too long for the row leaves every action but Confirm on its icon, and only
// then is cut.
func TestFormTitleReadsWholeBesideTheActions(t *testing.T) {
	newTestApp(t, "fr")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	require.NotNil(t, x.f.printing, "Print is among the actions")
	whole := func() bool { return x.f.title.Size().Width >= uncutWidth(x.f.title) }

	x.w.Resize(fyne.NewSize(1024, 768))
	assert.Equal(t, "Nouvelle commande client", x.f.title.Text)
	assert.True(t, whole(), "the title is not cut")
	assert.Empty(t, x.f.print.Text, "Print on its icon")
	assert.Equal(t, "Enregistrer", x.f.save.Text)
	assert.Equal(t, "Valider", x.f.confirm.Text)

	x.w.Resize(fyne.NewSize(1280, 800))
	assert.True(t, whole())
	assert.Equal(t, "Imprimer", x.f.print.Text, "room for every label")
	assert.Equal(t, "Enregistrer", x.f.save.Text)

	x.f.doc.Number = "COMC/123456/2025/KRKASA1-SALLE-DE-VENTE-PRINCIPALE"
	x.w.Resize(fyne.NewSize(1024, 768))
	x.f.refresh()
	assert.Empty(t, x.f.print.Text)
	assert.Empty(t, x.f.save.Text)
	assert.Equal(t, "Valider", x.f.confirm.Text, "the main action keeps its label")
	assert.False(t, whole(), "cut last")
}
