package frontmatter

import (
	"testing"
	"time"
)

// TestHugoReadsSkipsNoLayout: the first-byte filter of hugoReads skips
// only layouts that cannot match.
func TestHugoReadsSkipsNoLayout(t *testing.T) {
	every := func(v string) (time.Time, bool) {
		for _, l := range hugoLayouts {
			if t, err := time.Parse(l, v); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	for _, v := range []string{
		"2021-07-19", "2021-07-19T10:00:00Z", "2021-07-19 10:00:00", "2021-07-19 10:00:00 +0800",
		"Mon, 19 Jul 2021 10:00:00 GMT", "Mon, 19 Jul 2021 10:00:00 +0800", "Monday, 19-Jul-21 10:00:00 UTC",
		"Mon Jul 19 10:00:00 2021", "Mon Jul 19 10:00:00 UTC 2021", "Mon Jul 19 10:00:00 +0800 2021",
		"19 Jul 2021", "19 Jul 21 10:00 UTC", "19 Jul 21 10:00 +0800", "2021/07/19", "Invalid Date",
		" 2021-07-19", "", "7", "x", "2021-7-9",
	} {
		got, ok := hugoReads(v)
		want, wok := every(v)
		if ok != wok || !got.Equal(want) {
			t.Errorf("hugoReads(%q) = %v, %v; every layout: %v, %v", v, got, ok, want, wok)
		}
	}
}
