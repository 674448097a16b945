package ui

import (
	"fmt"
	"os"
	"slices"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/assets"
)

// localeVars are the variables github.com/jeandeaual/go-locale reads on Linux
// and the BSDs: the first set of LC_ALL, LC_MESSAGES, LANG names the locale,
// and, unless that locale is C or POSIX, LANGUAGE (gettext's list of preferred
// languages) overrides it.
var localeVars = []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}

// systemLocale is the environment as the process started, put back when the
// terminal follows the system again.
var systemLocale = func() map[string]*string {
	env := make(map[string]*string, len(localeVars))
	for _, k := range localeVars {
		if v, ok := os.LookupEnv(k); ok {
			env[k] = &v
		}
	}
	return env
}()

// UseLanguage makes Fyne's lang package, and so lang.L and Fyne's own dialogs,
// speak code ("fr", "it", "en", "pl") from now on; "" follows the system's
// locale again. Call it on the UI thread, then rebuild what is on screen:
// widgets keep the texts they were built with.
//
// Fyne 2.7 has no call to choose the language (fyne-io/fyne#5333, still open):
// lang picks it when translations are added, matching the locales that
// go-locale reads from the environment. So we set LANGUAGE for this process
// and add the translations again, which makes lang match anew. Should the
// locale be exactly C or POSIX, go-locale ignores LANGUAGE, so that variable
// becomes C.UTF-8: the same locale for C code, with LANGUAGE honoured. On
// Windows and macOS go-locale asks the OS instead and the till keeps the
// system's language; tills run Linux.
func UseLanguage(code string) error {
	var err error
	switch {
	case code == "":
		err = restoreSystemLocale()
	case !slices.Contains(app.Languages, code):
		return pos.Errorf(pos.CodeInvalid, "error.language_unknown", "Value", code)
	default:
		err = forceLanguage(code)
	}
	if err != nil {
		return fmt.Errorf("set locale environment: %w", err)
	}
	return assets.LoadTranslations()
}

func forceLanguage(code string) error {
	if err := os.Setenv("LANGUAGE", code); err != nil {
		return err
	}
	// The locale is the first of LC_ALL, LC_MESSAGES, LANG that is set.
	for _, k := range localeVars[1:] {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" {
			return os.Setenv(k, "C.UTF-8")
		}
		return nil
	}
	return nil
}

func restoreSystemLocale() error {
	for _, k := range localeVars {
		var err error
		if v, ok := systemLocale[k]; ok {
			err = os.Setenv(k, *v)
		} else {
			err = os.Unsetenv(k)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
