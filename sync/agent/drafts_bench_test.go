package agent

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/protocol"
)

// The figures of docs/benchmarks.md (Drafts section):
//
//	go test -run '^$' -bench DraftList -benchtime 200x ./sync/agent/

// BenchmarkDraftList reads the draft list's first page (50 rows, as the
// screen asks) through the agent over loopback, with 5,000 drafts of the
// center in the store, unfiltered and under each filter change of R-D6.
func BenchmarkDraftList(b *testing.B) {
	const n = 5000
	w := startWorld(b, worldOpts{})
	a := newAgent(b, w.url, "KRKASA1", nil, w.clock, Options{}, ClientOptions{})
	docs := seedDrafts(b, w, n)
	scanned := docs[n/2].BarcodeNo
	paris := time.FixedZone("CET", 3600)
	cases := []struct {
		name string
		f    app.DraftFilter
	}{
		{"first-page", app.DraftFilter{}},
		{"kind", app.DraftFilter{Kind: pos.KindQuote}},
		{"day", app.DraftFilter{Day: time.Date(2026, 11, 10, 12, 0, 0, 0, paris)}},
		{"seller", app.DraftFilter{Seller: "MARC"}},
		{"terminal", app.DraftFilter{Terminal: "KRPOS2"}},
		{"text-prefix", app.DraftFilter{Text: "COMC/TMP/1"}},
		{"barcode-prefix", app.DraftFilter{Text: string(scanned[:10])}},
		{"scanned-barcode", app.DraftFilter{Text: string(scanned)}},
		{"all-filters", app.DraftFilter{Kind: pos.KindOrder, Seller: "ANNA", Terminal: "KRPOS3",
			Day: time.Date(2026, 11, 20, 12, 0, 0, 0, paris)}},
	}
	for _, c := range cases {
		c.f.Limit = 50
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			rows := 0
			for range b.N {
				list, _, err := a.Drafts(ctx, c.f)
				if err != nil {
					b.Fatal(err)
				}
				rows = len(list)
			}
			if rows == 0 {
				b.Fatal("the filter found nothing: the benchmark measures nothing")
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// seedDrafts parks n drafts in the demo center as draft.put operations,
// applied in batches: quotes and orders of every seller, last modified on
// every demo terminal, issued over 30 days, modified a second apart batch
// by batch.
func seedDrafts(b *testing.B, w *world, n int) []pos.Document {
	b.Helper()
	ctx := context.Background()
	terminals := demo.MasterData().Terminals
	sellers := []string{"MARC", "GIULIA", "ANNA", "PIOTR"}
	docs := make([]pos.Document, 0, n)
	for start := 0; start < n; start += protocol.MaxBatch {
		byTerminal := map[string][]protocol.Op{}
		for i := start; i < min(start+protocol.MaxBatch, n); i++ {
			term := terminals[i%len(terminals)]
			kind, seller := pos.KindOrder, sellers[i%len(sellers)]
			if i%5 == 0 {
				kind, seller = pos.KindQuote, "MARC" // cashiers do not edit quotes
			}
			d := newDraft(b, kind, term.Code, seller, int64(i+1))
			d.IssuedAt = time.Date(2026, 10, 23, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * (30 * 24 * time.Hour / time.Duration(n)))
			d.Reference = fmt.Sprintf("draft %d", i)
			// What the per-type list shows besides, read from the document.
			d.DeliveryPoint, d.HandledBy = "DP-XYZ", seller
			d.DeliveryDate = d.IssuedAt.AddDate(0, 0, 3)
			docs = append(docs, d)
			byTerminal[term.Code] = append(byTerminal[term.Code],
				draftOp(b, protocol.OpDraftPut, seller, protocol.DraftPut{Operator: seller, Document: d}, 0))
		}
		for _, term := range terminals {
			res, err := w.svc.Apply(ctx, term, byTerminal[term.Code])
			require.NoError(b, err)
			for _, r := range res {
				require.Equal(b, protocol.StatusApplied, r.Status, r.Error)
			}
		}
		w.clock.Advance(time.Second)
	}
	return docs
}
