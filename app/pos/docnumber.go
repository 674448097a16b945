package pos

import (
	"fmt"
	"strconv"
	"strings"
)

// DocNumber is the 20-digit document barcode number of R-D7, printed as a Code128
// barcode so any terminal of the chain can scan a parked or printed document:
//
//	KK TTTTTT SSSSSSSSSSS C
//	│  │      │           └ Damm check digit (catches every single-digit error and
//	│  │      │             every swap of adjacent digits, which Luhn does not)
//	│  │      └ the terminal's own sequence, taken with the document
//	│  └ the terminal's number, unique in the chain (given at registration)
//	└ document kind
//
// Terminal number and per-terminal sequence make it unique across the chain with
// no coordination at the time the document is created, also offline.
type DocNumber string

const (
	docNumberLen  = 20
	MaxTerminalNo = 999_999
	MaxDocSeq     = 99_999_999_999
)

// NewDocNumber builds the barcode number of the seq-th document of terminal
// terminalNo.
func NewDocNumber(k Kind, terminalNo int, seq int64) (DocNumber, error) {
	kd, ok := kindDigits[k]
	if !ok || terminalNo < 1 || terminalNo > MaxTerminalNo || seq < 1 || seq > MaxDocSeq {
		return "", Errorf(CodeInvalid, "error.docnumber_invalid", "Value", fmt.Sprintf("%s/%d/%d", k, terminalNo, seq))
	}
	body := fmt.Sprintf("%02d%06d%011d", kd, terminalNo, seq)
	return DocNumber(body + strconv.Itoa(damm(body))), nil
}

// ParseDocNumber reads a typed or scanned number, refusing wrong length, letters,
// a bad check digit or an unknown kind.
func ParseDocNumber(s string) (DocNumber, error) {
	s = strings.TrimSpace(s)
	bad := Errorf(CodeInvalid, "error.docnumber_invalid", "Value", s)
	if len(s) != docNumberLen || !digits(s) || damm(s) != 0 {
		return "", bad
	}
	n := DocNumber(s)
	if n.Kind() == "" || n.TerminalNo() < 1 || n.Seq() < 1 {
		return "", bad
	}
	return n, nil
}

// LooksLikeDocNumber tells whether s is a full barcode number, so that a search
// field can treat a scan differently from a typed number prefix.
func LooksLikeDocNumber(s string) bool {
	_, err := ParseDocNumber(s)
	return err == nil
}

// Kind is the document kind the number was made for ("" if unknown).
func (n DocNumber) Kind() Kind {
	if len(n) != docNumberLen {
		return ""
	}
	kd, _ := strconv.Atoi(string(n[:2]))
	for k, d := range kindDigits {
		if d == kd {
			return k
		}
	}
	return ""
}

// TerminalNo is the number of the terminal that created the document.
func (n DocNumber) TerminalNo() int {
	if len(n) != docNumberLen {
		return 0
	}
	v, _ := strconv.Atoi(string(n[2:8]))
	return v
}

// Seq is the terminal's sequence for this document.
func (n DocNumber) Seq() int64 {
	if len(n) != docNumberLen {
		return 0
	}
	v, _ := strconv.ParseInt(string(n[8:19]), 10, 64)
	return v
}

var dammTable = [10][10]int{
	{0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
	{7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
	{4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
	{1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
	{6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
	{3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
	{5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
	{8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
	{9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
	{2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}

// damm returns the interim digit of the Damm algorithm over s (all digits): the
// check digit to append, or 0 when s already ends with a valid one.
func damm(s string) int {
	interim := 0
	for i := 0; i < len(s); i++ {
		interim = dammTable[interim][s[i]-'0']
	}
	return interim
}
