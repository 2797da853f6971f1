package schedules

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // CRON_TZ zones load on machines without a zoneinfo database

	"github.com/robfig/cron/v3"
)

// parser reads 5-field specs, @hourly-style descriptors, "@every 30m" and
// a CRON_TZ=Zone prefix.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSpec parses a schedule. Specs without a CRON_TZ= (or TZ=) prefix are
// in UTC. robfig/cron panics on some malformed specs ("TZ=UTC" alone);
// that comes back as an error here.
func ParseSpec(spec string) (s cron.Schedule, err error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, errors.New("empty schedule")
	}
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("invalid schedule %q: %v", spec, r)
		}
	}()
	if d, ok := strings.CutPrefix(spec, "@every "); ok {
		if every, err := time.ParseDuration(strings.TrimSpace(d)); err != nil || every < time.Second {
			return nil, fmt.Errorf("invalid schedule %q: @every needs a duration of at least 1s, like @every 30m", spec)
		}
	}
	if !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") {
		spec = "CRON_TZ=UTC " + spec
	}
	s, err = parser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("invalid schedule %q: %w", strings.TrimPrefix(spec, "CRON_TZ=UTC "), err)
	}
	return s, nil
}
