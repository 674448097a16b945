package pos

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The rules of SPEC section 5 (R-O1…R-O7), R-E5 and R-F4, checked against an
// independent statement of the spec (spec* below), over every action × status ×
// kind × related documents × rights.

// allActions lists every action Allowed knows.
var allActions = []Action{ActionEdit, ActionConfirm, ActionCancel, ActionClose, ActionOpen,
	ActionReceipt, ActionInvoice, ActionAdvance, ActionChangeStatus, ActionPickup, ActionDelete}

// relDoc builds a document generated from an order, as the order's rules see it.
func relDoc(k Kind, s Status, lines ...Line) Related {
	return Related{ID: fmt.Sprintf("%s-%s-%d", k, s, len(lines)), Kind: k, Number: string(k) + "/1", Status: s,
		Customer: "C1", Lines: lines}
}

// delivered is a line of a receipt or invoice fulfilling order line n (1-based).
func delivered(n int, q Qty) Line {
	l := ln(fmt.Sprintf("line%d", n), q, 100, 2300)
	l.OrderLine = n
	return l
}

// orderIn is a two-line order (or quote, per k) in status s.
func orderIn(k Kind, s Status) *Document {
	d := order(VATFromGross, ln("Hand mixer", Units(1), 4999, 2300), ln("Fan", Units(2), 2550, 2300))
	d.Kind, d.Status, d.Number = k, s, "COMC/1/2026/KRKASA1"
	return d
}

// relatedSets are the four situations of the documents generated from an order.
var relatedSets = []struct {
	name    string
	related []Related
}{
	{"no documents", nil},
	{"only cancelled documents", []Related{
		relDoc(KindReceipt, StatusCancelled, delivered(1, Units(1))),
		relDoc(KindAdvanceInvoice, StatusCancelled),
		relDoc(KindInvoice, StatusCancelled, delivered(2, Units(1))),
	}},
	{"a live receipt", []Related{relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1)))}},
	{"a live advance invoice", []Related{
		relDoc(KindReceipt, StatusCancelled, delivered(1, Units(1))),
		relDoc(KindAdvanceInvoice, StatusConfirmed),
	}},
}

// specRule states one action's rule as the spec and the seeds word it.
type specRule struct {
	ordersOnly bool
	// statuses the action is possible in, for a document of kind k.
	statuses func(k Kind, s Status) bool
	// docs: "" any documents; "live" refused by a document not cancelled; "any"
	// refused by any document, cancelled ones included.
	docs  string
	right func(k Kind) Right
}

func in(ss ...Status) func(Kind, Status) bool {
	return func(_ Kind, s Status) bool { return slices.Contains(ss, s) }
}

func fixedRight(r Right) func(Kind) Right { return func(Kind) Right { return r } }

// kindEditRight: quotes need quote.edit, orders order.edit.
func kindEditRight(k Kind) Right {
	if k == KindQuote {
		return RightQuoteEdit
	}
	return RightOrderEdit
}

var specRules = map[Action]specRule{
	// R-E1: modifiable until completed, closed or cancelled.
	ActionEdit:    {statuses: in(StatusUnconfirmed, StatusConfirmed, StatusInProgress), right: kindEditRight},
	ActionConfirm: {statuses: in(StatusUnconfirmed), right: kindEditRight},
	// R-O1: only Confirmed, no document that is not cancelled, the cancel right.
	ActionCancel: {statuses: in(StatusConfirmed), docs: "live", right: fixedRight(RightOrderCancel)},
	// R-O2: orders only, Confirmed or In progress, no document or only cancelled ones.
	ActionClose: {ordersOnly: true, statuses: in(StatusConfirmed, StatusInProgress), docs: "live", right: fixedRight(RightOrderCancel)},
	// R-O3: Confirmed, no document or only cancelled ones, the edit right of the kind.
	ActionOpen: {statuses: in(StatusConfirmed), docs: "live", right: kindEditRight},
	// R-O4: orders only, Confirmed or In progress, each document its right.
	ActionReceipt: {ordersOnly: true, statuses: in(StatusConfirmed, StatusInProgress), right: fixedRight(RightReceipt)},
	ActionInvoice: {ordersOnly: true, statuses: in(StatusConfirmed, StatusInProgress), right: fixedRight(RightInvoice)},
	ActionAdvance: {ordersOnly: true, statuses: in(StatusConfirmed, StatusInProgress), right: fixedRight(RightAdvanceInvoice)},
	// R-O7: only where the document's own kind has a transition to offer.
	ActionChangeStatus: {statuses: func(k Kind, s Status) bool { return len(NextStatuses(k, s)) > 0 }, right: kindEditRight},
	// R-O6: an order the customer can still collect; it sets the delivery status.
	ActionPickup: {ordersOnly: true, statuses: in(StatusConfirmed, StatusInProgress, StatusCompleted), right: fixedRight(RightDeliveryStatus)},
	// R-E5: only when no document is linked to it — cancelled documents are
	// still linked (they carry the order's id).
	ActionDelete: {statuses: in(StatusUnconfirmed, StatusConfirmed), docs: "any", right: kindEditRight},
}

// specAllowed is the expected answer: nil, or the code and key of the refusal.
// State is checked before rights: the same refusal whoever asks.
func specAllowed(a Action, o *Document, related []Related, g Group) *Error {
	if o.Kind != KindOrder && o.Kind != KindQuote {
		return &Error{Code: CodeInvalid, Key: "error.not_an_order"}
	}
	r := specRules[a]
	if r.ordersOnly && o.Kind != KindOrder {
		return &Error{Code: CodeConflict, Key: "error.action_orders_only"}
	}
	if !r.statuses(o.Kind, o.Status) {
		return &Error{Code: CodeConflict, Key: "error.action_status"}
	}
	liveDocs, liveAdvance := 0, false
	for _, d := range related {
		if d.Status != StatusCancelled {
			liveDocs++
			liveAdvance = liveAdvance || d.Kind == KindAdvanceInvoice
		}
	}
	if (r.docs == "live" && liveDocs > 0) || (r.docs == "any" && len(related) > 0) {
		return &Error{Code: CodeConflict, Key: "error.action_has_documents"}
	}
	if a == ActionReceipt && liveAdvance {
		return &Error{Code: CodeConflict, Key: "error.receipt_after_advance"}
	}
	if a == ActionPickup && o.DeliveryStatus == DeliveryPickedUp {
		return &Error{Code: CodeConflict, Key: "error.already_picked_up"}
	}
	if !g.Has(r.right(o.Kind)) {
		return &Error{Code: CodeForbidden, Key: "error.right_missing", Args: map[string]any{"Right": string(r.right(o.Kind))}}
	}
	return nil
}

// groupsFor returns every right, only the right the action needs, and every
// right but that one.
func groupsFor(need Right) []struct {
	name string
	g    Group
	has  bool
} {
	var without []Right
	for _, r := range AllRights {
		if r != need {
			without = append(without, r)
		}
	}
	return []struct {
		name string
		g    Group
		has  bool
	}{
		{"all rights", Group{Code: "managers", Rights: AllRights}, true},
		{"only " + string(need), Group{Code: "just", Rights: []Right{need}}, true},
		{"all but " + string(need), Group{Code: "without", Rights: without}, false},
		{"no rights", Group{Code: "none"}, false},
	}
}

// checkSame asserts that got is the expected answer, code, key and (for a
// missing right) which right.
func checkSame(t assert.TestingT, want *Error, got error, msg string) bool {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	if want == nil {
		return assert.NoError(t, got, msg)
	}
	if !assert.Error(t, got, "%s: want %s", msg, want) {
		return false
	}
	e, ok := AsError(got)
	if !assert.True(t, ok, "%s: want a *pos.Error, got %T", msg, got) {
		return false
	}
	okc := assert.Equal(t, want.Code, e.Code, "%s: code of %v", msg, got)
	okk := assert.Equal(t, want.Key, e.Key, "%s: key of %v", msg, got)
	if r, ok := want.Args["Right"]; ok {
		okk = assert.Equal(t, r, e.Args["Right"], "%s: right named by %v", msg, got) && okk
	}
	return okc && okk
}

// outcome summarises an answer of Allowed: "allowed", or code/key[/right].
func outcome(err error) string {
	if e, ok := err.(*Error); err == nil || ok && e == nil {
		return "allowed"
	}
	e, ok := AsError(err)
	if !ok {
		return fmt.Sprintf("non-pos error %T %v", err, err)
	}
	s := string(e.Code) + "/" + e.Key
	if r, ok := e.Args["Right"]; ok {
		s += fmt.Sprintf("/%v", r)
	}
	return s
}

// TestAllowedMatrix: every action × every status × order/quote × the four
// document situations × groups with and without the right.
func TestAllowedMatrix(t *testing.T) {
	for _, a := range allActions {
		t.Run(string(a), func(t *testing.T) {
			var mismatches []string
			cells := 0
			for _, k := range []Kind{KindOrder, KindQuote} {
				need := specRules[a].right(k)
				for _, s := range Statuses {
					for _, rs := range relatedSets {
						for _, gc := range groupsFor(need) {
							o := orderIn(k, s)
							want := outcome(specAllowed(a, o, rs.related, gc.g))
							got := outcome(Allowed(a, o, rs.related, gc.g))
							cells++
							if got != want {
								mismatches = append(mismatches, fmt.Sprintf("%s %s, %s, %s: want %s, got %s", k, s, rs.name, gc.name, want, got))
							}
						}
					}
				}
			}
			if len(mismatches) > 0 {
				assert.Failf(t, "cells differ from the spec", "%d of %d:\n%s", len(mismatches), cells, strings.Join(mismatches, "\n"))
			}
		})
	}
}

// TestAllowedSpecSentences pins the sentences of section 5 one by one, so a
// failure reads like the spec.
func TestAllowedSpecSentences(t *testing.T) {
	all := Group{Rights: AllRights}
	noCancelled := []Related{relDoc(KindReceipt, StatusCancelled, delivered(1, Units(1)))}
	liveReceipt := []Related{relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1)))}
	liveInvoice := []Related{relDoc(KindInvoice, StatusConfirmed, delivered(1, Units(1)))}
	liveAdvance := []Related{relDoc(KindAdvanceInvoice, StatusConfirmed)}
	cancelledAdvance := []Related{relDoc(KindAdvanceInvoice, StatusCancelled)}
	unconfirmedReceipt := []Related{relDoc(KindReceipt, StatusUnconfirmed, delivered(1, Units(1)))}
	cases := []struct {
		name    string
		a       Action
		k       Kind
		s       Status
		related []Related
		code    Code // "" for allowed
		key     string
	}{
		// R-O1
		{"cancel a confirmed order", ActionCancel, KindOrder, StatusConfirmed, nil, "", ""},
		{"cancel with only a cancelled receipt", ActionCancel, KindOrder, StatusConfirmed, noCancelled, "", ""},
		{"cancel refused with a live receipt", ActionCancel, KindOrder, StatusConfirmed, liveReceipt, CodeConflict, "error.action_has_documents"},
		{"cancel refused with a live advance invoice", ActionCancel, KindOrder, StatusConfirmed, liveAdvance, CodeConflict, "error.action_has_documents"},
		{"cancel refused with a receipt not yet paid", ActionCancel, KindOrder, StatusConfirmed, unconfirmedReceipt, CodeConflict, "error.action_has_documents"},
		{"cancel refused in progress", ActionCancel, KindOrder, StatusInProgress, nil, CodeConflict, "error.action_status"},
		{"cancel refused unconfirmed", ActionCancel, KindOrder, StatusUnconfirmed, nil, CodeConflict, "error.action_status"},
		{"cancel a confirmed quote", ActionCancel, KindQuote, StatusConfirmed, nil, "", ""},
		// R-O2
		{"close a confirmed order", ActionClose, KindOrder, StatusConfirmed, nil, "", ""},
		{"close an order in progress", ActionClose, KindOrder, StatusInProgress, noCancelled, "", ""},
		{"close refused with a live invoice", ActionClose, KindOrder, StatusInProgress, liveInvoice, CodeConflict, "error.action_has_documents"},
		{"close refused completed", ActionClose, KindOrder, StatusCompleted, nil, CodeConflict, "error.action_status"},
		{"close refused on a quote", ActionClose, KindQuote, StatusConfirmed, nil, CodeConflict, "error.action_orders_only"},
		// R-O3
		{"open a confirmed order", ActionOpen, KindOrder, StatusConfirmed, noCancelled, "", ""},
		{"open refused in progress", ActionOpen, KindOrder, StatusInProgress, nil, CodeConflict, "error.action_status"},
		{"open refused with a live advance", ActionOpen, KindOrder, StatusConfirmed, liveAdvance, CodeConflict, "error.action_has_documents"},
		{"open a confirmed quote", ActionOpen, KindQuote, StatusConfirmed, nil, "", ""},
		// R-O4
		{"receipt from a confirmed order", ActionReceipt, KindOrder, StatusConfirmed, nil, "", ""},
		{"second receipt in progress", ActionReceipt, KindOrder, StatusInProgress, liveReceipt, "", ""},
		{"receipt refused after an advance invoice", ActionReceipt, KindOrder, StatusConfirmed, liveAdvance, CodeConflict, "error.receipt_after_advance"},
		{"receipt refused after an advance invoice, in progress", ActionReceipt, KindOrder, StatusInProgress, append(liveAdvance, liveInvoice...), CodeConflict, "error.receipt_after_advance"},
		{"receipt once the advance invoice is cancelled", ActionReceipt, KindOrder, StatusConfirmed, cancelledAdvance, "", ""},
		{"invoice after an advance invoice", ActionInvoice, KindOrder, StatusConfirmed, liveAdvance, "", ""},
		{"advance after an advance", ActionAdvance, KindOrder, StatusInProgress, liveAdvance, "", ""},
		{"receipt refused completed", ActionReceipt, KindOrder, StatusCompleted, nil, CodeConflict, "error.action_status"},
		{"invoice refused unconfirmed", ActionInvoice, KindOrder, StatusUnconfirmed, nil, CodeConflict, "error.action_status"},
		{"advance refused closed", ActionAdvance, KindOrder, StatusClosed, nil, CodeConflict, "error.action_status"},
		{"receipt refused on a quote", ActionReceipt, KindQuote, StatusConfirmed, nil, CodeConflict, "error.action_orders_only"},
		{"invoice refused on a quote", ActionInvoice, KindQuote, StatusAccepted, nil, CodeConflict, "error.action_orders_only"},
		// R-E5
		{"delete an unconfirmed order", ActionDelete, KindOrder, StatusUnconfirmed, nil, "", ""},
		{"delete refused with a live receipt", ActionDelete, KindOrder, StatusConfirmed, liveReceipt, CodeConflict, "error.action_has_documents"},
		{"delete refused with a cancelled receipt still linked", ActionDelete, KindOrder, StatusConfirmed, noCancelled, CodeConflict, "error.action_has_documents"},
		// Edit: quotes and orders until completed.
		{"edit a quote", ActionEdit, KindQuote, StatusConfirmed, nil, "", ""},
		{"edit an order in progress", ActionEdit, KindOrder, StatusInProgress, liveReceipt, "", ""},
		{"edit refused completed", ActionEdit, KindOrder, StatusCompleted, nil, CodeConflict, "error.action_status"},
		// R-O7
		{"change status of a confirmed quote", ActionChangeStatus, KindQuote, StatusConfirmed, nil, "", ""},
		{"change status of a completed order (close)", ActionChangeStatus, KindOrder, StatusCompleted, nil, "", ""},
		{"change status refused on a completed quote: no transition", ActionChangeStatus, KindQuote, StatusCompleted, nil, CodeConflict, "error.action_status"},
		{"change status refused on a cancelled order", ActionChangeStatus, KindOrder, StatusCancelled, nil, CodeConflict, "error.action_status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Allowed(c.a, orderIn(c.k, c.s), c.related, all)
			if c.code == "" {
				assert.NoError(t, err)
				return
			}
			requireErrKey(t, err, c.code, c.key)
		})
	}
}

func TestAllowedStatusErrorArgs(t *testing.T) {
	err := Allowed(ActionCancel, orderIn(KindOrder, StatusInProgress), nil, Group{Rights: AllRights})
	e, ok := AsError(err)
	require.True(t, ok)
	assert.Equal(t, map[string]any{"Action": "cancel", "Status": "in_progress"}, e.Args)
}

// TestAllowedRights: each action asks for exactly its right, and says which.
func TestAllowedRights(t *testing.T) {
	cases := []struct {
		a    Action
		k    Kind
		s    Status
		want Right
	}{
		{ActionEdit, KindOrder, StatusConfirmed, RightOrderEdit},
		{ActionEdit, KindQuote, StatusConfirmed, RightQuoteEdit},
		{ActionConfirm, KindOrder, StatusUnconfirmed, RightOrderEdit},
		{ActionConfirm, KindQuote, StatusUnconfirmed, RightQuoteEdit},
		{ActionCancel, KindOrder, StatusConfirmed, RightOrderCancel},
		{ActionClose, KindOrder, StatusInProgress, RightOrderCancel},
		{ActionOpen, KindOrder, StatusConfirmed, RightOrderEdit},
		{ActionOpen, KindQuote, StatusConfirmed, RightQuoteEdit},
		{ActionReceipt, KindOrder, StatusConfirmed, RightReceipt},
		{ActionInvoice, KindOrder, StatusInProgress, RightInvoice},
		{ActionAdvance, KindOrder, StatusConfirmed, RightAdvanceInvoice},
		{ActionChangeStatus, KindOrder, StatusConfirmed, RightOrderEdit},
		{ActionChangeStatus, KindQuote, StatusAccepted, RightQuoteEdit},
		{ActionPickup, KindOrder, StatusCompleted, RightDeliveryStatus},
		{ActionDelete, KindOrder, StatusUnconfirmed, RightOrderEdit},
		{ActionDelete, KindQuote, StatusUnconfirmed, RightQuoteEdit},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s %s", c.a, c.k), func(t *testing.T) {
			o := orderIn(c.k, c.s)
			assert.NoError(t, Allowed(c.a, o, nil, Group{Rights: []Right{c.want}}))
			for _, gc := range groupsFor(c.want)[2:] {
				err := Allowed(c.a, o, nil, gc.g)
				requireErrKey(t, err, CodeForbidden, "error.right_missing")
				e, _ := AsError(err)
				assert.Equal(t, string(c.want), e.Args["Right"], gc.name)
			}
		})
	}
	// A quote right does not edit orders, nor the other way round.
	requireErrKey(t, Allowed(ActionEdit, orderIn(KindOrder, StatusConfirmed), nil, Group{Rights: []Right{RightQuoteEdit}}), CodeForbidden, "error.right_missing")
	requireErrKey(t, Allowed(ActionEdit, orderIn(KindQuote, StatusConfirmed), nil, Group{Rights: []Right{RightOrderEdit}}), CodeForbidden, "error.right_missing")
}

// TestAllowedPickup: R-O6 — available while the delivery status is not
// "Picked up".
func TestAllowedPickup(t *testing.T) {
	all := Group{Rights: AllRights}
	for _, s := range Statuses {
		for _, ds := range []string{"", "to_pick", "ready", DeliveryPickedUp} {
			o := orderIn(KindOrder, s)
			o.DeliveryStatus = ds
			want := specAllowed(ActionPickup, o, nil, all)
			checkSame(t, want, Allowed(ActionPickup, o, nil, all), fmt.Sprintf("pickup %s delivery %q", s, ds))
		}
	}
	o := orderIn(KindOrder, StatusCompleted)
	o.DeliveryStatus = DeliveryPickedUp
	requireErrKey(t, Allowed(ActionPickup, o, nil, all), CodeConflict, "error.already_picked_up")
	requireErrKey(t, Allowed(ActionPickup, o, nil, Group{}), CodeConflict, "error.already_picked_up")
	o.DeliveryStatus = "ready"
	assert.NoError(t, Allowed(ActionPickup, o, nil, all))
	requireErrKey(t, Allowed(ActionPickup, orderIn(KindQuote, StatusConfirmed), nil, all), CodeConflict, "error.action_orders_only")
}

func TestAllowedRefusesNonOrders(t *testing.T) {
	all := Group{Rights: AllRights}
	for _, k := range []Kind{KindReceipt, KindInvoice, KindAdvanceInvoice, "", "XYZ"} {
		for _, a := range allActions {
			for _, s := range Statuses {
				err := Allowed(a, orderIn(k, s), nil, all)
				requireErrKey(t, err, CodeInvalid, "error.not_an_order")
			}
		}
	}
}

func TestAllowedUnknownAction(t *testing.T) {
	for _, a := range []Action{"", "refund", "CANCEL"} {
		err := Allowed(a, orderIn(KindOrder, StatusConfirmed), nil, Group{Rights: AllRights})
		requireErrKey(t, err, CodeInvalid, "error.action_unknown")
	}
}

func TestAllowedDoesNotMutate(t *testing.T) {
	o := orderIn(KindOrder, StatusConfirmed)
	before := *o
	before.Lines = slices.Clone(o.Lines)
	related := []Related{relDoc(KindReceipt, StatusCancelled, delivered(1, Units(1))), relDoc(KindAdvanceInvoice, StatusConfirmed)}
	relBefore := slices.Clone(related)
	for _, a := range allActions {
		_ = Allowed(a, o, related, Group{Rights: AllRights})
	}
	assert.Equal(t, before, *o)
	assert.Equal(t, relBefore, related)
}

func TestHasAdvance(t *testing.T) {
	assert.False(t, HasAdvance(nil))
	assert.False(t, HasAdvance([]Related{relDoc(KindReceipt, StatusConfirmed), relDoc(KindInvoice, StatusConfirmed)}))
	assert.False(t, HasAdvance([]Related{relDoc(KindAdvanceInvoice, StatusCancelled)}), "a cancelled advance does not count")
	assert.True(t, HasAdvance([]Related{relDoc(KindAdvanceInvoice, StatusCancelled), relDoc(KindAdvanceInvoice, StatusConfirmed)}))
	assert.True(t, HasAdvance([]Related{relDoc(KindAdvanceInvoice, StatusUnconfirmed)}), "an advance being paid counts")
}

func TestRelatedOf(t *testing.T) {
	d := &Document{ID: "r1", Kind: KindReceipt, Number: "R/1", Status: StatusConfirmed, Customer: "C1",
		VATMethod: VATFromGross, Lines: []Line{delivered(1, Units(2)), delivered(2, Units(1))}}
	r, err := RelatedOf(d)
	require.NoError(t, err)
	assert.Equal(t, Related{ID: "r1", Kind: KindReceipt, Number: "R/1", Status: StatusConfirmed, Customer: "C1",
		Gross: 300, Lines: d.Lines}, r)

	bad := &Document{Kind: KindReceipt, VATMethod: "bogus"}
	_, err = RelatedOf(bad)
	requireErrKey(t, err, CodeInvalid, "error.vat_method_invalid")
}

// genGroup draws a group with any subset of the rights.
var genGroup = rapid.Custom(func(t *rapid.T) Group {
	var rs []Right
	for _, r := range AllRights {
		if rapid.Bool().Draw(t, "has_"+string(r)) {
			rs = append(rs, r)
		}
	}
	return Group{Code: "g", Rights: rs}
})

var genRelated = rapid.Custom(func(t *rapid.T) Related {
	k := rapid.SampledFrom([]Kind{KindReceipt, KindInvoice, KindAdvanceInvoice}).Draw(t, "kind")
	s := rapid.SampledFrom([]Status{StatusConfirmed, StatusUnconfirmed, StatusCancelled}).Draw(t, "status")
	return relDoc(k, s, delivered(1, Units(1)))
})

// drawAllowedInput draws any action on any order or quote with any documents
// and any rights.
func drawAllowedInput(t *rapid.T) (Action, *Document, []Related, Group) {
	a := rapid.SampledFrom(allActions).Draw(t, "action")
	o := orderIn(rapid.SampledFrom([]Kind{KindOrder, KindQuote}).Draw(t, "kind"), rapid.SampledFrom(Statuses).Draw(t, "status"))
	o.DeliveryStatus = rapid.SampledFrom([]string{"", "ready", DeliveryPickedUp}).Draw(t, "delivery")
	related := rapid.SliceOfN(genRelated, 0, 4).Draw(t, "related")
	return a, o, related, genGroup.Draw(t, "group")
}

// TestAllowedMatchesSpecProperty: Allowed agrees with the spec for any inputs.
func TestAllowedMatchesSpecProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, o, related, g := drawAllowedInput(t)
		assert.Equal(t, outcome(specAllowed(a, o, related, g)), outcome(Allowed(a, o, related, g)))
	})
}

// TestAllowedRightsProperty: more rights never refuse what fewer allowed, and a
// refusal for the state of the order is the same whoever asks.
func TestAllowedRightsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, o, related, g := drawAllowedInput(t)
		got := Allowed(a, o, related, g)
		all := Allowed(a, o, related, Group{Rights: AllRights})
		if got == nil {
			assert.NoError(t, all, "more rights refused what fewer allowed")
		}
		switch ErrorCode(got) {
		case CodeConflict, CodeInvalid:
			assert.Equal(t, got, all, "a state refusal depends on rights")
		case CodeForbidden:
			assert.NoError(t, all, "refused for a right, yet refused with every right")
		}
	})
}

// TestAllowedIgnoresCancelledProperty: cancelled documents never change the
// answer (R-O1…R-O4: "no document or only cancelled ones"), except for deleting
// (R-E5: a cancelled document is still linked).
func TestAllowedIgnoresCancelledProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, o, related, g := drawAllowedInput(t)
		if a == ActionDelete {
			return // R-E5 counts cancelled documents: TestAllowedMatrix covers delete
		}
		withCancelled := append(slices.Clone(related), relDoc(KindAdvanceInvoice, StatusCancelled),
			relDoc(KindReceipt, StatusCancelled, delivered(2, Units(5))))
		assert.Equal(t, Allowed(a, o, related, g), Allowed(a, o, withCancelled, g))
	})
}

// TestCanChangeDictStatus: R-F4 — each dictionary with its own right, only on
// Unconfirmed, Confirmed or In progress orders.
func TestCanChangeDictStatus(t *testing.T) {
	open := []Status{StatusUnconfirmed, StatusConfirmed, StatusInProgress}
	dicts := []struct {
		dict  string
		right Right
		other Right
	}{
		{DictDeliveryStatus, RightDeliveryStatus, RightPaymentStatus},
		{DictPaymentStatus, RightPaymentStatus, RightDeliveryStatus},
	}
	for _, d := range dicts {
		for _, s := range Statuses {
			groups := []struct {
				name string
				g    Group
				has  bool
			}{
				{"all rights", Group{Rights: AllRights}, true},
				{"only its right", Group{Rights: []Right{d.right}}, true},
				{"only the other dictionary's right", Group{Rights: []Right{d.other}}, false},
				{"every right but its own", Group{Rights: slices.DeleteFunc(slices.Clone(AllRights), func(r Right) bool { return r == d.right })}, false},
			}
			for _, gc := range groups {
				msg := fmt.Sprintf("%s on %s, %s", d.dict, s, gc.name)
				err := CanChangeDictStatus(d.dict, orderIn(KindOrder, s), gc.g)
				switch {
				case !slices.Contains(open, s):
					if assert.Error(t, err, msg) {
						requireErrKey(t, err, CodeConflict, "error.action_status")
						e, _ := AsError(err)
						assert.Equal(t, d.dict, e.Args["Action"], msg)
						assert.Equal(t, string(s), e.Args["Status"], msg)
					}
				case !gc.has:
					if assert.Error(t, err, msg) {
						requireErrKey(t, err, CodeForbidden, "error.right_missing")
						e, _ := AsError(err)
						assert.Equal(t, string(d.right), e.Args["Right"], msg)
					}
				default:
					assert.NoError(t, err, msg)
				}
			}
		}
	}
}

// An unknown dictionary is not the delivery status: a malformed request (from a
// screen bug or a protocol message) must be refused, not checked against the
// delivery right.
func TestCanChangeDictStatusUnknownDict(t *testing.T) {
	for _, dict := range []string{"", "bogus", "Delivery_Status"} {
		err := CanChangeDictStatus(dict, orderIn(KindOrder, StatusConfirmed), Group{Rights: AllRights})
		if assert.Error(t, err, "dictionary %q accepted", dict) {
			assert.Equal(t, CodeInvalid, ErrorCode(err), "dictionary %q", dict)
		}
	}
}

// R-F4 speaks of orders: a receipt or an invoice has no delivery or payment
// status of its own to change, however Confirmed it is.
func TestCanChangeDictStatusNonOrders(t *testing.T) {
	for _, k := range []Kind{KindReceipt, KindInvoice, KindAdvanceInvoice} {
		for _, dict := range []string{DictDeliveryStatus, DictPaymentStatus} {
			err := CanChangeDictStatus(dict, orderIn(k, StatusConfirmed), Group{Rights: AllRights})
			if assert.Error(t, err, "%s of a %s", dict, k) {
				requireErrKey(t, err, CodeInvalid, "error.not_an_order")
			}
		}
	}
}

// orderOf builds an order with the given ordered quantities.
func orderOf(qs ...Qty) *Document {
	lines := make([]Line, len(qs))
	for i, q := range qs {
		lines[i] = ln(fmt.Sprintf("item%d", i+1), q, 1000, 2300)
	}
	d := order(VATFromGross, lines...)
	d.Status, d.Number = StatusConfirmed, "COMC/7/2026/KRKASA1"
	return d
}

func TestToDeliver(t *testing.T) {
	cases := []struct {
		name    string
		ordered []Qty
		related []Related
		want    []Qty
	}{
		{"nothing generated", []Qty{Units(3), 9814}, nil, []Qty{Units(3), 9814}},
		{"partial receipt", []Qty{Units(3), Units(2)},
			[]Related{relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1)))},
			[]Qty{Units(2), Units(2)}},
		{"a receipt and an invoice", []Qty{Units(3), Units(2), Units(1)},
			[]Related{
				relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1)), delivered(2, Units(2))),
				relDoc(KindInvoice, StatusConfirmed, delivered(1, 15000)),
			},
			[]Qty{5000, 0, Units(1)}},
		{"the same line on two lines of one document", []Qty{Units(5)},
			[]Related{relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1)), delivered(1, Units(2)))},
			[]Qty{Units(2)}},
		{"cancelled documents ignored", []Qty{Units(3), Units(2)},
			[]Related{
				relDoc(KindReceipt, StatusCancelled, delivered(1, Units(3)), delivered(2, Units(2))),
				relDoc(KindInvoice, StatusConfirmed, delivered(2, Units(1))),
				relDoc(KindInvoice, StatusCancelled, delivered(2, Units(1))),
			},
			[]Qty{Units(3), Units(1)}},
		{"advance invoices deliver nothing", []Qty{Units(3)},
			[]Related{relDoc(KindAdvanceInvoice, StatusConfirmed, delivered(1, Units(3)))},
			[]Qty{Units(3)}},
		{"never negative when more was delivered", []Qty{Units(1), Units(2)},
			[]Related{relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(4)), delivered(2, Units(1)))},
			[]Qty{0, Units(1)}},
		{"items added beyond the order fulfil nothing", []Qty{Units(1)},
			[]Related{relDoc(KindReceipt, StatusConfirmed, ln("extra", Units(5), 100, 2300))},
			[]Qty{Units(1)}},
		{"line numbers outside the order ignored", []Qty{Units(1)},
			[]Related{relDoc(KindReceipt, StatusConfirmed, delivered(2, Units(1)), delivered(-1, Units(1)))},
			[]Qty{Units(1)}},
		{"quotes and orders among related deliver nothing", []Qty{Units(2)},
			[]Related{relDoc(KindOrder, StatusConfirmed, delivered(1, Units(2))), relDoc(KindQuote, StatusConfirmed, delivered(1, Units(2)))},
			[]Qty{Units(2)}},
		{"zero ordered", []Qty{0}, nil, []Qty{0}},
		{"no lines", nil, nil, []Qty{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := orderOf(c.ordered...)
			got := ToDeliver(o, c.related)
			assert.Equal(t, c.want, got)
			want := StatusCompleted
			for _, q := range c.want {
				if q > 0 {
					want = StatusInProgress
				}
			}
			assert.Equal(t, want, StatusAfterDocument(o, c.related))
		})
	}
}

// TestStatusAfterDocument: R-O5 and R-G5 — partial receipts leave the order In
// progress; the last one completes it.
func TestStatusAfterDocument(t *testing.T) {
	o := orderOf(Units(2), 9814)
	first := relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1)))
	assert.Equal(t, StatusInProgress, StatusAfterDocument(o, []Related{first}))
	second := relDoc(KindInvoice, StatusConfirmed, delivered(1, Units(1)), delivered(2, 9814))
	assert.Equal(t, StatusCompleted, StatusAfterDocument(o, []Related{first, second}))
	assert.Equal(t, StatusCompleted, StatusAfterDocument(o, []Related{first, second, relDoc(KindReceipt, StatusCancelled, delivered(1, Units(2)))}),
		"a cancelled document gives nothing back")
	second.Status = StatusCancelled
	assert.Equal(t, StatusInProgress, StatusAfterDocument(o, []Related{first, second}), "the completing document was cancelled")
	adv := relDoc(KindAdvanceInvoice, StatusConfirmed, delivered(1, Units(2)), delivered(2, 9814))
	assert.Equal(t, StatusInProgress, StatusAfterDocument(o, []Related{adv}), "an advance invoice delivers nothing")
}

// drawDeliveries draws receipts and invoices that never deliver more than was
// ordered, plus noise that must not count: cancelled documents with any
// quantities, advance invoices, extra items. It returns the related documents
// (shuffled) and what the live receipts and invoices delivered per line.
func drawDeliveries(t *rapid.T, ordered []Qty) ([]Related, []Qty) {
	left := slices.Clone(ordered)
	sum := make([]Qty, len(ordered))
	var related []Related
	n := rapid.IntRange(0, 5).Draw(t, "documents")
	for d := range n {
		k := rapid.SampledFrom([]Kind{KindReceipt, KindInvoice}).Draw(t, fmt.Sprintf("kind%d", d))
		var lines []Line
		for i := range ordered {
			if left[i] == 0 || !rapid.Bool().Draw(t, fmt.Sprintf("has%d_%d", d, i)) {
				continue
			}
			q := Qty(rapid.Int64Range(0, int64(left[i])).Draw(t, fmt.Sprintf("q%d_%d", d, i)))
			left[i] -= q
			sum[i] += q
			lines = append(lines, delivered(i+1, q))
		}
		if rapid.Bool().Draw(t, fmt.Sprintf("extra%d", d)) {
			lines = append(lines, ln("extra", Units(1), 100, 2300))
		}
		r := relDoc(k, StatusConfirmed, lines...)
		r.ID = fmt.Sprintf("doc%d", d)
		related = append(related, r)
	}
	for c := range rapid.IntRange(0, 2).Draw(t, "noise") {
		var lines []Line
		for i := range ordered {
			lines = append(lines, delivered(i+1, Qty(rapid.Int64Range(0, int64(MaxQty)).Draw(t, fmt.Sprintf("nq%d_%d", c, i)))))
		}
		related = append(related,
			relDoc(rapid.SampledFrom([]Kind{KindReceipt, KindInvoice}).Draw(t, fmt.Sprintf("nk%d", c)), StatusCancelled, lines...),
			relDoc(KindAdvanceInvoice, rapid.SampledFrom([]Status{StatusConfirmed, StatusCancelled}).Draw(t, fmt.Sprintf("as%d", c)), lines...))
	}
	return rapid.Permutation(related).Draw(t, "order"), sum
}

var genOrdered = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Qty {
	if rapid.Bool().Draw(t, "whole") {
		return Units(rapid.Int64Range(0, 20).Draw(t, "units"))
	}
	return Qty(rapid.Int64Range(0, int64(MaxQty)).Draw(t, "qty"))
}), 0, 8)

// TestToDeliverProperty: for any partial deliveries not exceeding the order,
// per line sum(delivered) + ToDeliver == ordered, never negative, and the order
// is Completed iff nothing remains.
func TestToDeliverProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ordered := genOrdered.Draw(t, "ordered")
		o := orderOf(ordered...)
		related, sum := drawDeliveries(t, ordered)
		left := ToDeliver(o, related)
		require.Len(t, left, len(ordered))
		allZero := true
		for i := range ordered {
			assert.GreaterOrEqual(t, left[i], Qty(0), "line %d", i+1)
			assert.Equal(t, ordered[i], sum[i]+left[i], "line %d: delivered %s + to deliver %s", i+1, sum[i], left[i])
			allZero = allZero && left[i] == 0
		}
		st := StatusAfterDocument(o, related)
		assert.Equal(t, allZero, st == StatusCompleted, "status %s with %v left", st, left)
		assert.Contains(t, []Status{StatusCompleted, StatusInProgress}, st)
	})
}

// TestToDeliverNeverNegativeProperty: whatever the documents hold, even more
// than was ordered, nothing is ever negative nor above what was ordered.
func TestToDeliverNeverNegativeProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ordered := genOrdered.Draw(t, "ordered")
		o := orderOf(ordered...)
		var related []Related
		for d := range rapid.IntRange(0, 4).Draw(t, "documents") {
			var lines []Line
			for j := range rapid.IntRange(0, 6).Draw(t, fmt.Sprintf("lines%d", d)) {
				l := delivered(rapid.IntRange(-1, len(ordered)+1).Draw(t, fmt.Sprintf("ol%d_%d", d, j)),
					Qty(rapid.Int64Range(0, int64(MaxQty)).Draw(t, fmt.Sprintf("q%d_%d", d, j))))
				lines = append(lines, l)
			}
			related = append(related, genRelated.Draw(t, fmt.Sprintf("doc%d", d)))
			related[len(related)-1].Lines = lines
		}
		for i, q := range ToDeliver(o, related) {
			assert.GreaterOrEqual(t, q, Qty(0), "line %d", i+1)
			assert.LessOrEqual(t, q, ordered[i], "line %d", i+1)
		}
	})
}

// TestAllowedStatusChangeKeepsEachOperationsRules: [Change status] cannot be
// used to cancel or close past R-O1/R-O2 or without their right, nor to reach
// In progress or Completed, which only generated documents reach (R-O5).
func TestAllowedStatusChangeKeepsEachOperationsRules(t *testing.T) {
	editor := Group{Rights: []Right{RightOrderEdit}}
	manager := Group{Rights: AllRights}
	o := &Document{Kind: KindOrder, Status: StatusConfirmed}
	receipt := []Related{{Kind: KindReceipt, Status: StatusConfirmed}}

	requireErrKey(t, AllowedStatusChange(o, StatusCancelled, nil, editor), CodeForbidden, "error.right_missing")
	requireErrKey(t, AllowedStatusChange(o, StatusCancelled, receipt, manager), CodeConflict, "error.action_has_documents")
	requireErrKey(t, AllowedStatusChange(o, StatusClosed, receipt, manager), CodeConflict, "error.action_has_documents")
	requireErrKey(t, AllowedStatusChange(o, StatusCompleted, nil, manager), CodeConflict, "error.status_by_documents")
	requireErrKey(t, AllowedStatusChange(o, StatusAccepted, nil, manager), CodeConflict, "error.status_transition")
	require.NoError(t, AllowedStatusChange(o, StatusCancelled, nil, manager))
	require.NoError(t, AllowedStatusChange(o, StatusUnconfirmed, nil, editor))

	q := &Document{Kind: KindQuote, Status: StatusConfirmed}
	require.NoError(t, AllowedStatusChange(q, StatusAccepted, nil, Group{Rights: []Right{RightQuoteEdit}}))
}
