// Package panicerr turns a panic in a worker goroutine into an error.
//
// A panic in a goroutine the caller did not start cannot be recovered by
// the caller: it kills the process with a stack trace, whatever the
// caller (the staffcast command, a notebook) had in place. The libraries'
// worker pools run each item through Catch and hand the panic back as an
// *Error, which the command reports as an internal error (exit 1) like a
// panic on its own goroutine.
package panicerr

import (
	"fmt"
	"runtime/debug"
)

// Error is a panic recovered on a worker goroutine: a bug, not bad input.
type Error struct {
	// Value is what was passed to panic.
	Value any
	// Stack is the panicking goroutine's stack, taken where it was
	// recovered (it includes the frames that panicked).
	Stack []byte
}

func (e *Error) Error() string { return fmt.Sprintf("internal error: panic: %v", e.Value) }

// Catch calls f and returns its error, or an *Error if f panics.
func Catch(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{Value: r, Stack: debug.Stack()}
		}
	}()
	return f()
}
