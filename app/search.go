package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// SearchResult is one page of the orders list as Search found it.
type SearchResult struct {
	// Rows are the local rows, then the rows only the data service has,
	// marked Remote, in number order.
	Rows []DocSummary
	// LocalOnly says the data service should have been asked and was not
	// reached: the rows are this till's only, and the screen says so.
	LocalOnly bool
	// RemoteErr is why the service did not answer, for the log; the search
	// itself succeeded with the local rows.
	RemoteErr error
}

// remoteSearchTimeout bounds the service's part of a search. The list does
// not wait for it (it shows the local rows meanwhile); without an answer by
// then it says its rows are this till's only.
const remoteSearchTimeout = 5 * time.Second

// remoteSearchLimit is how many of the service's documents a number search
// merges: one request, the protocol's largest page.
const remoteSearchLimit = 100

// Search returns a page of quotes and orders like List, and when the
// terminal's search method is local + data service (R-M2) and the filter has
// a number, it also asks the service and merges the documents not stored
// here, marked Remote (R-L4). The merged list is the local rows followed by
// the service's; pages are cut from it. Offline, or when the service does
// not answer, the page holds the local rows and LocalOnly is set: no error.
// A screen that must not wait for the service uses SearchPage and
// SearchRemote instead.
func (o *Orders) Search(ctx context.Context, f DocFilter) (SearchResult, error) {
	rows, ask, err := o.localRows(ctx, f)
	if err != nil || !ask {
		return SearchResult{Rows: rows}, err
	}
	remote, err := o.SearchRemote(ctx, f)
	if err != nil {
		return SearchResult{Rows: cutPage(rows, nil, f), LocalOnly: true, RemoteErr: err}, nil
	}
	return SearchResult{Rows: cutPage(rows, remote, f)}, nil
}

// SearchPage is Search's page made from the local rows and remote, the
// service's rows for the same filter as SearchRemote found them (nil while
// they are not in): a quick local read, for the screen's thread. ask tells
// whether the page would show the service's rows, so that the screen asks
// SearchRemote for them, off its thread.
func (o *Orders) SearchPage(ctx context.Context, f DocFilter, remote []DocSummary) (rows []DocSummary, ask bool, err error) {
	rows, ask, err = o.localRows(ctx, f)
	if err != nil || !ask {
		return rows, false, err
	}
	return cutPage(rows, remote, f), true, nil
}

// localRows reads the local rows of a search. When the service's rows may
// follow them on f's page (ask), they are all the local rows before the
// page's end; otherwise they are the page itself.
func (o *Orders) localRows(ctx context.Context, f DocFilter) (rows []DocSummary, ask bool, err error) {
	if strings.TrimSpace(f.Number) == "" || o.remote == nil {
		rows, err := o.List(ctx, f)
		return rows, false, err
	}
	p, err := o.store.Params(ctx)
	if err != nil {
		return nil, false, err
	}
	if p.SearchMethod != pos.SearchLocalAndERP {
		rows, err := o.List(ctx, f)
		return rows, false, err
	}
	// The local rows before this page's end: the service's rows follow them.
	local := f
	local.Offset, local.Limit = 0, f.Offset+f.Limit
	if f.Limit < 1 || f.Offset < 0 || local.Limit > 500 {
		// List refuses it with the error the screen shows.
		rows, err := o.List(ctx, f)
		return rows, false, err
	}
	rows, err = o.List(ctx, local)
	if err != nil {
		return nil, false, err
	}
	if len(rows) == local.Limit {
		// The page is all local rows.
		return rows[f.Offset:], false, nil
	}
	return rows, true, nil
}

// cutPage cuts f's page from the local rows before the page's end followed
// by the service's.
func cutPage(local, remote []DocSummary, f DocFilter) []DocSummary {
	all := append(local[:len(local):len(local)], remote...)
	if f.Offset >= len(all) {
		return nil
	}
	return all[f.Offset:min(len(all), f.Offset+f.Limit)]
}

// SearchRemote asks the data service for the documents of f's number, kinds
// and statuses, and returns those this till does not store and the rest of
// f selects, as rows marked Remote, in number order; f's offset and limit do
// not matter. It waits for the service, up to remoteSearchTimeout.
func (o *Orders) SearchRemote(ctx context.Context, f DocFilter) ([]DocSummary, error) {
	if c, ok := o.remote.(Connectivity); ok && !c.Online() {
		return nil, pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	kinds := f.Kinds
	if len(kinds) == 0 {
		kinds = []pos.Kind{pos.KindQuote, pos.KindOrder}
	}
	ctx, cancel := context.WithTimeout(ctx, remoteSearchTimeout)
	defer cancel()
	docs, _, err := o.remote.Search(ctx, RemoteSearch{Number: strings.TrimSpace(f.Number), Kinds: kinds,
		Statuses: f.Statuses, Limit: remoteSearchLimit})
	if err != nil {
		return nil, err
	}
	var out []DocSummary
	for _, rd := range docs {
		d := rd.Document
		if !slices.Contains(kinds, d.Kind) {
			continue
		}
		_, err := o.store.Document(ctx, d.ID)
		if err == nil {
			continue // stored here: the local row shows it
		}
		if pos.ErrorCode(err) != pos.CodeNotFound {
			return nil, err
		}
		s, ok := o.remoteSummary(ctx, &d, f)
		if ok {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b DocSummary) int { return strings.Compare(a.Number, b.Number) })
	return out, nil
}

// remoteSummary makes the list's row of a document only the service has, and
// tells whether the filters the service does not apply select it.
func (o *Orders) remoteSummary(ctx context.Context, d *pos.Document, f DocFilter) (DocSummary, bool) {
	tot, err := d.Totals()
	if err != nil {
		return DocSummary{}, false
	}
	s := DocSummary{ID: d.ID, Kind: d.Kind, Number: d.Number, BarcodeNo: d.BarcodeNo, Status: d.Status,
		Customer: d.Customer, Recipient: d.Recipient, HandledBy: d.HandledBy, Net: tot.Net, Gross: tot.Gross,
		IssuedAt: d.IssuedAt, DeliveryDate: d.DeliveryDate, ExpiryDate: d.ExpiryDate,
		DeliveryStatus: d.DeliveryStatus, PaymentStatus: d.PaymentStatus, Source: d.Source, Synced: true, Remote: true}
	if c, err := o.store.Customer(ctx, d.Customer); err == nil {
		s.Customer = c.Name
		if len(c.Addresses) > 0 {
			a := c.Addresses[0]
			s.Address = a.OneLine()
		}
	}
	in := func(t, from, to time.Time) bool {
		return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
	}
	ok := (f.Source == "" || s.Source == f.Source) &&
		(f.DeliveryStatus == "" || s.DeliveryStatus == f.DeliveryStatus) &&
		(f.PaymentStatus == "" || s.PaymentStatus == f.PaymentStatus) &&
		(f.MinGross == 0 || s.Gross >= f.MinGross) && (f.MaxGross == 0 || s.Gross <= f.MaxGross) &&
		in(s.IssuedAt, f.IssuedFrom, f.IssuedTo) && in(s.DeliveryDate, f.DeliveryFrom, f.DeliveryTo) &&
		(len(f.Statuses) == 0 || slices.Contains(f.Statuses, s.Status))
	return s, ok
}

// Fetch brings a document only the data service has (a Remote row) into
// the local store, as a pull would, and returns it with the documents
// generated from it: from then on the list selects and acts on it (R-L4).
func (o *Orders) Fetch(ctx context.Context, id string) (pos.Document, []pos.Related, error) {
	if _, err := o.login(); err != nil {
		return pos.Document{}, nil, err
	}
	if !o.session.Can(pos.RightOrders) {
		return pos.Document{}, nil, pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", string(pos.RightOrders))
	}
	if o.remote == nil {
		return pos.Document{}, nil, pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	rd, err := o.remote.Fetch(ctx, id)
	if err != nil {
		return pos.Document{}, nil, err
	}
	if err := o.store.SaveFetched(ctx, o.clock.Now(), rd.Document); err != nil {
		return pos.Document{}, nil, err
	}
	return o.Get(ctx, id)
}
