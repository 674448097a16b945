// Package virtual is the demo printer: it keeps each document's bytes and a picture of the paper
// in a folder instead of printing, so a demo or a test shows exactly what a printer would have
// received (R-PR3).
package virtual

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"github.com/comptoir/comptoir/printing/escdecode"
)

// Printer writes into a folder.
type Printer struct {
	dir      string
	dotWidth int
}

// New returns a Printer writing into dir (created on first print) and rendering for a printer
// dotWidth dots wide (384 for 58 mm paper, 576 for 80 mm).
func New(dir string, dotWidth int) *Printer {
	return &Printer{dir: dir, dotWidth: dotWidth}
}

// Files are the paths a print produced.
type Files struct {
	Bin string // the ESC/POS bytes, as a printer would receive them
	PNG string // the rendered paper
}

// Print writes data as <number>.bin and its rendering as <number>.png; the number is turned into
// a safe file name first (see fileName). A reprint replaces the files. Each file is written under a temporary
// name and renamed, so a reader never sees half a document.
func (p *Printer) Print(ctx context.Context, number string, data []byte) (Files, error) {
	if err := ctx.Err(); err != nil {
		return Files{}, err
	}
	var img bytes.Buffer
	if err := png.Encode(&img, escdecode.Render(escdecode.Decode(data, p.dotWidth))); err != nil {
		return Files{}, fmt.Errorf("encode preview of %s: %w", number, err)
	}
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return Files{}, fmt.Errorf("virtual printer folder: %w", err)
	}
	base := filepath.Join(p.dir, fileName(number))
	f := Files{Bin: base + ".bin", PNG: base + ".png"}
	if err := writeFile(ctx, f.Bin, data); err != nil {
		return Files{}, err
	}
	if err := writeFile(ctx, f.PNG, img.Bytes()); err != nil {
		return Files{}, err
	}
	return f, nil
}

// PrintPDF keeps an A4 document as <number>.pdf, the file a back-room PC's printer would have
// been sent; a reprint replaces it.
func (p *Printer) PrintPDF(ctx context.Context, number string, pdf []byte) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return "", fmt.Errorf("virtual printer folder: %w", err)
	}
	path := filepath.Join(p.dir, fileName(number)+".pdf")
	if err := writeFile(ctx, path, pdf); err != nil {
		return "", err
	}
	return path, nil
}

func writeFile(ctx context.Context, path string, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".print-*")
	if err != nil {
		return fmt.Errorf("virtual printer: %w", err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name()) // best effort: the write error is the one worth reporting
		return fmt.Errorf("virtual printer: write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// maxNameLen keeps names well under every file system's 255-byte limit once .bin or .png is added.
const maxNameLen = 100

// fileName turns a document number into a file name that is the same on every system: letters,
// digits, '-', '_' and '.' are kept, anything else (path separators, spaces, control characters)
// becomes '_'; an empty name, one starting with a dot (hidden, or "..") or one Windows reserves
// for a device is prefixed with '_'.
func fileName(number string) string {
	var b strings.Builder
	for _, r := range number {
		if b.Len() >= maxNameLen {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	if name == "" || name[0] == '.' || windowsDevice(name) {
		name = "_" + name
	}
	return name
}

// windowsDevice tells whether name, whatever its extension, is a device name Windows refuses as
// a file name.
func windowsDevice(name string) bool {
	stem, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) &&
		stem[3] >= '0' && stem[3] <= '9'
}
