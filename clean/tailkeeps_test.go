package clean

import (
	"math/rand/v2"
	"testing"

	"github.com/mdclean/mdclean/frontmatter"
)

// The pieces of the HTML bodies TestTailKeeps generates: article text
// with what a rule removes or rewrites in it (ad slots, tracking
// containers, tracking links), images and their captions, and endings
// of short lines the tail rule may keep or cut, with the evidence that
// decides it (markers, promos, footers, tracking after them).
var (
	keepArticles = []string{
		"<p>The article says what it has to say in a full sentence, with <a href=\"https://example.com/a\">a link</a>.</p>\n",
		"<p>这是文章的一段正文，讲述了一件事情的来龙去脉，内容比较长，也有一些细节。</p>",
		"<div class=\"mpu-ad\">\n  <div class=\"bbccom_advert\">\n  </div>\n</div>",
		"<div id=\"recommend_bottom\"></div>\n",
		"<p>See <a href=\"https://example.com/d?utm_source=rss\">the docs</a>, a sentence.</p>\n",
		"<img src=\"https://example.com/photo.jpg\">",
		"<p>Headline one two three</p>",
		"<p>标签：这是一个值</p>",
		"<p>The article ends here ( 完 )</p>",
		"<p>凝炼/苗子（德新社）</p>",
		"<figure><img src=\"https://example.com/p.png\"><figcaption>A photo caption here</figcaption></figure>",
		"<p> </p>",
		"Loose text of the article, a sentence.<br>\n",
		"<p>A line that goes on,</p>",
	}
	keepEndings = []string{
		"<p>Short headline here</p><p>Copyright © 2021 Example. All rights reserved.</p>",
		"<p>这样何乐而不为呢</p>\n<p>© 2020 Example 版权声明：本文所有内容受到著作权法保护。</p>\n<p> </p>",
		"<p>Another short headline</p><p>Share this:</p>",
		"<p>Short headline here</p>",
		"<p>这样何乐而不为呢</p>",
		"<p>另一个短标题在这里</p>",
		"<p><a href=\"https://example.com/other\">Another article title</a></p>",
		"<p>The article says what</p>",
		"<p> </p>",
		"<div id=\"recommend_bottom\"></div>",
		"<div class=\"mpu-ad\"><div class=\"bbccom_advert\"> </div></div>",
		"<img src=\"https://hm.baidu.com/hm.gif?si=1\" width=\"1\" height=\"1\">",
		"<p>Share this:</p>",
		"<p>Copyright © 2021 Example. All rights reserved.</p>",
		"<p>（完）</p>",
		"<p>标签：这是一个值</p>",
		"<p>Photo by Someone</p>",
		"<img src=\"https://example.com/photo.jpg\"><p>A caption of it</p>",
		"</div>",
	}
)

// keepFillers are article blocks that put the junk before them out of
// the reach of what the tail rule reads before its run (16 tokens).
var keepFillers = []string{
	"<p>A sentence of the article.</p>",
	"<p>Another sentence, short.</p>\n",
	"<p> </p>",
	"<img src=\"https://example.com/photo.jpg\">",
	"<p>Headline one two three</p>",
}

// keepBody generates an HTML body: article text with junk in it, more
// article, then short lines at the end; it says whether the last of them
// is a short line of text.
func keepBody(r *rand.Rand) ([]byte, bool) {
	var body []byte
	for k := 1 + r.IntN(4); k > 0; k-- {
		a := r.IntN(len(keepArticles))
		if r.IntN(2) == 0 {
			a = 2 + r.IntN(3) // an ad slot, a tracking container, a tracking link
		}
		body = append(body, keepArticles[a]...)
		body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
	}
	for k := r.IntN(14); k > 0; k-- {
		body = append(body, keepFillers[r.IntN(len(keepFillers))]...)
	}
	line := false
	for k := r.IntN(4); k > 0; k-- {
		body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
		e := r.IntN(len(keepEndings))
		if r.IntN(2) == 0 {
			e = r.IntN(9) // a short line (and a footer), or an empty paragraph
		}
		body = append(body, keepEndings[e]...)
		line = line || e < 8
	}
	return body, line
}

// TestTailKeeps holds tailKeeps to a real second round: on generated HTML
// bodies whose tail rule keeps a run of short lines while other rules
// edit the body before it, Document gives what the full run (everyRound)
// gives, byte for byte, change for change; and enough bodies that end in
// a headline the tail kept are settled for the test to mean something.
func TestTailKeeps(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 9))
	n := 8000
	if testing.Short() {
		n = 3000
	}
	kept := 0
	for range n {
		body, line := keepBody(r)
		src := append([]byte("---\ntitle: x\n---\n"), body...)
		opts := Options{Now: goldenNow, Path: "post.html"}
		checkShortcut(t, src, opts)
		fb, _ := frontmatter.Split(src)
		be, _, _, settled := cleanBody(src, fb.Body, DefaultConfig(), defaultRuleSet(), false)
		if settled && line && len(be) > 0 {
			kept++
		}
	}
	t.Logf("%d bodies, %d settled with an edit before a kept end", n, kept)
	if kept < n/20 {
		t.Fatalf("only %d of %d bodies settled with an edit before a kept end", kept, n)
	}
}
