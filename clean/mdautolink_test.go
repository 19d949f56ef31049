package clean

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/mdclean/mdclean/frontmatter"
)

// The pieces of the bodies TestAutolinkSettled generates: autolinks the
// link rules rewrite (redirectors, tracking parameters) and ones they
// leave, in every kind of block a rule reads the text of, and short
// texts around them that a rule may read as a label, a headline, a
// footer, a credit or an end marker.
var (
	autoURLs = []string{
		"https://link.zhihu.com/?target=https%3A%2F%2Fgithub.com%2Fhexojs%2Fhexo",
		"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fdocs%2Fpage",
		"https://link.juejin.cn/?target=https%3A%2F%2Fexample.org%2F",
		"https://link.zhihu.com/?target=http%3A%2F%2Fexample.com%2Fa",
		"https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2Fclass%3Dsharedaddy",
		"https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2Fid%3Drecommend_bottom",
		"https://link.zhihu.com/?target=https%3A%2F%2Fwww.facebook.com%2Fsharer.php%3Fu%3Dx",
		"https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2F" + strings.Repeat("long-path-segment%2F", 14) + "end",
		"https://example.com/post?utm_source=rss",
		"https://example.com/a/b?utm_medium=feed&utm_source=rss",
		"http://example.com/x?utm_campaign=c",
		"https://example.com/plain",
		"https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2Fx%26y%3D1",
		"https://link.zhihu.com/?target=https%3A%2F%2Ftwitter.com%2Fintent%2Ftweet%3Furl%3Dx",
	}
	// autoGood are rewrites mdAutolinkSettled may take: most bodies hold
	// only such, so that enough of them are settled.
	autoGood = []string{
		"https://link.zhihu.com/?target=https%3A%2F%2Fgithub.com%2Fhexojs%2Fhexo",
		"https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fdocs%2Fpage",
		"https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2F" + strings.Repeat("long-path-segment%2F", 14) + "end",
		"https://example.com/post?utm_source=rss",
		"https://example.com/a/b?utm_medium=feed&utm_source=rss",
		"http://example.com/x?utm_campaign=c",
		// Past a limit before the rewrite, within it after: 60 bytes
		// ({*}), 128 runes (a short block), 240 bytes (a label).
		"https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2F" + strings.Repeat("abcdefgh%2F", 8) + "end",
		"https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2F" + strings.Repeat("abcdefgh%2F", 17) + "end",
		"https://example.com/" + strings.Repeat("abcdefgh/", 4) + "x?utm_source=" + strings.Repeat("r", 30),
	}
	autoTexts = []string{
		"More in %s and in the wiki, a sentence of the article.\n",
		"See %s\n",
		"%s\n",
		"Share this: %s\n",
		"Related posts %s\n",
		"Copyright 2021 %s\n",
		"Read more at %s\n",
		"Source: %s\n",
		"The article ends here %s ( 完 )\n",
		"A line that goes on %s,\n",
		"这是文章的一段正文 %s 内容比较长，也有一些细节。\n",
		"Short headline %s here\n",
		"- an item %s\n- another item\n",
		"> quoted %s text\n",
		"## A heading %s\n",
		"Text with `code <https://link.zhihu.com/?target=https%%3A%%2F%%2Fx.com>` and %s after it.\n",
		"Text with `<b>` and <i>an inline tag</i> and %s after it.\n",
		"Text with `<b>` and [a link](https://example.com/d?utm_source=rss) and %s after it.\n",
		"Text with `a` <b title=\"`\">bold</b> [a link](https://example.com/d?utm_source=rss) and %s.\n",
		"[see %s] in brackets\n",
		"[a link](https://example.com/l) and %s in one line\n",
		"Like this: %s\n\nLoading...\n",
		"Photo by Someone %s\n",
		"%s {.screen-reader-text}\n",
		"::: note\n%s\n:::\n",
		"Text %s\n\n[![](https://hm.baidu.com/hm.gif?x)](https://example.com)\n",
		"More from %s\n\n- [A](https://example.com/a)\n- [B](https://example.com/b)\n",
		"Subscribe to %s\n",
		"Comments URL: %s\n",
		"Discuss this article %s\n",
		"扫码关注 %s\n",
		"Thanks for reading %s! Subscribe for free to receive new posts and support my work\n",
	}
	// autoProbes are the texts whose verdict the rewrite may flip (a
	// pattern's {*}, a promo past the length of a short block), and
	// autoJunk the endings that a tail or label walk passes to reach them.
	autoProbes = []string{"扫码关注 %s\n", "More from %s\n", "Subscribe to %s\n", "%s\n", "Comments URL: %s\n", "The article ends here %s ( 完 )\n"}
	autoJunk   = []string{
		"Copyright © 2021 Example. All rights reserved.\n", "扫码关注\n", "Headline one two three\n\nHeadline four five six\n",
		"<div id=\"recommend_bottom\"></div>\n", "This article appeared first on Example.\n", "Short headline here\n",
		"- [A](https://example.com/a)\n- [B](https://example.com/b)\n",
	}
)

// autoBody generates a Markdown body: article text, blocks holding
// autolinks, perhaps a block that stays last, and endings a rule may cut.
func autoBody(r *rand.Rand) []byte {
	var body []byte
	for k := r.IntN(3); k > 0; k-- {
		body = append(body, cutArticles[r.IntN(len(cutArticles))]...)
		body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
	}
	for k := 1 + r.IntN(3); k > 0; k-- {
		u := autoURLs[r.IntN(len(autoURLs))]
		if r.IntN(4) != 0 {
			u = autoGood[r.IntN(len(autoGood))]
		}
		text := autoTexts[r.IntN(len(autoTexts))]
		if r.IntN(2) == 0 {
			text = autoProbes[r.IntN(len(autoProbes))]
		}
		body = append(body, strings.ReplaceAll(text, "%s", "<"+u+">")...)
		body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
		if r.IntN(3) == 0 {
			body = append(body, cutArticles[r.IntN(len(cutArticles))]...)
			body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
		}
	}
	if r.IntN(2) == 0 {
		body = append(body, cutMiddles[r.IntN(len(cutMiddles))]...)
	}
	for k := r.IntN(3); k > 0; k-- {
		body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
		if r.IntN(2) == 0 {
			body = append(body, autoJunk[r.IntN(len(autoJunk))]...)
		} else {
			body = append(body, cutEndings[r.IntN(len(cutEndings))]...)
		}
	}
	return []byte(strings.ReplaceAll(string(body), "%%", "%"))
}

// TestAutolinkSettled holds mdAutolinkSettled and swapsSettled to a real
// second round: on generated Markdown bodies whose autolinks the link
// rules rewrite, among blocks that rules read as labels, headlines,
// footers or tails, Document gives what the full run (everyRound) gives,
// byte for byte, change for change; and enough bodies with a rewritten
// autolink are settled for the test to mean something.
func TestAutolinkSettled(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 10))
	n := 12000
	if testing.Short() {
		n = 4000
	}
	rewrote, settled := 0, 0
	for i := range n {
		src := append([]byte("---\ntitle: x\n---\n"), autoBody(r)...)
		opts := Options{Now: goldenNow}
		if i%3 == 2 {
			// Without the label walk, only the tail reads the blocks'
			// texts.
			opts.Disable = []string{RuleWidgets, RuleBoilerplate}
		}
		checkShortcut(t, src, opts)
		rules, err := NewRuleSet(opts.Disable, nil)
		if err != nil {
			t.Fatal(err)
		}
		fb, _ := frontmatter.Split(src)
		_, bc, _, ok := cleanBody(src, fb.Body, DefaultConfig(), rules, true)
		auto := false
		for _, c := range bc {
			auto = auto || strings.Contains(c.Message, "(Markdown autolink)")
		}
		if auto {
			rewrote++
			if ok {
				settled++
			}
		}
	}
	t.Logf("%d bodies, %d with a rewritten autolink, %d of them settled", n, rewrote, settled)
	if settled < n/10 {
		t.Fatalf("only %d of %d bodies settled with a rewritten autolink", settled, n)
	}
}
