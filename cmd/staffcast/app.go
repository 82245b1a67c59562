package main

import (
	"fmt"
	"io"
	"regexp"
	"runtime/debug"
	"sync"

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
3 bad input data, 4 target unreachable, 130 interrupted (Ctrl-C).`,
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
			completionCommand(),
		},
		Version:         version(),
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

// onUsageError tags flag-parsing errors so that they exit with exitUsage,
// names flags as they are typed (the flag package writes "-volume" for
// --volume) and points to the command's help.
func onUsageError(c *cli.Context, err error, isSubcommand bool) error {
	msg := flagDash().ReplaceAllString(err.Error(), "${1}--$2")
	help := "staffcast --help"
	if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
		help = "staffcast " + c.Command.Name + " --help"
	}
	return usageError(fmt.Errorf("%s; see %s", msg, help))
}

// flagDash finds a flag named with one dash in the flag package's messages.
// It is compiled on first use: a run that parses its flags never needs it,
// and every process would pay for it at start-up.
var flagDash = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(not defined: |for flag )-([a-z][a-z-]*)`)
})

func setUsageError(cmd *cli.Command) {
	cmd.OnUsageError = onUsageError
	for _, sub := range cmd.Subcommands {
		setUsageError(sub)
	}
}

// version describes this binary from the build information the Go
// toolchain stamps into it: the module version (a tag, a pseudo-version,
// or "(devel)"), the VCS revision and its time, whether the working tree
// had local changes, and the Go version. A binary built outside a
// repository has no revision, and says so.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	switch {
	case rev == "":
		v += ", no VCS revision"
	default:
		v += ", revision " + rev
		if when != "" {
			v += " of " + when
		}
		if modified {
			v += " with local changes"
		}
	}
	return v + ", " + bi.GoVersion
}
