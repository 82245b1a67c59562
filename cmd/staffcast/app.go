package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"
)

// newApp builds the command-line application on the given streams, so that
// tests can run it in-process with buffers.
func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "staffcast",
		Usage: "forecast contact-centre demand and staff it: agents, opening hours, shifts",
		Description: `staffcast turns hourly history of orders and contacts into a plan: how many
agents each interval needs, and when customer service should be open.

Results go to stdout (or --out FILE) as a table, CSV, JSON or Parquet;
progress, warnings and errors go to stderr.

Exit codes: 0 ok, 1 internal error, 2 bad flags or arguments,
3 bad input data, 4 target unreachable.`,
		Commands: []*cli.Command{
			// One constructor per command, each in its own file.
			planCommand(),
			hoursCommand(),
			forecastCommand(),
			backtestCommand(),
			erlangCommand(),
			staffCommand(),
			shiftsCommand(),
			simulateCommand(),
			aggregateCommand(),
			validateCommand(),
			convertCommand(),
			sampleCommand(),
		},
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		// main alone turns errors into exit codes; the default handler
		// would call os.Exit inside Run.
		ExitErrHandler: func(*cli.Context, error) {},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(c.App.ErrWriter, "staffcast: unknown command %q; run \"staffcast --help\" for the list\n", name)
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usageError(fmt.Errorf("unknown command %q; run \"staffcast --help\" for the list", c.Args().First()))
			}
			return cli.ShowAppHelp(c)
		},
	}
	app.OnUsageError = onUsageError
	for _, cmd := range app.Commands {
		setUsageError(cmd)
	}
	return app
}

// onUsageError tags flag-parsing errors so that they exit with exitUsage.
func onUsageError(c *cli.Context, err error, isSubcommand bool) error {
	return usageError(err)
}

func setUsageError(cmd *cli.Command) {
	cmd.OnUsageError = onUsageError
	for _, sub := range cmd.Subcommands {
		setUsageError(sub)
	}
}
