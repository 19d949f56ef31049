package clean

import (
	"strings"
	"testing"
)

// WordPress's excerpt more-link at the end of a paragraph (morelink.go).
// The examples are written for the test.

const excerpt = "The town council met twice this spring to decide the fate of the old mill, and the second meeting ran late into the night"

func TestMoreLinkRemoved(t *testing.T) {
	for _, c := range []struct{ name, para, want string }{
		{"hellip and title", excerpt + " … Continue reading The fate of the old mill", excerpt + " …"},
		{"three dots", excerpt + " ... Continue reading The fate of the old mill (part two)!", excerpt + " ..."},
		{"bracketed cut", excerpt + " […] Continue reading “The fate of the old mill”", excerpt + " […]"},
		{"arrow, no title", excerpt + "… Continue reading →", excerpt + "…"},
		{"Markdown link", excerpt + " … [Continue reading The fate of the old mill](https://example.org/2021/old-mill/#more-12)", excerpt + " …"},
		{"in a block quote", "> " + excerpt + " … Continue reading The fate of the old mill", "> " + excerpt + " …"},
	} {
		body := article + "\n\n" + c.para + "\n\n" + article + "\n"
		out, rules := cleanMD(t, body)
		if want := article + "\n\n" + c.want + "\n\n" + article + "\n"; out != want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, out, want)
		}
		if !strings.Contains(strings.Join(rules, "\n"), "widgets: removed WordPress's excerpt more-link") {
			t.Errorf("%s: changes %q", c.name, rules)
		}
	}
}

func TestMoreLinkKept(t *testing.T) {
	for _, c := range []struct{ name, body string }{
		{"prose after it", excerpt + " … Continue reading the minutes, and you will see why. The vote was close."},
		{"a sentence, not a title", "She stopped at the door… Continue reading the letter aloud, she said."},
		{"no cut before it", "When the lights came back we said: Continue reading The fate of the old mill"},
		{"in quotation marks", `He wrote to us: "I stopped there… Continue reading tomorrow`},
		{"as a heading followed by text", "## … Continue reading The fate of the old mill\n\n" + article},
		{"in a code block", "```\n" + excerpt + " … Continue reading The fate of the old mill\n```"},
		{"in a code span", "Our theme prints `… Continue reading %s` after an excerpt"},
		{"only the cut before it", "… Continue reading The fate of the old mill"},
		{"a line of its own after the paragraph's first", excerpt + " …\nContinue reading: the second part"},
	} {
		body := article + "\n\n" + c.body + "\n\n" + article + "\n"
		out, rules := cleanMD(t, body)
		if out != body {
			t.Errorf("%s: changed (%q):\n%s", c.name, rules, out)
		}
	}
}
