package main

import (
	"bytes"
	"html"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A token is one unit of a post's visible text: a word, a CJK character, a
// punctuation mark, or a placeholder for an image or a URL. Start and End
// are byte offsets into the file the token was read from, so a removed run
// of tokens can be shown as the source bytes it came from.
type token struct {
	Text       string
	Start, End int
}

// visibleTokens reads the text a reader sees in src[from:]: HTML tags,
// comments, <script>/<style>/<noscript> contents, Markdown link
// destinations and reference definitions are dropped, entities are
// decoded. Images become a token ⟦img NAME⟧ (NAME the file name of the
// source, so a removed photo shows up as a loss, and a removed pixel as
// one token) and bare URLs a token ⟦url HOST/PATH⟧ without the query, so
// that stripping tracking parameters is not counted as lost text.
//
// It is a reader's approximation, not a renderer: it is only used to
// compare a post with its cleaned self, and both go through the same
// approximation.
func visibleTokens(src []byte, from int) []token {
	var toks []token
	i := from
	for i < len(src) {
		c := src[i]
		switch {
		case c == '<':
			if n, img := skipTag(src, i); n > 0 {
				if img != "" {
					toks = append(toks, token{"⟦img " + img + "⟧", i, i + n})
				}
				i += n
				continue
			}
		case c == '&':
			if n := entityLen(src[i:]); n > 0 && html.UnescapeString(string(src[i:i+n])) != string(src[i:i+n]) {
				dec := html.UnescapeString(string(src[i : i+n]))
				for _, t := range splitWords(dec) {
					toks = append(toks, token{t, i, i + n})
				}
				i += n
				continue
			}
		case c == '!' && i+1 < len(src) && src[i+1] == '[':
			// A Markdown image: its alt text is read, its source becomes a
			// placeholder.
			if alt, dest, n := mdLink(src, i+1); n > 0 {
				for _, t := range visibleTokens([]byte(alt), 0) {
					toks = append(toks, token{t.Text, i, i + 1 + n})
				}
				toks = append(toks, token{"⟦img " + fileName(dest) + "⟧", i, i + 1 + n})
				i += 1 + n
				continue
			}
		case c == ']' && i+1 < len(src) && src[i+1] == '(':
			// The destination of a Markdown link is not visible.
			if n := parenLen(src[i+1:]); n > 0 {
				i += 1 + n
				continue
			}
		case c == '[' && atLineStart(src, i):
			// A reference definition "[id]: url" is not visible.
			if n := refDefLen(src[i:]); n > 0 {
				i += n
				continue
			}
		case c == 'h' && (bytes.HasPrefix(src[i:], []byte("http://")) || bytes.HasPrefix(src[i:], []byte("https://"))):
			n := urlLen(src[i:])
			toks = append(toks, token{"⟦url " + urlKey(string(src[i:i+n])) + "⟧", i, i + n})
			i += n
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case isCJK(r):
			toks = append(toks, token{string(r), i, i + size})
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(src) {
				r2, s2 := utf8.DecodeRune(src[j:])
				if isCJK(r2) || !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '\'' || r2 == '’') {
					break
				}
				j += s2
			}
			toks = append(toks, token{string(src[i:j]), i, j})
			i = j
		case unicode.IsSpace(r) || strings.ContainsRune("*_#>|`~[]()-=+", r) || r == utf8.RuneError:
			i += size
		default:
			toks = append(toks, token{string(r), i, i + size})
			i += size
		}
	}
	return toks
}

// splitWords tokenises plain text the way visibleTokens does.
func splitWords(s string) []string {
	var out []string
	for _, t := range visibleTokens([]byte(s), 0) {
		out = append(out, t.Text)
	}
	return out
}

// visibleText is the visible text of b as one readable string: tokens
// joined by a space, except around CJK characters and before closing
// punctuation.
func visibleText(b []byte) string {
	var sb strings.Builder
	prev := ""
	for _, t := range visibleTokens(b, 0) {
		if prev != "" && needSpace(prev, t.Text) {
			sb.WriteByte(' ')
		}
		sb.WriteString(t.Text)
		prev = t.Text
	}
	return sb.String()
}

func needSpace(prev, next string) bool {
	p, _ := utf8.DecodeLastRuneInString(prev)
	n, _ := utf8.DecodeRuneInString(next)
	if isCJK(p) && isCJK(n) {
		return false
	}
	if strings.ContainsRune(".,;:!?%)]}»”’。，、；：！？）」』】", n) {
		return false
	}
	if strings.ContainsRune("([{«“‘（「『【$", p) {
		return false
	}
	return true
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// skipTag returns the length of the HTML tag, comment or raw-text element
// (script, style, noscript, with its contents) at src[i], or 0 when the
// '<' does not open one. For <img> it also returns the file name of its
// source.
func skipTag(src []byte, i int) (n int, img string) {
	rest := src[i:]
	if bytes.HasPrefix(rest, []byte("<!--")) {
		if e := bytes.Index(rest[4:], []byte("-->")); e >= 0 {
			return 4 + e + 3, ""
		}
		return 0, ""
	}
	if len(rest) < 2 {
		return 0, ""
	}
	c := rest[1]
	if !(c == '/' || c == '!' || c == '?' || isASCIILetter(c)) {
		return 0, ""
	}
	// The tag ends at the first '>' outside quotes.
	end := -1
	var quote byte
	for j := 1; j < len(rest); j++ {
		b := rest[j]
		switch {
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			// Quotes only delimit attribute values (after '=').
			if j > 0 && (rest[j-1] == '=' || (rest[j-1] == ' ' && j > 1 && rest[j-2] == '=')) {
				quote = b
			}
		case b == '\n' && j > 1 && rest[j-1] == '\n':
			return 0, "" // a blank line: this was not a tag
		case b == '>':
			end = j + 1
		}
		if end > 0 {
			break
		}
	}
	if end < 0 {
		return 0, ""
	}
	name := tagName(rest[1:end])
	switch name {
	case "script", "style", "noscript", "template":
		closeTag := []byte("</" + name)
		if e := indexFold(rest[end:], closeTag); e >= 0 {
			if g := bytes.IndexByte(rest[end+e:], '>'); g >= 0 {
				return end + e + g + 1, ""
			}
		}
		return end, ""
	case "img":
		return end, fileName(attr(rest[:end], "src"))
	}
	return end, ""
}

func tagName(b []byte) string {
	j := 0
	for j < len(b) && (isASCIILetter(b[j]) || (j > 0 && b[j] >= '0' && b[j] <= '9')) {
		j++
	}
	return strings.ToLower(string(b[:j]))
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func indexFold(s, sub []byte) int {
	return bytes.Index(bytes.ToLower(s), bytes.ToLower(sub))
}

// attr returns the value of attribute name in the tag text.
func attr(tag []byte, name string) string {
	low := bytes.ToLower(tag)
	k := bytes.Index(low, []byte(" "+name+"="))
	if k < 0 {
		return ""
	}
	v := tag[k+len(name)+2:]
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		if e := bytes.IndexByte(v[1:], v[0]); e >= 0 {
			return string(v[1 : 1+e])
		}
		return ""
	}
	e := bytes.IndexAny(v, " >")
	if e < 0 {
		e = len(v)
	}
	return string(v[:e])
}

// fileName is the last path element of a URL, without query: what tells
// a photo from a pixel.
func fileName(u string) string {
	if k := strings.IndexAny(u, "?#"); k >= 0 {
		u = u[:k]
	}
	u = strings.TrimRight(u, "/")
	b := path.Base(u)
	if b == "." || b == "/" {
		return ""
	}
	return b
}

// urlKey is a URL without scheme and query.
func urlKey(u string) string {
	if k := strings.IndexAny(u, "?#"); k >= 0 {
		u = u[:k]
	}
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	return strings.TrimRight(u, "/")
}

func urlLen(b []byte) int {
	n := 0
	for n < len(b) {
		c := b[n]
		if c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == ')' || c == ']' || c >= 0x80 {
			break
		}
		n++
	}
	return n
}

func entityLen(b []byte) int {
	for j := 1; j < len(b) && j < 12; j++ {
		c := b[j]
		if c == ';' {
			if j == 1 {
				return 0
			}
			return j + 1
		}
		if !(isASCIILetter(c) || c >= '0' && c <= '9' || c == '#') {
			return 0
		}
	}
	return 0
}

// mdLink reads "[text](dest ...)" at b[i] and returns text, destination
// and length.
func mdLink(b []byte, i int) (text, dest string, n int) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '\n':
			if j+1 < len(b) && b[j+1] == '\n' {
				return "", "", 0
			}
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				if j+1 < len(b) && b[j+1] == '(' {
					p := parenLen(b[j+1:])
					if p == 0 {
						return "", "", 0
					}
					inner := strings.TrimSpace(string(b[j+2 : j+p]))
					if k := strings.IndexAny(inner, " \t"); k >= 0 {
						inner = inner[:k]
					}
					return string(b[i+1 : j]), strings.Trim(inner, "<>"), j + p - i + 1
				}
				return "", "", 0
			}
		}
	}
	return "", "", 0
}

// parenLen is the length of the balanced "(...)" at b[0], or 0.
func parenLen(b []byte) int {
	depth := 0
	for j := 0; j < len(b); j++ {
		switch b[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		case '\n':
			return 0
		}
	}
	return 0
}

func atLineStart(b []byte, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch b[j] {
		case ' ', '\t':
			continue
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

// refDefLen is the length of a Markdown reference definition line
// "[id]: dest" at b[0], or 0.
func refDefLen(b []byte) int {
	e := bytes.IndexByte(b, '\n')
	if e < 0 {
		e = len(b)
	}
	line := b[:e]
	k := bytes.Index(line, []byte("]:"))
	if k <= 1 || bytes.IndexByte(line[:k], '\n') >= 0 {
		return 0
	}
	return e
}
