//go:build !unix

package transport

// nonBlock is zero where there is no O_NONBLOCK; writes to devices then cannot be interrupted.
const nonBlock = 0
