package clean

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestTrackingMessageKeepsAnswers holds trackingWhy.message's quoting
// without strconv's tables (asIs) to strconv.Quote on random values: URLs,
// CJK text, escapes, control bytes and invalid UTF-8.
func TestTrackingMessageKeepsAnswers(t *testing.T) {
	pieces := []string{"https://", "t.example.com", "/p.gif", "?", "&amp;", "id=", "42", " ", "\"", "\\",
		"'", "\t", "\n", "\x00", "\x7f", "统计", "，", "\u3000", "é", "\u00ad", "\xe4\xb8", "\xff", "😀", "%20"}
	rng := rand.New(rand.NewPCG(41, 42))
	for n := 0; n < 100000; n++ {
		var sb strings.Builder
		for k := rng.IntN(12); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		w := trackingWhy{what: "a tracking pixel", attr: "src", value: s}
		if got, want := w.message(), "removed a tracking pixel src="+strconv.Quote(s); got != want {
			t.Fatalf("message() = %s, want %s", got, want)
		}
	}
}

// TestMayQueryKeepsShareShape holds shareTarget's quick no (mayQuery) to
// shareShape on random link targets: one without '?' and '&' never has a
// share endpoint's shape.
func TestMayQueryKeepsShareShape(t *testing.T) {
	pieces := []string{"https://", "http://", "//", "x.example", "/", "sharer.php", "share", "intent/", "tweet",
		"bookmark", "?", "&", "&quest;", "&#63;", "&amp;", "u=", "url=", "text=", "a%3Fb", "#", "%26", "submit", "save", " "}
	rng := rand.New(rand.NewPCG(43, 44))
	shaped := 0
	for n := 0; n < 200000; n++ {
		var sb strings.Builder
		for k := rng.IntN(10); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		want := shareShape([]byte(s))
		if want {
			shaped++
		}
		if got := mayQuery(s) && want; got != want {
			t.Fatalf("mayQuery(%q) = false, but shareShape is true", s)
		}
	}
	if shaped == 0 {
		t.Fatal("no generated target has a share endpoint's shape: the test tests nothing")
	}
}

// TestSpaceLeadKeepsBlank holds parseWith's quick no (spaceLead) to blank:
// every white-space rune starts with a byte of spaceLead (an invalid
// sequence decodes to U+FFFD, no space), and random texts agree.
func TestSpaceLeadKeepsBlank(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) && utf8.ValidRune(r) && !spaceLead[utf8.AppendRune(nil, r)[0]] {
			t.Fatalf("%U is white space, but its lead byte is not in spaceLead", r)
		}
	}
	pieces := []string{" ", "\t", "\n", "\r\n", "\v", "\f", "\u0085", "\u00a0", "\u1680", "\u2003", "\u2028", "\u205f",
		"\u3000", "\u3001", "\u00a9", "\u200b", "中", "a", "\xc2", "\xe3\x80", "\xff", "\x80", "."}
	rng := rand.New(rand.NewPCG(45, 46))
	for n := 0; n < 200000; n++ {
		var sb strings.Builder
		for k := 1 + rng.IntN(8); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := []byte(sb.String())
		if !spaceLead[s[0]] && blank(s) {
			t.Fatalf("blank(%q), but spaceLead[%#x] is false", s, s[0])
		}
	}
}

// TestLookupTagKeepsLookup holds lookupTag to atom.Lookup on every name of
// one and two bytes and on the names of the atoms.
func TestLookupTagKeepsLookup(t *testing.T) {
	for c := 0; c < 256; c++ {
		for d := -1; d < 256; d++ {
			name := []byte{byte(c)}
			if d >= 0 {
				name = append(name, byte(d))
			}
			if got, want := lookupTag(name), atom.Lookup(name); got != want {
				t.Fatalf("lookupTag(%q) = %v, want %v", name, got, want)
			}
		}
	}
	for _, name := range []string{"div", "img", "span", "br", "strong", "svg", "math", "em", "pre", "code", "x-y", "P", "A"} {
		if got, want := lookupTag([]byte(name)), atom.Lookup([]byte(name)); got != want {
			t.Fatalf("lookupTag(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestUnescapeAttrKeepsAnswers holds unescapeAttr to html.UnescapeString
// on random values of references, near-references and URL text.
func TestUnescapeAttrKeepsAnswers(t *testing.T) {
	pieces := []string{"&", "&amp;", "&amp", "&ampx", "&lt;", "&lt", "&notin;", "&notit", "&#", "&#x", "&#X", "&#39;",
		"&#0;", "&#x41", "&#12ab;", "&#xD800;", "&#128;", "&#99999999;", "&b", "&bcode", "&target", "&quest;", "&;",
		"&nbsp", "&NotNestedGreaterGreater;", "&acE;", "#", ";", "=", "?", "a", "Z", "9", "x", "http://e.example/p.php?",
		"u=", "中", "\xff", " ", "&&"}
	rng := rand.New(rand.NewPCG(47, 48))
	for n := 0; n < 300000; n++ {
		var sb strings.Builder
		for k := rng.IntN(10); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := unescapeAttr([]byte(s)), html.UnescapeString(s); got != want {
			t.Fatalf("unescapeAttr(%q) = %q, want %q", s, got, want)
		}
	}
}

// escapeAttrSlow is escapeAttr as it was, with a strings.Builder.
func escapeAttrSlow(v string, quote byte) string {
	q := quote
	if q == 0 && strings.ContainsAny(v, " \t\n\r\f\"'=<>`") {
		q = '"'
	}
	var sb strings.Builder
	if q != quote {
		sb.WriteByte(q)
	}
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '&':
			sb.WriteString("&amp;")
		case c == '"' && q == '"':
			sb.WriteString("&quot;")
		case c == '\'' && q == '\'':
			sb.WriteString("&#39;")
		case c == '<':
			sb.WriteString("&lt;")
		case c == '>':
			sb.WriteString("&gt;")
		default:
			sb.WriteByte(c)
		}
	}
	if q != quote {
		sb.WriteByte(q)
	}
	return sb.String()
}

func TestEscapeAttrKeepsAnswers(t *testing.T) {
	pieces := []string{"&", "\"", "'", "<", ">", "=", "`", " ", "\t", "a", "http://e.example/?a=1", "中"}
	rng := rand.New(rand.NewPCG(49, 50))
	for n := 0; n < 100000; n++ {
		var sb strings.Builder
		for k := rng.IntN(8); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		for _, q := range []byte{0, '"', '\''} {
			if got, want := string(escapeAttr(s, q)), escapeAttrSlow(s, q); got != want {
				t.Fatalf("escapeAttr(%q, %q) = %q, want %q", s, q, got, want)
			}
		}
	}
}

// TestOneURLKeepsAnswers holds oneURL to its trim and look for white
// space on random values.
func TestOneURLKeepsAnswers(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\u3000", "\u2003", "a", "http://e.example/?q=1", "中", "\xff",
		"!", "\x00", "\x1f", "\xa0", "https://example.com/a/b/c?utm_source=x&y=z"}
	rng := rand.New(rand.NewPCG(51, 52))
	for n := 0; n < 200000; n++ {
		var sb strings.Builder
		for k := rng.IntN(12); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := oneURL(s), !strings.ContainsAny(strings.TrimSpace(s), " \t\n\r\f"); got != want {
			t.Fatalf("oneURL(%q) = %v, want %v", s, got, want)
		}
	}
}
