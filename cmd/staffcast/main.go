// Command staffcast forecasts contact-centre demand and turns it into
// staffing, opening hours and shifts. Run "staffcast --help" for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := newApp(os.Stdin, os.Stdout, os.Stderr).RunContext(ctx, os.Args)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "staffcast: %v\n", err)
	}
	os.Exit(exitCode(err))
}
