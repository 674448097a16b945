package dataservice

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

func (s *Service) fetch(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	var ans protocol.OrderAnswer
	now := s.now()
	err := s.inReadTx(r.Context(), func(tx *sql.Tx) error {
		d, version, err := reachable(r.Context(), tx, t, r.PathValue("id"))
		if err != nil {
			return err
		}
		ans = protocol.OrderAnswer{Document: d, Version: version}
		l, err := loadLock(r.Context(), tx, d.ID)
		if err != nil {
			return err
		}
		if l.heldAt(now) {
			ans.Lock = &protocol.LockInfo{Holder: l.holder, Operator: l.operator, Expires: l.expires}
		}
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ans)
	return nil
}

// Search is the remote search of R-L4: documents the terminal may reach whose
// number starts with number, or from one of its parts on when number starts
// with a digit (numberPart), or whose barcode number is number; of the given
// kinds and statuses, by number.
type Search struct {
	Number   string
	Kinds    []pos.Kind
	Statuses []pos.Status
	Offset   int
	Limit    int
}

func parseSearch(r *http.Request) (Search, error) {
	q := r.URL.Query()
	bad := func(what string) error {
		return pos.Errorf(pos.CodeInvalid, "error.search_invalid", "Reason", what)
	}
	srch := Search{Number: strings.TrimSpace(q.Get("number"))}
	if len(srch.Number) > pos.MaxTextLen {
		return srch, bad("number")
	}
	for _, k := range q["kind"] {
		if !pos.Kind(k).Valid() {
			return srch, bad("kind")
		}
		srch.Kinds = append(srch.Kinds, pos.Kind(k))
	}
	for _, st := range q["status"] {
		known := false
		for _, x := range pos.Statuses {
			known = known || x == pos.Status(st)
		}
		if !known {
			return srch, bad("status")
		}
		srch.Statuses = append(srch.Statuses, pos.Status(st))
	}
	var err error
	if srch.Limit, err = parseLimit(q.Get("limit"), 50, protocol.MaxSearch); err != nil {
		return srch, err
	}
	if o := q.Get("offset"); o != "" {
		if srch.Offset, err = strconv.Atoi(o); err != nil || srch.Offset < 0 || srch.Offset > 1_000_000 {
			return srch, bad("offset")
		}
	}
	return srch, nil
}

func (s *Service) search(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	srch, err := parseSearch(r)
	if err != nil {
		return err
	}
	ans, err := s.Search(r.Context(), t, srch)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ans)
	return nil
}

// Search finds documents for terminal t.
func (s *Service) Search(ctx context.Context, t pos.Terminal, srch Search) (protocol.SearchAnswer, error) {
	where := []string{reachableSQL}
	args := visArgs(t)
	from, order := "documents", "number, id"
	if srch.Number != "" {
		if pos.LooksLikeDocNumber(srch.Number) {
			where = append(where, "barcode_no = ?")
			args = append(args, srch.Number)
		} else if part, ok := numberPart(srch.Number); ok {
			// The matches in number order from the index alone, then their
			// documents (the LIMIT keeps the list from being merged into the
			// join, which would read each document before its number).
			from = `(SELECT number AS match_number, id AS match FROM documents
				WHERE instr(` + numberParts + `, ?4) > 0 ORDER BY number, id LIMIT -1) JOIN documents ON id = match`
			order = "match_number, match"
			args = append(args, part) // ?4, after reachableSQL's three
		} else {
			where = append(where, "number >= ? AND number < ?")
			args = append(args, srch.Number, srch.Number+"\U0010FFFF")
		}
	}
	if len(srch.Kinds) > 0 {
		where = append(where, "kind IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(srch.Kinds)), ", ")+")")
		for _, k := range srch.Kinds {
			args = append(args, string(k))
		}
	}
	if len(srch.Statuses) > 0 {
		where = append(where, "status IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(srch.Statuses)), ", ")+")")
		for _, st := range srch.Statuses {
			args = append(args, string(st))
		}
	}
	args = append(args, srch.Limit+1, srch.Offset)
	rows, err := s.read.QueryContext(ctx, `SELECT data, version FROM `+from+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return protocol.SearchAnswer{}, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	ans := protocol.SearchAnswer{Documents: []protocol.OrderAnswer{}}
	for rows.Next() {
		var data []byte
		var oa protocol.OrderAnswer
		if err := rows.Scan(&data, &oa.Version); err != nil {
			return protocol.SearchAnswer{}, fmt.Errorf("search: %w", err)
		}
		if err := decodeStrict(data, &oa.Document); err != nil {
			return protocol.SearchAnswer{}, fmt.Errorf("search: decode: %w", err)
		}
		ans.Documents = append(ans.Documents, oa)
	}
	if len(ans.Documents) > srch.Limit {
		ans.Documents, ans.More = ans.Documents[:srch.Limit], true
	}
	return ans, rows.Err()
}

// numberParts is the number's parts as the index on the number holds them
// (migration 00006, the same expression): '/' before each part, '-' read as
// '/', up to nine leading zeros of a part dropped.
const numberParts = `replace(replace(replace(replace(replace(replace(replace(replace(replace('/' || replace(number, '-', '/'),
    '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/')`

// numberPart is what numberParts holds when the number, from the start of
// one of its parts, begins with text: text starting with a digit is looked
// for there, leading zeros of each part aside, as the till's list looks for
// it (store.numberText: a cashier types the number read on the customer's
// paper, without the series). ok is false for other text, which is the
// number's beginning, and for zeros alone, which are no part's start once
// dropped.
func numberPart(text string) (string, bool) {
	if text == "" || text[0] < '0' || text[0] > '9' {
		return "", false
	}
	s := "/" + strings.ReplaceAll(text, "-", "/")
	for range 9 { // numberParts' replaces
		s = strings.ReplaceAll(s, "/0", "/")
	}
	return s, s != "/"
}
