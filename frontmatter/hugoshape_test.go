package frontmatter

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestHugoShape checks that hugoShape never refuses a value time.Parse
// reads with the layout: it only spares the parses that fail.
func TestHugoShape(t *testing.T) {
	pieces := []string{"2021", "07", "7", "19", "1", "-", "/", ":", " ", "  ", "T", "t", "Z", "z", "10", "00", "59",
		".", ".123", ",5", "+08:00", "-0700", "+0800", "UTC", "CST", "MST", "Jan", "jan", "Mon", "06", "2", "24", "x"}
	r := rand.New(rand.NewPCG(5, 6))
	values := []string{"2021-07-19", "2021-07-19 10:00:00", "2021-07-19T10:00:00Z", "2021-07-19 10:00:00 +0800",
		"2021-07-19 10:00:00 -07:00", "2021-07-19 10:00:00.5 -0700 MST", "2021-07-19  9:00:00", "19 Jul 2021",
		"19 Jul 21 10:00 UTC", "19  Jul 21 10:00 +0800", "2021-07-19 10:00:00Z", "2021-07-19 10:00:00+08:00"}
	for range 30000 {
		v := ""
		for n := 1 + r.IntN(10); n > 0; n-- {
			v += pieces[r.IntN(len(pieces))]
		}
		values = append(values, v)
	}
	// Every layout's own output, then mutated: spaces doubled, a
	// fraction added, a byte dropped or changed.
	for range 100000 {
		l := hugoLayouts[r.IntN(len(hugoLayouts))]
		tm := time.Date(1990+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1e9), time.FixedZone("", 3600*(r.IntN(25)-12)))
		v := []byte(tm.Format(l))
		for n := r.IntN(3); n > 0 && len(v) > 0; n-- {
			i := r.IntN(len(v))
			switch r.IntN(4) {
			case 0:
				v = append(v[:i], append([]byte{' '}, v[i:]...)...)
			case 1:
				v = append(v[:i], v[i+1:]...)
			case 2:
				v[i] = pieces[r.IntN(len(pieces))][0]
			case 3:
				v = append(v[:i], append([]byte(".5"), v[i:]...)...)
			}
		}
		values = append(values, string(v))
	}
	parsed := 0
	for _, v := range values {
		for _, l := range hugoLayouts {
			if v == "" {
				continue
			}
			if _, err := time.Parse(l, v); err == nil && !zoneEndShape(l, v) {
				t.Fatalf("zoneEndShape(%q, %q) = false, but time.Parse reads it", l, v)
			}
		}
		for _, l := range hugoLayouts {
			if !isDigit(l[0]) || v == "" || !isDigit(v[0]) {
				continue
			}
			if _, err := time.Parse(l, v); err == nil {
				parsed++
				if !hugoShape(l, v) {
					t.Fatalf("hugoShape(%q, %q) = false, but time.Parse reads it", l, v)
				}
			}
		}
	}
	if parsed < 10000 {
		t.Fatalf("only %d values parsed", parsed)
	}
	t.Logf("%d parses checked", parsed)
}
