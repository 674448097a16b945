package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/comptoir/comptoir/app/pos"
)

// Printing is the till's printer: documents laid out for the terminal's printer
// (a receipt printer on 58 or 80 mm paper, or A4 on a back-room PC), sent to it,
// previewed exactly as the printer will receive them (R-PR3), reprinted on
// demand (R-PR5). Printing reads documents and writes nothing: a print that fails
// leaves the document as it was saved, ready to be printed again.

// Printer receives finished documents, whole.
type Printer interface {
	// Send delivers data to the printer. name identifies the print (the
	// document number) for printers that keep a file per print.
	Send(ctx context.Context, name string, data []byte) error
}

// Printers opens the printer a terminal's settings describe.
type Printers interface {
	Connect(s PrinterSettings) (Printer, error)
}

// Typesetter lays documents out for a printer and reads printer bytes back.
type Typesetter interface {
	// Typeset returns what the printer described by s receives for p: ESC/POS
	// bytes for receipt paper, a PDF for A4.
	Typeset(p Printout, s PrinterSettings) ([]byte, error)
	// TestPage returns the test page for the printer described by s.
	TestPage(s PrinterSettings) ([]byte, error)
	// Picture decodes data as the printer described by s would print it: the
	// preview is these decoded bytes, not a second rendering of the document.
	// It returns nil for A4, whose PDF has no picture preview.
	Picture(data []byte, s PrinterSettings) (image.Image, error)
}

// PrinterKind is how the terminal reaches its printer.
type PrinterKind string

const (
	PrinterUSB     PrinterKind = "usb"     // a USB printer's device file, /dev/usb/lp0
	PrinterTCP     PrinterKind = "tcp"     // a network printer's raw port, host:9100
	PrinterQueue   PrinterKind = "queue"   // a system print queue, through lp
	PrinterFile    PrinterKind = "file"    // a file, overwritten by each print
	PrinterVirtual PrinterKind = "virtual" // a folder of <number>.bin and .png (.pdf for A4)
)

// PrinterKinds lists the kinds in the order the settings screen offers them.
var PrinterKinds = []PrinterKind{PrinterUSB, PrinterTCP, PrinterQueue, PrinterFile, PrinterVirtual}

// Paper is what the printer prints on.
type Paper string

const (
	Paper58 Paper = "58" // 58 mm receipt roll, 32 columns
	Paper80 Paper = "80" // 80 mm receipt roll, 48 columns
	PaperA4 Paper = "a4" // A4 sheets, sent as PDF
)

// Papers lists the papers in the order the settings screen offers them.
var Papers = []Paper{Paper58, Paper80, PaperA4}

// CodePages are the printer character tables the layouts can encode text in:
// CP858 or CP1252 for French and Italian, CP852 for Polish (R-PR1).
var CodePages = []string{"CP858", "CP1252", "CP852"}

// DefaultTCPPort is the raw printing port of network receipt printers.
const DefaultTCPPort = "9100"

// PrinterSettings are the terminal's printer, kept in its settings.
type PrinterSettings struct {
	Kind     PrinterKind `json:"kind"`
	Target   string      `json:"target"` // device path, host:port, queue name, file path or folder
	Paper    Paper       `json:"paper"`
	CodePage string      `json:"code_page"`
	Drawer   bool        `json:"drawer"` // a cash drawer hangs off the printer: open it on cash payments
	// ShopName and ShopAddress head every document; nothing in the ERP's
	// master data gives a shop's postal address.
	ShopName    string `json:"shop_name,omitempty"`
	ShopAddress string `json:"shop_address,omitempty"` // lines separated by "\n"
}

// Limits of the settings' texts: a shop header fits a 58 mm roll in a few lines.
const (
	maxShopLines = 3
	maxTargetLen = 200
)

// Checked returns s tidied (spaces trimmed, the TCP port added when missing)
// or the first thing wrong with it, as an error the screen translates.
func (s PrinterSettings) Checked() (PrinterSettings, error) {
	s.Target = strings.TrimSpace(s.Target)
	s.ShopName = strings.TrimSpace(s.ShopName)
	s.ShopAddress = tidyLines(s.ShopAddress)
	if !slices.Contains(PrinterKinds, s.Kind) {
		return s, pos.Errorf(pos.CodeInvalid, "error.printer_kind_invalid", "Value", string(s.Kind))
	}
	if !slices.Contains(Papers, s.Paper) {
		return s, pos.Errorf(pos.CodeInvalid, "error.printer_paper_invalid", "Value", string(s.Paper))
	}
	if s.Paper == PaperA4 && (s.Kind == PrinterUSB || s.Kind == PrinterTCP) {
		return s, pos.Errorf(pos.CodeInvalid, "error.printer_a4_kind")
	}
	if !slices.Contains(CodePages, s.CodePage) {
		return s, pos.Errorf(pos.CodeInvalid, "error.printer_code_page_invalid", "Value", s.CodePage)
	}
	if s.Target == "" {
		return s, pos.Errorf(pos.CodeInvalid, "error.printer_target_empty")
	}
	if utf8.RuneCountInString(s.Target) > maxTargetLen || strings.ContainsFunc(s.Target, unicode.IsControl) {
		return s, pos.Errorf(pos.CodeInvalid, "error.printer_target_invalid", "Value", shorten(s.Target))
	}
	var err error
	switch s.Kind {
	case PrinterUSB, PrinterFile, PrinterVirtual:
		if !filepath.IsAbs(s.Target) {
			err = pos.Errorf(pos.CodeInvalid, "error.printer_path_invalid", "Value", s.Target)
		}
	case PrinterTCP:
		s.Target, err = checkAddress(s.Target)
	case PrinterQueue:
		if !queueName(s.Target) {
			err = pos.Errorf(pos.CodeInvalid, "error.printer_queue_invalid", "Value", s.Target)
		}
	}
	if err != nil {
		return s, err
	}
	if !fitsHeader(s.ShopName, 1) || !fitsHeader(s.ShopAddress, maxShopLines) {
		return s, pos.Errorf(pos.CodeInvalid, "error.printer_header_invalid", "Max", maxShopLines)
	}
	return s, nil
}

// Columns is the number of font A characters a line of the paper holds; 0 for A4.
func (p Paper) Columns() int {
	switch p {
	case Paper58:
		return 32
	case Paper80:
		return 48
	}
	return 0
}

func tidyLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// fitsHeader tells whether text is at most lines lines of printable text, each
// short enough for the widest paper.
func fitsHeader(text string, lines int) bool {
	if text == "" {
		return true
	}
	split := strings.Split(text, "\n")
	if len(split) > lines {
		return false
	}
	for _, l := range split {
		if utf8.RuneCountInString(l) > Paper80.Columns() || strings.ContainsFunc(l, unicode.IsControl) {
			return false
		}
	}
	return true
}

// checkAddress accepts host or host:port and returns host:port.
func checkAddress(addr string) (string, error) {
	bad := pos.Errorf(pos.CodeInvalid, "error.printer_address_invalid", "Value", addr)
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		// No port: the printer's raw port is meant. A bare IPv6 address has
		// colons of its own and needs brackets, which SplitHostPort reports.
		if strings.Contains(addr, ":") && !strings.HasPrefix(addr, "[") {
			return addr, bad
		}
		host, port = strings.Trim(addr, "[]"), DefaultTCPPort
	}
	n, perr := strconv.Atoi(port)
	if host == "" || strings.ContainsAny(host, " /\\") || perr != nil || n < 1 || n > 65535 {
		return addr, bad
	}
	return net.JoinHostPort(host, port), nil
}

// queueName accepts the names CUPS gives queues: printable characters other
// than space, '/', '\\' and '#', not starting with '-' (lp would take an option).
func queueName(s string) bool {
	if s == "" || s[0] == '-' || len(s) > 127 {
		return false
	}
	for _, r := range s {
		if r <= ' ' || r == '/' || r == '\\' || r == '#' || r == 0x7f || r > 0x7e {
			return false
		}
	}
	return true
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return strings.ToValidUTF8(strings.Map(printable, s), "?")
	}
	return string([]rune(strings.Map(printable, s))[:40]) + "…"
}

func printable(r rune) rune {
	if unicode.IsControl(r) {
		return '?'
	}
	return r
}

// Form is what a job prints of its document.
type Form string

const (
	FormDocument Form = ""        // the document as its kind prints: receipt, invoice, quote …
	FormPicking  Form = "picking" // the picking list of an order
)

// AdvancePaid is an advance invoice issued for an order, listed in the payment
// section of the printed order (R-A3).
type AdvancePaid struct {
	Number   string
	IssuedAt time.Time
	Amount   pos.Money
}

// PrintJob is a document to print and what the screen printing it knows.
type PrintJob struct {
	Document pos.Document
	Form     Form
	// Customer is printed on invoices and orders when the screen has it; the
	// document itself holds only the customer's code.
	Customer *pos.Customer
	// Advances are the advance invoices of an order (quotes and orders only).
	Advances []AdvancePaid
	// Collected is what the order's receipts and invoices took beyond the
	// advances they deducted: with the advances, what the customer has paid.
	Collected pos.Money
	// PaymentMethod names the document's payment method; the document holds
	// only its code.
	PaymentMethod string
	// CashTaken says that the payment just taken was cash: the drawer opens,
	// when the printer has one.
	CashTaken bool
	// Copy marks a reprint: it says so on paper and never opens the drawer.
	Copy bool
}

// Paid is what an order's payment section prints: the advances paid, and
// what remains to pay after them and after what its receipts and invoices
// collected (never below zero).
func (j PrintJob) Paid(t pos.Totals) (advances, remaining pos.Money) {
	for _, a := range j.Advances {
		advances += a.Amount
	}
	return advances, max(0, t.Gross-advances-j.Collected)
}

// MethodName is the payment method as printed: its name, its code when the
// name is not known.
func (j PrintJob) MethodName() string {
	if j.PaymentMethod != "" {
		return j.PaymentMethod
	}
	return j.Document.PaymentMethod
}

// Printout is a job as the layouts receive it.
type Printout struct {
	PrintJob
	Operator string // the name of the operator who issued the document
	Kick     bool   // pulse the cash drawer
}

// Name is what a printer that keeps files calls the print: the document's
// number, its barcode number before it has one.
func (j PrintJob) Name() string {
	d := j.Document
	name := d.Number
	for _, n := range []string{string(d.BarcodeNo), d.ID, string(d.Kind)} {
		if name == "" {
			name = n
		}
	}
	if j.Form == FormPicking {
		name += "-picking"
	}
	if j.Copy {
		name += "-copy"
	}
	return name
}

// Preview is a document laid out for the terminal's printer: Data is exactly
// what the printer receives, Image the picture of those bytes decoded (nil for
// A4). Printing a preview sends Data as it is.
type Preview struct {
	Job      PrintJob
	Settings PrinterSettings
	Data     []byte
	Image    image.Image
}

// PrintError is a print that did not reach the printer. Problem says what went
// wrong and HintKey names what to check, both translated at the screen; Err is
// the cause, for the log.
type PrintError struct {
	Problem *pos.Error
	HintKey string
	Err     error
}

func (e *PrintError) Error() string { return e.Problem.Error() + ": " + e.Err.Error() }

// Unwrap gives the problem first, so that pos.AsError finds the message.
func (e *PrintError) Unwrap() []error { return []error{e.Problem, e.Err} }

// printFault is what a printer's error offers when it knows what went wrong
// (the transports' errors do): the translation keys of a message and a hint.
type printFault interface {
	MessageKey() string
	HintKey() string
}

// Translation keys of a failure the printer did not classify.
const (
	keyPrintFailed  = "print.error.write_failed"
	hintPrintFailed = "print.hint.write_failed"
)

const settingPrinter = "printer"

// Printing is the print use case of one terminal.
type Printing struct {
	store    Store
	session  *Session
	types    Typesetter
	printers Printers
	defaults PrinterSettings

	sending sync.Mutex // one document at a time reaches the printer
}

// NewPrinting returns the print use case. defaults are the printer settings
// until an operator saves others (the virtual printer in demo mode).
func NewPrinting(store Store, session *Session, t Typesetter, p Printers, defaults PrinterSettings) *Printing {
	return &Printing{store: store, session: session, types: t, printers: p, defaults: defaults}
}

// Settings returns the terminal's printer settings, the defaults until some are saved.
func (p *Printing) Settings(ctx context.Context) (PrinterSettings, error) {
	v, ok, err := p.store.Setting(ctx, settingPrinter)
	if err != nil || !ok {
		return p.defaults, err
	}
	var s PrinterSettings
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return p.defaults, fmt.Errorf("read printer settings: %w", err)
	}
	return s, nil
}

// SaveSettings checks and keeps the terminal's printer settings and returns
// them as kept; needs the settings right. Refused settings change nothing.
func (p *Printing) SaveSettings(ctx context.Context, s PrinterSettings) (PrinterSettings, error) {
	if err := p.session.require(pos.RightSettings); err != nil {
		return s, err
	}
	s, err := s.Checked()
	if err != nil {
		return s, err
	}
	v, err := json.Marshal(s)
	if err != nil {
		return s, fmt.Errorf("encode printer settings: %w", err)
	}
	return s, p.store.SetSetting(ctx, settingPrinter, string(v))
}

// Print lays the job out for the terminal's printer and sends it.
func (p *Printing) Print(ctx context.Context, job PrintJob) error {
	pv, err := p.layOut(ctx, job, false)
	if err != nil {
		return err
	}
	return p.send(ctx, pv)
}

// Reprint prints the job again as a copy: marked so, without opening the drawer.
func (p *Printing) Reprint(ctx context.Context, job PrintJob) error {
	job.Copy = true
	return p.Print(ctx, job)
}

// Preview lays the job out for the terminal's printer and decodes the bytes
// into the picture the preview shows.
func (p *Printing) Preview(ctx context.Context, job PrintJob) (Preview, error) {
	return p.layOut(ctx, job, true)
}

// PrintPreview sends a preview's bytes, exactly those shown, to the printer
// they were laid out for.
func (p *Printing) PrintPreview(ctx context.Context, pv Preview) error {
	if err := p.loggedIn(); err != nil {
		return err
	}
	if len(pv.Data) == 0 {
		return pos.Errorf(pos.CodeInvalid, "error.print_empty")
	}
	// The settings come with the preview: they must be ones the terminal could have saved.
	if _, err := pv.Settings.Checked(); err != nil {
		return err
	}
	return p.send(ctx, pv)
}

// PrintTestPage prints the test page on the terminal's printer; needs the
// settings right, like the printer settings themselves.
func (p *Printing) PrintTestPage(ctx context.Context) error {
	if err := p.session.require(pos.RightSettings); err != nil {
		return err
	}
	s, err := p.Settings(ctx)
	if err != nil {
		return err
	}
	data, err := p.types.TestPage(s)
	if err != nil {
		return fmt.Errorf("lay out the test page: %w", err)
	}
	return p.send(ctx, Preview{Job: PrintJob{Document: pos.Document{ID: "test-page"}}, Settings: s, Data: data})
}

// PreviewTestPage lays the test page out and decodes it, as Preview does.
func (p *Printing) PreviewTestPage(ctx context.Context) (Preview, error) {
	if err := p.session.require(pos.RightSettings); err != nil {
		return Preview{}, err
	}
	s, err := p.Settings(ctx)
	if err != nil {
		return Preview{}, err
	}
	data, err := p.types.TestPage(s)
	if err != nil {
		return Preview{}, fmt.Errorf("lay out the test page: %w", err)
	}
	pv := Preview{Job: PrintJob{Document: pos.Document{ID: "test-page"}}, Settings: s, Data: data}
	if pv.Image, err = p.types.Picture(data, s); err != nil {
		return Preview{}, fmt.Errorf("decode the test page: %w", err)
	}
	return pv, nil
}

func (p *Printing) layOut(ctx context.Context, job PrintJob, picture bool) (Preview, error) {
	if err := p.loggedIn(); err != nil {
		return Preview{}, err
	}
	if err := job.Document.Check(); err != nil {
		return Preview{}, err
	}
	if job.Form != FormDocument && job.Form != FormPicking {
		return Preview{}, pos.Errorf(pos.CodeInvalid, "error.print_form_invalid", "Value", string(job.Form))
	}
	s, err := p.Settings(ctx)
	if err != nil {
		return Preview{}, err
	}
	out := Printout{
		PrintJob: job,
		Operator: p.operatorName(ctx, job.Document.Operator),
		Kick:     s.Drawer && job.CashTaken && !job.Copy && job.Form == FormDocument && s.Paper != PaperA4,
	}
	pv := Preview{Job: job, Settings: s}
	if pv.Data, err = p.types.Typeset(out, s); err != nil {
		return Preview{}, fmt.Errorf("lay out %s: %w", job.Name(), err)
	}
	if picture {
		if pv.Image, err = p.types.Picture(pv.Data, s); err != nil {
			return Preview{}, fmt.Errorf("decode %s: %w", job.Name(), err)
		}
	}
	return pv, nil
}

// loggedIn refuses to print for nobody: a till left without an operator prints nothing.
func (p *Printing) loggedIn() error {
	if _, ok := p.session.Current(); !ok {
		return pos.Errorf(pos.CodeUnauthorized, "error.not_logged_in")
	}
	return nil
}

// operatorName is the name printed for the operator code on a document: the
// code itself when the operator is no longer known.
func (p *Printing) operatorName(ctx context.Context, code string) string {
	if code == "" {
		return ""
	}
	if l, ok := p.session.Current(); ok && l.Operator.Code == code {
		return l.Operator.Name
	}
	if op, err := p.store.Operator(ctx, code); err == nil {
		return op.Name
	}
	return code
}

func (p *Printing) send(ctx context.Context, pv Preview) error {
	printer, err := p.printers.Connect(pv.Settings)
	if err != nil {
		return p.failed(pv.Settings, err)
	}
	p.sending.Lock()
	defer p.sending.Unlock()
	if err := printer.Send(ctx, pv.Job.Name(), pv.Data); err != nil {
		return p.failed(pv.Settings, err)
	}
	return nil
}

// failed turns a printer's error into what the operator reads: the printer's
// own message and hint when it classified the failure, a plain "printing
// failed" otherwise. A cancelled print is the caller's decision and stays as it is.
func (p *Printing) failed(s PrinterSettings, err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	key, hint := keyPrintFailed, hintPrintFailed
	var f printFault
	if errors.As(err, &f) && f.MessageKey() != "" {
		key, hint = f.MessageKey(), f.HintKey()
	}
	return &PrintError{
		Problem: pos.Errorf(pos.CodeUnavailable, key, "Target", s.Target),
		HintKey: hint,
		Err:     err,
	}
}
