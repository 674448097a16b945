package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// productsOnTill shows the price check to the cashier, with n products.
func productsOnTill(tb testing.TB, n int) (*productsScreen, fyne.Window) {
	tb.Helper()
	store := newMemStore(tb)
	store.addProducts(n)
	uc := useCases(tb, store)
	loginAs(tb, uc, cashier, cashierPIN)
	s := newProductsScreen(context.Background(), uc.Catalog, zerolog.Nop(), func() {})
	return s, showOnTill(tb, s.view)
}

// scan types code into the field as a scanner does, Enter included.
func scan(s *ScanField, code string) {
	test.Type(s, code)
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func TestProductsScanShowsTheProduct(t *testing.T) {
	newTestApp(t, "en")
	s, w := productsOnTill(t, 30)

	scan(s.scan, "5900000000007")

	assert.Equal(t, "Product 007", s.name.Text)
	assert.Equal(t, "7.99", s.price.Text)
	assert.Equal(t, "Code P007\nEAN 5900000000007\nVAT 23%", s.details.Text)
	assert.Empty(t, s.message.Text)
	assert.Empty(t, s.scan.Text, "the field is ready for the next scan")
	requireText(t, w, "Product 007")
}

func TestProductsScanShowsPricesInTheLanguage(t *testing.T) {
	newTestApp(t, "fr")
	s, _ := productsOnTill(t, 30)

	scan(s.scan, "P012")

	assert.Equal(t, "Product 012", s.name.Text)
	assert.Equal(t, "12,99", s.price.Text)
	assert.Contains(t, s.details.Text, "TVA 23 %")
}

func TestProductsScanNotFoundSaysSo(t *testing.T) {
	newTestApp(t, "en")
	s, w := productsOnTill(t, 30)
	scan(s.scan, "5900000000007")

	scan(s.scan, "4006381333931")

	requireText(t, w, "No product with code 4006381333931.")
	assert.Empty(t, s.name.Text, "the previous product is not left on show")
	assert.Empty(t, s.price.Text)
}

func TestProductsListPagesDown(t *testing.T) {
	newTestApp(t, "en")
	s, w := productsOnTill(t, 60)
	require.Contains(t, texts(w), "Product 001")
	size := s.list.size

	tapText(t, w, "Page down")

	shown := texts(w)
	assert.NotContains(t, shown, "Product 001")
	assert.Contains(t, shown, fmt.Sprintf("Product %03d", size+1), "the second page starts after the first")
}

func TestProductsTappingARowShowsIt(t *testing.T) {
	newTestApp(t, "en")
	s, w := productsOnTill(t, 30)

	tapText(t, w, "Product 003")
	assert.Equal(t, "Product 003", s.name.Text)
	assert.Equal(t, "3.99", s.price.Text)

	scan(s.scan, "P001")
	tapText(t, w, "Product 003")
	assert.Equal(t, "Product 003", s.name.Text, "a second tap on the same row shows it again")
}
