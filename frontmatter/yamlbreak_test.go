package frontmatter

import (
	"strings"
	"testing"
)

// TestYAMLBreakNoted: a block holding U+2028 is left alone, with a note
// only where a repair was asked for; one that needs none gets no word.
func TestYAMLBreakNoted(t *testing.T) {
	for _, c := range []struct {
		src  string
		note bool
	}{
		{"---\ntitle: \"Now\u2028available\"\ndate: 2021-07-19\n---\nbody\n", false},
		{"---\ntitle: \"Now\u2028available\"\nsummary: Vercel: now for all\n---\nbody\n", true},
		{"---\ntitle: Now\u0085available\ntags: [a, b]\n---\nbody\n", true},
	} {
		b, err := Split([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		es, cs, err := Repair([]byte(c.src), b, Options{Now: fuzzNow})
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		if len(es) != 0 {
			t.Errorf("%q: edited a block holding a YAML 1.1 line break: %v", c.src, es)
		}
		noted := len(cs) == 1 && cs[0].Note && strings.Contains(cs[0].Message, "U+2028")
		if noted != c.note || !c.note && len(cs) != 0 {
			t.Errorf("%q: changes %+v, want a note: %v", c.src, cs, c.note)
		}
	}
}
