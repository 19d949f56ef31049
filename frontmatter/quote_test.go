package frontmatter

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestQuoteKeepsAnswers holds quote to strconv.Quote: every rune quoteAsIs
// keeps is one strconv keeps, and random strings of ASCII, CJK, Latin-1,
// escapes, invalid UTF-8 and runes strconv escapes quote the same.
func TestQuoteKeepsAnswers(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if quoteAsIs(r) && (!strconv.IsPrint(r) || r == '"' || r == '\\') {
			t.Fatalf("quoteAsIs(%U), but strconv.Quote escapes it", r)
		}
	}
	pieces := []string{"a", "Z", "0", " ", "-", ":", "\"", "\\", "'", "\t", "\n", "\x00", "\x7f",
		"2023年", "5月", "6日", "北京", "电", "，", "：", "（", "）", "《》", "\u3000", "\u3001",
		"ｚ", "\uff5f", "…", "—", "\u2028", "é", "©", "\u00ad", "\u00a0", "\xe4\xb8", "\xff", "😀", "\ufeff"}
	rng := rand.New(rand.NewPCG(31, 32))
	for n := 0; n < 100000; n++ {
		var sb strings.Builder
		for k := rng.IntN(12); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := quote(s), strconv.Quote(s); got != want {
			t.Fatalf("quote(%q) = %s, want %s", s, got, want)
		}
	}
}

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
