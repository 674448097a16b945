package dataservice

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// R-F7: the attributes of document types travel with the master data a
// till pulls, as loaded.
func TestPullCarriesTheAttributes(t *testing.T) {
	e := startService(t)
	var got []pos.Attribute
	for _, p := range e.pullAll(t, "KRKASA1", "", 50) {
		got = append(got, p.Master.Attributes...)
	}
	want := demo.MasterData().Attributes
	assert.NotEmpty(t, want)
	assert.ElementsMatch(t, want, got)
}
