package agent

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// The draft store (SPEC section 10) as app.DraftRemote: every call goes to the
// service at once, and fails within about 2 s with CodeUnavailable when it
// cannot be reached (the client's timeouts), so the use case falls back to the
// local copy (R-D2). Errors are the service's own, holder included.

var _ app.DraftRemote = (*Agent)(nil)

// PutDraft parks d under lease (0 when the till did not open it from the
// store).
func (a *Agent) PutDraft(ctx context.Context, operator string, lease int64, d pos.Document) (app.DraftSummary, error) {
	defer a.touched()
	ans, err := a.client.PutDraft(ctx, protocol.DraftPut{Operator: operator, LeaseToken: lease, Document: d})
	if err != nil {
		return app.DraftSummary{}, err
	}
	return draftSummary(ans.Draft), nil
}

// OpenDraft takes the edit lease of a draft with its latest version.
func (a *Agent) OpenDraft(ctx context.Context, id, operator string) (app.DraftLease, error) {
	defer a.touched()
	ans, err := a.client.OpenDraft(ctx, id, operator)
	if err != nil {
		return app.DraftLease{}, err
	}
	return app.DraftLease{DraftID: id, Token: ans.Token, Expires: ans.Expires, Lease: ans.Lease(),
		Summary: draftSummary(*ans.Draft), Document: *ans.Document}, nil
}

// RenewDraft extends the lease of l.
func (a *Agent) RenewDraft(ctx context.Context, l app.DraftLease) (app.DraftLease, error) {
	defer a.touched()
	ans, err := a.client.RenewDraft(ctx, l.DraftID, l.Token)
	if err != nil {
		return l, err
	}
	l.Expires, l.Lease = ans.Expires, ans.Lease()
	return l, nil
}

// ReleaseDraft gives l back; a lease that no longer held is not an error.
func (a *Agent) ReleaseDraft(ctx context.Context, l app.DraftLease) error {
	defer a.touched()
	_, err := a.client.ReleaseDraft(ctx, l.DraftID, l.Token)
	return err
}

// DeleteDraft removes a draft from the store.
func (a *Agent) DeleteDraft(ctx context.Context, id, operator string, lease int64) error {
	defer a.touched()
	return a.client.DeleteDraft(ctx, id, protocol.DraftDelete{Operator: operator, LeaseToken: lease})
}

// Drafts lists a page of the center's drafts. The issue day is sent as its
// bounds in the day's own time zone (f.Day's location), which the service
// does not know.
func (a *Agent) Drafts(ctx context.Context, f app.DraftFilter) ([]app.DraftSummary, bool, error) {
	defer a.touched()
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("kind", string(f.Kind))
	set("seller", f.Seller)
	set("terminal", f.Terminal)
	set("q", f.Text)
	if !f.Day.IsZero() {
		y, m, d := f.Day.Date()
		from := time.Date(y, m, d, 0, 0, 0, 0, f.Day.Location())
		v.Set("issued_from", from.Format(time.RFC3339))
		v.Set("issued_to", from.AddDate(0, 0, 1).Format(time.RFC3339))
	}
	if f.Offset > 0 {
		v.Set("offset", strconv.Itoa(f.Offset))
	}
	if f.Limit > 0 {
		v.Set("limit", strconv.Itoa(min(f.Limit, protocol.MaxDrafts)))
	}
	list, err := a.client.Drafts(ctx, v)
	if err != nil {
		return nil, false, err
	}
	out := make([]app.DraftSummary, len(list.Drafts))
	for i, d := range list.Drafts {
		out[i] = draftSummary(d)
	}
	return out, list.More, nil
}

func draftSummary(s protocol.DraftSummary) app.DraftSummary {
	return app.DraftSummary{ID: s.ID, Kind: s.Kind, BarcodeNo: s.BarcodeNo, TempNumber: s.TempNumber,
		IssuedAt: s.IssuedAt, ModifiedAt: s.ModifiedAt, Gross: s.Gross, Net: s.Net, Seller: s.Seller,
		Terminal: s.Terminal, EditedBy: s.EditedBy, Version: s.Version,
		DraftParties: app.DraftParties{Customer: s.Customer, Recipient: s.Recipient, DeliveryPoint: s.DeliveryPoint,
			DeliveryAddress: s.DeliveryAddress, DeliveryDate: s.DeliveryDate, HandledBy: s.HandledBy}}
}

// PutDraft creates or replaces a draft.
func (c *Client) PutDraft(ctx context.Context, req protocol.DraftPut) (protocol.DraftAnswer, error) {
	var a protocol.DraftAnswer
	err := c.do(ctx, http.MethodPut, protocol.DraftPath(req.Document.ID), nil, req, func(b []byte) error {
		if err := decodeJSON(b, &a); err != nil {
			return err
		}
		if a.Draft.ID != req.Document.ID || a.Draft.Version <= 0 {
			return errors.New("draft answer does not match the request")
		}
		return nil
	})
	return a, err
}

// OpenDraft asks for a draft's edit lease.
func (c *Client) OpenDraft(ctx context.Context, id, operator string) (protocol.DraftLease, error) {
	var a protocol.DraftLease
	err := c.do(ctx, http.MethodPost, protocol.DraftOpenPath(id), nil, protocol.DraftOpen{Operator: operator},
		func(b []byte) error {
			var err error
			a, err = decodeDraftLease(b, id, true)
			return err
		})
	return a, err
}

// RenewDraft extends a draft's lease.
func (c *Client) RenewDraft(ctx context.Context, id string, token int64) (protocol.DraftLease, error) {
	var a protocol.DraftLease
	err := c.do(ctx, http.MethodPost, protocol.DraftRenewPath(id), nil, protocol.TokenRequest{Token: token},
		func(b []byte) error {
			var err error
			a, err = decodeDraftLease(b, id, false)
			return err
		})
	return a, err
}

// ReleaseDraft gives a draft's lease back and tells whether it still held.
func (c *Client) ReleaseDraft(ctx context.Context, id string, token int64) (bool, error) {
	var a protocol.UnlockAnswer
	err := c.do(ctx, http.MethodPost, protocol.DraftReleasePath(id), nil, protocol.TokenRequest{Token: token},
		func(b []byte) error { return decodeJSON(b, &a) })
	return a.Released, err
}

// DeleteDraft removes a draft; the service answers 204 without a body.
func (c *Client) DeleteDraft(ctx context.Context, id string, req protocol.DraftDelete) error {
	return c.do(ctx, http.MethodPost, protocol.DraftDeletePath(id), nil, req, func([]byte) error { return nil })
}

// Drafts reads a page of the draft list.
func (c *Client) Drafts(ctx context.Context, q url.Values) (protocol.DraftList, error) {
	var a protocol.DraftList
	err := c.do(ctx, http.MethodGet, protocol.PathDrafts, q, nil, func(b []byte) error { return decodeJSON(b, &a) })
	return a, err
}

// decodeDraftLease reads an open or renew answer for draft id: a positive
// token, a lease, and for an open the draft and its document.
func decodeDraftLease(data []byte, id string, withDraft bool) (protocol.DraftLease, error) {
	var a protocol.DraftLease
	if err := decodeJSON(data, &a); err != nil {
		return a, err
	}
	if a.DraftID != id || a.Token <= 0 || a.LeaseMS <= 0 ||
		(withDraft && (a.Draft == nil || a.Draft.ID != id || a.Document == nil || a.Document.ID != id)) {
		return a, errors.New("draft lease does not match the request")
	}
	return a, nil
}
