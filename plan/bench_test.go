package plan

import (
	"context"
	"testing"

	"github.com/staffcast/staffcast/forecast"
	"github.com/staffcast/staffcast/forecast/calendar"
	"github.com/staffcast/staffcast/staffing"
)

// BenchmarkPlanSample is `staffcast plan` on the sample without the
// process: a forecast of orders, calls and chats for 52 weeks, two
// periods, the band sensitivity and a five-point frontier.
func BenchmarkPlanSample(b *testing.B) {
	opt := sampleOptions(b)
	opt.From = FromForecast
	s := opt.History
	loc := s.Start[0].Location()
	opt.Forecast = forecast.Options{Model: forecast.Regression,
		Events: calendar.Events(calendar.Sweden, s.Start[0], s.Start[len(s.Start)-1].AddDate(0, 0, 7*53), loc)}
	for b.Loop() {
		if _, err := Run(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/plan")
}

// BenchmarkPlanSampleChannels is BenchmarkPlanSample with chat and email
// inside the one budget: the phone's budget searched at every period and
// frontier point (see within), emails forecast too.
func BenchmarkPlanSampleChannels(b *testing.B) {
	opt := sampleOptions(b)
	opt.From = FromForecast
	s := opt.History
	loc := s.Start[0].Location()
	opt.Forecast = forecast.Options{Model: forecast.Regression,
		Events: calendar.Events(calendar.Sweden, s.Start[0], s.Start[len(s.Start)-1].AddDate(0, 0, 7*53), loc)}
	opt.Channels = map[staffing.Channel]staffing.ChannelSettings{staffing.Chat: {Chat: staffing.Concurrency{Chats: 2}, Deflect: 0.25}}
	for b.Loop() {
		if _, err := Run(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/plan")
}
