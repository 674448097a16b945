package ui

import (
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
)

// uiThread stands in for Fyne's event loop in tests: it keeps what tasks
// post and runs it on the test's goroutine when asked.
type uiThread struct {
	mu    sync.Mutex
	queue []func()
}

func (u *uiThread) post(f func()) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.queue = append(u.queue, f)
}

// settle waits for the work in flight and runs the results it posted, until
// none is left (a result may start more work).
func (u *uiThread) settle(t *tasks) {
	for {
		t.wait()
		u.mu.Lock()
		queue := u.queue
		u.queue = nil
		u.mu.Unlock()
		if len(queue) == 0 {
			return
		}
		for _, f := range queue {
			f()
		}
	}
}

func TestTasksHandTheResultBackThroughFyneDo(t *testing.T) {
	test.NewTempApp(t)
	var work tasks
	done := make(chan error, 1)

	work.run(func() error { return assert.AnError }, func(err error) { done <- err })

	assert.ErrorIs(t, <-done, assert.AnError)
	work.wait()
}
