package panicerr

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCatch(t *testing.T) {
	if err := Catch(func() error { return nil }); err != nil {
		t.Fatalf("no panic: got %v", err)
	}
	plain := errors.New("plain")
	if err := Catch(func() error { return plain }); err != plain {
		t.Fatalf("error passes through: got %v", err)
	}
	err := Catch(func() error { boom(); return nil })
	var pe *Error
	if !errors.As(fmt.Errorf("wrapped: %w", err), &pe) {
		t.Fatalf("got %T %v, want *Error", err, err)
	}
	if pe.Value != "boom" || err.Error() != "internal error: panic: boom" {
		t.Errorf("got value %v, message %q", pe.Value, err)
	}
	if !strings.Contains(string(pe.Stack), "panicerr.boom") {
		t.Errorf("stack does not show the panicking frame:\n%s", pe.Stack)
	}
}

func boom() { panic("boom") }
