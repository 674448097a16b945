package virtual

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample is a short ESC/POS document: reset, a line of text, a partial cut.
var sample = []byte("\x1b@Bonjour\n\x1dVB\x00")

func TestPrintWritesBytesAndPicture(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "prints")
	f, err := New(dir, 384).Print(t.Context(), "20250612000100000042", sample)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "20250612000100000042.bin"), f.Bin)
	assert.Equal(t, filepath.Join(dir, "20250612000100000042.png"), f.PNG)

	bin, err := os.ReadFile(f.Bin)
	require.NoError(t, err)
	assert.Equal(t, sample, bin)

	raw, err := os.ReadFile(f.PNG)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(raw))
	require.NoError(t, err)
	assert.Equal(t, 384+32, img.Bounds().Dx(), "printable width plus the paper margins")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary file left behind")
}

func TestReprintReplacesTheFiles(t *testing.T) {
	p := New(t.TempDir(), 576)
	_, err := p.Print(t.Context(), "A1", []byte("first\n"))
	require.NoError(t, err)
	f, err := p.Print(t.Context(), "A1", sample)
	require.NoError(t, err)
	bin, err := os.ReadFile(f.Bin)
	require.NoError(t, err)
	assert.Equal(t, sample, bin)
}

func TestPrintHonoursCancellation(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := New(dir, 384).Print(ctx, "X", sample)
	require.ErrorIs(t, err, context.Canceled)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestPrintReportsAnUnwritableFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	_, err := New(filepath.Join(file, "prints"), 384).Print(t.Context(), "X", sample)
	assert.ErrorContains(t, err, "virtual printer folder")
}

func TestFileName(t *testing.T) {
	tests := map[string]string{
		"20250612000100000042":    "20250612000100000042",
		"FV/2025/06/0042":         "FV_2025_06_0042",
		"../../etc/passwd":        "_.._.._etc_passwd",
		`C:\Windows\x`:            "C__Windows_x",
		"..":                      "_..",
		".hidden":                 "_.hidden",
		"":                        "_",
		"a\x00b\x1b\n":            "a_b__",
		"Zamówienie 7":            "Zam_wienie_7",
		"CON":                     "_CON",
		"lpt1.txt":                "_lpt1.txt",
		"COMPTOIR-1":              "COMPTOIR-1",
		string(make([]byte, 300)): string(bytes.Repeat([]byte{'_'}, maxNameLen)),
	}
	for in, want := range tests {
		assert.Equal(t, want, fileName(in), "%q", in)
	}
}

func TestPrintPDFKeepsTheFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "prints")
	pdf := []byte("%PDF-1.3\n%%EOF\n")
	path, err := New(dir, 576).PrintPDF(t.Context(), "FC/4/2026/KRPOS3", pdf)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "FC_4_2026_KRPOS3.pdf"), path)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, pdf, got)
}
