package main

import (
	"strings"
	"testing"
)

// TestPlanChannels runs plan with chat beside the phone and teams, and
// its refusals.
func TestPlanChannels(t *testing.T) {
	t.Parallel()
	_, stderr, code := run(t, "", "plan", "--demand-from", "history", "--chat-aht", "6m", "--chats", "2", "--chat-hours", "Mon-Sun 08:00-22:00",
		"--chat-deflect", "0.25", "--teams", "phone+chat", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"channels, first planned week, agent-hours (fractional): phone ", ", chat ",
		"chat: the chatbot resolves", "chats arrive while chat is closed", "team phone+chat: ", "published hours: Phone: ", "; chat: every day 08-22"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, args := range [][]string{
		{"--teams", "phone+fax"},
		{"--teams", "phone,email"},
		{"--teams", "phone"},
		{"--chat-deflect", "1"},
		{"--chats", "0"},
		{"--chat-hours", "Mon 25:00-26:00"},
	} {
		_, stderr, code := run(t, "", append([]string{"plan", "--demand-from", "history"}, args...)...)
		if code != exitUsage || !strings.Contains(stderr, args[0]) {
			t.Errorf("%v: exit %d, stderr %q; want %d naming %s", args, code, stderr, exitUsage, args[0])
		}
	}
}
