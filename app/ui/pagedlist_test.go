package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// numbers is a source of n rows "Row 000"… that records the pages asked.
type numbers struct {
	n     int
	asked [][2]int // offset, limit
}

func (s *numbers) Page(_ context.Context, offset, limit int) ([]int, error) {
	s.asked = append(s.asked, [2]int{offset, limit})
	var rows []int
	for i := offset; i < min(offset+limit, s.n); i++ {
		rows = append(rows, i)
	}
	return rows, nil
}

func numberList(src *numbers) *PagedList[int] {
	return NewPagedList(context.Background(), PageSource[int](src), []Column[int]{
		{Title: "Number", Weight: 1, Text: func(i int) string { return fmt.Sprintf("Row %03d", i) }},
	})
}

// shownRows keeps the list rows among a window's texts, top to bottom.
func shownRows(texts []string) []string {
	var rows []string
	for _, t := range texts {
		if strings.HasPrefix(t, "Row ") {
			rows = append(rows, t)
		}
	}
	return rows
}

func TestPagedListShowsOneScreenfulAndPagesDown(t *testing.T) {
	newTestApp(t, "en")
	src := &numbers{n: 100}
	l := numberList(src)
	w := showOnTill(t, l)

	first := shownRows(texts(w))
	require.NotEmpty(t, first)
	size := len(first)
	assert.Equal(t, "Row 000", first[0])
	assert.Equal(t, [2]int{0, size + 1}, src.asked[len(src.asked)-1], "asks exactly one screenful, plus one row to know if more follow")
	requireText(t, w, "Page 1")

	tapText(t, w, "Page down")
	second := shownRows(texts(w))
	assert.Equal(t, fmt.Sprintf("Row %03d", size), second[0], "the next page starts after the last row shown")
	assert.Len(t, second, size)
	requireText(t, w, "Page 2")

	tapText(t, w, "Page up")
	assert.Equal(t, first, shownRows(texts(w)))
}

func TestPagedListStopsAtTheEnds(t *testing.T) {
	newTestApp(t, "en")
	src := &numbers{n: 100}
	l := numberList(src)
	showOnTill(t, l)
	assert.True(t, l.pageUp.Disabled(), "nothing before the first page")

	for l.more {
		l.PageDown()
	}
	assert.True(t, l.pageDown.Disabled(), "nothing after the last page")
	assert.False(t, l.pageUp.Disabled())
}

func TestPagedListEmpty(t *testing.T) {
	newTestApp(t, "en")
	w := showOnTill(t, numberList(&numbers{}))
	requireText(t, w, "Nothing to show.")
}

func TestPagedListReportsSourceErrors(t *testing.T) {
	newTestApp(t, "en")
	var got error
	l := NewPagedList(context.Background(), PageFunc[int](func(context.Context, int, int) ([]int, error) {
		return nil, assert.AnError
	}), []Column[int]{{Title: "Number", Weight: 1, Text: func(i int) string { return fmt.Sprint(i) }}})
	l.OnError = func(err error) { got = err }
	w := showOnTill(t, l)

	assert.ErrorIs(t, got, assert.AnError)
	requireText(t, w, "Nothing to show.")
}
