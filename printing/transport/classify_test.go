package transport

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClassify(t *testing.T) {
	path := func(errno syscall.Errno) error { return &fs.PathError{Op: "open", Path: "/dev/usb/lp0", Err: errno} }
	tests := []struct {
		err  error
		want Code
	}{
		{path(syscall.ENOENT), DeviceMissing},
		{path(syscall.ENXIO), DeviceMissing},
		{path(syscall.ENODEV), DeviceMissing},
		{path(syscall.EACCES), PermissionDenied},
		{path(syscall.EPERM), PermissionDenied},
		{path(syscall.EROFS), PermissionDenied},
		{context.DeadlineExceeded, Timeout},
		{&fs.PathError{Op: "write", Path: "/dev/usb/lp0", Err: os.ErrDeadlineExceeded}, Timeout},
		{&exec.Error{Name: "lp", Err: exec.ErrNotFound}, QueueMissing},
		{path(syscall.EIO), WriteFailed},
		{errors.New("anything else"), WriteFailed},
	}
	for _, tt := range tests {
		t.Run(tt.err.Error(), func(t *testing.T) {
			err := classify("/dev/usb/lp0", tt.err)
			e := requireCode(t, err, tt.want)
			assert.Equal(t, "/dev/usb/lp0", e.Target)
			assert.ErrorIs(t, err, tt.err)
		})
	}
}

func TestCancellationIsNotAPrinterFault(t *testing.T) {
	err := classify("/dev/usb/lp0", context.Canceled)
	assert.ErrorIs(t, err, context.Canceled)
	var e *Error
	assert.False(t, errors.As(err, &e))
}
