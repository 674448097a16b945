package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"
)

// Queue sends to a system print queue, as back-room PCs do, with lp -d NAME -o raw: raw so that
// the spooler passes the ESC/POS bytes through untouched. A PDF (an A4 document) goes without
// -o raw, for the spooler to convert it for whatever printer the queue drives.
type Queue struct {
	Name    string
	Command string        // "lp" when empty
	Timeout time.Duration // DefaultTimeout when zero
	PDF     bool          // the data is a PDF, not printer bytes
}

// Send hands data to lp on its standard input.
func (q Queue) Send(ctx context.Context, data []byte) error {
	ctx, cancel := context.WithTimeout(ctx, orDefault(q.Timeout))
	defer cancel()
	name := q.Command
	if name == "" {
		name = "lp"
	}
	args := []string{"-d", q.Name, "-o", "raw"}
	if q.PDF {
		args = args[:2]
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = bytes.NewReader(data)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.WaitDelay = time.Second // a child of lp holding the pipes open must not hold us too
	err := cmd.Run()
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return classify(q.Name, ctx.Err())
	}
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		return &Error{Code: QueueRejected, Target: q.Name, Err: fmt.Errorf("%w: %s", err, firstLine(stderr.String()))}
	}
	return classify(q.Name, err)
}

// firstLine keeps lp's complaint short enough for a log line.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
