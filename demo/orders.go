package demo

import (
	"fmt"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// Orders returns the demo data service's orders from the ERP and the e-Shop:
// several statuses, owners and delivery points, so that the visibility rule of
// R-L2 can be seen on the tills of store XYZ. Each order's comment says whether
// XYZ sees it.
func Orders(issued time.Time) []pos.Document {
	type spec struct {
		source   pos.Source
		status   pos.Status
		center   string
		delivery string
		customer string
		products []string
	}
	specs := []spec{
		{pos.SourceERP, pos.StatusConfirmed, Center, "DP-XYZ", "C0001", []string{"TAB-01", "DELIV"}},    // seen: owned by XYZ
		{pos.SourceERP, pos.StatusInProgress, Center, "DP-XYZ", "C0002", []string{"MIX-01", "FAN-01"}},  // seen: owned by XYZ
		{pos.SourceERP, pos.StatusCompleted, Center, "DP-XYZ", "C0003", []string{"BOOK-01"}},            // seen: owned by XYZ
		{pos.SourceERP, pos.StatusConfirmed, "HQ", "DP-XYZ", "C0004", []string{"WARD-MTM"}},             // seen: delivered to XYZ
		{pos.SourceERP, pos.StatusConfirmed, "HQ", "DP-CENTRAL", "C0002", []string{"FABRIC", "FAN-01"}}, // seen: warehouse available to XYZ
		{pos.SourceERP, pos.StatusConfirmed, "HQ", "DP-LYON", "C0001", []string{"TAB-01"}},              // not seen: another center's
		{pos.SourceERP, pos.StatusCancelled, Center, "DP-XYZ", "C0001", []string{"FAN-01"}},             // not seen: cancelled
		{pos.SourceEShop, pos.StatusConfirmed, "HQ", "DP-XYZ", "C0003", []string{"MIX-01"}},             // seen: e-Shop, picked up at XYZ
		{pos.SourceEShop, pos.StatusInProgress, "HQ", "DP-XYZ", "C0001", []string{"APPLE"}},             // not seen: e-Shop In progress
	}
	products := map[string]pos.Product{}
	for _, p := range MasterData().Products {
		products[p.Code] = p
	}
	out := make([]pos.Document, 0, len(specs))
	for i, s := range specs {
		d := pos.Document{
			ID:   fmt.Sprintf("00000000-0000-4000-8000-%012d", i+1),
			Kind: pos.KindOrder, Number: fmt.Sprintf("COMC/ERP/%d/%d", 1001+i, issued.Year()),
			Status: s.status, Revision: 1, Source: s.source, Center: s.center, Operator: "ERP",
			Customer: s.customer, VATMethod: pos.VATFromGross, IssuedAt: issued.AddDate(0, 0, -i-1),
			DeliveryDate: issued.AddDate(0, 0, 7+i), DeliveryPoint: s.delivery, DeliveryStatus: "to_prepare",
			PaymentStatus: "unpaid", PaymentMethod: "CARD", Synced: true,
		}
		d.BarcodeNo, _ = pos.NewDocNumber(pos.KindOrder, erpTerminalNo, int64(i+1))
		for _, code := range s.products {
			p := products[code]
			qty := pos.Units(1)
			if p.Unit == "kg" || p.Unit == "m" {
				qty = 25000 // 2.5
			}
			d.Lines = append(d.Lines, pos.Line{ProductCode: p.Code, Name: p.Name, Unit: p.Unit, Qty: qty,
				Price: p.Price, BasePrice: p.Price, VATRate: p.VATRate, Service: p.Service, Warehouse: "CENTRAL"})
		}
		out = append(out, d)
	}
	return out
}

// erpTerminalNo is the terminal number the ERP's own documents carry in their
// barcode numbers: no till is given it.
const erpTerminalNo = 999_999
