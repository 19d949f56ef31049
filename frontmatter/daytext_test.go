package frontmatter

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestFormatDayKeepsFormat holds formatDay to time.Format on random times
// of years -100 to 10100, in UTC and another zone.
func TestFormatDayKeepsFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	zone := time.FixedZone("x", -9*3600-30*60)
	for n := 0; n < 100000; n++ {
		tm := time.Date(-100+rng.IntN(10201), time.Month(1+rng.IntN(12)), 1+rng.IntN(31), rng.IntN(24), rng.IntN(60), 0, 0, time.UTC)
		if n%2 == 1 {
			tm = tm.In(zone)
		}
		if got, want := formatDay(tm), tm.Format("2006-01-02"); got != want {
			t.Fatalf("formatDay(%v) = %s, want %s", tm, got, want)
		}
	}
}

// TestURLEndKeepsEndsURL checks endsURL's table byte by byte.
func TestURLEndKeepsEndsURL(t *testing.T) {
	for c := 0; c < 256; c++ {
		if got, want := endsURL(byte(c)), strings.IndexByte("\"'<> \t\r\n", byte(c)) >= 0; got != want {
			t.Fatalf("endsURL(%#x) = %v, want %v", c, got, want)
		}
	}
}

// TestDateKeyRankKeepsAnswers holds dateKeyRank (by length) to the walk
// of every date key, on the keys in three spellings and random keys.
func TestDateKeyRankKeepsAnswers(t *testing.T) {
	slow := func(k string) int {
		for i, d := range DateKeys {
			if len(d) == len(k) && strings.EqualFold(k, d) {
				return i
			}
		}
		return len(DateKeys)
	}
	keys := []string{"", "x", "title", "ſ", "\u212a", strings.Repeat("a", 40), "dateſ", "ſlug"}
	for _, d := range DateKeys {
		keys = append(keys, d, strings.ToUpper(d), strings.ToLower(d), d+"x", d[1:])
	}
	rng := rand.New(rand.NewPCG(35, 36))
	letters := "adeptublisdhmcr_AD\u212aſ"
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for k := rng.IntN(18); k > 0; k-- {
			sb.WriteByte(letters[rng.IntN(len(letters))])
		}
		keys = append(keys, sb.String())
	}
	for _, k := range keys {
		if got, want := dateKeyRank(k), slow(k); got != want {
			t.Fatalf("dateKeyRank(%q) = %d, want %d", k, got, want)
		}
	}
}
