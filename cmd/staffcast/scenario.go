package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/staffcast/staffcast/cmd/staffcast/internal/render"
	"github.com/staffcast/staffcast/simulate"
	"github.com/urfave/cli/v2"
)

// parseScenarios reads --scenario values: standard, volume=F, aht=F,
// sick=N or p90, each optionally @channel.
func parseScenarios(specs []string, in *simInput) ([]simulate.Scenario, []string, error) {
	var out []simulate.Scenario
	var notes []string
	for _, spec := range specs {
		for _, one := range strings.Split(spec, ",") {
			one = strings.TrimSpace(one)
			if one == "standard" {
				for _, s := range []string{"volume=1.3", "aht=1.2", "sick=3", "p90"} {
					sc, err := parseScenario(s, in)
					if err != nil {
						if strings.HasPrefix(s, "p90") {
							notes = append(notes, "Black Friday at the forecast's p90 not run: "+err.Error())
							continue
						}
						return nil, nil, err
					}
					out = append(out, sc)
				}
				continue
			}
			sc, err := parseScenario(one, in)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, sc)
		}
	}
	return out, notes, nil
}

func parseScenario(spec string, in *simInput) (simulate.Scenario, error) {
	what, channel, _ := strings.Cut(spec, "@")
	key, val, _ := strings.Cut(what, "=")
	sc := simulate.Scenario{Channel: channel}
	bad := func(want string) error {
		return usageError(fmt.Errorf("--scenario %q: want %s", spec, want))
	}
	switch key {
	case "volume", "aht":
		f, err := strconv.ParseFloat(val, 64)
		if err != nil || !(f > 0) {
			return sc, bad(key + "=FACTOR with a factor > 0, e.g. " + key + "=1.3")
		}
		if key == "volume" {
			sc.VolumeFactor, sc.Name = f, fmt.Sprintf("volume ×%g", f)
		} else {
			sc.AHTFactor, sc.Name = f, fmt.Sprintf("handling time %+.0f%%", 100*(f-1))
		}
	case "sick":
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 {
			return sc, bad("sick=N with N agents >= 1, e.g. sick=3")
		}
		sc.Sick, sc.Name = n, fmt.Sprintf("%d agents sick", n)
	case "p90":
		if val != "" {
			return sc, bad("p90 alone (the forecast's p90 column as the volume)")
		}
		j := 0
		for i, q := range in.queues {
			if q.Name == channel {
				j = i
			}
		}
		if in.p90[j] == nil {
			return sc, inputError(errors.New("the input has no p90 column (staffcast forecast writes one; join it to the staff output)"))
		}
		sc.Volumes, sc.Name = in.p90[j], "Black Friday at the forecast's p90"
		if channel == "" {
			sc.Channel = in.queues[j].Name
		}
	default:
		return sc, bad("standard, volume=F, aht=F, sick=N or p90, each optionally @channel")
	}
	if channel != "" {
		sc.Name += " (" + channel + ")"
	}
	return sc, nil
}

// runScenarios runs the what-ifs and policies and writes the policy page
// (table format) or the policy table (csv, json).
func runScenarios(c *cli.Context, out output, in *simInput, specs []string) error {
	scenarios, notes, err := parseScenarios(specs, in)
	if err != nil {
		return err
	}
	reports, err := simulate.Policies(c.Context, in.queues, scenarios, in.settings, simulate.PolicyOptions{Promise: c.Duration("callback-promise"), Progress: progressTo(c.App.ErrWriter, len(scenarios))})
	if err != nil {
		if c.Context.Err() != nil {
			return fmt.Errorf("interrupted: nothing written: %w", err)
		}
		if strings.Contains(err.Error(), "names channel") {
			return usageError(fmt.Errorf("--scenario: %w", err))
		}
		return inputError(err)
	}
	if out.format == formatTable {
		return out.write(c.App.Writer, func(w io.Writer) error {
			return render.PolicyPage(w, c.String("in"), in.queues[0], in.settings, reports, notes)
		})
	}
	return out.writeGrid(c.App.Writer, render.Policies(reports), false)
}
