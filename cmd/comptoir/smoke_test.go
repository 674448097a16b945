//go:build smoke

package main

import (
	"bufio"
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSmokeLoginScreenInRealWindow builds the real binary, starts it with --demo
// in a real X server (Xvfb), waits for it to report the login screen, takes a
// screenshot of the whole screen and checks that the window painted something.
// Set COMPTOIR_SMOKE_SHOT=path.png to keep the screenshot and look at it.
func TestSmokeLoginScreenInRealWindow(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "comptoir")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run(), "build the binary")

	display := startXvfb(t, ctx, "1024x768x24") // the smallest till

	till := exec.CommandContext(ctx, bin, "--demo", "--terminal", "KRKASA1", "--data-dir", filepath.Join(dir, "data"))
	till.Env = append(os.Environ(), "DISPLAY="+display, "LIBGL_ALWAYS_SOFTWARE=1", "LANG=fr_FR.UTF-8",
		"LANGUAGE=", "LC_ALL=", "LC_MESSAGES=")
	stderr, err := till.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, till.Start())
	t.Cleanup(func() {
		_ = till.Process.Signal(syscall.SIGTERM)
		_ = till.Wait()
	})

	shown := make(chan struct{})
	go func() {
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			t.Log(lines.Text())
			if strings.Contains(lines.Text(), "screen=login") {
				close(shown)
				break
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
	}()
	select {
	case <-shown:
	case <-ctx.Done():
		t.Fatal("the till never reported the login screen")
	}

	// The report comes when the content is set; the first frame follows. Poll the
	// screen until it shows the window or the time is up.
	var shot image.Image
	deadline := time.Now().Add(60 * time.Second)
	for {
		shot = screenshot(t, ctx, display)
		if painted(shot) || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond) // the X server is another process: poll it
	}
	assert.True(t, painted(shot), "the screen is blank")
	b := shot.Bounds()
	assert.Equal(t, 1024, b.Dx())
	assert.Equal(t, 768, b.Dy())
	// The window fits the till's screen: its bottom band, the status bar, is
	// drawn, not the bare X background.
	bottom := shot.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(b.Min.X, b.Max.Y-40, b.Max.X, b.Max.Y))
	assert.True(t, painted(bottom), "the status bar is on the screen")
	if path := os.Getenv("COMPTOIR_SMOKE_SHOT"); path != "" {
		var buf bytes.Buffer
		require.NoError(t, png.Encode(&buf, shot))
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	}
}

// startXvfb starts an X server on a free display and returns its name.
func startXvfb(t *testing.T, ctx context.Context, screen string) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	x := exec.CommandContext(ctx, "Xvfb", "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	require.NoError(t, x.Start(), "Xvfb is installed by `make deps`")
	w.Close()
	t.Cleanup(func() {
		_ = x.Process.Signal(syscall.SIGTERM)
		_ = x.Wait()
	})
	line, err := bufio.NewReader(r).ReadString('\n')
	require.NoError(t, err, "Xvfb did not report its display")
	r.Close()
	return ":" + strings.TrimSpace(line)
}

// screenshot grabs the root window with xwd and converts it with ImageMagick.
func screenshot(t *testing.T, ctx context.Context, display string) image.Image {
	t.Helper()
	xwd := exec.CommandContext(ctx, "xwd", "-root", "-silent", "-display", display)
	raw, err := xwd.Output()
	require.NoError(t, err, "xwd")
	conv := exec.CommandContext(ctx, "convert", "xwd:-", "png:-")
	conv.Stdin = bytes.NewReader(raw)
	out, err := conv.Output()
	require.NoError(t, err, "convert")
	img, err := png.Decode(bytes.NewReader(out))
	require.NoError(t, err)
	return img
}

// painted tells whether an image holds a drawn window rather than an empty
// screen: many colours (text is anti-aliased) and a good share of pixels away
// from the most common one.
func painted(img image.Image) bool {
	colours := map[uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[(r>>8)<<16|(g>>8)<<8|bl>>8]++
		}
	}
	most, total := 0, 0
	for _, n := range colours {
		total += n
		most = max(most, n)
	}
	return len(colours) > 32 && float64(total-most) > 0.02*float64(total)
}
