package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

func runScenarios(c *cli.Context, out output, in *simInput, specs []string) error {
	return usageError(errors.New("--scenario: not built yet"))
}
