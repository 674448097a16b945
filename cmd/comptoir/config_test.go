package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigDefaultsAndFlags(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg")
	t.Setenv("COMPTOIR_TERMINAL", "")
	c, err := parseConfig(nil)
	require.NoError(t, err)
	assert.Equal(t, "KRKASA1", c.Terminal)
	assert.Equal(t, filepath.Join("/tmp/xdg", "comptoir"), c.DataDir)
	assert.Equal(t, "/tmp/xdg/comptoir/KRKASA1.db", c.dbPath())

	c, err = parseConfig([]string{"--demo", "--terminal", "KRPOS3", "--data-dir", "/d"})
	require.NoError(t, err)
	assert.Equal(t, "/d/demo/KRPOS3.db", c.dbPath(), "demo databases stay apart from a real terminal's")
	assert.Equal(t, "/d/logs/comptoir.log", c.logPath())
}

func TestConfigRefusesBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"--terminal", ""},
		{"--nope"},
		{"extra"},
	} {
		_, err := parseConfig(args)
		assert.Error(t, err, "%v", args)
	}
}
