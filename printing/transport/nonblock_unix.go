//go:build unix

package transport

import "syscall"

// nonBlock opens device files without blocking: a FIFO or device with nobody behind it fails at
// once instead of hanging, and Go's poller can then honour write deadlines.
const nonBlock = syscall.O_NONBLOCK
