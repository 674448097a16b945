package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

func TestDeliveryPointsWarehousesAndDictionaries(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()

	dps, err := db.DeliveryPoints(ctx)
	require.NoError(t, err)
	byCode := map[string]pos.DeliveryPoint{}
	for _, d := range dps {
		byCode[d.Code] = d
	}
	require.Contains(t, byCode, "DP-CENTRAL")
	assert.Equal(t, pos.DeliveryWarehouse, byCode["DP-CENTRAL"].Kind)
	assert.Equal(t, "CENTRAL", byCode["DP-CENTRAL"].Warehouse)
	assert.Equal(t, "Saint-Denis", byCode["DP-CENTRAL"].Address.City)
	assert.Equal(t, "C0002", byCode["DP-C0002"].Customer)

	ws, err := db.Warehouses(ctx)
	require.NoError(t, err)
	var codes []string
	for _, w := range ws {
		codes = append(codes, w.Code)
	}
	assert.Equal(t, []string{"CENTRAL", "XYZ-BACK", "XYZ-MAG"}, codes)
	assert.Equal(t, []string{"XYZ"}, ws[0].Available)

	entries, err := db.DictEntries(ctx, pos.DictPaymentStatus)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		assert.Equal(t, pos.DictPaymentStatus, e.Dict)
		names = append(names, e.Name)
	}
	assert.Equal(t, []string{"Paid", "Partly paid", "Unpaid"}, names)

	none, err := db.DictEntries(ctx, "nothing")
	require.NoError(t, err)
	assert.Empty(t, none)
}
