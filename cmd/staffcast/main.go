// Command staffcast forecasts contact-centre demand and turns it into
// staffing, opening hours and shifts. Run "staffcast --help" for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

func main() {
	os.Exit(runMain(newApp(os.Stdin, os.Stdout, os.Stderr), os.Args))
}

// runMain runs app on args and returns the exit code. Ctrl-C cancels the
// context every command reads (cli.Context.Context): long work stops,
// writes nothing and exits 130 without a message, as a shell expects. A
// second Ctrl-C kills at once. A panic exits 1 with a one-line message;
// STAFFCAST_DEBUG=1 adds the stack.
func runMain(app *cli.App, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			code = reportPanic(app, r, debug.Stack())
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // restore the default: a second Ctrl-C kills the process
	}()
	err := app.RunContext(ctx, args)
	if err != nil && ctx.Err() != nil {
		// Interrupted: whatever error the command returned (the
		// context's own, or a solver's killed by the same SIGINT) is the
		// consequence of the user's Ctrl-C, not news to them.
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintf(app.ErrWriter, "staffcast: %v\n", err)
	}
	return exitCode(err)
}

// reportPanic writes the one-line internal-error message for a recovered
// panic r (and the stack under STAFFCAST_DEBUG=1) and returns exitInternal.
func reportPanic(app *cli.App, r any, stack []byte) int {
	msg := fmt.Sprint(r)
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	if os.Getenv("STAFFCAST_DEBUG") == "1" {
		fmt.Fprintf(app.ErrWriter, "staffcast: internal error, please report: %s\n%s", msg, stack)
	} else {
		fmt.Fprintf(app.ErrWriter, "staffcast: internal error, please report: %s (run with STAFFCAST_DEBUG=1 for the stack)\n", msg)
	}
	return exitInternal
}
