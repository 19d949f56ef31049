package clean

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/mdclean/mdclean/edit"
)

// FuzzDocument checks the properties every rule must keep, on any input:
// no panic; cleaning is idempotent; no reported change means the output is
// the input, byte for byte. It is seeded from every golden case.
func FuzzDocument(f *testing.F) {
	for _, file := range goldenFiles(f) {
		g := loadGolden(f, file)
		f.Add(g.in)
	}
	// Compositions of junk kinds, where one removal exposes another
	// (fixpoint_test.go): the body rules must reach their fixpoint in one
	// run.
	for _, c := range fixpointCases {
		f.Add([]byte(c.in))
	}
	for _, s := range junkCompositions {
		f.Add([]byte(s))
	}
	for _, c := range mdSettledCases {
		f.Add([]byte("---\ntitle: x\n---\n" + c.in))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		opts := Options{Now: goldenNow}
		orig := append([]byte(nil), src...)
		res, err := Document(src, opts)
		if !bytes.Equal(src, orig) {
			t.Fatalf("Document modified its input")
		}
		if err != nil {
			return
		}
		if !res.Changed() && !bytes.Equal(res.Out, src) {
			t.Fatalf("no change reported but output differs:\n in: %q\nout: %q", src, res.Out)
		}
		// The edits are on the input, whatever the rounds: record/ splices
		// them into JSON strings.
		if out, err := edit.Apply(src, res.Edits); err != nil || !bytes.Equal(out, res.Out) {
			t.Fatalf("the edits do not turn the input into the output (%v):\n in: %q\nout: %q\nedits give: %q", err, src, res.Out, out)
		}
		// The output is never larger than the input plus what the changes
		// wrote: nothing is duplicated or invented.
		written := 0
		for _, c := range res.Changes {
			written += len(c.After)
		}
		if len(res.Out) > len(src)+written {
			t.Fatalf("output %d bytes > input %d + rewrites %d:\n in: %q\nout: %q", len(res.Out), len(src), written, src, res.Out)
		}
		// A body Document found settled after one round (clean.settled)
		// comes out as the full fixpoint run gives it.
		every := opts
		every.everyRound = true
		if full, err := Document(src, every); err != nil || !bytes.Equal(full.Out, res.Out) || len(full.Changes) != len(res.Changes) {
			t.Fatalf("the settled shortcut differs from the full run (%v):\n in: %q\nout: %q\nfull: %q", err, src, res.Out, full.Out)
		}
		again, err := Document(res.Out, opts)
		if err != nil {
			t.Fatalf("cleaned output fails to clean: %v\n in: %q\nout: %q", err, src, res.Out)
		}
		if !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent:\n in: %q\nout: %q\nagain: %q\nchanges: %s", src, res.Out, again.Out, formatChanges(again.Changes))
		}
	})
}

// FuzzBody checks the body cleaner: no panic, idempotent, and with only
// the deleting rules on, the output is a subsequence of the input.
func FuzzBody(f *testing.F) {
	for _, file := range goldenFiles(f) {
		g := loadGolden(f, file)
		f.Add(g.in)
	}
	f.Add([]byte("<div><p>a ( 完 ) </p><p>标题一二三四五六</p><p>标题二三四五六七</p><p>Copyright x</p><div id=\"recommend_bottom\"></div></div>"))
	f.Add([]byte("<p>x</p>\n```\n<div id=\"article_bottom\"></div>\n```\n<textarea><div id=\"article_bottom\"></div>"))
	deleting := Options{Now: goldenNow, Disable: []string{"redirect-link", "tracking-params", "yaml-syntax", "invalid-date", "portable-date"}}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := append([]byte(nil), src...)
		res, err := Document(src, deleting)
		if !bytes.Equal(src, orig) {
			t.Fatalf("Document modified its input")
		}
		if err != nil {
			return
		}
		if !isSubsequence(res.Out, src) {
			t.Fatalf("deleting rules produced bytes not in the input:\n in: %q\nout: %q", src, res.Out)
		}
		again, err := Document(res.Out, deleting)
		if err != nil || !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent (err %v):\n in: %q\nout: %q\nagain: %q", err, src, res.Out, again.Out)
		}
		all := Options{Now: goldenNow}
		res, err = Document(src, all)
		if err != nil {
			return
		}
		again, err = Document(res.Out, all)
		if err != nil || !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent with all rules (err %v):\n in: %q\nout: %q\nagain: %q", err, src, res.Out, again.Out)
		}
	})
}

func isSubsequence(sub, s []byte) bool {
	i := 0
	for j := 0; j < len(s) && i < len(sub); j++ {
		if sub[i] == s[j] {
			i++
		}
	}
	return i == len(sub)
}

// FuzzMarkdown checks Markdown bodies: no panic, idempotent, and what
// goldmark renders as code is the same before and after.
func FuzzMarkdown(f *testing.F) {
	for _, file := range goldenFiles(f) {
		if strings.HasPrefix(filepath.Base(file), "md-") {
			f.Add(loadGolden(f, file).in)
		}
	}
	f.Add([]byte("- a\n\n      <div id=\"recommend_bottom\"></div>\n\n> ```\n> <div id=\"article_bottom\"></div>\n\n`a\nb` [x](https://link.zhihu.com/?target=https%3A%2F%2Fa.com%2F%60)\n"))
	opts := Options{Now: goldenNow}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Document(src, opts)
		if err != nil {
			return
		}
		var before, after bytes.Buffer
		if goldmark.Convert(src, &before) != nil || goldmark.Convert(res.Out, &after) != nil {
			return
		}
		_, _, cb := renderedParts(before.String())
		_, _, ca := renderedParts(after.String())
		if strings.Join(cb, "\x00") != strings.Join(ca, "\x00") {
			t.Fatalf("code changed:\n in: %q\nout: %q\ncode: %q -> %q", src, res.Out, cb, ca)
		}
		again, err := Document(res.Out, opts)
		if err != nil || !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent (err %v):\n in: %q\nout: %q\nagain: %q", err, src, res.Out, again.Out)
		}
	})
}

// junkCompositions are fuzz seeds that stack junk kinds: a widget before
// a footer, a div before a Markdown link, removals nested in removals,
// junk around template code.
var junkCompositions = []string{
	// Empty tracking containers only (the settled shortcut), beside
	// what a second round could see otherwise: a copy-code label before
	// code, text they split, a line they indent, a headline run.
	"---\ntitle: x\n---\n<p>The article, a sentence.</p><div id=\"recommend_bottom\"></div>\n<div id=\"article_bottom\"></div>\n",
	"---\ntitle: x\n---\n<p>Run this:</p>\n<p>Copy code</p><div id=\"recommend_bottom\"></div><pre><code>go run .\n</code></pre>\n<p>And it runs, a sentence.</p>\n",
	"---\ntitle: x\n---\n<p>The article, a sentence.</p>\nThanks for<div id=\"recommend_bottom\"></div> reading\n",
	"---\ntitle: x\n---\n<p>The article, a sentence.</p>\n<div id=\"recommend_bottom\"></div>    <p>x</p>\n",
	"---\ntitle: x\n---\n<p>The article ( 完 )</p><div id=\"recommend_bottom\"></div><p>标题一二三四五六</p><p>Copyright 2021 X</p>\n",
	"---\ntitle: x\n---\n<div id=\"recommend_bottom\"><p>The article ( 完 )</p><p>标题一二三四五六</p><p>Copyright 2021 X</p></div>\n",
	"---\ntitle: x\n---\n<div id=\"recommend_bottom\"><p>标题一二三四五六</p><p>Copyright 2021 X</p></div><p>The article ( 完 )</p>\n",
	"---\ntitle: x\n---\n<div><p>The article, a sentence ( 完 )</p></div><p>标题一二三四五六</p><p>Copyright 2021 X</p>\n",
	"---\ntitle: x\n---\n<p>The article.</p><div><a href=\"https://links.jianshu.com/go?to=https%3A%2F%2Ftwitter.com%2Fintent%2Ftweet%3Furl%3Dx\">Tweet</a></div>\n",
	"---\ntitle: x\n---\n<p>The article.</p><p><img src=\"https://links.jianshu.com/go?to=https%3A%2F%2Fhm.baidu.com%2Fhm.gif\" width=\"1\" height=\"1\"></p>\n",
	"---\ntitle: x\n---\n<p>Text of the article, a full sentence.</p>\n<p>Copyright 2021 X</p>\n<div class=\"sharedaddy\"><h3>Share this:</h3></div>\n<div class=\"sd-like\"><h3>Like this:</h3></div>\n",
	"Text.\n\n<div id=\"recommend_bottom\"></div>\n<img src=\"https://example.com/p.gif\" width=\"1\" height=\"1\">\n[a](https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2F%3Futm_source%3Dx)\n",
	"<div class=\"share-buttons\"><div id=\"recommend_bottom\"><img src=\"https://hm.baidu.com/hm.gif?x\" width=\"1\" height=\"1\"></div><a href=\"https://twitter.com/intent/tweet\">Tweet</a></div>\n<p>© 2021 X</p>\n",
	// A fenced div's cut takes the blank lines after it; the related list
	// after them, which ends the post, must not take them too.
	"---\ntitle: x\n---\nThe article goes on for a sentence.\n\n::: {.sharedaddy}\nShare this:\n:::\n\n\n## Related\n\n- [A](https://example.com/a)\n",
	"<p>Run:</p>\n<p>复制代码</p>\n<p>代码解读</p>\n<p>复制代码</p>\n```\ncode\n```\n## 相关阅读\n\n- [a](https://example.com/a)\n- [b](https://example.com/b)\n\n<div id=\"article_bottom\"></div>\n",
	"{% raw %}\n<div id=\"recommend_bottom\"></div>\n{% endraw %}\n<div id=\"recommend_bottom\"></div>\n{{< tweet 1 >}}\n<p>Copyright 2021 X</p>\n",
	// Opt-out directives (optout.go) around, inside and across junk: an
	// unclosed region, a next block that a removal would swallow, a
	// directive in code, one inside the element a rule removes.
	"<p>Text.</p>\n<!-- mdclean-disable -->\n<div id=\"recommend_bottom\"></div>\n<p>Copyright 2021 X</p>\n",
	"<p>Text.</p>\n<!-- mdclean-disable-next-block widgets -->\n<div class=\"sharedaddy\"><h3>Share this:</h3></div>\n<div class=\"sd-like\"><h3>Like this:</h3></div>\n",
	"```\n<!-- mdclean-disable -->\n```\n<div id=\"recommend_bottom\"><!-- mdclean-enable --></div>\n[a](https://example.com/?utm_source=x)\n",
	"---\nmdclean: {disable: [tracking-params, invalid-date]}\ndate: NaN\n---\n<!-- mdclean-disable redirect-link --><a href=\"https://link.zhihu.com/?target=https%3A%2F%2Fgo.dev%2F%3Futm_source%3Dx\">go</a><!-- mdclean-enable redirect-link -->\n",
	// The link and image references of HTML and Markdown in one walk
	// (refs.go): on one line, an href that reads as Markdown, a Markdown
	// beacon in a link after an HTML pixel, a redirect in an image's
	// source, a source spelled SRC, autolinks and reference definitions
	// beside the tags, and all of it inside a widget or before a footer.
	"Text, a sentence.\n\n<a href=\"https://example.com/?utm_source=x\">a</a> [b](https://example.com/b?utm_medium=y) <https://example.com/c?fbclid=z> <img SRC=\"https://example.com/i.png?utm_source=x\">\n\n[r]: https://example.com/r?utm_campaign=w\n",
	"<a href=\"[x](https://example.com/?utm_source=a)\">[y](https://example.com/?utm_source=b)</a>\n<a href=\"[x](https://example.com/?utm_source=c)\n\n\">z</a>\n",
	"Text, a sentence.\n\n<img src=\"https://hm.baidu.com/hm.gif?x\" width=\"1\" height=\"1\">[![](https://icon.cnzz.com/img/pic.gif)](https://www.cnzz.com/stat/website.php?web_id=1&utm_source=x)\n\n<p>Copyright 2021 X</p>\n",
	"<div class=\"sharedaddy\"><h3>Share this:</h3><a href=\"https://link.zhihu.com/?target=https%3A%2F%2Ftwitter.com%2Fintent%2Ftweet%3Furl%3Dx\">Tweet</a> [f](https://www.facebook.com/sharer.php?u=x&utm_source=y)</div>\n<iframe src=\"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fv\"></iframe>\n",
	"<p>Text, a sentence.</p>\n<div id=\"recommend_bottom\"></div>\n![](https://hm.baidu.com/hm.gif?x) [a](https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2F%3Futm_source%3Dx)\n<div class=\"sd-like\"><h3>Like this:</h3></div>\n<p>© 2021 X</p>\n",
}
