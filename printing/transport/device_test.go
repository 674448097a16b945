//go:build unix

package transport

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fifo stands in for a USB printer's device file: a named pipe in a temporary folder.
func fifo(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "lp0")
	require.NoError(tb, syscall.Mkfifo(path, 0o600))
	return path
}

// printerEnd opens the reading end of the pipe, as the printer would; non-blocking so that
// opening does not wait for a writer.
func printerEnd(tb testing.TB, path string) *os.File {
	tb.Helper()
	r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = r.Close() })
	return r
}

func TestUSBSendsTheBytes(t *testing.T) {
	path := fifo(t)
	printer := printerEnd(t, path)
	data := []byte("\x1b@Bonjour\n\x1dVB\x00")
	// The pipe holds far more than data, so Send completes before the printer side reads.
	require.NoError(t, USB{Path: path}.Send(t.Context(), data))
	got, err := io.ReadAll(printer)
	require.NoError(t, err)
	assert.Equal(t, data, got)
}

func TestUSBDeviceMissing(t *testing.T) {
	err := USB{Path: filepath.Join(t.TempDir(), "lp9")}.Send(t.Context(), []byte("x"))
	requireCode(t, err, DeviceMissing)
}

func TestUSBPrinterOffIsDeviceMissing(t *testing.T) {
	// A device file with nobody behind it: opening a FIFO without a reader fails with ENXIO,
	// as /dev/usb/lp0 does once its printer is gone.
	err := USB{Path: fifo(t)}.Send(t.Context(), []byte("x"))
	e := requireCode(t, err, DeviceMissing)
	assert.ErrorIs(t, e, syscall.ENXIO)
}

func TestUSBPermissionDenied(t *testing.T) {
	err := USB{Path: unwritable(t)}.Send(t.Context(), []byte("x"))
	requireCode(t, err, PermissionDenied)
}

// unwritable returns a path this process may not open for writing. File modes do not stop root,
// and these tests may run as root, so then it is a read-only sysfs attribute: the kernel refuses
// to open those for writing whoever asks (EACCES, or EROFS where /sys is mounted read-only).
func unwritable(tb testing.TB) string {
	tb.Helper()
	if os.Geteuid() != 0 {
		path := filepath.Join(tb.TempDir(), "lp0")
		require.NoError(tb, os.WriteFile(path, nil, 0o444))
		return path
	}
	const attr = "/sys/devices/system/cpu/online" // mode 0444 on every Linux
	_, err := os.Stat(attr)
	require.NoError(tb, err, "as root only a read-only sysfs attribute is unwritable; Linux tills have it")
	return attr
}

func TestUSBGivesUpOnAPrinterThatStopsTakingData(t *testing.T) {
	path := fifo(t)
	printerEnd(t, path) // open, never read: a printer out of paper
	data := make([]byte, 4<<20)
	err := USB{Path: path, Timeout: 100 * time.Millisecond}.Send(t.Context(), data)
	requireCode(t, err, Timeout)
}

func TestUSBHonoursTheCallersDeadline(t *testing.T) {
	path := fifo(t)
	printerEnd(t, path)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	err := USB{Path: path, Timeout: time.Hour}.Send(ctx, make([]byte, 4<<20))
	requireCode(t, err, Timeout)
}

func TestUSBCancelled(t *testing.T) {
	path := fifo(t)
	printerEnd(t, path)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- USB{Path: path, Timeout: time.Hour}.Send(ctx, make([]byte, 4<<20)) }()
	cancel() // before or during the write: either way the send ends as cancelled
	err := <-done
	assert.ErrorIs(t, err, context.Canceled)
	var e *Error
	assert.NotErrorAs(t, err, &e)
}

func TestFileSendCreatesAndTruncates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "capture.bin")
	require.NoError(t, os.WriteFile(path, []byte("a much longer previous document"), 0o644))
	require.NoError(t, File{Path: path}.Send(t.Context(), []byte("new")))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(got))
}

func TestFileErrors(t *testing.T) {
	err := File{Path: filepath.Join(t.TempDir(), "no", "such", "dir", "x.bin")}.Send(t.Context(), []byte("x"))
	requireCode(t, err, DeviceMissing)
	err = File{Path: unwritable(t)}.Send(t.Context(), []byte("x"))
	requireCode(t, err, PermissionDenied)
}
