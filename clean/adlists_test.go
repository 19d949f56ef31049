package clean

import (
	"strings"
	"testing"
)

// The filter lists' decisions, one example a kind, with hosts and
// classes the shipped snapshot lists (see internal/adlist): written for
// the test, not taken from any corpus.

func TestAdListsRemove(t *testing.T) {
	for _, c := range []struct{ name, body, gone, why string }{
		{"EasyPrivacy image", `<img src="https://log.outbrain.com/px?id=7" alt="">`, "log.outbrain.com", "tracker image (EasyPrivacy"},
		{"EasyPrivacy Markdown image", `![](https://log.outbrain.com/open/abc)`, "log.outbrain.com", "tracker image (EasyPrivacy"},
		{"EasyPrivacy picture without alt text", `![](https://log.outbrain.com/px/pixie.png)`, "log.outbrain.com", "tracker image (EasyPrivacy"},
		{"EasyList image without a picture's path", `<img src="https://paid.outbrain.com/serve?zone=4">`, "paid.outbrain.com", "ad image (EasyList"},
		{"EasyList Markdown image", `![ad](https://paid.outbrain.com/serve?zone=4)`, "paid.outbrain.com", "ad image (EasyList"},
		{"EasyPrivacy script", `<script src="https://hotjar.com/c/hotjar-1.js"></script>`, "hotjar.com", "tracker script (EasyPrivacy"},
		{"EasyList iframe", `<iframe src="https://paid.outbrain.com/widget/3"></iframe>`, "paid.outbrain.com", "ad iframe (EasyList"},
		{"hidden image", `<img src="https://stats.example.net/i.gif?p=4" style="display: none">`, "stats.example.net", "hidden image"},
		{"hidden attribute", `<img hidden src="https://stats.example.net/i.gif?p=5" alt="">`, "stats.example.net", "hidden image"},
		{"empty ad slot by class", `<div class="wrap banner-ad"></div>`, "banner-ad", `empty ad slot (EasyList) class="banner-ad"`},
		{"empty ad slot by id", `<div id="top-ad">  </div>`, "top-ad", `empty ad slot (EasyList) id="top-ad"`},
		// A newsletter's open pixel on its sender's own host (EasyPrivacy's
		// e-mail trackers: /track/open.php?, /wf/open?upn=).
		{"e-mail open pixel", `<img src="https://news.example.org/track/open.php?u=81&id=3f" alt="">`, "track/open", "e-mail open tracker (EasyPrivacy: /track/open.php?)"},
		{"e-mail open pixel in Markdown", `![](https://mail.example.org/wf/open?upn=Zm9v)`, "wf/open", "e-mail open tracker (EasyPrivacy: /wf/open?upn=)"},
	} {
		for _, path := range []string{"post.md", "post.html"} {
			if strings.HasPrefix(c.body, "![") && path == "post.html" {
				continue // Markdown in an .html file is text
			}
			body := "<p>" + article + "</p>\n\n" + c.body + "\n\n<p>" + article + "</p>\n"
			out, rules := cleanAs(t, path, body)
			if strings.Contains(out, c.gone) {
				t.Errorf("%s (%s): stayed:\n%s", c.name, path, out)
			}
			if !strings.Contains(strings.Join(rules, "\n"), c.why) {
				t.Errorf("%s (%s): changes %q, want one saying %q", c.name, path, rules, c.why)
			}
			if strings.Count(out, article) != 2 {
				t.Errorf("%s (%s): article text lost:\n%s", c.name, path, out)
			}
		}
	}
}

func TestAdListsKeep(t *testing.T) {
	for _, c := range []struct{ name, body string }{
		// An ad company's chart, a picture file, inside the article.
		{"picture from an EasyList host", `<p>Spend by quarter: <img src="https://paid.outbrain.com/charts/q3.png" alt="chart"></p>`},
		{"Markdown picture from an EasyList host", `![Spend by quarter](https://paid.outbrain.com/charts/q3.png)`},
		{"picture with alt text from an EasyPrivacy host", `<p>Reach by week: <img src="https://log.outbrain.com/reports/reach.png" alt="Reach by week"></p>`},
		// The company's own site is on no list.
		{"the ad company's site", `<img src="https://www.outbrain.com/blog/chart.png">`},
		// An ad class on a box that holds text is article.
		{"ad class with text", `<div class="banner-ad">Our sponsors this year were the two city libraries.</div>`},
		{"hidden image with alt text", `<img src="https://example.org/diagram.png" alt="The diagram" style="display:none">`},
		{"ad class with a picture", `<div class="banner-ad"><img src="https://example.org/photo.jpg"></div>`},
		// A picture with alt text whose path an e-mail tracker rule
		// matches stays; a link to such a URL is no image.
		{"picture with alt text on a mail rule's path", `![The open day](https://example.org/o/o.gif)`},
		{"link to a mail rule's path", `See [the tracker's docs](https://example.org/track/open.php?help=1).`},
		{"mail rule's path in code", "```\n![](https://news.example.org/track/open.php?u=81)\n```"},
	} {
		body := article + "\n\n" + c.body + "\n\n" + article + "\n"
		out, rules := cleanMD(t, body)
		if out != body {
			t.Errorf("%s: changed (%q):\n%s", c.name, rules, out)
		}
	}
}
