package pos

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNumberSortKeyOrdersNaturally(t *testing.T) {
	assert.Equal(t, "COMC/0000000002/0000002026/KRKASA0000000001", NumberSortKey("COMC/2/2026/KRKASA1"))
	assert.Equal(t, "", NumberSortKey(""))
	assert.Equal(t, "12345678901/X", NumberSortKey("12345678901/X"), "a run of ten digits or more is kept as it is")
	assert.Equal(t, "Zamówienie-0000000007", NumberSortKey("Zamówienie-7"), "letters beyond ASCII are kept")

	numbers := []string{"COMC/10/2026/KRKASA1", "COMC/2/2026/KRKASA1", "COMC/1/2027/KRKASA1", "DEVC/3/2026/KRKASA1",
		"COMC/2/2026/KRKASA10", "COMC/2/2026/KRKASA2"}
	slices.SortFunc(numbers, func(a, b string) int { return strings.Compare(NumberSortKey(a), NumberSortKey(b)) })
	assert.Equal(t, []string{"COMC/1/2027/KRKASA1", "COMC/2/2026/KRKASA1", "COMC/2/2026/KRKASA2", "COMC/2/2026/KRKASA10",
		"COMC/10/2026/KRKASA1", "DEVC/3/2026/KRKASA1"}, numbers)
}
