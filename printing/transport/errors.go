// Package transport sends finished ESC/POS documents to printers: a USB printer's device file, a
// network printer's raw port 9100, a system print queue through lp, or a plain file. Each
// transport is a small value with a Send method; failures come back as an *Error whose code says
// in plain terms what went wrong and what to check.
package transport

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"syscall"
)

// Code classifies a failed print.
type Code string

// Failure codes.
const (
	DeviceMissing    Code = "device_missing"      // no such device: unplugged, off, or a wrong path
	PermissionDenied Code = "permission_denied"   // the device exists but this user may not write it
	Unreachable      Code = "printer_unreachable" // no connection to the network printer
	Timeout          Code = "timeout"             // the printer stopped taking data
	QueueMissing     Code = "queue_unavailable"   // the lp command is not installed
	QueueRejected    Code = "queue_rejected"      // lp refused the job, e.g. an unknown queue
	WriteFailed      Code = "write_failed"        // any other failure while sending
)

// Translation keys: a message and a hint per code. The English texts below are what Error and
// Hint return; the screens translate by key.
const (
	KeyDeviceMissing        = "print.error.device_missing"
	KeyPermissionDenied     = "print.error.permission_denied"
	KeyUnreachable          = "print.error.printer_unreachable"
	KeyTimeout              = "print.error.timeout"
	KeyQueueMissing         = "print.error.queue_unavailable"
	KeyQueueRejected        = "print.error.queue_rejected"
	KeyWriteFailed          = "print.error.write_failed"
	HintKeyDeviceMissing    = "print.hint.device_missing"
	HintKeyPermissionDenied = "print.hint.permission_denied"
	HintKeyUnreachable      = "print.hint.printer_unreachable"
	HintKeyTimeout          = "print.hint.timeout"
	HintKeyQueueMissing     = "print.hint.queue_unavailable"
	HintKeyQueueRejected    = "print.hint.queue_rejected"
	HintKeyWriteFailed      = "print.hint.write_failed"
)

type wording struct{ key, message, hintKey, hint string }

var words = map[Code]wording{
	DeviceMissing: {KeyDeviceMissing, "printer not found",
		HintKeyDeviceMissing, "Check that the printer is switched on and its USB cable is plugged in, and that the device path in the printer settings is right (for example /dev/usb/lp0)."},
	PermissionDenied: {KeyPermissionDenied, "not allowed to use the printer",
		HintKeyPermissionDenied, "Add the user to the lp group: sudo usermod -aG lp $USER, then log out and back in."},
	Unreachable: {KeyUnreachable, "printer unreachable",
		HintKeyUnreachable, "Check that the printer is switched on and connected to the network, and that its IP address in the printer settings is right."},
	Timeout: {KeyTimeout, "the printer did not answer in time",
		HintKeyTimeout, "Check that the printer has paper, its cover is closed and no error light is on, then print again."},
	QueueMissing: {KeyQueueMissing, "the system print service is not installed",
		HintKeyQueueMissing, "Install the CUPS client: sudo apt install cups-client."},
	QueueRejected: {KeyQueueRejected, "the print queue refused the document",
		HintKeyQueueRejected, "Check the queue name in the printer settings against the list given by lpstat -p."},
	WriteFailed: {KeyWriteFailed, "printing failed",
		HintKeyWriteFailed, "Check the printer and its cable, then print again."},
}

// Error is a classified print failure.
type Error struct {
	Code   Code
	Target string // the device path, address or queue name
	Err    error  // the cause
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s (%s): %v", words[e.Code].message, e.Target, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// MessageKey is the translation key of the message to show.
func (e *Error) MessageKey() string { return words[e.Code].key }

// HintKey is the translation key of what to check.
func (e *Error) HintKey() string { return words[e.Code].hintKey }

// Hint says in plain English what to check.
func (e *Error) Hint() string { return words[e.Code].hint }

// classify turns a failure to open or write target into an *Error. A cancelled context is the
// caller's own decision, not a printer fault, so it is returned as it is.
func classify(target string, err error) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("print to %s: %w", target, err)
	}
	var netErr net.Error
	code := WriteFailed
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		code = Timeout
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENXIO), errors.Is(err, syscall.ENODEV):
		code = DeviceMissing // ENXIO and ENODEV: the device file is there, the printer is not
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		code = PermissionDenied
	case errors.Is(err, exec.ErrNotFound):
		code = QueueMissing
	}
	return &Error{Code: code, Target: target, Err: err}
}
