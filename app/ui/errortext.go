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
	return errorText(log, shownError, err)
}

// shown is how errorText logs a *pos.Error it translates.
type shown struct {
	level zerolog.Level
	msg   string
}

var (
	// shownError is an error the operator ran into.
	shownError = shown{zerolog.InfoLevel, "error shown to the operator"}
	// shownRefusal is why an option is offered disabled: opening a choice
	// shows it when nothing went wrong, so it is only worth a debug line.
	shownRefusal = shown{zerolog.DebugLevel, "option offered disabled"}
)

// errorText is ErrorText logging a *pos.Error as how says.
func errorText(log zerolog.Logger, how shown, err error) string {
	if err == nil {
		return ""
	}
	if e, ok := pos.AsError(err); ok {
		// pos.Error's arguments never hold secrets, so IT may read them.
		log.WithLevel(how.level).Err(err).Msg(how.msg)
		if text := lang.L(e.Key, e.Args); text != e.Key {
			return text
		}
		log.Error().Str("key", e.Key).Msg("message key has no translation")
	} else {
		log.Error().Err(err).Msg("unexpected error")
	}
	return lang.L("error.internal")
}
