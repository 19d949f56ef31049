package clean

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The red team's attacks on tokenizer (#25): inputs built from the
// pieces the HTML5 tokenizer gives meaning to, every prefix of them (EOF
// in every state), and long ones that make html.Tokenizer compact and
// grow its buffer in the middle of a token. tokenizer must split them as
// html.Tokenizer does, token for token: the tokens decide what is
// deleted.

var rtTokenPieces = []string{
	// Raw text and RCDATA elements, in odd cases, with near-miss ends.
	"<script>", "<SCRIPT>", "<ScRiPt>", "<script type=x>", "<script/>", "<script\n>", "<script", "</script>", "</SCRIPT>", "</script ", "</script/",
	"</script\t", "</script\f", "</script\r", "</scripta>", "</scrip>", "</ script>", "<style>", "</style>", "</STYLE >", "<textarea>", "</textarea>",
	"<title>", "</title>", "</TiTlE>", "<xmp>", "</xmp>", "<iframe>", "</iframe>", "<noembed>", "</noembed>", "<noframes>", "</noframes>",
	"<noscript>", "</noscript>", "<plaintext>", "<PLAINTEXT>", "</plaintext>", "<listing>", "<titles>", "<scripts>", "<ſcript>", "<ſtyle>",
	// Script's escape states.
	"<!--", "-->", "<!-", "<!", "--", "-", "<script>", "</script>", "<sCrIpT ", "<script>-->", "<!--<script>", "<!--<script>--></script>",
	"--!>", "<", "/", ">",
	// Comments' odd ends.
	"<!-->", "<!--->", "<!---->", "<!-- -->", "<!--!>", "<!--!", "--!", "--!-", "---!>", "<!-- --!-->", "<!-- -- -->", "<!--->-->",
	// Doctypes and bogus comments.
	"<!DOCTYPE html>", "<!doctype", "<!DoCtYpE", "<!DOCTYPEhtml>", "<!DOCTYPE", "<!DOCTYP", "<!D", "<!DOCTYPE >", "<!DOCTYPE\n",
	"</ >", "</>", "</3>", "</-", "</ a>", "<?xml?>", "<?", "<?>", "<!x>", "<!>", "<!->", "<!--x", "</a b=\">\">",
	// CDATA, in and out of foreign content.
	"<svg>", "</svg>", "<math>", "</math>", "<SVG>", "<svg/>", "<![CDATA[", "<![CDATA[x]]>", "<![CDATA[]]>", "]]>", "]]", "]>", "] ]>",
	"<![CDAT", "<![cdata[", "<![CDATA[<p>]]>", "<![CDATA[]]]>",
	// Tags and attributes.
	"<a>", "<p>", "</p>", "<br/>", "<br />", "<br/ >", "<br / >", "<img src=x/>", "<img src='x'/>", "<img src=\"x\" />", "<p a=/>", "<p a='/'/>",
	"<p a a=/>", "<p A=1 a=/>", "<p a=1 A=/>", "<p =a/>", "<p ==/>", "<p a= />", "<p a/>", "<p a =b>", "<p a= b/>", "<p a=b/ >",
	"<p/a>", "<p/ a/>", "<p a=\"b>", "<p a='b>", "<p a=b", "<p a=", "<p a", "<p ", "<p\n\t\f\r>", "<x-y:z>", "<a\x00b>", "<a\xffb>",
	"<p a=\"\"/>", "<p a=''/>", "<p \"a\"=b/>", "<p a=b c=d/>", "<p a=b a=/>", "<p b=1 B=/ c/>", "<P A=/>", "<p É=/>", "<p é=1 É=/>",
	// Text.
	"text", " ", "\n", "\r\n", "\t", "\f", "\x00", "é", "\xff", "\xc3", "&amp;", "&", "<1", "< a", "<<", "<>", "<=", "<é>",
}

func rtTokenInput(r *rand.Rand, pieces []string, n int) []byte {
	var src []byte
	for m := r.IntN(n); m >= 0; m-- {
		src = append(src, pieces[r.IntN(len(pieces))]...)
	}
	return src
}

// tokenDiff compares tokenizer with html.Tokenizer on src under the
// three CDATA policies of TestTokenizerMatchesXNet and parseWith's own
// (on inside svg and math): "" if they agree.
func tokenDiff(src []byte, seed uint64) string {
	never := func(int, html.TokenType) bool { return false }
	always := func(int, html.TokenType) bool { return true }
	random := func(i int, tt html.TokenType) bool { return (seed>>(uint(i)%64))&1 == 1 }
	for _, cdata := range []func(int, html.TokenType) bool{never, always, random} {
		if got, want := tokenDump(src, false, cdata), tokenDump(src, true, cdata); got != want {
			return "\n got " + got + "\nwant " + want
		}
	}
	return ""
}

// TestRedteamTokenizerGenerated holds tokenizer to html.Tokenizer on
// inputs built from the red team's pieces, and on every prefix of some
// of them: EOF in every state.
func TestRedteamTokenizerGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	n := 40000
	if testing.Short() {
		n = 5000
	}
	for i := range n {
		src := rtTokenInput(r, rtTokenPieces, 16)
		if i%20 == 0 {
			for j := range len(src) {
				if d := tokenDiff(src[:j], r.Uint64()); d != "" {
					t.Fatalf("tokens of %q:%s", src[:j], d)
				}
			}
		}
		if d := tokenDiff(src, r.Uint64()); d != "" {
			t.Fatalf("tokens of %q:%s", src, d)
		}
	}
}

// TestRedteamTokenizerLong puts the dangerous pieces across html.Tokenizer's
// buffer boundaries (4096 bytes, then doubling), where it copies the live
// token to the front of a new buffer and moves its spans.
func TestRedteamTokenizerLong(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 27))
	for _, at := range []int{4096, 8192, 16384} {
		for off := -40; off <= 8; off++ {
			for range 6 {
				pad := strings.Repeat("x", at+off)
				if r.IntN(2) == 0 {
					// A token that starts at 0 and runs past the boundary.
					pad = "<p a=\"" + pad[6:] + "\">"
				}
				src := append([]byte(pad), rtTokenInput(r, rtTokenPieces, 10)...)
				if d := tokenDiff(src, r.Uint64()); d != "" {
					t.Fatalf("tokens of %d bytes (pad %d, tail %q) differ:%.2000s", len(src), at+off, src[len(pad):], d)
				}
			}
		}
	}
	// Long raw text, comments, script escapes and tags, each longer
	// than the buffer.
	long := strings.Repeat("a-<!-- <script> --!> ]] / ", 700)
	for _, s := range []string{
		"<script>" + long + "</script>x", "<!--" + long + "-->x", "<!--" + long, "<title>" + long, "<p " + strings.Repeat("a=/ ", 3000) + "/>",
		"<svg><![CDATA[" + long + "]]></svg>", "<!DOCTYPE " + long + ">", "<?" + long, "<script><!--<script>" + long + "</script>-->" + long,
		"<plaintext>" + long, "<xmp>" + long + "</xmp" + long,
	} {
		if d := tokenDiff([]byte(s), 0x5555aaaa5555aaaa); d != "" {
			t.Fatalf("tokens of %.80q… (%d bytes) differ:%.2000s", s, len(s), d)
		}
	}
}

// FuzzRedteamTokenizer is FuzzTokenizer seeded with the red team's
// pieces, one by one and drawn together.
func FuzzRedteamTokenizer(f *testing.F) {
	for _, p := range rtTokenPieces {
		f.Add([]byte(p), uint64(0))
		f.Add([]byte(p+"x"+p), ^uint64(0))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		f.Add(rtTokenInput(r, rtTokenPieces, 16), r.Uint64())
	}
	f.Fuzz(func(t *testing.T, src []byte, seed uint64) {
		if d := tokenDiff(src, seed); d != "" {
			t.Fatalf("tokens of %q:%s", src, d)
		}
	})
}
