package clean

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The tail rule's and the block text's fast paths, held to the plain
// definitions they replace on many generated inputs.

// textPieces build texts with every kind of white space, multi-byte
// characters whose lead byte is also a space's, and broken UTF-8.
var textPieces = []string{" ", "  ", "\t", "\n", "\r\n", "\f\v", "a", "Bc", "D9", "x y", " z ", "\u00a0", "\u3000", "\u2003", "\u200b",
	"\u0085", "©", "“", "”", "中文", "。", "\xe2", "\xc2", "\xe3\x80", "\xed\xa0\x80", "é", "Ж", "\U0001F600", "&", "-", "'", ".", "0",
	"hello world", "abcdefghij", "一二三四五六七八", "a b c d e f g h", "\x1f", "\x7f"}

func randomText(rng *rand.Rand, pieces []string, max int) string {
	var b strings.Builder
	for k := rng.IntN(max); k >= 0; k-- {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// appendCollapsedSlow is the loop appendCollapsed replaces: no eight-byte
// chunks, a single space and each white space byte read on its own.
func appendCollapsedSlow(buf, raw []byte, space bool) ([]byte, bool) {
	for len(raw) > 0 {
		i := 0
		for i < len(raw) && !spaceLead[raw[i]] {
			i++
		}
		if i > 0 {
			buf = append(buf, raw[:i]...)
			raw = raw[i:]
			space = false
			continue
		}
		n, isSpace := 1, true
		if raw[0] >= 0x80 {
			var r rune
			r, n = utf8.DecodeRune(raw)
			isSpace = r == 0xA0 || r == 0x3000 || r >= 0x2000 && r <= 0x200A || r == 0x85
		}
		if isSpace {
			if !space {
				buf = append(buf, ' ')
				space = true
			}
		} else {
			buf = append(buf, raw[:n]...)
			space = false
		}
		raw = raw[n:]
	}
	return buf, space
}

func TestAppendCollapsedKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	bytesOf := []byte{' ', ' ', 'a', 'Z', '\t', '\n', 0x1f, 0x21, 0x7f, 0x80, 0xa0, 0xbf, 0xc1, 0xc2, 0xc3, 0xc4, 0xe1, 0xe2, 0xe3, 0xe4, 0xfe, 0xff, 0x00, 0x40}
	for n := 0; n < 1000000; n++ {
		var b [8]byte
		for k := range b {
			b[k] = bytesOf[rng.IntN(len(bytesOf))]
			if rng.IntN(8) == 0 {
				b[k] = byte(rng.IntN(256))
			}
		}
		want := true
		for k, c := range b {
			if c < 0x20 || c == 0xc2 || c == 0xc3 || c == 0xe2 || c == 0xe3 || c == ' ' && k < 7 && b[k+1] == ' ' {
				want = false
			}
		}
		if got := plainChunk(binary.LittleEndian.Uint64(b[:])); got != want {
			t.Fatalf("plainChunk(% x) = %v, want %v", b, got, want)
		}
	}
	for n := 0; n < 200000; n++ {
		raw := []byte(randomText(rng, textPieces, 16))
		space := rng.IntN(2) == 0
		prefix := []byte(randomText(rng, textPieces, 2))
		got, gotSpace := appendCollapsed(slices.Clone(prefix), raw, space)
		want, wantSpace := appendCollapsedSlow(slices.Clone(prefix), raw, space)
		if string(got) != string(want) || gotSpace != wantSpace {
			t.Fatalf("appendCollapsed(%q, %q, %v) = %q, %v, want %q, %v", prefix, raw, space, got, gotSpace, want, wantSpace)
		}
	}
}

// bigrams is the article's bigram set that pairWatch stands for: every
// character pair of the article hashed into a table of pairMask bits,
// each headline's share the part of its pairs whose hash is in it.
type bigrams struct {
	bits []uint64
	mask uint32
}

func newBigrams(textBytes int) *bigrams {
	mask := pairMask(textBytes)
	return &bigrams{bits: make([]uint64, (mask+1)/64), mask: mask}
}

// addTextSlow and shareSlow are the set's methods with wordRune for
// every rune.
func (s *bigrams) addTextSlow(text []byte) {
	var prev rune = -1
	for len(text) > 0 {
		r, n := rune(text[0]), 1
		switch {
		case r < 0x80:
		case r&0xF0 == 0xE0 && len(text) >= 3 && text[1]&0xC0 == 0x80 && text[2]&0xC0 == 0x80:
			r, n = (r&0x0F)<<12|rune(text[1]&0x3F)<<6|rune(text[2]&0x3F), 3
		default:
			r, n = utf8.DecodeRune(text)
		}
		text = text[n:]
		r, ok := wordRune(r)
		if !ok {
			prev = -1
			continue
		}
		if prev >= 0 {
			h := pairHash(prev, r) & s.mask
			s.bits[h>>6] |= 1 << (h & 63)
		}
		prev = r
	}
}

func (s *bigrams) shareSlow(text string) float64 {
	var prev rune = -1
	total, found := 0, 0
	for _, r := range text {
		r, ok := wordRune(r)
		if !ok {
			prev = -1
			continue
		}
		if prev >= 0 {
			total++
			h := pairHash(prev, r) & s.mask
			if s.bits[h>>6]&(1<<(h&63)) != 0 {
				found++
			}
		}
		prev = r
	}
	if total == 0 {
		return 0
	}
	return float64(found) / float64(total)
}

// TestPairWatchKeepsAnswers holds pairWatch to the article's bigram set:
// the first candidate whose share reaches the threshold, read to the
// article's end or stopped when the first candidate is related.
func TestPairWatchKeepsAnswers(t *testing.T) {
	for c := rune(0); c < 0x80; c++ {
		r, ok := wordRune(c)
		if got := rune(asciiWord[c]); ok != (got != 0) || ok && got != r {
			t.Fatalf("asciiWord[%q] = %q, wordRune says %q, %v", c, got, r, ok)
		}
	}
	rng := rand.New(rand.NewPCG(9, 10))
	pieces := append(slices.Clone(textPieces), "The", "cat", "SAT", "on", "新闻", "标题", "ÄÖ", "\xef\xbc", "\xe4\xb8")
	shares := []float64{0, 0.1, 0.3, 0.5, 0.6, 0.6, 0.8, 1}
	early, related, s := 0, 0, &scratch{}
	for n := 0; n < 20000; n++ {
		var article [][]byte
		size := 0
		for k := rng.IntN(4); k >= 0; k-- {
			text := []byte(randomText(rng, pieces, 1+rng.IntN(150)))
			article = append(article, text)
			size += len(text) + rng.IntN(20)
		}
		set := newBigrams(size)
		for _, text := range article {
			set.addTextSlow(text)
		}
		share := shares[rng.IntN(len(shares))]
		var heads []string
		want, headBytes := -1, 0
		for c := rng.IntN(4); c >= 0; c-- {
			h := randomText(rng, pieces, 10)
			if rng.IntN(3) == 0 { // words of the article
				a := article[rng.IntN(len(article))]
				i := rng.IntN(len(a) + 1)
				h = string(a[i:min(len(a), i+rng.IntN(30))])
			}
			if want < 0 && set.shareSlow(h) >= share {
				want = len(heads)
			}
			heads = append(heads, h)
			headBytes += len(h) + 1
		}
		w := newPairWatch(size, headBytes, len(heads[0]), share, s)
		for _, h := range heads {
			w.addHeadline(h)
		}
		if cap(w.hashes) < headBytes {
			t.Fatalf("room for %d pairs, want %d", cap(w.hashes), headBytes)
		}
		if want < 0 {
			want = len(heads)
		} else {
			related++
		}
		got := 0
		if !w.start() {
			got = -1
			for _, text := range article {
				if w.read(text) {
					got = 0
					early++
					break
				}
			}
			if got < 0 {
				got = w.answer()
			}
		}
		if got != want {
			t.Fatalf("article %q, headlines %q, share %v: candidate %d is related, want %d", article, heads, share, got, want)
		}
	}
	if related < 2000 || early < 1000 {
		t.Fatalf("only %d related, %d read in part", related, early)
	}
	t.Logf("%d related, %d read in part", related, early)
}

func TestPhraseSetKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	alphabet := []string{"a", "b", "c", "A", "©", "中", "文", " ", "é", "-"}
	for round := 0; round < 300; round++ {
		var s phraseSet
		var all []phrase
		lists := 1 + rng.IntN(4)
		for l := 0; l < lists; l++ {
			class := phraseClass(1) << rng.IntN(8)
			var pats []string
			for k := rng.IntN(40); k >= 0; k-- {
				pats = append(pats, randomText(rng, alphabet, 4))
			}
			s.add(pats, class)
			for _, p := range pats {
				if len(p) >= 3 {
					all = append(all, phrase{text: p, hash: hash3(p[0], p[1], p[2]), class: class})
				}
			}
		}
		// long is in the order a stable sort by hash gives.
		slices.SortStableFunc(all, func(x, y phrase) int { return int(x.hash) - int(y.hash) })
		if !slices.Equal(s.long, all) {
			t.Fatalf("round %d: long is not sorted stably by hash", round)
		}
		for k := 0; k < 200; k++ {
			// Texts also with broken characters; phrases are whole ones.
			text := randomText(rng, append(alphabet, "\xe4\xb8", "\xbf", "\xe4", "\xe4\xb8\xe4\xb8\xad"), 30)
			var want phraseClass
			for _, list := range [][]phrase{s.short, s.long} {
				for _, p := range list {
					if strings.Contains(text, p.text) {
						want |= p.class
					}
				}
			}
			if got := s.classes(text); got != want {
				t.Fatalf("classes(%q) = %b, want %b", text, got, want)
			}
		}
	}
	// The hashes at both ends of the range, and phrases of one hash
	// added apart.
	var edge []string
	for a := 0x20; a < 0x80 && len(edge) < 2; a++ {
		for b := 0; b < 256; b++ {
			for c := 0; c < 256; c++ {
				if h := hash3(byte(a), byte(b), byte(c)); h == 0xFFFF && len(edge) == 0 || h == 0 && len(edge) == 1 {
					edge = append(edge, string([]byte{byte(a), byte(b), byte(c)}))
				}
			}
		}
	}
	var s phraseSet
	s.add([]string{edge[0] + "x", edge[1]}, classPromo)
	s.add([]string{edge[0], edge[1] + "y"}, classCredit)
	if got := []string{s.long[0].text, s.long[1].text, s.long[2].text, s.long[3].text}; !slices.Equal(got, []string{edge[1], edge[1] + "y", edge[0] + "x", edge[0]}) {
		t.Fatalf("long = %q", got)
	}
	if got := s.classes("." + edge[0] + "."); got != classCredit {
		t.Fatalf("classes = %b, want credit", got)
	}
	if got := s.classes(edge[1] + "y" + edge[0] + "x"); got != classCredit|classPromo {
		t.Fatalf("classes = %b, want credit and promo", got)
	}
}

// TestLineStartAt holds splitMarkdown's test of a line start to lineStart.
func TestLineStartAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for n := 0; n < 2000; n++ {
		src := []byte(randomText(rng, []string{"\n", "a", " ", "\r\n", "\n\n", "中"}, 20))
		for p := 0; p <= len(src); p++ {
			if got, want := p == 0 || src[p-1] == '\n', lineStart(src, p) == p; got != want {
				t.Fatalf("%q at %d: %v, lineStart says %v", src, p, got, want)
			}
		}
	}
}

func TestRuneCountUpToKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for n := 0; n < 100000; n++ {
		s := randomText(rng, textPieces, 40)
		limit := rng.IntN(len(s) + 2)
		want := 0
		for _, c := range []byte(s[:min(len(s), 4*limit)]) {
			if c&0xC0 != 0x80 {
				want++
			}
		}
		if got := runeCountUpTo(s, limit); got != want {
			t.Fatalf("runeCountUpTo(%q, %d) = %d, want %d", s, limit, got, want)
		}
	}
}

// TestEndMarkerKeepsAnswers holds endMarker's last-byte test to
// endsWithMarker, and classify's reading of isMarker after it: a text
// that is a marker ends with one.
func TestEndMarkerKeepsAnswers(t *testing.T) {
	c := *DefaultConfig() // a copy: the defaults are shared
	c.Tail.EndMarkers = append(slices.Clone(c.Tail.EndMarkers), "", "x", "完")
	cfg := c.compile()
	b := &bodyCleaner{cfg: cfg, tables: cfg.tables}
	rng := rand.New(rand.NewPCG(19, 20))
	pieces := append(slices.Clone(textPieces), cfg.Tail.EndMarkers...)
	for n := 0; n < 100000; n++ {
		s := randomText(rng, pieces, 3)
		if rng.IntN(4) == 0 {
			s = cfg.Tail.EndMarkers[rng.IntN(len(cfg.Tail.EndMarkers))]
		}
		gotM, got := b.endMarker(s)
		wantM, want := endsWithMarker(s, cfg.Tail.EndMarkers)
		if gotM != wantM || got != want {
			t.Fatalf("endMarker(%q) = %q, %v, want %q, %v", s, gotM, got, wantM, want)
		}
		if s != "" && isMarker(s, cfg.Tail.EndMarkers) && !got {
			t.Fatalf("%q is a marker that ends in none", s)
		}
	}
}

// specLineSlow is specLine looking for the colon in the whole line.
func specLineSlow(s string) bool {
	i := strings.IndexByte(s, ':')
	if j := strings.Index(s, "："); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 || i > 6*4 || utf8.RuneCountInString(s[:i]) > 6 {
		return false
	}
	value := strings.TrimLeft(s[i:], ":：")
	if len(value) > 24*4 || utf8.RuneCountInString(value) > 24 {
		return false
	}
	return strings.ContainsAny(value, "0123456789")
}

func TestSpecLineKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	pieces := []string{":", "：", "a", "中", "1", " ", "屏幕", "6.1", "\xef\xbc", "::"}
	yes := 0
	for n := 0; n < 200000; n++ {
		s := randomText(rng, pieces, 20)
		got, want := specLine(s), specLineSlow(s)
		if got != want {
			t.Fatalf("specLine(%q) = %v, want %v", s, got, want)
		}
		if got {
			yes++
		}
	}
	if yes < 1000 {
		t.Fatalf("only %d spec lines", yes)
	}
}

// unrelatedSlow is unrelated on the article's bigram set: all of the
// body's text before the run added, then each candidate looked up.
func (b *bodyCleaner) unrelatedSlow(bs []tailBlock, k int) int {
	end := len(b.d.src)
	if k < len(bs) {
		end = bs[k].start
	}
	article := newBigrams(end)
	for _, t := range b.d.toks {
		if t.start >= end {
			break
		}
		if t.kind == html.TextToken {
			article.addTextSlow(b.d.src[t.start:t.end])
		}
	}
	for i := len(bs) - 1; i >= k; i-- {
		if bs[i].class != tailHeadline || bs[i].link {
			continue
		}
		if article.shareSlow(bs[i].text) >= b.cfg.Tail.RelatedShare {
			bs[i].class = tailContent
			return i + 1
		}
	}
	return k
}

// TestUnrelatedKeepsAnswers holds unrelated to the article's bigram set
// on generated HTML and Markdown bodies, with headlines that share the
// article's words and headlines that do not.
func TestUnrelatedKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	words := []string{"The", "cat", "sat", "on", "mat", "新闻", "标题", "今天", "Über", "ÄÖ", "2021", "&amp;", " ", " ", "\n", "，", ".", "\u00a0"}
	var cfgs []*Config
	for _, share := range []float64{0, 0.3, 0.6, 0.6, 0.6, 0.9, 1} {
		c := *DefaultConfig()
		c.Tail.RelatedShare = share
		cfgs = append(cfgs, c.compile())
	}
	moved, checked := 0, 0
	for n := 0; n < 3000; n++ {
		md := n%2 == 1
		var sb strings.Builder
		for k := 1 + rng.IntN(12); k > 0; k-- {
			line := randomText(rng, words, 1+rng.IntN(40))
			if md {
				sb.WriteString(strings.TrimSpace(line) + "x\n\n")
			} else {
				sb.WriteString("<p>" + line + "</p>\n")
			}
		}
		body := []byte(sb.String())
		cfg := cfgs[rng.IntN(len(cfgs))]
		s := scratchPool.Get().(*scratch)
		b := &bodyCleaner{d: parse(body, s, md, bytes.Count(body, []byte{'<'})), scratch: s, cfg: cfg, tables: cfg.tables}
		b.d.markdownBody = md
		bs := b.tailBlocks()
		if len(bs) == 0 {
			s.release()
			continue
		}
		k := rng.IntN(len(bs))
		for i := k; i < len(bs); i++ {
			b.readText(bs[i].block)
			bs[i].class, bs[i].link = tailContent, false
			switch rng.IntN(5) {
			case 0, 1, 2:
				bs[i].class = tailHeadline
			case 3:
				bs[i].class, bs[i].link = tailHeadline, true
			}
		}
		fast, slow := slices.Clone(bs), slices.Clone(bs)
		got, want := b.unrelated(fast, k), b.unrelatedSlow(slow, k)
		if got != want || !slices.EqualFunc(fast, slow, func(x, y tailBlock) bool { return x.class == y.class }) {
			t.Fatalf("body %q, run from %d, share %v: unrelated = %d, want %d", body, k, cfg.Tail.RelatedShare, got, want)
		}
		if got != k {
			moved++
		}
		checked++
		s.release()
	}
	if checked < 2500 || moved < 500 || checked-moved < 500 {
		t.Fatalf("only %d runs, %d with a related headline", checked, moved)
	}
	t.Logf("%d runs, %d with a related headline", checked, moved)
}

// TestReadBackKeepsPairs holds readBack to read: the same pairs found in
// a long text, read in parts from its end.
func TestReadBackKeepsPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	pieces := append(slices.Clone(textPieces), "The", "cat", "新闻", "标题", "\xe4\xb8", "\xef\xbc", strings.Repeat("中", 100), strings.Repeat("ab", 60))
	cut := 0
	for n := 0; n < 3000; n++ {
		text := []byte(randomText(rng, pieces, 1+rng.IntN(400)))
		watches := [2]pairWatch{}
		for k := range watches {
			w := &watches[k]
			w.mask = pairMask(len(text))
			w.want = make([]uint64, w.mask/64+1)
			for i := range w.want {
				w.want[i] = ^uint64(0) // every pair wanted: what is found is the article's set
			}
			w.first, w.firstTotal, w.share = make([]uint64, 8), 1, 2 // never related
		}
		watches[0].read(text)
		watches[1].readBack(text)
		if !slices.Equal(watches[0].want, watches[1].want) {
			t.Fatalf("text %q: readBack finds other pairs than read", text)
		}
		if len(text) > 256 {
			cut++
		}
	}
	if cut < 1000 {
		t.Fatalf("only %d texts read in parts", cut)
	}
}

// TestAddHeadlineDecodes holds addHeadline's inline decoding of a
// three-byte character to utf8.DecodeRuneInString (a range over the
// string): every lead byte E0-EF with every two bytes after it, between
// two letters, gives the pairs the range gives.
func TestAddHeadlineDecodes(t *testing.T) {
	w := newPairWatch(100, 16, 8, 0.5, &scratch{})
	var want []uint64
	for lead := 0xE0; lead <= 0xEF; lead++ {
		for b1 := range 256 {
			for b2 := range 256 {
				text := string([]byte{'a', byte(lead), byte(b1), byte(b2), 'b'})
				w.hashes = w.hashes[:0]
				w.addHeadline(text)
				want = want[:0]
				var prev rune = -1
				for _, r := range text {
					r, ok := wordRune(r)
					if !ok {
						prev = -1
						continue
					}
					if prev >= 0 {
						want = append(want, uint64(pairHash(prev, r)&w.mask))
					}
					prev = r
				}
				want = append(want, pairEnd)
				if !slices.Equal(w.hashes, want) {
					t.Fatalf("addHeadline(%q): hashes %v, the range's %v", text, w.hashes, want)
				}
			}
		}
	}
}
