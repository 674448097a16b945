package assets

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var languages = []string{"fr", "it", "en", "pl"}

// specMessages are the texts of SPEC section 16, copied word for word: the
// translation files must match them exactly.
var specMessages = map[string]map[string]string{
	"M1": {
		"fr": "Impossible d'effectuer l'opération demandée. Le document a été modifié sur un autre poste de travail.",
		"it": "Impossibile eseguire l'azione selezionata. Il documento viene modificato a un'altra postazione.",
		"en": "The requested operation cannot be performed. The document was modified on another workstation.",
	},
	"M2": {
		"fr": "Pas de connexion au service de données ! Le document ne sera pas associé à la commande et les acomptes n'y seront pas déduits. Voulez-vous continuer ?",
		"it": "Mancata connessione al servizio dati. Il documento non verrà associato all'ordine e gli acconti non verranno detratti. Vuoi continuare?",
		"en": "No connection to the data service! The document will not be associated with the order and advances will not be deducted from it. Do you want to continue?",
	},
	"M3": {
		"fr": "Pas de connexion au service de données. Le document a été enregistré localement et il ne sera pas disponible sur les autres points de vente jusqu'à ce que la connexion ne soit pas rétablie.",
		"it": "Mancata connessione al servizio dati. Il documento è stato salvato localmente e non sarà disponibile alle altre postazioni fino al ripristino della connessione.",
		"en": "No connection to the data service. The document was saved locally and will not be available on other terminals until the connection is restored.",
	},
	"M4": {
		"fr": "Impossible de modifier le document à présent. Pas de données nécessaires pour l'afficher correctement. Veuillez réessayer ultérieurement.",
		"it": "Impossibile modificare il documento adesso. Mancano i dati necessari per visualizzarlo correttamente. Riprova più tardi.",
		"en": "The document cannot be edited now. The data needed to display it correctly is missing. Please try again later.",
	},
	"M5": {
		"fr": "Impossible de créer une facture d'acompte. Des acomptes ont été établis pour le montant total de la commande.",
		"it": "Impossibile creare la fattura di acconto. Sono stati emessi gli acconti per l'intero importo dell'ordine.",
		"en": "Cannot create an advance invoice. Advances have been issued for the full amount of the order.",
	},
	"M6": {
		"fr": "Il existe des acomptes non réglés associés à la commande. Vérifiez la conformité des données du client dans les factures d'acompte et dans la facture finale établies.",
		"it": "Esistono acconti non liquidati associati all'ordine. Controlla la conformità dei dati del cliente indicati nella fattura di acconto e nella fattura definitiva.",
		"en": "There are unsettled advances associated with the order. Check that the customer in the advance invoices matches the final invoice.",
	},
	"M7": {
		"fr": "La modification va entraîner la suppression de l'offre groupée. Voulez-vous continuer ?",
		"it": "La modifica comporterà l'eliminazione della promozione pacchetto. Vuoi continuare?",
		"en": "This change will remove the bundle. Do you want to continue?",
	},
	"M8": {
		"fr": "Le statut de réalisation de la commande a été modifié.",
		"it": "Lo stato di realizzazione dell'ordine è stato cambiato.",
		"en": "The order fulfilment status has been changed.",
	},
	"M9": {
		"fr": "Attention ! Certains éléments ont des entrepôts qui ne sont pas disponibles dans ce centre. L'enregistrement des modifications remplacera automatiquement ces entrepôts par des entrepôts disponibles dans le magasin.",
		"it": "Attenzione! Alcuni elementi hanno magazzini definiti che non sono disponibili in questo centro. Il salvataggio delle modifiche dopo l'apertura dell'ordine comporterà il cambiamento automatico dei magazzini indicati in magazzini che sono disponibili nel negozio.",
		"en": "Warning! Some items have warehouses that are not available in this center. Saving the changes will switch them to warehouses available in the store.",
	},
	"M10": {
		"fr": "Avant de commencer la réalisation de la commande, il faut définir des entrepôts disponibles pour tous ses éléments. Voulez-vous le faire maintenant ?",
		"it": "Prima di iniziare la realizzazione dell'ordine bisogna impostare magazzini disponibili per tutti i suoi elementi. Vuoi farlo adesso?",
		"en": "Before fulfilling the order, set available warehouses for all its items. Do it now?",
	},
	"M11": {
		"fr": "La quantité saisie est supérieure à celle commandée par le client. La quantité collectée n'a pas été augmentée.",
		"it": "La quantità inserita è superiore a quella ordinata dal Cliente. La quantità raccolta non è stata incrementata.",
		"en": "The quantity entered is greater than the quantity ordered by the customer. The picked quantity was not increased.",
	},
	"M12": {
		"fr": "Pas de ligne saisie. Mise à jour impossible.",
		"it": "Nessuna riga inserita. Aggiornamento impossibile.",
		"en": "No line entered. Update impossible.",
	},
}

// groups returns the translation files by prefix: "" for the main files
// (fr.json…), "orders" for orders.fr.json… Fyne loads every file named
// [prefix.]lang.json; each prefix is a group that must speak every language.
func groups(t testing.TB) map[string][]string {
	t.Helper()
	entries, err := translations.ReadDir("translations")
	require.NoError(t, err)
	out := map[string][]string{}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		require.True(t, ok, "%s: only JSON files belong in translations/", e.Name())
		prefix, code := "", name
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			prefix, code = name[:i], name[i+1:]
		}
		require.Contains(t, languages, code, "%s: unknown language", e.Name())
		out[prefix] = append(out[prefix], code)
	}
	return out
}

func fileName(prefix, code string) string {
	if prefix == "" {
		return code + ".json"
	}
	return prefix + "." + code + ".json"
}

func readFile(t testing.TB, prefix, code string) map[string]string {
	t.Helper()
	name := fileName(prefix, code)
	data, err := translations.ReadFile("translations/" + name)
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(data, &m), "%s must be a flat object of strings", name)
	return m
}

// readTranslations merges every group's file of one language: what lang.L
// finds for it.
func readTranslations(t testing.TB, code string) map[string]string {
	t.Helper()
	all := map[string]string{}
	for prefix := range groups(t) {
		maps.Copy(all, readFile(t, prefix, code))
	}
	return all
}

func TestEveryGroupSpeaksEveryLanguage(t *testing.T) {
	gs := groups(t)
	require.Contains(t, gs, "", "the main files")
	for prefix, codes := range gs {
		assert.ElementsMatch(t, languages, codes, "group %q", prefix)
	}
}

func TestTranslationsHaveTheSameKeys(t *testing.T) {
	for prefix := range groups(t) {
		want := slices.Sorted(maps.Keys(readFile(t, prefix, "en")))
		for _, code := range languages {
			got := slices.Sorted(maps.Keys(readFile(t, prefix, code)))
			assert.Equal(t, want, got, "keys of %s", fileName(prefix, code))
		}
	}
}

// TestEachKeyInOneGroup: a key in two files would be translated by
// whichever Fyne happens to load last.
func TestEachKeyInOneGroup(t *testing.T) {
	owner := map[string]string{}
	for prefix := range groups(t) {
		for key := range readFile(t, prefix, "en") {
			if other, dup := owner[key]; dup {
				t.Errorf("%s is in both %s and %s", key, fileName(other, "en"), fileName(prefix, "en"))
			}
			owner[key] = prefix
		}
	}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(text string) []string {
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

func TestTranslationsHaveTheSamePlaceholders(t *testing.T) {
	for prefix := range groups(t) {
		en := readFile(t, prefix, "en")
		for _, code := range languages {
			name := fileName(prefix, code)
			for key, text := range readFile(t, prefix, code) {
				assert.NotEmpty(t, text, "%s: %s", name, key)
				assert.Equal(t, placeholders(en[key]), placeholders(text), "%s: %s", name, key)
				_, err := template.New(key).Parse(text)
				assert.NoError(t, err, "%s: %s must be a valid template", name, key)
			}
		}
	}
}

func TestSpecMessagesWordForWord(t *testing.T) {
	for _, code := range []string{"fr", "it", "en"} {
		got := readTranslations(t, code)
		for id, texts := range specMessages {
			assert.Equal(t, texts[code], got[id], "%s %s", code, id)
		}
	}
	pl := readTranslations(t, "pl")
	en := readTranslations(t, "en")
	for id := range specMessages {
		assert.NotEqual(t, en[id], pl[id], "pl %s must be translated", id)
	}
}

func TestIconIsSquarePNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	require.NoError(t, err)
	assert.Equal(t, 256, img.Bounds().Dx())
	assert.Equal(t, 256, img.Bounds().Dy())
}

func TestBackspaceIconIsSVG(t *testing.T) {
	test.NewTempApp(t) // a themed resource takes its colour from the current app
	var doc struct {
		XMLName xml.Name
	}
	require.NoError(t, xml.Unmarshal(BackspaceIcon.Content(), &doc))
	assert.Equal(t, "svg", doc.XMLName.Local)
}

func TestLoadTranslations(t *testing.T) {
	assert.NoError(t, LoadTranslations())
}
