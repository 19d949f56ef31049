// The tokenizer below is golang.org/x/net/html's Tokenizer (token.go,
// v0.62.0), cut down to what parseWith reads and made to run over a byte
// slice. Copyright 2010 The Go Authors; used under its BSD-style license
// (https://go.dev/LICENSE).

package clean

import (
	"bytes"

	"golang.org/x/net/html"
)

// tokenizer splits an HTML body into the tokens x/net/html's Tokenizer
// returns: the same types and the same Raw() ranges, token for token,
// with AllowCDATA honoured the same way (TestTokenizerMatchesXNet and
// FuzzTokenizer hold it to html.Tokenizer). parseWith reads nothing else
// of a token: not its text, name or attributes, which are read from the
// source by offset.
//
// Why not html.Tokenizer itself: it reads through an io.Reader one byte
// at a time (readByte is not inlined: a fifth of a post's instructions),
// copies the body into buffers that it grows as it goes, and allocates a
// lower-cased copy of every attribute's name for a duplicate check. Here
// the body is in memory already, so a byte is an index, a run of text is
// one bytes.IndexByte, and the only attributes looked at are those of a
// tag that ends in "/>" (is it self-closing?).
type tokenizer struct {
	buf []byte
	// buf[start:end] is the current token's raw bytes (html's z.raw).
	start, end int
	// dataStart and dataEnd are html's z.data where it steers control
	// flow: an empty raw text is no token, and doctype and CDATA back up
	// to dataStart.
	dataStart, dataEnd int
	// eof is html's z.err != nil: io.EOF is the only error a byte slice
	// reader gives.
	eof bool
	// rawTag is the lower-cased name of the element whose raw text or
	// RCDATA comes next ("script", "title", …), "" if none.
	rawTag     string
	allowCDATA bool
	// attrs are the attributes of the current start tag (readTag).
	attrs []attrSpan
}

// readByte is html's readByte over a slice: small enough to inline.
func (z *tokenizer) readByte() byte {
	if z.end >= len(z.buf) {
		z.eof = true
		return 0
	}
	c := z.buf[z.end]
	z.end++
	return c
}

func (z *tokenizer) skipWhiteSpace() {
	if z.eof {
		return
	}
	for z.end < len(z.buf) {
		switch z.buf[z.end] {
		case ' ', '\n', '\r', '\t', '\f':
			z.end++
		default:
			return
		}
	}
	z.eof = true
}

func (z *tokenizer) readRawOrRCDATA() {
	if z.rawTag == "script" {
		z.readScript()
		z.rawTag = ""
		return
	}
	for {
		// html reads byte by byte up to a "<"; IndexByte finds it.
		i := indexByteFrom(z.buf, z.end, '<')
		if i < 0 {
			z.end = len(z.buf)
			z.eof = true
			break
		}
		z.end = i + 1
		c := z.readByte()
		if z.eof {
			break
		}
		if c != '/' {
			z.end--
			continue
		}
		if z.readRawEndTag() || z.eof {
			break
		}
	}
	z.dataEnd = z.end
	z.rawTag = ""
}

// indexByteFrom is the index in b of the first c at or after from, or -1.
func indexByteFrom(b []byte, from int, c byte) int {
	if from < len(b) && b[from] == c {
		return from // a tag right after a tag: no search
	}
	if i := bytes.IndexByte(b[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

func (z *tokenizer) readRawEndTag() bool {
	for i := 0; i < len(z.rawTag); i++ {
		c := z.readByte()
		if z.eof {
			return false
		}
		if c != z.rawTag[i] && c != z.rawTag[i]-('a'-'A') {
			z.end--
			return false
		}
	}
	c := z.readByte()
	if z.eof {
		return false
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		z.end -= 3 + len(z.rawTag)
		return true
	}
	z.end--
	return false
}

// readScript is html's readScript, state for state.
func (z *tokenizer) readScript() {
	defer func() {
		z.dataEnd = z.end
	}()
	var c byte

scriptData:
	// This state reads every byte but "<" and stays: IndexByte finds the
	// "<" it leaves at, or the end (TestTokenizerMatchesXNet holds the
	// states to html's, script's escapes among them).
	if i := indexByteFrom(z.buf, z.end, '<'); i >= 0 {
		z.end = i
	} else {
		z.end = len(z.buf)
	}
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '<' {
		goto scriptDataLessThanSign
	}
	goto scriptData

scriptDataLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '/':
		goto scriptDataEndTagOpen
	case '!':
		goto scriptDataEscapeStart
	}
	z.end--
	goto scriptData

scriptDataEndTagOpen:
	if z.readRawEndTag() || z.eof {
		return
	}
	goto scriptData

scriptDataEscapeStart:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '-' {
		goto scriptDataEscapeStartDash
	}
	z.end--
	goto scriptData

scriptDataEscapeStartDash:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '-' {
		goto scriptDataEscapedDashDash
	}
	z.end--
	goto scriptData

scriptDataEscaped:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		goto scriptDataEscapedEndTagOpen
	}
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		goto scriptDataDoubleEscapeStart
	}
	z.end--
	goto scriptData

scriptDataEscapedEndTagOpen:
	if z.readRawEndTag() || z.eof {
		return
	}
	goto scriptDataEscaped

scriptDataDoubleEscapeStart:
	z.end--
	for i := 0; i < len("script"); i++ {
		c = z.readByte()
		if z.eof {
			return
		}
		if c != "script"[i] && c != "SCRIPT"[i] {
			z.end--
			goto scriptDataEscaped
		}
	}
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		goto scriptDataDoubleEscaped
	}
	z.end--
	goto scriptDataEscaped

scriptDataDoubleEscaped:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		goto scriptDataDoubleEscapeEnd
	}
	z.end--
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapeEnd:
	if z.readRawEndTag() {
		z.end += len("</script>")
		goto scriptDataEscaped
	}
	if z.eof {
		return
	}
	goto scriptDataDoubleEscaped
}

// readComment reads past a comment whose "<!--" has been read. html's
// version also works out where the comment's data ends, which no caller
// here reads.
func (z *tokenizer) readComment() {
	var dashCount int
	beginning := true
	for {
		c := z.readByte()
		if z.eof {
			return
		}
		switch c {
		case '-':
			dashCount++
			continue
		case '>':
			if dashCount >= 2 || beginning {
				return
			}
		case '!':
			if dashCount >= 2 {
				c = z.readByte()
				if z.eof {
					return
				} else if c == '>' {
					return
				} else if c == '-' {
					dashCount = 1
					beginning = false
					continue
				}
			}
		}
		dashCount = 0
		beginning = false
	}
}

// readUntilCloseAngle reads up to and including the next ">".
func (z *tokenizer) readUntilCloseAngle() {
	i := indexByteFrom(z.buf, z.end, '>')
	if i < 0 {
		z.end = len(z.buf)
		z.eof = true
		return
	}
	z.end = i + 1
}

func (z *tokenizer) readMarkupDeclaration() html.TokenType {
	z.dataStart = z.end
	var c [2]byte
	for i := 0; i < 2; i++ {
		c[i] = z.readByte()
		if z.eof {
			return html.CommentToken
		}
	}
	if c[0] == '-' && c[1] == '-' {
		z.readComment()
		return html.CommentToken
	}
	z.end -= 2
	if z.readDoctype() {
		return html.DoctypeToken
	}
	if z.allowCDATA && z.readCDATA() {
		return html.TextToken
	}
	z.readUntilCloseAngle()
	return html.CommentToken
}

func (z *tokenizer) readDoctype() bool {
	const s = "DOCTYPE"
	for i := 0; i < len(s); i++ {
		c := z.readByte()
		if z.eof {
			// html backs up and clears its io.EOF, to meet it again.
			z.end = z.dataStart
			z.eof = false
			return false
		}
		if c != s[i] && c != s[i]+('a'-'A') {
			z.end = z.dataStart
			return false
		}
	}
	if z.skipWhiteSpace(); z.eof {
		return true
	}
	z.readUntilCloseAngle()
	return true
}

func (z *tokenizer) readCDATA() bool {
	const s = "[CDATA["
	for i := 0; i < len(s); i++ {
		c := z.readByte()
		if z.eof {
			z.end = z.dataStart
			z.eof = false
			return false
		}
		if c != s[i] {
			z.end = z.dataStart
			return false
		}
	}
	brackets := 0
	for {
		c := z.readByte()
		if z.eof {
			return true
		}
		switch c {
		case ']':
			brackets++
		case '>':
			if brackets >= 2 {
				return true
			}
			brackets = 0
		default:
			brackets = 0
		}
	}
}

// startTagIs reports whether the tag name buf[dataStart:dataEnd] is s
// (lower case) in any case.
func (z *tokenizer) startTagIs(s string) bool {
	return nameIs(z.buf[z.dataStart:z.dataEnd], s)
}

func (z *tokenizer) readStartTag() html.TokenType {
	attrs := z.readTag(true)
	if z.eof {
		return html.ErrorToken
	}
	c := z.buf[z.dataStart]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	// html lower-cases the name into a new string; these constants are
	// the only names it can be.
	switch c {
	case 'i':
		if z.startTagIs("iframe") {
			z.rawTag = "iframe"
		}
	case 'n':
		switch {
		case z.startTagIs("noembed"):
			z.rawTag = "noembed"
		case z.startTagIs("noframes"):
			z.rawTag = "noframes"
		case z.startTagIs("noscript"):
			z.rawTag = "noscript"
		}
	case 'p':
		if z.startTagIs("plaintext") {
			z.rawTag = "plaintext"
		}
	case 's':
		switch {
		case z.startTagIs("script"):
			z.rawTag = "script"
		case z.startTagIs("style"):
			z.rawTag = "style"
		}
	case 't':
		switch {
		case z.startTagIs("textarea"):
			z.rawTag = "textarea"
		case z.startTagIs("title"):
			z.rawTag = "title"
		}
	case 'x':
		if z.startTagIs("xmp") {
			z.rawTag = "xmp"
		}
	}
	if z.buf[z.end-2] == '/' {
		// html keeps an attribute only if its name is not empty and not
		// seen before in the tag (in any case); "/" that ends the last
		// kept attribute's value does not close the tag ("<p a=/>").
		if attrs == 0 || z.end-2 != z.lastKeptAttrEnd()-1 {
			return html.SelfClosingTagToken
		}
	}
	return html.StartTagToken
}

// attrSpan is one attribute's name and value ranges in buf.
type attrSpan struct{ nameStart, nameEnd, valEnd int }

// readTag reads a tag's name and attributes; with save (a start tag) it
// returns how many attributes it read and keeps their ranges for
// lastKeptAttrEnd, in the tokenizer's small buffer.
func (z *tokenizer) readTag(save bool) int {
	z.readTagName()
	z.attrs = z.attrs[:0]
	if z.skipWhiteSpace(); z.eof {
		return 0
	}
	for {
		c := z.readByte()
		if z.eof || c == '>' {
			break
		}
		z.end--
		ks := z.end
		z.readTagAttrKey()
		ke := z.end
		valEnd := z.readTagAttrVal()
		if save && ks != ke {
			z.attrs = append(z.attrs, attrSpan{ks, ke, valEnd})
		}
		if z.skipWhiteSpace(); z.eof {
			break
		}
	}
	return len(z.attrs)
}

// lastKeptAttrEnd is the value end of the last attribute html keeps in
// its list: names compare in ASCII case only, as html's lower does.
func (z *tokenizer) lastKeptAttrEnd() int {
	end := -1
	for i, a := range z.attrs {
		seen := false
		for _, b := range z.attrs[:i] {
			if asciiFoldEqual(z.buf[a.nameStart:a.nameEnd], z.buf[b.nameStart:b.nameEnd]) {
				seen = true
				break
			}
		}
		if !seen {
			end = a.valEnd
		}
	}
	return end
}

// asciiFoldEqual reports whether a and b are equal once their ASCII
// upper-case letters are lowered (and nothing else).
func asciiFoldEqual(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i, c := range a {
		d := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// readTagName reads a tag's name, the first byte of which has been read:
// up to and past a white space byte, or up to a "/" or ">".
func (z *tokenizer) readTagName() {
	z.dataStart = z.end - 1
	i := z.end
	for i < len(z.buf) && tagStop[z.buf[i]]&stopName == 0 {
		i++
	}
	switch {
	case i == len(z.buf):
		z.end, z.eof = i, true
	case tagStop[z.buf[i]]&stopSpace != 0:
		z.end = i + 1
	default:
		z.end = i
	}
	z.dataEnd = i
}

// readTagAttrKey reads an attribute's name, up to a white space byte,
// "/", ">" or an "=" that is not its first byte.
func (z *tokenizer) readTagAttrKey() {
	start := z.end
	for i := start; i < len(z.buf); i++ {
		if c := z.buf[i]; tagStop[c]&stopKey != 0 && (c != '=' || i != start) {
			z.end = i
			return
		}
	}
	z.end, z.eof = len(z.buf), true
}

// tagStop classes the bytes that end a tag's name, an attribute's name
// or an unquoted value, as html's byte-by-byte switches do.
var tagStop = func() (t [256]uint8) {
	for _, c := range []byte(" \n\r\t\f") {
		t[c] |= stopSpace | stopName | stopKey | stopValue
	}
	t['/'] |= stopName | stopKey
	t['>'] |= stopName | stopKey | stopValue
	t['='] |= stopKey
	return t
}()

const (
	stopSpace = 1 << iota // white space
	stopName              // ends a tag name
	stopKey               // ends an attribute name (an "=" but the first byte)
	stopValue             // ends an unquoted value
)

// readTagAttrVal reads an attribute's value, if any, and returns where
// the value ends (html's pendingAttr[1].end).
func (z *tokenizer) readTagAttrVal() int {
	end := z.end
	if z.skipWhiteSpace(); z.eof {
		return end
	}
	c := z.readByte()
	if z.eof {
		return end
	}
	if c == '/' {
		return end
	}
	if c != '=' {
		z.end--
		return end
	}
	if z.skipWhiteSpace(); z.eof {
		return end
	}
	quote := z.readByte()
	if z.eof {
		return end
	}
	switch quote {
	case '>':
		z.end--
		return end
	case '\'', '"':
		i := indexByteFrom(z.buf, z.end, quote)
		if i < 0 {
			z.end = len(z.buf)
			z.eof = true
			return z.end
		}
		z.end = i + 1
		return i
	default:
		i := z.end
		for i < len(z.buf) && tagStop[z.buf[i]]&stopValue == 0 {
			i++
		}
		switch {
		case i == len(z.buf):
			z.end, z.eof = i, true
		case z.buf[i] == '>':
			z.end = i
		default:
			z.end = i + 1 // past the white space
		}
		return i
	}
}

// next scans the next token and returns its type; its raw bytes are
// buf[z.start:z.end].
func (z *tokenizer) next() html.TokenType {
	z.start = z.end
	z.dataStart = z.end
	z.dataEnd = z.end
	if z.eof {
		return html.ErrorToken
	}
	if z.rawTag != "" {
		if z.rawTag == "plaintext" {
			z.end = len(z.buf)
			z.eof = true
			z.dataEnd = z.end
		} else {
			z.readRawOrRCDATA()
		}
		if z.dataEnd > z.dataStart {
			return html.TextToken
		}
	}
	for {
		// Text runs up to a "<": html reads it byte by byte.
		i := indexByteFrom(z.buf, z.end, '<')
		if i < 0 {
			z.end = len(z.buf)
			z.eof = true
			break
		}
		z.end = i + 1
		c := z.readByte()
		if z.eof {
			break
		}
		var tokenType html.TokenType
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			tokenType = html.StartTagToken
		case c == '/':
			tokenType = html.EndTagToken
		case c == '!' || c == '?':
			tokenType = html.CommentToken
		default:
			z.end--
			continue
		}
		// Text read before the tag is a token of its own, first.
		if x := z.end - len("<a"); z.start < x {
			z.end = x
			return html.TextToken
		}
		switch tokenType {
		case html.StartTagToken:
			return z.readStartTag()
		case html.EndTagToken:
			c = z.readByte()
			if z.eof {
				return z.textOrError()
			}
			if c == '>' {
				// "</>" is an empty comment for passthrough clients.
				return html.CommentToken
			}
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				z.readTag(false)
				if z.eof {
					return html.ErrorToken
				}
				return html.EndTagToken
			}
			z.end--
			z.readUntilCloseAngle()
			return html.CommentToken
		default:
			if c == '!' {
				return z.readMarkupDeclaration()
			}
			z.end--
			z.readUntilCloseAngle()
			return html.CommentToken
		}
	}
	return z.textOrError()
}

// textOrError ends html's Next at the end of the input: what was read
// is text, if anything was.
func (z *tokenizer) textOrError() html.TokenType {
	if z.start < z.end {
		return html.TextToken
	}
	return html.ErrorToken
}
