package clean

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestMayHaveDirective holds scanOptOut's gate (mayHaveDirective) to
// scanOptOutAll on generated bodies, Markdown and HTML: directives, well
// and badly spelt, in comments, in code, in text and in attributes, cut
// comments and other comments. A body the gate turns away gives
// scanOptOutAll nothing either.
func TestMayHaveDirective(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 11))
	parts := []string{"<!-- mdclean-disable -->", "<!-- mdclean-enable -->", "<!-- mdclean-disable-next-block widgets -->",
		"<!--mdclean-disable tail-->", "<!-- mdclean-dsable -->", "<!-- note mdclean-disable -->", "<!-- other -->",
		"<!-- mdclean-", "<!--", "-->", "--!>", "mdclean-disable", "`<!-- mdclean-disable -->`", "\n```\n",
		"<pre>", "</pre>", "<code>", "</code>", "<p>", "</p>", "<div id=\"recommend_bottom\">", "</div>",
		"<a title=\"<!-- mdclean-disable -->\">", "</a>", "text ", "\n\n", "\n", "    ", "# h\n", "- item\n",
		"{{< x >}}", "{% raw %}", "<script>", "</script>", "<!-- mdclean-enable frontmatter-date -->"}
	s := &scratch{}
	gated, total := 0, 0
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for k := rng.IntN(10); k >= 0; k-- {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		body := []byte(sb.String())
		for _, md := range []bool{false, true} {
			d := parse(body, s, md && mayBeMarkdown(body), bytes.Count(body, []byte{'<'}))
			total++
			o, notes := scanOptOutAll(d, 7)
			if !mayHaveDirective(d) {
				gated++
				if o != nil || notes != nil {
					t.Fatalf("md %v, body %q: the gate says no directive, scanOptOutAll finds %+v, %v", md, body, o, notes)
				}
			}
			o2, notes2 := scanOptOut(d, 7)
			if !reflect.DeepEqual(o, o2) || !reflect.DeepEqual(notes, notes2) {
				t.Fatalf("md %v, body %q: scanOptOut = %+v, %v; scanOptOutAll = %+v, %v", md, body, o2, notes2, o, notes)
			}
		}
	}
	if gated == 0 || gated == total {
		t.Fatalf("gated %d of %d bodies: the generator misses a side", gated, total)
	}
}
