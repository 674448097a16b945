package ui

import (
	"fyne.io/fyne/v2/lang"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app/pos"
)

// ErrorText returns what a person reads for err: a *pos.Error anywhere in the
// chain is translated from its key with its arguments; anything else becomes
// the generic error.internal text. Those other errors carry paths, SQL or
// driver messages a cashier cannot act on, so they go to the log only.
func ErrorText(log zerolog.Logger, err error) string {
	if err == nil {
		return ""
	}
	if e, ok := pos.AsError(err); ok {
		// pos.Error's arguments never hold secrets, so IT may read them.
		log.Info().Err(err).Msg("error shown to the operator")
		if text := lang.L(e.Key, e.Args); text != e.Key {
			return text
		}
		log.Error().Str("key", e.Key).Msg("message key has no translation")
	} else {
		log.Error().Err(err).Msg("unexpected error")
	}
	return lang.L("error.internal")
}
