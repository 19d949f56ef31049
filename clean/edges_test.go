package clean

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The shapes of site furniture at a post's end (edges.go), with examples
// written for the test.

func TestChromeRunRemoved(t *testing.T) {
	for _, c := range []struct{ name, tail, gone string }{
		{"related list then the site's footer", "## Related posts\n\n- [Walking the coast path](/2024/coast-path/)\n- [A winter garden](/2024/winter-garden/)\n\nAbout us\n\n- [Contact](/contact)\n- [Privacy](/privacy)\n\n© 2024 Example Press. All rights reserved.\n",
			"Related posts"},
		{"the author's posts, then a related list (Chinese)", "### 作者的文章\n\n- [海边的步道](/p/101)\n- [冬天的花园](/p/102)\n\n### 相关文章\n\n- [山里的夏天](/p/103)\n\n  2024-05-01\n- [城市的河](/p/104)\n\n  2024-05-02\n\n关于我们\n",
			"作者的文章"},
	} {
		body := article + "\n\n" + article + "\n\n" + c.tail
		out, rules := cleanMD(t, body)
		if strings.Contains(out, c.gone) || strings.Contains(out, "/p/10") || strings.Contains(out, "/2024/") {
			t.Errorf("%s: stayed (%q):\n%s", c.name, rules, out)
		}
		if strings.Count(out, article) != 2 {
			t.Errorf("%s: article text lost:\n%s", c.name, out)
		}
	}
}

func TestChromeRunKeepsArticle(t *testing.T) {
	for _, c := range []struct{ name, tail, keep string }{
		{"a reference list before it", "## References\n\n- [The survey](https://journal.example.org/a/1)\n- [The data](https://data.example.net/set)\n\n## Related posts\n\n- [A winter garden](/2024/winter-garden/)\n\nAbout us\n",
			"## References\n\n- [The survey](https://journal.example.org/a/1)\n- [The data](https://data.example.net/set)\n"},
		{"a list of steps before it", "## Steps\n\n- Fill the tank\n- Close the valve\n\n## Related posts\n\n- [A winter garden](/2024/winter-garden/)\n\nAbout us\n",
			"## Steps\n\n- Fill the tank\n- Close the valve\n"},
		{"a sentence after it", "## Related posts\n\n- [A winter garden](/2024/winter-garden/)\n\nThanks to everyone who wrote in about last week's post.\n",
			"## Related posts\n\n- [A winter garden](/2024/winter-garden/)\n\nThanks to everyone who wrote in about last week's post.\n"},
	} {
		body := article + "\n\n" + c.tail
		out, rules := cleanMD(t, body)
		if !strings.Contains(out, c.keep) {
			t.Errorf("%s: lost (%q):\n%s", c.name, rules, out)
		}
	}
}

func TestLastLineRelated(t *testing.T) {
	body := article + "\n\n" + article + "\nSee the survey for details.\nRelated posts\n"
	out, _ := cleanMD(t, body)
	if want := article + "\n\n" + article + "\nSee the survey for details.\n"; out != want {
		t.Errorf("got\n%q\nwant\n%q", out, want)
	}
	for _, keep := range []string{
		article + "\n\nThe two results are closely\nRelated\n",    // no sentence ends before it
		article + "\nRelated posts\n\n" + article + "\n",          // not the last paragraph
		article + "\n\n```\nsee the notes.\nRelated posts\n```\n", // code
	} {
		if out, rules := cleanMD(t, keep); out != keep {
			t.Errorf("changed (%q):\n%s", rules, out)
		}
	}
}

func TestShareShape(t *testing.T) {
	for href, want := range map[string]bool{
		"https://twitter.com/intent/tweet?url=https%3A%2F%2Fa.example%2Fp":       true,
		"https://bookmarks.example.net/save?url=https%3A%2F%2Fa.example%2Fp":     true,
		"https://www.facebook.com/sharer.php?u=https%3A%2F%2Fa.example%2Fp":      true,
		"https://social.example.org/share?text=A%20post":                         true,
		"https://a.example/2024/share-your-story/":                               false, // a post about sharing
		"https://forms.example.org/save":                                         false, // no page to share
		"https://a.example/search?url=x":                                         false,
		"https://docs.example.com/api/share?url=https%3A%2F%2Fa.example&x=1#doc": true,
	} {
		if got := shareShape([]byte(href)); got != want {
			t.Errorf("shareShape(%q) = %v", href, got)
		}
	}
}

func TestMarkdownShareLine(t *testing.T) {
	line := "[Tweet](https://twitter.com/intent/tweet?url=https%3A%2F%2Fa.example%2Fp) · [Save](https://bookmarks.example.net/save?url=https%3A%2F%2Fa.example%2Fp)"
	out, _ := cleanMD(t, article+"\n\n"+line+"\n\n"+article+"\n")
	if strings.Contains(out, "Tweet") {
		t.Errorf("share line stayed:\n%s", out)
	}
	// A sentence with a share link is the author's.
	keep := article + "\n\nIf you liked it, [tweet it](https://twitter.com/intent/tweet?url=https%3A%2F%2Fa.example%2Fp) to your friends.\n"
	if out, rules := cleanMD(t, keep); out != keep {
		t.Errorf("changed (%q):\n%s", rules, out)
	}
}

// mayShareShapeSlow is mayShareShape as eleven searches of b.
func mayShareShapeSlow(b []byte) bool {
	return hasShareWord(b) || bytes.Contains(b, []byte("tweet")) || bytes.Contains(b, []byte("ookmark"))
}

// TestMayShareShape holds mayShareShape's one pass to the searches for
// each word, on texts built from the words, their cuts and other bytes.
func TestMayShareShape(t *testing.T) {
	pieces := []string{"x", "/", "?", "s", "sh", "sha", "shar", "su", "submi", "submit", "se", "sen", "send", "sa", "sav", "save",
		"i", "inten", "intent", "p", "pi", "pin", "pin/", "b", "bookmarklet", "bookmark", "c", "compos", "compose", "d", "dialo",
		"dialog", "t", "twee", "tweet", "o", "ookmar", "ookmark", "https://example.com/", "SHAR", "é", "\xff", "pin/x"}
	rng := rand.New(rand.NewPCG(3, 4))
	found := 0
	for n := 0; n < 100000; n++ {
		var b strings.Builder
		for k := rng.IntN(6); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		want := mayShareShapeSlow([]byte(s))
		if got := mayShareShape([]byte(s)); got != want {
			t.Fatalf("mayShareShape(%q) = %v, want %v", s, got, want)
		}
		if got := mayShareShape(s); got != want {
			t.Fatalf("mayShareShape(string %q) = %v, want %v", s, got, want)
		}
		if want {
			found++
		}
	}
	if found < 10000 || found > 90000 {
		t.Fatalf("%d of 100000 texts hold a word: the inputs do not exercise both answers", found)
	}
}

// TestShareLinkKeepsAnswer holds shareLink's quick no (no word of
// mayShareShape in the link) to the two tests it saves, on links to the
// share endpoints, links of their shape and others.
func TestShareLinkKeepsAnswer(t *testing.T) {
	cfg := DefaultConfig()
	b := &bodyCleaner{cfg: cfg, tables: cfg.compiled()}
	parts := [][]string{
		{"https://", "http://", "//", "", " https://"},
		{"www.", "m.", "", "api.", "service."},
		{"example.com", "facebook.com", "twitter.com", "x.com", "t.me", "reddit.com", "pinterest.com", "weibo.com", "bsky.app", "SHARE.com"},
		{"/sharer", "/sharer.php", "/sharer/sharer.php", "/intent/tweet", "/intent/post", "/share", "/shareArticle", "/submit",
			"/pin/create", "/save", "/send", "/dialog/share", "/bookmarklet", "/compose", "/create", "/post", "/p/1", "/a", "", "/é"},
		{"", "?", "?url=x", "?u=https%3A%2F%2Fa.b", "?text=hi", "?title=t&amp;url=y", "?q=1", "#x", "?url="},
	}
	rng := rand.New(rand.NewPCG(5, 6))
	shares := 0
	for n := 0; n < 50000; n++ {
		var sb strings.Builder
		for _, p := range parts {
			sb.WriteString(p[rng.IntN(len(p))])
		}
		d := sb.String()
		href := []byte(d)
		want := b.mayShare(href) && hostMatch(d, cfg.Widgets.ShareHosts) || shareShape(href)
		if got := b.shareLink(d); got != want {
			t.Fatalf("shareLink(%q) = %v, want %v", d, got, want)
		}
		if want {
			shares++
		}
	}
	if shares < 10000 {
		t.Fatalf("only %d share links: the inputs do not exercise the answer", shares)
	}
}

// lastLineLabelSlow is lastLineLabel as it was: the paragraph before the
// last line copied and read first.
func (b *bodyCleaner) lastLineLabelSlow(bl *block) (int, bool) {
	if bl.elem != mdLeaf || bl.kind != blockParagraph {
		return 0, false
	}
	seg := bytes.TrimRight(b.d.src[bl.start:bl.end], " \t\r\n")
	nl := bytes.LastIndexByte(seg, '\n')
	if nl <= 0 {
		return 0, false
	}
	line := strings.TrimSpace(string(seg[nl+1:]))
	prev := strings.TrimSpace(string(bytes.TrimRight(seg[:nl], "\r")))
	if !endsSentence(prev) && !strings.HasSuffix(prev, ":") {
		return 0, false
	}
	if strings.ContainsAny(line, "[]()<>*_`") || !matchLabel(b.tables.widgets.related, line) {
		return 0, false
	}
	start := bl.start + nl
	if start > bl.start && b.d.src[start-1] == '\r' {
		start--
	}
	return start, true
}

// TestLastLineLabelKeepsAnswer holds lastLineLabel, which reads the last
// line first, to the reading it replaced, on generated paragraphs.
func TestLastLineLabelKeepsAnswer(t *testing.T) {
	cfg := DefaultConfig()
	tables := cfg.compiled()
	lines := []string{"Some words of the article.", "It ends here:", "no end", "A question?", "“Quoted.”", "", "  ", "\u3000",
		"Related posts", "Related", "  Related posts  ", "相关文章", "Read more", "Read more about it", "Related *posts*",
		"[Related](x)", strings.Repeat("long ", 60) + "Related", "Tags", "Tags:", "You may also like", "\u00a0Related posts",
		strings.Repeat(" ", 300) + "Related posts", strings.Repeat("\u3000", 90) + "Related", "Related" + strings.Repeat(" \u00a0", 100),
		strings.Repeat("x", 233) + " Related", strings.Repeat("x", 232) + " Related", "\vRelated\f"}
	ends := []string{"\n", "\r\n", "", "\n\n", "  \n"}
	rng := rand.New(rand.NewPCG(9, 10))
	found := 0
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for k := 1 + rng.IntN(3); k > 0; k-- {
			sb.WriteString(lines[rng.IntN(len(lines))])
			sb.WriteString(ends[rng.IntN(2)])
		}
		sb.WriteString(lines[rng.IntN(len(lines))])
		sb.WriteString(ends[rng.IntN(len(ends))])
		body := []byte(sb.String())
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, true, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: tables}
		b.d.markdownBody = true
		for _, bl := range b.blocks() {
			gs, gok := b.lastLineLabel(&bl)
			ws, wok := b.lastLineLabelSlow(&bl)
			if gs != ws || gok != wok {
				t.Fatalf("body %q, block %q: lastLineLabel = %d, %v; before %d, %v", body, body[bl.start:bl.end], gs, gok, ws, wok)
			}
			if wok {
				found++
			}
		}
		s.release()
	}
	if found < 1000 {
		t.Fatalf("only %d headings found: the inputs do not exercise the answer", found)
	}
}

// TestLastBreak holds lastBreak to LastIndexByte and the length of the
// trimmed line after it, around maxLabelText.
func TestLastBreak(t *testing.T) {
	pieces := []string{"x", "word ", " ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\v", "\f", "中", "é", "\xff",
		strings.Repeat("y", 200), strings.Repeat("z ", 130), strings.Repeat(" ", 100), strings.Repeat("\u3000", 40)}
	rng := rand.New(rand.NewPCG(13, 14))
	long, breaks := 0, 0
	for n := 0; n < 100000; n++ {
		var sb strings.Builder
		for k := rng.IntN(8); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		seg := []byte(sb.String())
		nl := bytes.LastIndexByte(seg, '\n')
		tooLong := nl >= 0 && len(strings.TrimSpace(string(seg[nl+1:]))) > maxLabelText
		got := lastBreak(seg)
		if got != nl && !(got == -1 && tooLong) {
			t.Fatalf("lastBreak(%q) = %d, want %d (the line after it too long: %v)", seg, got, nl, tooLong)
		}
		if nl >= 0 {
			breaks++
			if got == -1 {
				long++
			}
		}
	}
	if long < 1000 || breaks-long < 1000 {
		t.Fatalf("%d lines found too long of %d breaks: the inputs do not exercise both answers", long, breaks)
	}
}

// endEdgeSlow is endEdge as it was: the anchor search first, then the
// patterns, without the start gate.
func (b *bodyCleaner) endEdgeSlow(bl *block) bool {
	if bl.end-bl.start > 2*maxLabelText || b.d.md.overlapsCode(bl.start, bl.end) {
		return false
	}
	w := &b.tables.widgets
	if bl.elem == -1 && !b.balanced(bl.start, bl.end) {
		return false
	}
	text := bl.text
	if !bl.textRead || text == "" && bl.media {
		text, _ = b.peekText(bl)
	}
	if text == "" || len(text) > maxLabelText || b.candidates(text)&anchorEdges == 0 {
		return false
	}
	if bl.elem == -1 && w.ends.may(text) && matchLabel(w.edges, text) {
		return true
	}
	return matchLabel(w.openEdges, text)
}

// TestEndEdgeKeepsAnswer holds endEdge to the reading it replaced, on
// loose lines between <br>s and Markdown paragraphs of edge texts, ASCII
// and not.
func TestEndEdgeKeepsAnswer(t *testing.T) {
	cfg := DefaultConfig()
	tables := cfg.compiled()
	w := &tables.widgets
	var pieces []string
	for _, l := range []*lazyText{w.edges, w.openEdges, w.labels} {
		for _, p := range l.pats {
			p = strings.NewReplacer("{n}", "12", "{*}", "Foo", "{t}", "the title").Replace(p)
			pieces = append(pieces, p, strings.ToUpper(p), "x "+p)
		}
	}
	pieces = append(pieces, "<br>", "<br>", "<b>", "</b>", " ", "Words of the article.", "Weiterlesen", "\n", "&amp;", "é", "中文")
	rng := rand.New(rand.NewPCG(11, 12))
	found := 0
	for n := 0; n < 10000; n++ {
		var sb strings.Builder
		for k := 1 + rng.IntN(6); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		for _, md := range []bool{false, true} {
			body := []byte(sb.String())
			s := scratchPool.Get().(*scratch)
			b := &bodyCleaner{d: parse(body, s, md, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: tables}
			b.d.markdownBody = md
			for _, bl := range b.blocks() {
				got, want := b.endEdge(&bl), b.endEdgeSlow(&bl)
				if got != want {
					t.Fatalf("body %q, block %q: endEdge = %v, before %v", body, body[bl.start:bl.end], got, want)
				}
				if want {
					found++
				}
			}
			s.release()
		}
	}
	if found < 1500 {
		t.Fatalf("only %d edge lines found: the inputs do not exercise the answer", found)
	}
}

// TestIsASCII holds isASCII to a byte by byte look.
func TestIsASCII(t *testing.T) {
	for _, s := range []string{"", "a", "abcdefgh", "abcdefghi", "abcdefg\x80", "\xffabcdefgh", "abcdefgh\u00e9", "中", strings.Repeat("x", 17) + "é"} {
		want := true
		for i := 0; i < len(s); i++ {
			want = want && s[i] < utf8.RuneSelf
		}
		if got := isASCII(s); got != want {
			t.Fatalf("isASCII(%q) = %v, want %v", s, got, want)
		}
	}
}

// shareLinksSlow is shareLinks as it was: each link looked at as it is
// found, the count asked at the end.
func (b *bodyCleaner) shareLinksSlow(bl *block) bool {
	links := b.d.md.links
	k, _ := slices.BinarySearchFunc(links, bl.start, func(l mdLink, s int) int { return l.start - s })
	n := 0
	for ; k < len(links) && links[k].start < bl.end; k++ {
		l := &links[k]
		if l.image || l.kind == "reference" {
			continue
		}
		if !b.shareLink(l.dest) {
			return false
		}
		n++
	}
	return n >= 2
}

// TestShareLinks holds shareLinks, which counts the links before it looks
// at any and searches for the first by hand, to the reading it replaced,
// and twoLinks to a count, on generated lists of links (sorted, and some
// not) and blocks.
func TestShareLinks(t *testing.T) {
	cfg := DefaultConfig()
	b := &bodyCleaner{cfg: cfg, tables: cfg.compiled(), d: &doc{}}
	dests := []string{"https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa.b", "https://twitter.com/intent/tweet?text=hi",
		"https://example.com/post/1", "/about", "https://x.com/share?url=x", "https://example.com/share?q=1"}
	kinds := []string{"link", "link", "image", "autolink", "reference"}
	rng := rand.New(rand.NewPCG(7, 8))
	shares := 0
	for n := 0; n < 50000; n++ {
		links := make([]mdLink, rng.IntN(7))
		pos := 0
		for i := range links {
			pos += rng.IntN(30)
			if rng.IntN(20) == 0 {
				pos = rng.IntN(200) // out of order: the search's answer must not change either
			}
			kind := kinds[rng.IntN(len(kinds))]
			links[i] = mdLink{start: pos, end: pos + 10, dest: dests[rng.IntN(len(dests))], kind: kind, image: kind == "image"}
		}
		b.d.md.links = links
		start := rng.IntN(150)
		bl := &block{start: start, end: start + rng.IntN(150)}
		n := 0 // the block's links, images and definitions aside
		k, _ := slices.BinarySearchFunc(links, bl.start, func(l mdLink, s int) int { return l.start - s })
		for ; k < len(links) && links[k].start < bl.end; k++ {
			if !links[k].image && links[k].kind != "reference" {
				n++
			}
		}
		if _, two := b.twoLinks(bl); two != (n >= 2) {
			t.Fatalf("twoLinks(%d, %d) over %+v = %v, with %d links", bl.start, bl.end, links, two, n)
		}
		want := b.shareLinksSlow(bl)
		if got := b.shareLinks(bl); got != want {
			t.Fatalf("shareLinks(%d, %d) over %+v = %v, want %v", bl.start, bl.end, links, got, want)
		}
		if want {
			shares++
		}
	}
	if shares < 1000 {
		t.Fatalf("only %d blocks of share links: the inputs do not exercise the answer", shares)
	}
}

// oneLinkRegexp is the regexp oneLink replaced.
var oneLinkRegexp = regexp.MustCompile(`^\[(?:!\[[^\]\n]*\]\([^)\s]*\)|[^\[\]\n]+)\]\([^)\s]+\)$`)

// TestOneLink holds oneLink to the regexp it replaced on blocks built
// from links, image links and the bytes the classes turn on, and edits
// of them.
func TestOneLink(t *testing.T) {
	pieces := []string{"[", "]", "(", ")", "](", "![", "!", " ", "\t", "\n", "\f", "\r", "\v",
		"a", "title", "/p/1.png", "\xff", "é", "标题", "\\", "x"}
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(seg []byte) {
		t.Helper()
		if got, want := oneLink(seg), oneLinkRegexp.Match(seg); got != want {
			t.Fatalf("oneLink(%q) = %v, the regexp %v", seg, got, want)
		}
	}
	for _, s := range []string{"", "[", "[a](b)", "[![](i)](b)", "[![a](i)](b)", "[![a]()](b)", "[![a](i)]()",
		"[![a](i j)](b)", "[![a\n](i)](b)", "[![a](i)](b) ", "[![a](i)](b c)", "[![[a]](i)](b)", "[![a](i))](b)",
		"[!a](b)", "[![", "[![a](i)]", "[![a](i)](", "[\xff](\xff)", "[![\xff](\xff)](\xff)"} {
		check([]byte(s))
	}
	some := func(b []byte, n int) []byte {
		for k := rng.IntN(n); k >= 0; k-- {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		return b
	}
	for n := 0; n < 300000; n++ {
		var b []byte
		switch rng.IntN(3) {
		case 0: // a link
			b = append(some(append(some([]byte("["), 4), "]("...), 4), ')')
		case 1: // an image link
			b = append(some(append(some([]byte("[!["), 4), "]("...), 3), ')')
			b = append(some(append(b, "]("...), 3), ')')
		default:
			b = some(nil, 12)
		}
		if rng.IntN(3) == 0 && len(b) > 0 { // an edit
			i := rng.IntN(len(b))
			b = append(b[:i:i], append([]byte(pieces[rng.IntN(len(pieces))]), b[i+rng.IntN(2):]...)...)
		}
		check(b)
	}
}

// TestChromeFromRunes holds chromeFrom's use of the widget walk's counts
// (runes) to its reading of every text: on generated Markdown ends of
// posts (related lists under headings, entries with and without links,
// dates, labels, pictures), after the rules' run, chromeFrom with the
// walk's runes answers as it does with none (every entry's text read).
func TestChromeFromRunes(t *testing.T) {
	cfg := DefaultConfig()
	rules := defaultRuleSet()
	var on uint64
	for i, r := range bodyRules {
		if rules.On(r.ID) {
			on |= 1 << i
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	heads := []string{"## Related posts\n\n", "### 相关文章\n\n", "### TA的文章\n\n", "## More from the author\n\n", "## Notes\n\n",
		"#### Read next\n\n", "## A section of the article\n\n", "Related posts\n\n", "### Recent posts\n\n"}
	items := []string{"- [Walking the coast path](/2024/coast-path/)\n", "* [海边的步道](/p/101)\n",
		"* ##### [冬天的花园和一个很长很长的标题，它还在继续写下去，直到超过标题的长度为止，再写一点](/post/id/102)\n\n  2025-09-29 18:06:17\n",
		"- [An external post](https://example.org/x)\n", "- plain entry\n", "- [A](/a) and [B](/b)\n",
		"[A card title](/2024/card/)\n\n", "[![](/img/card.png)](/2024/card/)\n\n", "3 min read\n\n", "2025-09-29\n\n",
		"© 2024 Example Press. All rights reserved.\n\n", "Contact us\n\n", "This is a sentence of the article.\n\n",
		"![a picture](/p.png)\n\n", "Share this:\n\n", "- [" + strings.Repeat("长", 90) + "](/p/long)\n"}
	read, walked := 0, 0
	for n := 0; n < 3000; n++ {
		var sb strings.Builder
		sb.WriteString("Some words of the article, a sentence.\n\n")
		for k := rng.IntN(4); k >= 0; k-- {
			sb.WriteString(heads[rng.IntN(len(heads))])
			for j := rng.IntN(6); j >= 0; j-- {
				sb.WriteString(items[rng.IntN(len(items))])
			}
			sb.WriteString("\n")
		}
		body := []byte(sb.String())
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parseWith(body, s, true, bytes.Count(body, []byte{'<'}), nil), scratch: s, cfg: cfg, rules: rules,
			onBits: on, tables: cfg.compiled(), limit: 1 << 30}
		b.d.markdownBody, b.mdParsed = true, true
		b.run()
		st := &b.labels
		if len(st.bs) > 0 {
			none := make([]int, len(st.runes))
			for k := range none {
				none[k] = -1
				if st.runes[k] >= 0 {
					read++
				}
			}
			from, tags := b.chromeFrom(st.bs, st.kinds, st.runes, st.empty)
			from2, tags2 := b.chromeFrom(st.bs, st.kinds, none, st.empty)
			if from != from2 || tags != tags2 {
				t.Fatalf("body %q: chromeFrom with the walk's runes = %d, %v; reading every text: %d, %v", body, from, tags, from2, tags2)
			}
			if from >= 0 {
				walked++
			}
		}
		s.release()
	}
	if read < 1000 || walked < 300 {
		t.Fatalf("only %d counted blocks, %d runs found", read, walked)
	}
	t.Logf("%d counted blocks, %d runs found", read, walked)
}
