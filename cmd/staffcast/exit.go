package main

import (
	"context"
	"errors"

	"github.com/staffcast/staffcast/data"
	"github.com/staffcast/staffcast/staffing"
)

// Exit codes, one per kind of failure, so that scripts can tell a typo in a
// flag from a file that does not parse from a target no staffing can reach.
const (
	exitOK          = 0
	exitInternal    = 1 // a bug or an I/O failure outside the user's data
	exitUsage       = 2 // bad flags or arguments
	exitInput       = 3 // input data that does not parse or validate
	exitUnreachable = 4 // a target that no allowed staffing or schedule meets
	// exitInterrupted is the shell's code for a process stopped by SIGINT
	// (128 + 2): Ctrl-C stops long work, and scripts can tell it from a
	// failure.
	exitInterrupted = 130
)

// kindError tags an error with the exit code it should produce.
type kindError struct {
	code int
	err  error
}

func (e *kindError) Error() string { return e.err.Error() }
func (e *kindError) Unwrap() error { return e.err }

// usageError marks err as a mistake in the flags or arguments.
func usageError(err error) error { return tag(exitUsage, err) }

// inputError marks err as a problem with the user's input data.
func inputError(err error) error { return tag(exitInput, err) }

// unreachableError marks err as a target no allowed staffing can meet.
func unreachableError(err error) error { return tag(exitUnreachable, err) }

func tag(code int, err error) error {
	if err == nil {
		return nil
	}
	return &kindError{code: code, err: err}
}

// exitCode picks the process exit code for err. Errors are matched with
// errors.As and errors.Is, so wrapping with %w keeps the code.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var k *kindError
	if errors.As(err, &k) {
		return k.code
	}
	for _, c := range sentinelCodes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	for _, match := range typedCodes {
		if code, ok := match(err); ok {
			return code
		}
	}
	return exitInternal
}

// sentinelCodes maps library sentinel errors to exit codes. Packages add
// their sentinels here as they gain them.
var sentinelCodes = []struct {
	err  error
	code int
}{
	{staffing.ErrUnreachable, exitUnreachable},
	{context.Canceled, exitInterrupted},
}

// typedCodes maps library error types (matched with errors.As) to exit codes.
var typedCodes = []func(error) (int, bool){
	func(err error) (int, bool) {
		var pe *data.ParseError
		return exitInput, errors.As(err, &pe)
	},
}
