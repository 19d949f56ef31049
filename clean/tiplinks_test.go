package clean

import (
	"strings"
	"testing"
)

// A call for support ending the post, its links to donation platforms
// (tiplinks.go). The examples are written for the test.

func TestTipLineRemoved(t *testing.T) {
	for _, c := range []struct{ name, tail string }{
		{"Ko-fi", "If these notes saved you an afternoon, consider supporting the mill archive on [Ko-fi](https://ko-fi.com/millarchive)."},
		{"two platforms", "Donations keep the archive going: [GitHub Sponsors](https://github.com/sponsors/millarchive) or [PayPal](https://paypal.me/millarchive)."},
		{"two in a row", "If the notes helped, you can [buy me a coffee](https://www.buymeacoffee.com/millarchive).\n\n[Support the mill archive on Ko-fi](https://ko-fi.com/millarchive)"},
		{"before a feed footer", "Buy me a coffee: [here](https://www.buymeacoffee.com/millarchive)\n\nThis post appeared first on \"The Mill Archive\"."},
	} {
		body := article + "\n\n" + article + "\n\n" + c.tail + "\n"
		out, rules := cleanMD(t, body)
		if want := article + "\n\n" + article; strings.TrimRight(out, "\n") != want {
			t.Errorf("%s: got (%q)\n%s", c.name, rules, out)
		}
	}
}

func TestTipLineKept(t *testing.T) {
	for _, c := range []struct{ name, body string }{
		{"a post about a platform", article + "\n\nThe mill's new roof was paid for by readers on [Patreon](https://www.patreon.com/millarchive), three hundred of them."},
		{"mid-post", "Consider supporting the archive on [Ko-fi](https://ko-fi.com/millarchive).\n\n" + article + "\n\n" + article},
		{"another link too", article + "\n\nSupport the archive on [Ko-fi](https://ko-fi.com/millarchive) and read [the mill's history](https://example.org/history)."},
		{"in a code block", article + "\n\n```\nSupport us: [Ko-fi](https://ko-fi.com/millarchive)\n```"},
		{"as a heading followed by text", article + "\n\n## Support [the archive](https://ko-fi.com/millarchive)\n\nThe archive is run by two volunteers, who scan a box of letters every week and write them up here."},
	} {
		body := c.body + "\n"
		out, rules := cleanMD(t, body)
		if out != body {
			t.Errorf("%s: changed (%q):\n%s", c.name, rules, out)
		}
	}
}
