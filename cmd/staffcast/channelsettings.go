package main

import (
	"fmt"
	"os"

	"github.com/staffcast/staffcast/data"
)

// channelSettingsHelp documents the --channel-settings file.
const channelSettingsHelp = `The --channel-settings file gives each channel its own settings, as CSV
with a header or as a JSON array of objects with the same keys; every key
but channel is optional and falls back to the flags:

    channel,aht,target,patience,chats,slowdown,share,within,all_within,deflect,slot,prep,open
    chat,6m,80/60,,2,0.2,,,,0.25,,,Mon-Sun 08:00-22:00
    email,4m,,,,,0.9,10m,,0.1,,,Mon-Fri 08:00-17:00
    callback,6m,,,,,,,,,15m,1m,Mon-Fri 09:00-17:00

Durations are written as 4m or 90s; share and within are a promise (90%
within 10m; all_within defaults to within); slot makes callbacks booked
(the customer picks a slot of that length; prep is the preparation per
callback); open is the channel's opening hours. A target sets the service
level only (--asa and the other ceilings stay the flags').`

// readChannelSettings opens and reads the --channel-settings file (see
// data.ReadChannelSettings); errors name the file, line and field.
func readChannelSettings(path string) ([]data.ChannelSetting, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--channel-settings: %w", err)
	}
	defer f.Close()
	return data.ReadChannelSettings(f, path)
}
