package clean

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
)

// fixpointCases are posts where one removal exposes another: before the
// body rules re-ran to a fixpoint, --check failed right after -w (issue
// 20). Each must reach its final form in one run. The posts are our own.
var fixpointCases = []struct {
	name   string
	config string // a .mdclean.yaml, "" for the defaults
	in     string
	gone   []string // texts the one run removes
	kept   []string // texts it keeps
}{
	{
		// The like widget ends the post and shields the copyright line
		// before it from the tail rule.
		name: "widget before a footer",
		in: "---\ntitle: x\n---\n<p>The article says what it has to say, and then it ends with a full sentence.</p>\n" +
			"<p>Copyright 2021 Example Media. All rights reserved.</p>\n" +
			"<div class=\"sharedaddy sd-like\"><h3>Like this:</h3><p>Like Loading...</p></div>\n",
		gone: []string{"Like this:", "Copyright 2021"},
		kept: []string{"full sentence."},
	},
	{
		// The tracking div opens an HTML block that holds the link's line;
		// once it is gone the line is Markdown, and its link is cleaned.
		name: "div before a Markdown link",
		in: "---\ntitle: x\n---\nThe article.\n\n<div id=\"recommend_bottom\"></div>\n" +
			"[Read the original](https://example.com/post?id=7&utm_source=feed)\n",
		gone: []string{"recommend_bottom", "utm_source"},
		kept: []string{"The article.", "[Read the original](https://example.com/post?id=7)"},
	},
	{
		// A copy-code button pair before a code block: each is next to the
		// code only once the other is gone.
		name: "copy-code pair",
		in:   "---\ntitle: x\n---\n<p>Run this:</p>\n<p>Copy code</p>\n<p>Copied!</p>\n<p>代码解读</p>\n<pre><code>go run .\n</code></pre>\n<p>And it runs.</p>\n",
		gone: []string{"Copy code", "Copied!", "代码解读"},
		kept: []string{"Run this:", "go run .", "And it runs."},
	},
	{
		// The site's boilerplate ends the post; once it goes, the
		// related-posts list is the last block, and goes too.
		name:   "related list before a learned footer",
		config: "boilerplate: [\"Thanks for reading the Example Blog, see you next week\"]\n",
		in: "---\ntitle: x\n---\nThe article, which ends here with a sentence of its own.\n\n## Related posts\n\n" +
			"- [An older post](https://example.com/a)\n- [Another post](https://example.com/b)\n\n" +
			"Thanks for reading the Example Blog, see you next week\n",
		gone: []string{"Related posts", "An older post", "Thanks for reading"},
		kept: []string{"sentence of its own."},
	},
	{
		// Nested removals: a tracking pixel inside a share widget inside
		// a paragraph run, then a footer.
		name: "nested removals",
		in: "---\ntitle: x\n---\n<p>The article ends with this sentence.</p>\n<p>© 2021 Example Media</p>\n" +
			"<div class=\"share-buttons\"><a href=\"https://twitter.com/intent/tweet?url=x\">Tweet</a>" +
			"<img src=\"https://example.com/p.gif\" width=\"1\" height=\"1\"></div>\n" +
			"<div id=\"recommend_bottom\"></div>\n",
		gone: []string{"Tweet", "recommend_bottom", "© 2021"},
		kept: []string{"ends with this sentence."},
	},
}

// mdSettledCases are Markdown bodies with link rewrites: settled when
// every edit rewrites a link's or reference's destination, or an <a>'s
// quoted href that the parse read as raw HTML, with plain URL bytes
// (settledMarkdown), not otherwise. FuzzDocument is seeded with them.
var mdSettledCases = []struct {
	in      string
	settled bool
}{
	{"The article, [a link](https://example.com/a?utm_source=x&id=3) and `code`.\n", true},
	{"See [the docs][d].\n\n[d]: https://example.com/d?utm_medium=feed\n", true},
	{"```\n[a](https://example.com/?utm_source=x)\n```\n\nText [b](https://example.com/b?utm_campaign=y).\n", true},
	{"Text [b](https://www.google.com/url?q=https://example.com/x&sa=D) here.\n", true},
	{"[a](https://example.com/?utm_source=x \"A title\") and ![b](https://example.com/b.png)\n", true},
	// A target's '&' spelled "\&" (mdPlainDest); a backtick is no such.
	{"Text [b](https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fx%3Fa%3D1%26copy%3D2) here.\n", true},
	{"Text `x [b](https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fa%26%60b%60) here.\n", false},
	// A link around an image (mdBeacon reads where it stands, found
	// again, not its target); an autolink, whose text other rules read.
	{"[![a photo](https://example.com/p.jpg)](https://example.com/?utm_source=x)\n", true},
	{"[![](https://hm.baidu.com/hm.gif)](https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fx)\n\nThe article.\n", false},
	{"Go to <https://example.com/?utm_source=x>.\n", false},
	// A '<' before it in the paragraph: the link may turn attribute.
	{"<a title=[x](https://example.com/?utm_source=x)>t</a>\n", false},
	{"A <b>bold</b> [a](https://example.com/?utm_source=x)\n", false},
	// Markdown bytes in the destination.
	{"[a](https://example.com/(x)?utm_source=x)\n", false},
	{"[a](<https://example.com/?utm_source=x>)\n", false},
	// A body this short: the tail rule decides by where its blocks stand.
	{"Text *x* <a href=\"https://example.com/?utm_source=x\">b</a> `c`\n", false},
	// An href in inline raw HTML, in an HTML block, on a later line of one.
	{"The article, with <a href=\"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fa\">a link</a> in a sentence and `code`.\n", true},
	{"The article, `code`.\n\n<p>A paragraph with <a href='https://example.com/a?utm_source=x&amp;id=3' target=\"_blank\">a link</a> [in brackets].</p>\n", true},
	{"The article, `code`.\n\n<div>\n<p>Notes:<br>\n1.<a href=\"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fa\">one</a><br>\n</div>\n", true},
	// Not so: inside a link's text (whose length and label it is part
	// of), unquoted, escaped or no tag for CommonMark (no space before
	// an attribute), a target with parentheses, a reference's title.
	{"See [the <a href=\"https://example.com/?utm_source=x\">page</a>](https://example.com/p) and `code`.\n", false},
	{"The article, `code`, and <a href=https://example.com/?utm_source=x>a link</a> unquoted.\n", false},
	{"The article, `code`, and \\<a href=\"https://example.com/?utm_source=x\">a link</a> escaped.\n", false},
	{"The article, `code`, and <a href=\"https://example.com/?utm_source=x\"title=\"t\">a link</a> no space.\n", false},
	{"The article, `code`, and <a href=\"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fa_(b)\">a link</a> in a sentence.\n", false},
	{"The article, `code`.\n\n[r]: https://example.com/r 'a <a href=\"https://example.com/?utm_source=x\">b</a>'\n", false},
	// A removal besides the rewrite: at the end, a cut (cutSettled); before
	// it, not.
	{"[a](https://example.com/?utm_source=x)\n\n<div id=\"recommend_bottom\"></div>\n", true},
	{"<div id=\"recommend_bottom\"></div>\n\n[a](https://example.com/?utm_source=x) and `code`.\n", false},
}

// TestSettledMarkdownCode: the edits of a settled Markdown body never
// overlap the code ranges of its parse, and the output's code is the
// input's (what sameCode, skipped for them, would check).
func TestSettledMarkdownCode(t *testing.T) {
	for _, c := range mdSettledCases {
		src := []byte("---\ntitle: x\n---\n" + c.in)
		b, _ := frontmatter.Split(src)
		be, _, md, settled := cleanBody(src, b.Body, DefaultConfig(), defaultRuleSet(), true)
		if !settled {
			continue
		}
		body := src[b.Body:]
		for _, e := range be {
			for _, r := range md.code {
				if e.Start-b.Body < r[1] && r[0] < e.End-b.Body {
					t.Errorf("%q: edit %v overlaps code %v", c.in, e, r)
				}
			}
		}
		out, err := edit.Apply(src, be)
		if err != nil {
			t.Fatal(err)
		}
		if same, _ := sameCode(body, md.code, out[b.Body:], true); !same {
			t.Errorf("%q: settled, but the code changed:\n%s", c.in, out)
		}
	}
}

// TestSettled: a body whose only edits remove empty tracking containers
// between tags is settled after one round (no second round is run), and
// any other body is not; either way the result is the full run's.
func TestSettled(t *testing.T) {
	cases := []struct {
		in      string
		settled bool
	}{
		{"<p>The article, a sentence.</p><div id=\"recommend_bottom\"></div>\n<div id=\"article_bottom\"></div>\n", true},
		{"<p>The article, a sentence.</p>\n<div class=\"mpu-ad\">\n  <div class=\"bbccom_advert\"> </div>\n</div><p>More of it, a sentence.</p>\n", true},
		{"<p>The article, a sentence.</p>\nText<div class=\"mpu-ad\"></div> joined\n", false},
		// The tail keeps its one short line; the ad slot lies out of what
		// its walk read (tailKeeps), or within it.
		{"<p>The article, a sentence.</p>\n<div class=\"mpu-ad\"><div class=\"bbccom_advert\"> </div></div>\n" + strings.Repeat("<p>More of it, a sentence.</p>\n", 6) + "<p>Short headline here</p>\n", true},
		{"<p>The article, a sentence.</p>\n<div class=\"mpu-ad\"><div class=\"bbccom_advert\"> </div></div>\n<p>More of it, a sentence.</p>\n<p>Short headline here</p>\n", false},
		// It keeps the short line and cuts the footer after it.
		{"<p>The article, a sentence.</p>\n<p>Short headline here</p>\n<p>Copyright © 2021 Example. All rights reserved.</p>\n<p> </p>\n", true},
		{"<p>Run this:</p>\n<p>Copy code</p><div id=\"recommend_bottom\"></div><pre><code>go run .\n</code></pre>\n", false},
		{"<p>The article, a sentence.</p>\nThanks for<div id=\"recommend_bottom\"></div> reading\n", false},
		{"<p>The article.</p><div id=\"recommend_bottom\"><img src=\"https://example.com/p.gif\" width=\"1\" height=\"1\"></div>\n", false},
		{"<p>The article ( 完 )</p><div id=\"recommend_bottom\"></div><p>标题一二三四五六</p><p>Copyright 2021 X</p>\n", false},
		{"The article.\n\n<div id=\"recommend_bottom\"></div>\n[a](https://example.com/?utm_source=x)\n", false},
	}
	for _, c := range mdSettledCases {
		cases = append(cases, struct {
			in      string
			settled bool
		}{c.in, c.settled})
	}
	for _, c := range cases {
		src := []byte("---\ntitle: x\n---\n" + c.in)
		b, _ := frontmatter.Split(src)
		be, _, _, settled := cleanBody(src, b.Body, DefaultConfig(), defaultRuleSet(), true)
		if len(be) == 0 {
			t.Errorf("%q: no edit", c.in)
		}
		if settled != c.settled {
			t.Errorf("%q: settled = %v, want %v", c.in, settled, c.settled)
		}
		res, err := Document(src, Options{Now: goldenNow})
		if err != nil {
			t.Fatal(err)
		}
		full, _ := Document(src, Options{Now: goldenNow, everyRound: true})
		if !bytes.Equal(res.Out, full.Out) || len(res.Changes) != len(full.Changes) {
			t.Errorf("%q: the shortcut gives\n%s\nthe full run\n%s", c.in, res.Out, full.Out)
		}
	}
}

func TestFixpoint(t *testing.T) {
	for _, c := range fixpointCases {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{Now: goldenNow}
			if c.config != "" {
				cfg, err := LoadConfig([]byte(c.config), ".mdclean.yaml")
				if err != nil {
					t.Fatal(err)
				}
				opts.Config = cfg
			}
			res, err := Document([]byte(c.in), opts)
			if err != nil {
				t.Fatal(err)
			}
			out := string(res.Out)
			for _, g := range c.gone {
				if strings.Contains(out, g) {
					t.Errorf("%q is still there after one run:\n%s\n%s", g, out, formatChanges(res.Changes))
				}
			}
			for _, k := range c.kept {
				if !strings.Contains(out, k) {
					t.Errorf("%q was removed:\n%s", k, out)
				}
			}
			again, err := Document(res.Out, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Out, res.Out) || again.Changed() {
				t.Errorf("not idempotent: the second run changed:\n%s", formatChanges(again.Changes))
			}
			checkEdits(t, []byte(c.in), res)
		})
	}
}

// checkEdits checks what Document returns besides its output: its edits,
// on the original input, give the output, and its changes lie in the
// input, in order.
func checkEdits(t *testing.T, src []byte, res Result) {
	t.Helper()
	out, err := edit.Apply(src, res.Edits)
	if err != nil || !bytes.Equal(out, res.Out) {
		t.Errorf("the edits do not give the output (%v):\n%s", err, out)
	}
	for i, c := range res.Changes {
		if c.Offset < 0 || c.Offset > len(src) || i > 0 && c.Offset < res.Changes[i-1].Offset {
			t.Errorf("change %d: offset %d out of range or order", i, c.Offset)
		}
	}
}
