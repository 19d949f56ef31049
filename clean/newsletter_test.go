package clean

import (
	"strings"
	"testing"
)

// A newsletter's mail footer and a video's sponsor read at a post's edges
// (rules.yaml's widgets.edges). The examples are written for the test.

func TestNewsletterEdgesRemoved(t *testing.T) {
	for _, c := range []struct{ name, top, tail string }{
		{"mail footer", "", "Want to change how you receive these emails?  \nYou can [update your preferences](https://news.example.org/profile?u=1) or [unsubscribe from this list](https://news.example.org/unsub?u=1).\n\n[Unsubscribe](https://news.example.org/u/1)"},
		{"why you got it", "", "You are receiving this email because you signed up for the mill newsletter on our site."},
		{"unsubscribe row", "", "Unsubscribe | Update your profile | 12 Mill Lane, Springfield"},
		{"sponsor read at the top", "This video is sponsored by Acme Maps. Try it free for a month at example.com/maps.", ""},
		{"sponsor read at the end", "", "This episode is brought to you by the Acme Bakery, open every day but Monday."},
	} {
		body := article + "\n\n" + article + "\n"
		if c.top != "" {
			body = c.top + "\n\n" + body
		}
		if c.tail != "" {
			body += "\n" + c.tail + "\n"
		}
		out, rules := cleanMD(t, body)
		if want := article + "\n\n" + article; strings.TrimRight(out, "\n") != want {
			t.Errorf("%s: got (%q)\n%s", c.name, rules, out)
		}
	}
}

func TestNewsletterEdgesKept(t *testing.T) {
	for _, c := range []struct{ name, body string }{
		{"in prose", article + "\n\n" + "We thank the readers; this video is sponsored by nobody, and we like it that way, as the tail of this sentence says."},
		{"mid-post", article + "\n\nThis episode is brought to you by the Acme Bakery, open every day but Monday.\n\n" + article},
		{"in a quote", article + "\n\n" + `He said: "You are receiving this email because you asked for it."`},
		{"in a code block", article + "\n\n```\nUnsubscribe\n```"},
		{"as a heading followed by text", article + "\n\n## Unsubscribe\n\nTo leave the list, write to the editor and say which list you are on; we answer within the week."},
	} {
		body := c.body + "\n"
		out, rules := cleanMD(t, body)
		if out != body {
			t.Errorf("%s: changed (%q):\n%s", c.name, rules, out)
		}
	}
}
