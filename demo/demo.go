// Package demo holds the demo chain: store "XYZ" with its four terminals,
// operators in three groups, about 200 products, a few customers and a bundle. The till
// loads it with --demo, and the reference data service loads the same records,
// so there is one copy of the demo data.
package demo

import (
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/comptoir/comptoir/app/pos"
)

// Center is the demo store's code.
const Center = "XYZ"

// PINs are the demo operators' PINs, shown on the login screen in demo mode only.
var PINs = map[string]string{
	"ANNA":   "1111",
	"MARC":   "2222",
	"GIULIA": "3333",
	"PIOTR":  "4444",
}

var (
	once sync.Once
	data pos.MasterData
)

// MasterData returns the demo chain's master data. PIN hashes are computed once
// (Argon2 is slow on purpose).

// cashierRights are a cashier's rights but the one over others' drafts.
var cashierRights = []pos.Right{pos.RightOrders, pos.RightOrderEdit, pos.RightReceipt, pos.RightInvoice,
	pos.RightAdvanceInvoice, pos.RightProducts, pos.RightPicking, pos.RightDeliveryStatus}

func MasterData() pos.MasterData {
	once.Do(func() { data = build() })
	return data
}

func build() pos.MasterData {
	md := pos.MasterData{
		Centers: []pos.Center{{Code: Center, Name: "Magasin XYZ"}, {Code: "HQ", Name: "Siège / Central warehouse"},
			{Code: "LYON", Name: "Magasin Lyon"}},
		Warehouses: []pos.Warehouse{
			{Code: "XYZ-MAG", Name: "XYZ shop floor", Center: Center},
			{Code: "XYZ-BACK", Name: "XYZ back store", Center: Center},
			{Code: "CENTRAL", Name: "Central warehouse", Center: "HQ", Available: []string{Center}},
		},
		Terminals: []pos.Terminal{
			{Code: "KRKASA1", Number: 1, Center: Center},
			{Code: "KRPOS2", Number: 2, Center: Center},
			{Code: "KRPOS3", Number: 3, Center: Center},
			{Code: "KRPOS4", Number: 4, Center: Center},
		},
		Groups: []pos.Group{
			// The cashier at the till confirms what consultants parked (seed
			// 001's KRKASA1), so cashiers may modify others' drafts (R-D4);
			// a trainee may not — the refusal a newcomer can see with PIOTR.
			{Code: "cashiers", Name: "Cashiers", Rights: append(cashierRights, pos.RightOthersDocuments)},
			{Code: "trainees", Name: "Trainee cashiers", Rights: cashierRights},
			{Code: "consultants", Name: "Consultants", Rights: []pos.Right{pos.RightOrders, pos.RightQuoteEdit,
				pos.RightOrderEdit, pos.RightProducts, pos.RightOthersDocuments}},
			{Code: "managers", Name: "Managers", Rights: pos.AllRights},
		},
		Units: []pos.Unit{
			{Code: "pcs", Decimals: 0},
			{Code: "kg", Decimals: 4, Tolerance: 1000},  // ±0.1 kg
			{Code: "m", Decimals: 2, TolerancePct: 200}, // ±2 %
		},
		PaymentMethods: []pos.PaymentMethod{
			{Code: "CASH", Name: "Cash", Type: pos.PaymentCash},
			{Code: "CARD", Name: "Card", Type: pos.PaymentCard},
			{Code: "TRANSFER", Name: "Bank transfer", Type: pos.PaymentTransfer, Terminals: []string{"KRPOS2", "KRPOS3", "KRPOS4"}},
		},
		Dicts: []pos.DictEntry{
			{Dict: pos.DictDeliveryStatus, Code: "to_prepare", Name: "To prepare"},
			{Dict: pos.DictDeliveryStatus, Code: "ready", Name: "Ready for pickup"},
			{Dict: pos.DictDeliveryStatus, Code: "picked_up", Name: "Picked up"},
			{Dict: pos.DictPaymentStatus, Code: "unpaid", Name: "Unpaid"},
			{Dict: pos.DictPaymentStatus, Code: "partly_paid", Name: "Partly paid"},
			{Dict: pos.DictPaymentStatus, Code: "paid", Name: "Paid"},
		},
		// An order says on which floor it is delivered, the ERP insists;
		// a quote need not (R-F7).
		Attributes: []pos.Attribute{
			{Code: "FLOOR", Name: "Delivery floor", Kinds: []pos.Kind{pos.KindOrder}, Mandatory: true},
			{Code: "LIFT", Name: "Lift", Kinds: []pos.Kind{pos.KindOrder, pos.KindQuote}, Values: []string{"Yes", "No"}},
		},
		Params: pos.Params{
			CopyQtyFromOrder:   true,
			DeductAdvancesFull: true,
			SearchMethod:       pos.SearchLocalAndERP,
			CompletedSyncDays:  30,
			PickingEnabled:     true,
			Currency:           "EUR",
			VATMethods: map[pos.Kind]pos.VATMethod{pos.KindQuote: pos.VATFromGross, pos.KindOrder: pos.VATFromGross,
				pos.KindReceipt: pos.VATFromGross, pos.KindInvoice: pos.VATFromNet, pos.KindAdvanceInvoice: pos.VATFromGross},
			// The COMC follows the customer's VAT status, so a continued
			// order whose customer becomes one of the businesses below asks
			// whether to recalculate its VAT (R-D8).
			ByCustomerStatus: true,
		},
	}
	md.Operators = []pos.Operator{
		operator("ANNA", "Anna Kowalska", "cashiers"),
		operator("MARC", "Marc Dupont", "consultants"),
		operator("GIULIA", "Giulia Rossi", "managers"),
		operator("PIOTR", "Piotr Nowak", "trainees"),
	}
	md.Customers = customers()
	md.DeliveryPoints = deliveryPoints(md.Customers)
	md.Products = products()
	md.Bundles = []pos.Bundle{
		{Code: "MIXFAN", Name: "Hand mixer + Fan", Price: 7900, Active: true, // 84.98 for 79.00
			Items: []pos.BundleItem{{ProductCode: "MIX-01", Qty: pos.Units(1)}, {ProductCode: "FAN-01", Qty: pos.Units(1)}}},
	}
	return md
}

// operator hashes the demo PIN with a salt derived from the code: demo data must
// be the same on the till and the data service, and these PINs are public anyway.
func operator(code, name, group string) pos.Operator {
	salt := sha256.Sum256([]byte("comptoir-demo/" + code))
	return pos.Operator{Code: code, Name: name, Group: group, Active: true,
		PINHash: pos.HashPIN(PINs[code], salt[:pos.SaltLen])}
}

func customers() []pos.Customer {
	return []pos.Customer{
		{Code: "UNDEF", Name: "Retail customer", Type: pos.CustomerUndefined, Active: true, PaymentMethod: "CASH"},
		{Code: "C0001", Name: "Martin Dubois", Type: pos.CustomerPerson, Active: true, PaymentMethod: "CARD",
			Addresses: []pos.Address{{Street: "12 rue des Lilas", Postcode: "69003", City: "Lyon", Country: "FR"}}},
		{Code: "C0002", Name: "Atelier Bellini SRL", Type: pos.CustomerCompany, TaxID: "IT01234567890", Active: true,
			VATStatus: pos.VATStatusRegistered, PaymentMethod: "TRANSFER", DueDays: 30, CreditLimit: 2_000_000, MinOrder: 10_000,
			Addresses:  []pos.Address{{Street: "Via Roma 8", Postcode: "20121", City: "Milano", Country: "IT"}},
			Recipients: []pos.Recipient{{Code: "R0002-1", Name: "Cantiere Navigli", Addresses: []pos.Address{{Street: "Alzaia Naviglio Grande 40", Postcode: "20144", City: "Milano", Country: "IT"}}}}},
		{Code: "C0003", Name: "Zofia Wiśniewska", Type: pos.CustomerPerson, Active: true,
			Addresses: []pos.Address{{Street: "ul. Długa 5", Postcode: "31-147", City: "Kraków", Country: "PL"}}},
		{Code: "C0004", Name: "Boulangerie Lefèvre", Type: pos.CustomerCompany, TaxID: "FR40303265045", Active: true,
			VATStatus: pos.VATStatusRegistered, PaymentMethod: "TRANSFER", DueDays: 14,
			Addresses: []pos.Address{{Street: "3 place du Marché", Postcode: "13001", City: "Marseille", Country: "FR"}}},
		{Code: "C0005", Name: "Hôtel Beau Rivage", Type: pos.CustomerCompany, Active: false,
			Addresses: []pos.Address{{Street: "1 quai du Mont-Blanc", Postcode: "74500", City: "Évian", Country: "FR"}}},
	}
}

func deliveryPoints(customers []pos.Customer) []pos.DeliveryPoint {
	dps := []pos.DeliveryPoint{
		{Code: "DP-XYZ", Kind: pos.DeliveryStore, Name: "Magasin XYZ", Center: Center,
			Address: pos.Address{Street: "25 avenue de la République", Postcode: "75011", City: "Paris", Country: "FR"}},
		{Code: "DP-LYON", Kind: pos.DeliveryStore, Name: "Magasin Lyon", Center: "LYON",
			Address: pos.Address{Street: "8 rue de la République", Postcode: "69002", City: "Lyon", Country: "FR"}},
		{Code: "DP-CENTRAL", Kind: pos.DeliveryWarehouse, Name: "Central warehouse", Center: "HQ", Warehouse: "CENTRAL",
			Address: pos.Address{Street: "ZI Nord, rue de l'Industrie", Postcode: "93200", City: "Saint-Denis", Country: "FR"}},
	}
	for _, c := range customers {
		if c.Type == pos.CustomerCompany && len(c.Addresses) > 0 {
			dps = append(dps, pos.DeliveryPoint{Code: "DP-" + c.Code, Kind: pos.DeliveryCustomer, Name: c.Name,
				Customer: c.Code, Address: c.Addresses[0]})
		}
	}
	return dps
}

// VAT rates of the demo chain (France).
const (
	vatStandard pos.Percent = 2000
	vatReduced  pos.Percent = 1000
	vatFood     pos.Percent = 550
)

// products returns the named products of the worked examples first, then a
// generated range so lists have pages to turn.
func products() []pos.Product {
	ps := []pos.Product{
		{Code: "MIX-01", EANs: []string{ean(1)}, Name: "Hand mixer", Unit: "pcs", VATRate: vatStandard, Price: 4999, FloorPrice: 3999, Cost: 2800, Active: true},
		{Code: "FAN-01", EANs: []string{ean(2)}, Name: "Fan", Unit: "pcs", VATRate: vatStandard, Price: 3499, FloorPrice: 2999, Cost: 1900, Active: true},
		{Code: "TAB-01", EANs: []string{ean(3)}, Name: "Kitchen table", Unit: "pcs", VATRate: vatStandard, Price: 59900, FloorPrice: 49900, Cost: 31000, Active: true},
		{Code: "DELIV", Name: "Home delivery", Unit: "pcs", VATRate: vatStandard, Price: 2500, Active: true, Service: true},
		{Code: "APPLE", EANs: []string{ean(4)}, Name: "Apples", Unit: "kg", VATRate: vatFood, Price: 349, Cost: 180, Active: true},
		{Code: "WARD-MTM", EANs: []string{ean(5)}, Name: "Made-to-measure wardrobe", Unit: "pcs", VATRate: vatStandard, Price: 189000, FloorPrice: 150000, Cost: 110000, Active: true},
		{Code: "FABRIC", EANs: []string{ean(6)}, Name: "Curtain fabric", Unit: "m", VATRate: vatStandard, Price: 1290, Active: true},
		{Code: "BOOK-01", EANs: []string{ean(7)}, Name: "Cookbook", Unit: "pcs", VATRate: vatFood, Price: 2490, Active: true},
		{Code: "OLD-KETTLE", EANs: []string{ean(8)}, Name: "Kettle (discontinued)", Unit: "pcs", VATRate: vatStandard, Price: 1999, Active: false},
	}
	kinds := []string{"Saucepan", "Frying pan", "Knife", "Chair", "Lamp", "Cushion", "Towel", "Mug", "Plate", "Glass"}
	variants := []string{"small", "medium", "large", "red", "blue", "green", "oak", "steel", "linen", "deluxe",
		"compact", "family", "classic", "modern", "vintage", "eco", "pro", "mini", "XL"}
	n := int64(100)
	for _, k := range kinds {
		for _, v := range variants {
			n++
			rate := vatStandard
			if k == "Towel" || k == "Cushion" {
				rate = vatReduced
			}
			ps = append(ps, pos.Product{Code: fmt.Sprintf("P%05d", n), EANs: []string{ean(n)},
				Name: k + " " + v, Unit: "pcs", VATRate: rate, Price: pos.Money(499 + (n*137)%15000), Active: true})
		}
	}
	return ps
}

// ean returns a valid EAN-13 in the in-store range 20…, with its check digit.
func ean(n int64) string {
	body := fmt.Sprintf("20%010d", n)
	sum := 0
	for i, c := range body {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return body + fmt.Sprint((10-sum%10)%10)
}
