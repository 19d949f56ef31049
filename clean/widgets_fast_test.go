package clean

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// widgetBodies generates HTML bodies of short blocks: labels, words,
// entities and white space, images (beacons among them), media and
// tags around the text, for the widget walk's fast paths.
func widgetBodies(seed uint64, n int) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	open := []string{"<p>", "<div>", "<figure>", "<li>", "<h3>", "<blockquote>", "<td>"}
	pieces := []string{"Share this:", "Like", "Loading…", "Related", " ", "\n", "\u00a0", "&nbsp;", "&amp;", "x", "Über",
		"中文", "分享", "Ｆ", ":", ".", "…", "{.skip}", "{#id}", "}", "1,234", "Photo by someone",
		"<b>", "</b>", "<a href=\"https://example.com/a\">", "</a>", "<em>", "</em>", "<br>",
		"<img src=\"https://example.com/i.png\">", "<img src=\"https://example.com/p.gif\" width=\"1\" height=\"1\">",
		"<video src=\"v.mp4\"></video>", "<script>var x = 1</script>", "<!-- c -->", "<span>", "</span>",
		strings.Repeat("word ", 30)}
	var out [][]byte
	for ; n > 0; n-- {
		var b strings.Builder
		for k := rng.IntN(4); k >= 0; k-- {
			o := open[rng.IntN(len(open))]
			b.WriteString(o)
			for j := rng.IntN(6); j >= 0; j-- {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			b.WriteString("</" + o[1:] + "\n")
		}
		out = append(out, []byte(b.String()))
	}
	return out
}

// TestRoughTextBoundsPeekText holds roughText (every image counted as
// media, not asked whether it is a beacon) to peekText: the same text,
// and media whenever peekText has it.
func TestRoughTextBoundsPeekText(t *testing.T) {
	cfg := DefaultConfig()
	beacons, checked := 0, 0
	for _, body := range widgetBodies(1, 5000) {
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, false, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: cfg.compiled()}
		for _, bl := range b.blocks() {
			text, media := b.peekText(&bl)
			text = strings.Clone(text)
			rough, roughMedia := b.roughText(&bl)
			if rough != text || media && !roughMedia {
				t.Fatalf("body %q, block %q: roughText = %q, %v; peekText = %q, %v", body, body[bl.start:bl.end], rough, roughMedia, text, media)
			}
			if roughMedia && !media {
				beacons++
			}
			checked++
		}
		s.release()
	}
	if checked < 5000 || beacons < 100 {
		t.Fatalf("only %d blocks checked, %d with a beacon only", checked, beacons)
	}
}

// TestWidgetFastPaths holds the widget walk's quick string functions to
// the library calls they replace.
func TestWidgetFastPaths(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if got, want := lowerRune(r), unicode.ToLower(r); got != want {
			t.Fatalf("lowerRune(%U) = %U, want %U", r, got, want)
		}
		if s := string(r); unicode.IsSpace(r) && (!spaceLead[s[0]] || !spaceLast[s[len(s)-1]]) {
			t.Fatalf("%U is a space: its first byte %#x or last %#x is missing from spaceLead or spaceLast", r, s[0], s[len(s)-1])
		}
		// spaceSuffix, after each rune and after its bytes cut short.
		for _, s := range []string{"x" + string(r), string(r), "\xe2" + string(r)[1:], "\xe3" + string(r)[min(1, len(string(r))-1):]} {
			want := 0
			if last, n := utf8.DecodeLastRuneInString(s); last >= utf8.RuneSelf && isSpaceRune(last) {
				want = n
			}
			if got := spaceSuffix([]byte(s)); got != want {
				t.Fatalf("spaceSuffix(%q) = %d, want %d", s, got, want)
			}
		}
	}
	for _, r := range labelClosers {
		if s := string(r); !mayClose(s[len(s)-1]) {
			t.Fatalf("mayClose(last byte of %q) = false", s)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{" ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029",
		"\u202f", "\u205f", "\u3000", "\u200b", "\ufeff", ":", "：", ".", "。", "!", "！", "…", "x", "É", "中", "分享", "\xff",
		"\xe2\x80", "\xa6", "\ufffd", "ＡＢｃ", "“”", "Я", "\x9a", "}", "{", "{.c}", "{#id}", "{.a b}", "{x}", ">", "&", "a"}
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		for k := rng.IntN(7); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := trimSpace([]byte(s)), bytes.TrimSpace([]byte(s)); !bytes.Equal(got, want) {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimLabelClosers(s), strings.TrimRight(s, labelClosers); got != want {
			t.Fatalf("trimLabelClosers(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimAttrs(s), trimAttrsSlow(s); got != want {
			t.Fatalf("trimAttrs(%q) = %q, want %q", s, got, want)
		}
		if got, want := lowerText(s), strings.ToLower(s); got != want {
			t.Fatalf("lowerText(%q) = %q, want %q", s, got, want)
		}
		// Into a buffer, long enough or not (lazyText.match's).
		var buf [2*maxLabelText + 8]byte
		for _, b := range [][]byte{buf[:0], buf[:0:3], nil} {
			if got, want := lowerTextBuf(s, b), strings.ToLower(s); got != want {
				t.Fatalf("lowerTextBuf(%q, cap %d) = %q, want %q", s, cap(b), got, want)
			}
		}
		u := strings.ToUpper(s) + "İΣẞＦ"
		if got, want := lowerText(u), strings.ToLower(u); got != want {
			t.Fatalf("lowerText(%q) = %q, want %q", u, got, want)
		}
		// Long ASCII runs, for its eight-byte steps: every ASCII byte,
		// capitals and the bytes around them ('@', '[') among them.
		var long strings.Builder
		for k := rng.IntN(40); k > 0; k-- {
			if rng.IntN(4) == 0 {
				long.WriteString(pieces[rng.IntN(len(pieces))])
			} else {
				long.WriteByte(byte(rng.IntN(128)))
			}
		}
		if l := long.String(); lowerText(l) != strings.ToLower(l) {
			t.Fatalf("lowerText(%q) = %q, want %q", l, lowerText(l), strings.ToLower(l))
		}
	}
	for k := 0; k < 100000; k++ {
		b := make([]byte, rng.IntN(80))
		for i := range b {
			b[i] = []byte("a é中\x80\xbf\xc0\xff")[rng.IntN(10)]
		}
		for _, n := range []int{0, 1, 7, 8, 9, 24, rng.IntN(90)} {
			if got, want := runesOver(b, n), runesOverSlow(b, n); got != want {
				t.Fatalf("runesOver(%q, %d) = %v, want %v", b, n, got, want)
			}
		}
	}
}

// runesOverSlow is runesOver a byte at a time.
func runesOverSlow(b []byte, n int) bool {
	c := 0
	for _, x := range b {
		if x&0xC0 != 0x80 {
			c++
		}
	}
	return c > n
}

// trimAttrsSlow is trimAttrs without its quick return.
func trimAttrsSlow(text string) string {
	t := strings.TrimRight(text, " \t\r\n")
	if !strings.HasSuffix(t, "}") {
		return text
	}
	i := strings.LastIndexByte(t, '{')
	if i < 0 || i+1 >= len(t) || (t[i+1] != '#' && t[i+1] != '.') || strings.ContainsAny(t[i+1:len(t)-1], "{}") {
		return text
	}
	return t[:i]
}

// TestMdMayHoldsToText holds mdMay to the text it saves reading: a
// Markdown block it turns away has text, no label's first character and
// no share buttons; and mdMayTail to startGate.mayTail of the text.
func TestMdMayHoldsToText(t *testing.T) {
	cfg := DefaultConfig()
	rng := rand.New(rand.NewPCG(8, 9))
	starts := []string{"", "- ", "1. ", "1) ", "> ", "# ", "## ", "   ", "    ", "* ", "+ ", "\t", "[x]: https://example.com\n",
		"#", "-", "1.", "2021. ", "  - ", "> > ", "> - ", "  # ", "###### ", "####### ", "- [ ] ", "-\n  ", "<div>\n", "```\n", "1. - ", "\\"}
	pieces := []string{"Foo", "foo", "Fix", "quick", "Über", "ζ", "中文", "分享", "Share this", "Zoom", "xyz", " ", "\n", "\n\n",
		"\n===\n", "\n---\n", "*em*", "_u_", "`code`", "&amp;", "&#70;", "\\*", "<b>x</b>", "<https://x.com>", "![img](p.png)",
		"[Twitter](https://twitter.com/intent/tweet?url=x)", "[F](https://www.facebook.com/sharer/sharer.php?u=x)", "[a](b)",
		"www.example.com", " #", " # ", "\\*x", "\u00a0", "\u3000", "\xff", "Ｆ", "ǅ", "İ", ":", "…", "{.c}",
		// Labels' starts, whole and not (startGate.mayMarkdown).
		"Share this", "Like this:", "Like", "Read more", "Read", "Related posts", "Related", "Subscribe", "Tags", "Copy code",
		"Copy", "Points: 3", "Comments", "Loading", "Teilen mit", "Gefällt mir", "Continue reading", "3 min read", "Ｓhare",
		"SHARE THIS", "Sh*ar*e this", "Sh&#97;re this", "Sha\\*re this", "ſhare", "\u212aeep reading", "Keep", "相关文章", "相关", "分享到",
		// Markup and punctuation before them (mdLiteral, skipOpeners).
		"[Share this](https://example.com/s)", "**Like this:**", "`Copy`", "_Tags_", "[1] ", "\"Read more\"", "(Related)", "'s",
		"#tag", "$5", "[", "*", "__", "``", "[^1]", "~~", "|", "{#id}", "-", "/", "@", "Copy{.c}", "Copy:", "Copy.", "Copy!", "Copy…",
		// A label that starts with a hole (Substack's subscribe box), its
		// end whole and in markup (startGate.mayMarkdownTail).
		"Weekly Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.",
		" is a reader-supported publication. To receive new posts and support our work, consider becoming a subscriber", "subscriber",
		"subscriber.", "SUBSCRIBER", "subscri*ber*", "subscri&#98;er", "[subscriber](https://example.com)", "subscriber\\.", "subscriber;",
		"subscriber)", "subscriber ##", "subscri`ber`", "subscriber{.c}", "a free or paid subscriber  ", "subscriber\\",
		// Links and images at the end.
		"[a free or paid subscriber](https://example.com/s)", "[paid subscriber.](u)", "![subscriber](i.png)", "![x\nsubscriber](p.png)",
		"[x\nsubscriber](u)", "subscriber](u)", "](u)", "(u)", "[a](u \"t\")", "[a](<u>)", "[](u)", "[a](b(c))", "[a](b)c](d)",
		"\\[subscriber](u)", "[subscriber](u\n\"t\")", "[subscriber]()", "[*subscriber*](u)", "[subscriber](u).", "x](u)",
		"[Weekly Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a subscriber](u\n\"a](b c\")",
		"[Weekly Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a subscriber](u(a](b))"}
	tables := cfg.compiled() // once: each lazyText compiles its regexps once
	turned, checked, started, tailNo := 0, 0, 0, 0
	for n := 0; n < 10000; n++ {
		var sb strings.Builder
		for k := rng.IntN(5); k >= 0; k-- {
			sb.WriteString(starts[rng.IntN(len(starts))])
			for j := rng.IntN(5); j >= 0; j-- {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			}
			sb.WriteString("\n\n")
		}
		body := []byte(sb.String())
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, true, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: tables}
		b.d.markdownBody = true
		for _, bl := range b.blocks() {
			if bl.elem != mdLeaf {
				continue
			}
			checked++
			if bl.md >= 0 && !b.mdMayTail(&bl) {
				tailNo++
				if text, _ := b.peekText(&bl); tables.widgets.starts.mayTail(text) {
					t.Fatalf("body %q, block %q: mdMayTail = false, but its text %q may match a pattern that starts with a hole", body, body[bl.start:bl.end], text)
				}
			}
			if b.mdMay(&bl) {
				continue
			}
			turned++
			text, _ := b.peekText(&bl)
			if text == "" || b.mdShareOnly(&bl, text) {
				t.Fatalf("body %q, block %q: mdMay = false, but its text %q is empty or share buttons", body, body[bl.start:bl.end], text)
			}
			if b.labelSlow(text) {
				t.Fatalf("body %q, block %q: mdMay = false, but its text %q is a label", body, body[bl.start:bl.end], text)
			}
			if b.tables.widgets.ends.may(text) {
				started++ // turned away by its start, past its first letter
			}
		}
		s.release()
	}
	if checked < 5000 || turned < 500 || started < 500 || tailNo < 1000 {
		t.Fatalf("only %d blocks checked, %d turned away, %d by their start past the first letter, %d by mdMayTail", checked, turned, started, tailNo)
	}
	t.Logf("%d Markdown blocks, %d turned away, %d by their start past the first letter, %d by mdMayTail", checked, turned, started, tailNo)
}

// labelSlow is widgetBlocks' reading of a block's text without the
// start gate (startGate): whether one of the lists says it is a label.
func (b *bodyCleaner) labelSlow(text string) bool {
	w := &b.tables.widgets
	if len(text) > maxLabelText || !w.ends.may(text) {
		return false
	}
	can := b.candidates(text)
	for _, l := range []struct {
		class phraseClass
		list  *lazyText
	}{{anchorBoilerplate, w.boilerplate}, {anchorLabels, w.labels}, {anchorCopy, w.copyCode}, {anchorEdges, w.edges}, {anchorRelated, w.related}} {
		if can&l.class != 0 && matchLabel(l.list, text) {
			return true
		}
	}
	return false
}

// matchSlow is lazyText.match without its bigram filter: every anchor
// searched for in the lower-cased text.
func (l *lazyText) matchSlow(text string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text, " \t\r\n"))
	r = unicode.ToLower(r)
	lower := lowerText(text)
	same, holes := l.byFirst[r], l.holes
	for len(same) > 0 || len(holes) > 0 {
		var i int
		if len(holes) == 0 || len(same) > 0 && same[0] < holes[0] {
			i, same = same[0], same[1:]
		} else {
			i, holes = holes[0], holes[1:]
		}
		if a := l.anchors[i]; a != "" && !strings.Contains(lower, a) {
			continue
		}
		l.once[i].Do(func() { l.res[i] = wholeText(l.pats[i : i+1]) })
		if l.res[i].MatchString(text) {
			return true
		}
	}
	return false
}

// TestLazyTextGrams holds lazyText.match's bigram filter to the search
// for every anchor, on texts built from the default lists' own words
// (whole, cut, re-cased) and other characters.
func TestLazyTextGrams(t *testing.T) {
	c := DefaultConfig()
	w := &c.compiled().widgets
	lists := []*lazyText{w.labels, w.placeholders, w.edges, w.openEdges, w.copyCode, w.related}
	var pieces []string
	for _, l := range lists {
		for i, p := range l.pats {
			a := l.anchors[i]
			pieces = append(pieces, strings.TrimSpace(p), a, strings.ToUpper(a), capitalize(a))
			if len(a) > 3 {
				pieces = append(pieces, a[:len(a)/2], a[len(a)/2:], a[1:])
			}
		}
	}
	pieces = append(pieces, " ", ":", "…", "12", "1,234", "x", "É", "İ", "中", "\xff", "\n", "{.c}")
	rng := rand.New(rand.NewPCG(7, 8))
	matched := 0
	for n := 0; n < 60000; n++ {
		var b strings.Builder
		for k := 1 + rng.IntN(4); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		for _, l := range lists {
			got, want := l.match(s), l.matchSlow(s)
			if got != want {
				t.Fatalf("match(%q) = %v, without the bigram filter %v", s, got, want)
			}
			if got {
				matched++
			}
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d texts matched: the inputs do not exercise the lists", matched)
	}
}

// mapRuneSet is runeSet as endGate held it: an ASCII table and a map.
type mapRuneSet struct {
	ascii [128]bool
	m     map[rune]bool
}

func (s *mapRuneSet) set(r rune) {
	r = unicode.ToLower(r)
	if r < 128 {
		s.ascii[r] = true
		if 'a' <= r && r <= 'z' {
			s.ascii[r-'a'+'A'] = true
		}
		return
	}
	s.m[r] = true
}

func (s *mapRuneSet) has(r rune) bool {
	if r < 128 {
		return s.ascii[r]
	}
	return s.m[lowerRune(r)]
}

// TestRuneSet holds runeSet to the table and map it replaced, for every
// rune, on sets of generated runes (the Kelvin sign and 'İ', which
// lower-case to ASCII, among them).
func TestRuneSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	special := []rune{'k', 'K', '\u212a', 'İ', 'i', 'ſ', 's', 'Σ', 'σ', 'ς', 'Ａ', 'ａ', '中', '\U0001F600', '\U00010400', '\U00010428', 0xfffd, 'ǅ', 'ǆ'}
	for n := 0; n < 10; n++ {
		got, want := newRuneSet(), mapRuneSet{m: map[rune]bool{}}
		for k := rng.IntN(40); k >= 0; k-- {
			r := special[rng.IntN(len(special))]
			switch rng.IntN(3) {
			case 0:
				r = rune(rng.IntN(0x3000))
			case 1:
				r = rune(rng.IntN(unicode.MaxRune + 1))
			}
			got.set(r)
			want.set(r)
		}
		for r := rune(0); r <= unicode.MaxRune+1; r++ {
			if got.has(r) != want.has(r) {
				t.Fatalf("set %d: has(%U) = %v, want %v", n, r, got.has(r), want.has(r))
			}
		}
	}
}

// widgetClassSlow is widgetClass as it was: every token looked up in the
// map and compared with every prefix, the names by bytes.EqualFold.
func (b *bodyCleaner) widgetClassSlow(as []attr) (attr, value string) {
	w := &b.tables.widgets
	if len(as) == 0 || len(w.classes) == 0 && len(w.prefixes) == 0 {
		return "", ""
	}
	for _, a := range as {
		var name string
		switch {
		case len(a.name) == 5 && bytes.EqualFold(a.name, []byte("class")):
			name = "class"
		case len(a.name) == 2 && bytes.EqualFold(a.name, []byte("id")):
			name = "id"
		default:
			continue
		}
		for _, tok := range strings.FieldsFunc(string(a.val), func(r rune) bool { return r < utf8.RuneSelf && isSpaceByte(byte(r)) }) {
			if w.classes[tok] {
				return name, tok
			}
			for _, p := range w.prefixes {
				if strings.HasPrefix(tok, p) {
					return name, tok
				}
			}
		}
	}
	return "", ""
}

// TestWidgetClassGates holds widgetClass (its names compared as ASCII,
// its tokens gated by classGate and prefixFirst) to the reading it
// replaced, on generated attributes: the default classes whole, cut and
// grown, other tokens, names in other cases and with folds past ASCII,
// and configs with a "*" and an empty class.
func TestWidgetClassGates(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 17))
	for _, classes := range [][]string{DefaultConfig().Widgets.Classes, {"share*", "a", "zz-widget", "*"}, {"", "x", "ab*"}} {
		cfg := *DefaultConfig() // a copy: the default is shared
		cfg.Widgets.Classes = classes
		cfg.tables = nil
		b := &bodyCleaner{cfg: &cfg, tables: cfg.compiled()}
		var toks []string
		for _, c := range classes {
			c = strings.TrimSuffix(c, "*")
			toks = append(toks, c, c+"x", "x"+c, strings.ToUpper(c), c+"-1")
			if len(c) > 1 {
				toks = append(toks, c[:len(c)-1], c[1:])
			}
		}
		toks = append(toks, "entry-content", "wp-block-image", "size-large", "é", "\xff", "a", "x", "sharedaddyx")
		names := []string{"class", "CLASS", "Class", "id", "ID", "iD", "data-class", "classes", "clasſ", "claſs", "ıd", "kd", "style"}
		seps := []string{" ", "  ", "\t", "\n", "\r", "\f", "\v"}
		for n := 0; n < 20000; n++ {
			as := make([]attr, rng.IntN(4))
			for i := range as {
				var v strings.Builder
				for k := rng.IntN(4); k >= 0; k-- {
					if rng.IntN(3) == 0 {
						v.WriteString(seps[rng.IntN(len(seps))])
					}
					v.WriteString(toks[rng.IntN(len(toks))])
					v.WriteString(seps[rng.IntN(len(seps))])
				}
				as[i] = attr{name: []byte(names[rng.IntN(len(names))]), val: []byte(v.String())}
			}
			gn, gv := b.widgetClass(as)
			wn, wv := b.widgetClassSlow(as)
			if gn != wn || gv != wv {
				var desc []string
				for _, a := range as {
					desc = append(desc, string(a.name)+"="+strconvQuote(string(a.val)))
				}
				t.Fatalf("classes %q, attributes %q: widgetClass = %q, %q; want %q, %q", classes, desc, gn, gv, wn, wv)
			}
		}
	}
}

// TestLeadNoLabelHoldsToText holds leadNoLabel (and rawMay's noLabel) to
// the text it saves reading: an element it turns away has text, and its
// text is no label, on generated elements that start with markup, white
// space of every kind, entities and broken runes; and tailNo to
// startGate.mayTail of the text.
func TestLeadNoLabelHoldsToText(t *testing.T) {
	cfg := DefaultConfig()
	tables := cfg.compiled()
	rng := rand.New(rand.NewPCG(10, 11))
	open := []string{"<p>", "<div>", "<li>", "<h3>", "<td>", "<figcaption>"}
	pieces := []string{"<b>", "</b>", "<a href=\"https://example.com/a\">", "</a>", "<em>", "</em>", "<br>", "<span>", "</span>",
		"<img src=\"https://example.com/i.png\">", "<script>var x = 1</script>", "<style>p{}</style>", "<!-- c -->",
		"<textarea>Share</textarea>", "<noscript>Like</noscript>", "<svg><text>Tags</text></svg>",
		" ", "\n", "\t", "\v", "\f", "\r", "\u00a0", "\u0085", "\u2003", "\u200a", "\u200b", "\u3000", "\u1680", "\u2028", "\u202f",
		"&nbsp;", "&amp;", "&#83;hare", "&lt;", "\xe4\xb8", "\xad", "\xff", "\ufffd",
		"Share this:", "Like", "Related", "Tags", "Read more", "Copy", "x", "Über", "中文", "分享", "Ｆ", ":", ".", "…",
		"(", "[", "\"", "{.skip}", "{#id}", "1,234", "Photo by someone", "Zoom", "ſhare",
		// A label that starts with a hole (Substack's subscribe box).
		"Weekly Notes is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.",
		"subscriber", "subscriber.", "subscri&#98;er", "subscriber</b>",
		// Ends a pattern that starts with a hole ends with, read back by
		// rawTailNo, and the markup that hides a text.
		" paid subscriber", "becoming a subscriber", "or paid subscriber!", "Our reader", "user", "ſubscriber", "SUBSCRIBER",
		"sub\nscriber", "&#115;ubscriber", "a;subscriber", "</style>", "</script>", "<style>", "{}", "\x00",
		"。", "！", "：", "好", "ｒ", "\u2026r"}
	checked, turned, tagged, byTail, tailNo := 0, 0, 0, 0, 0
	for n := 0; n < 8000; n++ {
		var sb strings.Builder
		for k := rng.IntN(4); k >= 0; k-- {
			o := open[rng.IntN(len(open))]
			sb.WriteString(o)
			for j := rng.IntN(7); j >= 0; j-- {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			}
			sb.WriteString("</" + o[1:] + "\n")
		}
		body := []byte(sb.String())
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, false, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: tables}
		for _, bl := range b.blocks() {
			if bl.elem < 0 {
				continue
			}
			checked++
			if b.tailNo(&b.d.elems[bl.elem]) {
				tailNo++
				if text, _ := b.peekText(&bl); text == "" || tables.widgets.starts.mayTail(text) {
					t.Fatalf("body %q, block %q: tailNo = true, but its text %q is empty or may match a pattern that starts with a hole", body, body[bl.start:bl.end], text)
				}
			}
			may, noLabel, openNo := b.rawMay(bl.elem)
			if !may {
				continue
			}
			if noLabel {
				byTail++
			} else if !b.leadNoLabel(bl.elem, openNo) {
				continue
			}
			turned++
			if e := &b.d.elems[bl.elem]; e.openEnd < len(body) && body[e.openEnd] == '<' {
				tagged++
			}
			text, _ := b.peekText(&bl)
			if text == "" || tables.widgets.ends.may(text) && tables.widgets.starts.may(text) && b.textLabel(text, true, true) != labelNone {
				t.Fatalf("body %q, block %q: noLabel %v or leadNoLabel = true, but its text %q is empty or a label", body, body[bl.start:bl.end], noLabel, text)
			}
		}
		s.release()
	}
	if checked < 5000 || turned < 500 || tagged < 200 || byTail < 100 || tailNo < 1000 {
		t.Fatalf("only %d elements checked, %d turned away, %d of them starting with a tag, %d by rawMay's tail; tailNo %d", checked, turned, tagged, byTail, tailNo)
	}
	t.Logf("%d elements, %d turned away, %d of them starting with a tag, %d by rawMay's tail; tailNo %d", checked, turned, tagged, byTail, tailNo)
}

// TestRawLastHoldsToSlow holds rawLast's cuts without calls to
// rawLastSlow's on generated inner bytes: closers and white space of
// every kind, markup's ends, runes past ASCII and broken ones.
func TestRawLastHoldsToSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 15))
	pieces := []string{" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u0085", "\u2003", "\u3000", "\u1680", "\u2028", "\u200b",
		":", ".", "!", "：", "。", "！", "…", ">", ";", "}", "{", "a", "r", "Z", "1", "中", "Ü", "ｒ", "\xe3\x80", "\x82", "\xff", "\ufffd"}
	for n := 0; n < 100000; n++ {
		var sb strings.Builder
		for k := rng.IntN(6); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		inner := trimSpace([]byte(sb.String()))
		r, ok := rawLast(inner)
		wr, wok := rawLastSlow(inner)
		if r != wr || ok != wok {
			t.Fatalf("rawLast(%q) = %q, %v; rawLastSlow: %q, %v", inner, r, ok, wr, wok)
		}
	}
}

// TestRoughTextUpToHoldsToRoughText holds roughTextUpTo to roughText on
// generated elements and limits: long only for a text longer than the
// limit, else the same text and media (a text just over the limit may
// be either).
func TestRoughTextUpToHoldsToRoughText(t *testing.T) {
	cfg := DefaultConfig()
	tables := cfg.compiled()
	rng := rand.New(rand.NewPCG(12, 13))
	checked, long, near := 0, 0, 0
	for _, body := range widgetBodies(3, 3000) {
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, false, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: tables}
		for _, bl := range b.blocks() {
			if bl.elem < 0 {
				continue
			}
			want, wantMedia := b.roughText(&bl)
			want = strings.Clone(want)
			limit := rng.IntN(len(want) + 3)
			if rng.IntN(2) == 0 {
				limit = max(0, len(want)-1+rng.IntN(3)) // at the edge
			}
			got, media, isLong := b.roughTextUpTo(bl.elem, limit)
			switch {
			case isLong:
				if len(want) <= limit {
					t.Fatalf("body %q, block %q, limit %d: long, but roughText = %q", body, body[bl.start:bl.end], limit, want)
				}
				long++
			case got != want || media != wantMedia:
				t.Fatalf("body %q, block %q, limit %d: roughTextUpTo = %q, %v; roughText = %q, %v", body, body[bl.start:bl.end], limit, got, media, want, wantMedia)
			}
			if len(want)-limit <= 2 && len(want)-limit >= -1 {
				near++
			}
			checked++
		}
		s.release()
	}
	if checked < 3000 || long < 500 || near < 500 {
		t.Fatalf("only %d elements checked, %d long, %d near the limit", checked, long, near)
	}
}

// TestQuotePlain holds strconvQuote to strconv.Quote of the truncated
// text: on every CJK unified ideograph (quotePlain does not ask
// strconv.IsPrint about them), and on generated texts of ASCII, control
// bytes, quotes, backslashes, invalid bytes and runes IsPrint refuses.
func TestQuotePlain(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !strconv.IsPrint(r) {
			t.Fatalf("U+%04X: strconv.IsPrint is false", r)
		}
	}
	pieces := []string{"a", "Z", " ", "~", "\x7f", "\x00", "\t", "\n", "\"", "'", "\\", "`", "\xff", "\xe4\xb8",
		"é", "中", "文", "一", "\u9fff", "\u4dff", "\ua000", "。", "，", "\u00a0", "\u200b", "\u2028", "\ufeff",
		"\U0001F600", "\U000E0001", "\ufffd", "\u0378"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 200000; n++ {
		var b []byte
		for k := rng.IntN(30); k >= 0; k-- {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		s := string(b)
		if got, want := strconvQuote(s), strconv.Quote(truncate(s, 60)); got != want {
			t.Fatalf("strconvQuote(%q) = %s, strconv.Quote: %s", s, got, want)
		}
	}
}

// TestLoad64 holds load64 to encoding/binary's little-endian read.
func TestLoad64(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for n := 0; n < 10000; n++ {
		b := make([]byte, 8+rng.IntN(24))
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		i := rng.IntN(len(b) - 7)
		if got, want := load64(string(b), i), binary.LittleEndian.Uint64(b[i:]); got != want {
			t.Fatalf("load64(%q, %d) = %#x, want %#x", b, i, got, want)
		}
	}
}
