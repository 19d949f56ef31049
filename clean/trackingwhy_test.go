package clean

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestTrackingMessageKeepsAnswers holds trackingWhy.message's quoting
// without strconv's tables (asIs) to strconv.Quote on random values: URLs,
// CJK text, escapes, control bytes and invalid UTF-8.
func TestTrackingMessageKeepsAnswers(t *testing.T) {
	pieces := []string{"https://", "t.example.com", "/p.gif", "?", "&amp;", "id=", "42", " ", "\"", "\\",
		"'", "\t", "\n", "\x00", "\x7f", "统计", "，", "\u3000", "é", "\u00ad", "\xe4\xb8", "\xff", "😀", "%20"}
	rng := rand.New(rand.NewPCG(41, 42))
	for n := 0; n < 100000; n++ {
		var sb strings.Builder
		for k := rng.IntN(12); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		w := trackingWhy{what: "a tracking pixel", attr: "src", value: s}
		if got, want := w.message(), "removed a tracking pixel src="+strconv.Quote(s); got != want {
			t.Fatalf("message() = %s, want %s", got, want)
		}
	}
}
