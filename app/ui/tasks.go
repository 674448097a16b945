package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// tasks runs slow use-case calls (a PIN check hashes for tens of
// milliseconds) off the UI thread and hands the result back on it, so the
// screen stays responsive and shows that it is working.
type tasks struct {
	wg sync.WaitGroup
	// post hands a result to the UI thread: fyne.Do when nil. Tests queue
	// instead, because the test driver runs fyne.Do at once on the worker
	// goroutine, where it would race with the test's own widget calls.
	post func(func())
}

// run calls work on a new goroutine, then done with its error on the UI
// thread (house rule 6).
func (t *tasks) run(work func() error, done func(error)) {
	post := t.post
	if post == nil {
		post = fyne.Do
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		err := work()
		post(func() { done(err) })
	}()
}

// wait returns once every started work has finished and posted its result.
func (t *tasks) wait() { t.wg.Wait() }
