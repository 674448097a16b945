package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
)

// keysUsedIn returns the message keys the Go files of dir name: error keys
// handed to pos.Errorf, and literal keys passed to lang.L.
func keysUsedIn(tb testing.TB, dir string) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(tb, err)
	use := regexp.MustCompile(`"(error\.[a-z_]+)"|lang\.L\("([a-z_.]+)"[,)]`)
	var keys []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(tb, err)
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, m[1]+m[2])
		}
	}
	return keys
}

func TestEveryKeyUsedIsTranslated(t *testing.T) {
	newTestApp(t, "en")
	keys := slices.Concat(keysUsedIn(t, "."), keysUsedIn(t, ".."), keysUsedIn(t, "../pos"))
	require.Contains(t, keys, "error.pin_wrong", "the scan finds the app's keys")
	require.Contains(t, keys, "login.title", "the scan finds the screens' keys")
	for _, tile := range app.Tiles {
		keys = append(keys, "tile."+tile.ID)
	}
	for _, code := range app.Languages {
		keys = append(keys, "language."+code)
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)

	for _, code := range app.Languages {
		require.NoError(t, UseLanguage(code))
		for _, k := range keys {
			assert.NotEqual(t, k, lang.L(k), "%s has no %s text", k, code)
		}
	}
}
