package escpos

import (
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQRCapacityTableMatchesTheStandard recomputes the byte-mode capacity of every version from
// a QR reader's own version tables: data codewords × 8 bits, less the 4-bit mode indicator and
// the character count (8 bits up to version 9, 16 beyond), in whole bytes.
func TestQRCapacityTableMatchesTheStandard(t *testing.T) {
	for i, capacity := range qrCapacityM {
		v, err := decoder.Version_GetVersionForNumber(i + 1)
		require.NoError(t, err)
		dataBits := 8 * (v.GetTotalCodewords() - v.GetECBlocksForLevel(decoder.ErrorCorrectionLevel_M).GetTotalECCodewords())
		countBits := 8
		if i+1 >= 10 {
			countBits = 16
		}
		assert.Equal(t, (dataBits-4-countBits)/8, capacity, "version %d", i+1)
	}
}
