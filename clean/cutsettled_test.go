package clean

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
)

// The pieces of the bodies TestCutSettled generates: article text, what
// may stand last among what stays, and endings a rule may cut (edge
// lines, pixels, related lists, headlines, link references, lists,
// quotes, fences, HTML blocks, templates), for Markdown and HTML bodies.
var (
	cutArticles = []string{
		"The article says what it has to say in a full sentence, with [a link](https://example.com/a) in it.\n",
		"Another paragraph of the article, long enough to read as prose and not as a headline at all.\n",
		"这是文章的一段正文，讲述了一件事情的来龙去脉，内容比较长，也有一些细节。\n",
		"Text with `code` and <a href=\"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fb\">a redirect</a> inside a sentence.\n",
		"See [the docs](https://example.com/d?utm_source=rss) and [the wiki][r] for more, a sentence.\n",
		"A line of the article\nthat goes on, a sentence.\n",
		"A generic Task<T> in a sentence, left open for the tokenizer.\n",
		"Text with <span>an inline element</span> and <script>open script in a sentence.\n",
	}
	cutMiddles = []string{
		"", "", "",
		"- one item\n- two items\n",
		"1. first step\n2. second step\n",
		"> A quoted line of the article.\n",
		"```\ncode line\n```\n",
		"    indented code\n",
		"<div>\n<p>An HTML block paragraph, a sentence.</p>\n</div>\n",
		"[r]: https://example.com/r\n",
		"## A heading\n",
		"Setext heading\n",
		"{% raw %}x{% endraw %}\n",
		"<!-- a comment -->\n",
		"Related posts\n",
		"Short headline here\n",
		"Copyright 2021 Example\n",
		"Read more at Example News\n",
		"- [Post one](https://example.com/1)\n- [Post two](https://example.com/2)\n",
		"Share this:\n",
		"***\n",
		"---\n", "\n---\n\n",
		"::: {.sharedaddy}\nShare this:\n:::\n",
		"Like this:\n",
		"<script>\n",
		"- item\n\n  continued\n",
		"[t]: https://example.com/?utm_source=x\n",
	}
	cutEndings = []string{
		"This post appeared first on Example News. [Read the entire article here](https://example.com/x)\n",
		"This article appeared first on Example.\n",
		"The post [Title](https://example.com/p) appeared first on [Example](https://example.com).\n",
		"<div id=\"recommend_bottom\"></div>\n",
		"<img src=\"https://hm.baidu.com/hm.gif?si=1\" width=\"1\" height=\"1\">\n",
		"![](https://hm.baidu.com/hm.gif?x)\n",
		"Share this:\n",
		"Like this:\n\nLoading...\n",
		"Related posts:\n\n- [A](https://example.com/a)\n- [B](https://example.com/b)\n",
		"## Related\n\n- [A](https://example.com/a)\n",
		"Headline one two three\n\nHeadline four five six\n",
		"Copyright © 2021 Example. All rights reserved.\n",
		"[r]: https://example.com/r2\n",
		"- list item after\n",
		"> quote after\n",
		"```\nfenced after\n```\n",
		"```\nunclosed fence\n",
		"<div class=\"sharedaddy\"><h3>Share this:</h3></div>\n",
		"{{< tweet 1 >}}\n",
		"===\n", "---\n",
		"<script src=\"https://hm.baidu.com/hm.js?x\"></script>\n",
		"    indented after\n",
		"<!-- mdclean-disable -->\n",
		"<div>\n",
		"</div>\n",
		"[Tweet](https://twitter.com/intent/tweet?url=x) [Share](https://www.facebook.com/sharer.php?u=x)\n",
		"Discuss this article\n",
	}
	cutSeps = []string{"\n", "\n", "", "\n\n", " \n", "\r\n"}

	cutHTMLArticles = []string{
		"<p>The article says what it has to say in a full sentence, with <a href=\"https://example.com/a\">a link</a>.</p>\n",
		"<p>Another paragraph of the article, long enough to read as prose and not as a headline.</p>",
		"<div><p>Inside a div, the article goes on for a sentence or two.</p></div>\n",
		"<p>See <a href=\"https://example.com/d?utm_source=rss\">the docs</a>, a sentence.</p>\n",
		"Loose text of the article, a sentence.<br>\n",
		"<div class=\"mpu-ad\"><div class=\"bbccom_advert\">\n</div></div>",
		"<p>Short</p><div id=\"recommend_bottom\"></div>",
	}
	cutHTMLEndings = []string{
		"<div id=\"recommend_bottom\"></div>",
		"<img src=\"https://hm.baidu.com/hm.gif?si=1\" width=\"1\" height=\"1\">",
		"<p>Share this:</p>",
		"<div class=\"sharedaddy\"><h3>Share this:</h3></div>",
		"<p>Copyright © 2021 Example. All rights reserved.</p>",
		"<h3>Related posts</h3><ul><li><a href=\"https://example.com/a\">A</a></li><li><a href=\"https://example.com/b\">B</a></li></ul>",
		"<p>Headline one two three</p><p>Headline four five six</p>",
		"<p>This post appeared first on Example News.</p>",
		"<p>Short headline</p>",
		"The end of loose text",
		"<script src=\"https://hm.baidu.com/hm.js?x\"></script>",
		"<div>",
		"</div>",
		"<!-- mdclean-disable -->",
		"<p>Like this:</p><p>Loading...</p>",
	}
)

// cutBody generates a body: article text, perhaps a block that stays
// last, and endings that a rule may cut.
func cutBody(r *rand.Rand, html bool) []byte {
	articles, endings := cutArticles, cutEndings
	if html {
		articles, endings = cutHTMLArticles, cutHTMLEndings
	}
	var body []byte
	for k := 1 + r.IntN(3); k > 0; k-- {
		body = append(body, articles[r.IntN(len(articles))]...)
		body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
	}
	if !html {
		body = append(body, cutMiddles[r.IntN(len(cutMiddles))]...)
	}
	for k := 1 + r.IntN(3); k > 0; k-- {
		body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
		body = append(body, endings[r.IntN(len(endings))]...)
	}
	if r.IntN(4) == 0 {
		body = bytes.TrimRight(body, "\r\n")
	}
	return body
}

// TestCutSettled holds cutSettled to a real second round: on generated
// bodies whose junk stands at the end, and on the golden cases and the
// fuzz seeds, Document gives what the full run (everyRound) gives, byte
// for byte, change for change; and enough of the bodies are settled by
// it for the test to mean something.
func TestCutSettled(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 8))
	n := 12000
	if testing.Short() {
		n = 4000
	}
	cut := 0
	for i := range n {
		html := i%4 == 3
		src := append([]byte("---\ntitle: x\n---\n"), cutBody(r, html)...)
		opts := Options{Now: goldenNow}
		if html {
			opts.Path = "post.html"
		}
		checkShortcut(t, src, opts)
		fb, _ := frontmatter.Split(src)
		if be, _, _, settled := cleanBody(src, fb.Body, DefaultConfig(), defaultRuleSet(), !html); settled && hasDeletion(be) {
			cut++
		}
	}
	t.Logf("%d bodies, %d settled with a deletion", n, cut)
	if cut < n/10 {
		t.Fatalf("only %d of %d bodies settled with a deletion", cut, n)
	}
	for _, f := range goldenFiles(t) {
		g := loadGolden(t, f)
		checkShortcut(t, g.in, g.opts)
	}
	for _, s := range junkCompositions {
		checkShortcut(t, []byte(s), Options{Now: goldenNow})
	}
}

// hasDeletion reports whether be holds a deletion.
func hasDeletion(be []edit.Edit) bool {
	for _, e := range be {
		if e.New == nil {
			return true
		}
	}
	return false
}

// checkShortcut fails when Document's result on src differs from the
// full run's in any byte, change or edit.
func checkShortcut(t *testing.T, src []byte, opts Options) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("panic %v\n in: %q", p, src)
		}
	}()
	res, err := Document(src, opts)
	every := opts
	every.everyRound = true
	full, err2 := Document(src, every)
	if (err == nil) != (err2 == nil) {
		t.Fatalf("errors differ: %v, full run %v\n in: %q", err, err2, src)
	}
	if !bytes.Equal(res.Out, full.Out) || !reflect.DeepEqual(res.Changes, full.Changes) || !reflect.DeepEqual(res.Edits, full.Edits) {
		t.Fatalf("the shortcut differs from the full run:\n in: %q\nout: %q\nfull: %q\nchanges:\n%s\nfull run's:\n%s", src, res.Out, full.Out,
			formatChanges(res.Changes), strings.TrimSpace(formatChanges(full.Changes)))
	}
}
