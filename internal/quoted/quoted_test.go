package quoted

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestStringKeepsAnswers holds String to strconv.Quote and Append to
// strconv.AppendQuote: every rune AsIs
// keeps is one strconv keeps, and random strings of ASCII, CJK, Latin-1,
// escapes, invalid UTF-8 and runes strconv escapes quote the same.
func TestStringKeepsAnswers(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if AsIs(r) && (!strconv.IsPrint(r) || r == '"' || r == '\\') {
			t.Fatalf("AsIs(%U), but strconv.Quote escapes it", r)
		}
	}
	pieces := []string{"a", "Z", "0", " ", "-", ":", "\"", "\\", "'", "\t", "\n", "\x00", "\x7f",
		"2023年", "5月", "6日", "北京", "电", "，", "：", "（", "）", "《》", "「完」", "\u3000", "\u3001",
		"ｚ", "\uff5f", "…", "—", "\u2028", "é", "©", "\u00ad", "\u00a0", "\xe4\xb8", "\xff", "😀", "\ufeff", "한국", "ß"}
	rng := rand.New(rand.NewPCG(31, 32))
	for n := 0; n < 200000; n++ {
		var sb strings.Builder
		for k := rng.IntN(12); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := String(s), strconv.Quote(s); got != want {
			t.Fatalf("String(%q) = %s, want %s", s, got, want)
		}
		if got, want := Append([]byte("x="), s), strconv.AppendQuote([]byte("x="), s); string(got) != string(want) {
			t.Fatalf("Append(%q) = %s, want %s", s, got, want)
		}
	}
}
