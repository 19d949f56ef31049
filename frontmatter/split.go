package frontmatter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Block is the position of a YAML front matter block in a document. Every
// field is an offset into the source, so callers can edit around the block
// without re-encoding it (Hugo's pageparser keeps items the same way).
type Block struct {
	// Found reports whether the document has a front matter block.
	Found bool
	// Lead is where the leading run of blank lines and whitespace begins
	// (after a BOM, if any).
	Lead int
	// Open is the offset of the opening "---".
	Open int
	// Start and End delimit the YAML content: from the byte after the
	// opening line's line ending to the start of the closing line.
	Start, End int
	// Body is the offset just past the closing line (and its line ending).
	Body int
	// EOL is the line ending of the opening line: "\n" or "\r\n".
	EOL string
	// Format is the block's language: FormatYAML ("---"), FormatTOML
	// ("+++", as Hugo writes it) or FormatJSON (an object at the start of
	// the document, as Hugo reads it).
	Format string
}

// Front matter formats.
const (
	FormatYAML = "yaml"
	FormatTOML = "toml"
	FormatJSON = "json"
)

// BOM is the UTF-8 byte order mark, which mdclean keeps where it finds it.
var BOM = []byte{0xEF, 0xBB, 0xBF}

// Error is a document that cannot be delimited, repaired or cleaned, with
// the 1-based line it concerns (0 when it concerns no line). It is the one
// positioned error of mdclean's packages: frontmatter and clean both return
// it. A front end that knows the file's name prints NAME:LINE: Err, as
// shfmt prints its ParseError.
type Error struct {
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return e.Err.Error()
}

// Unwrap returns the error without its line.
func (e *Error) Unwrap() error { return e.Err }

// errorAt is an *Error at line with the message msg.
func errorAt(line int, msg string) *Error { return &Error{Line: line, Err: errors.New(msg)} }

// Split finds the front matter block of src. A block opens with a line
// "---" at the start of the document, after an optional BOM and optional
// blank lines or whitespace, and closes with a line "---" or "...". CRLF
// line endings are allowed.
//
// A document whose first non-blank line is "---" followed by something
// that looks like "key: value" but never closes is an error, not a
// document without front matter: treating it as body would hide the damage.
func Split(src []byte) (Block, error) {
	b := Block{}
	p := 0
	if bytes.HasPrefix(src, BOM) {
		p = len(BOM)
	}
	b.Lead = p
	q := p
	for q < len(src) && isSpace(src[q]) {
		q++
	}
	if bytes.HasPrefix(src[q:], []byte("+++")) {
		return splitTOML(src, b, q)
	}
	if q < len(src) && src[q] == '{' {
		return splitJSON(src, b, q)
	}
	if !bytes.HasPrefix(src[q:], []byte("---")) {
		return b, nil
	}
	b.Format = FormatYAML
	line, next, eol := lineAt(src, q)
	if t := bytes.TrimRight(line, " \t"); string(t) != "---" || eol == "" {
		return b, nil
	}
	b.Open = q
	b.Start = next
	b.EOL = eol
	first, _, _ := lineAt(src, next)
	if q > p && !looksLikeKey(first) && !isDelimiter(first) {
		// Blank lines, then "---", then prose: a thematic break in a
		// document without front matter, not a displaced block.
		return Block{Lead: p}, nil
	}
	for pos := next; pos < len(src); {
		l, n, _ := lineAt(src, pos)
		if isDelimiter(l) {
			b.Found = true
			b.End = pos
			b.Body = n
			return b, nil
		}
		pos = n
	}
	// No closing delimiter. A thematic break ("---" then prose) is body;
	// "---" then a key line is a broken block.
	if looksLikeKey(first) {
		return b, errorAt(lineNumber(src, q), "front matter opened with \"---\" is never closed (want a line \"---\" or \"...\")")
	}
	return Block{Lead: p}, nil
}

// splitTOML finds a TOML block: "+++" lines around it (Hugo's format).
func splitTOML(src []byte, b Block, q int) (Block, error) {
	line, next, eol := lineAt(src, q)
	if string(bytes.TrimRight(line, " \t")) != "+++" || eol == "" {
		return b, nil
	}
	b.Open, b.Start, b.EOL, b.Format = q, next, eol, FormatTOML
	for pos := next; pos < len(src); {
		l, n, _ := lineAt(src, pos)
		if string(bytes.TrimRight(l, " \t")) == "+++" {
			b.Found, b.End, b.Body = true, pos, n
			return b, nil
		}
		pos = n
	}
	return b, errorAt(lineNumber(src, q), "TOML front matter opened with \"+++\" is never closed (want a line \"+++\")")
}

// splitJSON finds a JSON front matter block: an object at the start of
// the document (Hugo's format), ending where the object does. A document
// that opens with '{' and a quoted key but holds no valid object is an
// error: cleaning it as body would edit its strings.
func splitJSON(src []byte, b Block, q int) (Block, error) {
	k := q + 1
	for k < len(src) && isSpace(src[k]) {
		k++
	}
	if k >= len(src) || (src[k] != '"' && src[k] != '}') {
		return b, nil // "{{< shortcode >}}", "{% raw %}": not JSON
	}
	dec := json.NewDecoder(bytes.NewReader(src[q:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return b, errorAt(lineNumber(src, q), "JSON front matter does not parse: "+err.Error())
	}
	end := q + int(dec.InputOffset())
	_, next, eol := lineAt(src, end)
	if !blank(src[end:next]) {
		return b, errorAt(lineNumber(src, end), "text after the closing '}' of the JSON front matter, on the same line")
	}
	b.Found, b.Format, b.Open, b.Start, b.End, b.Body, b.EOL = true, FormatJSON, q, q, end, next, eol
	return b, nil
}

func blank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// blankBytes counts the bytes of b that blank takes for white space.
func blankBytes(b []byte) int {
	n := 0
	for _, c := range b {
		if isSpace(c) {
			n++
		}
	}
	return n
}

// lineAt returns the line starting at pos without its line ending, the
// offset of the next line, and the line ending found ("" at end of input).
func lineAt(src []byte, pos int) (line []byte, next int, eol string) {
	i := bytes.IndexByte(src[pos:], '\n')
	if i < 0 {
		return src[pos:], len(src), ""
	}
	end := pos + i
	if end > pos && src[end-1] == '\r' {
		return src[pos : end-1], end + 1, "\r\n"
	}
	return src[pos:end], end + 1, "\n"
}

// isDelimiter reports whether line is "---" or "...", trailing blanks
// allowed. Split asks it of every line of the block: a line that does
// not open with '-' or '.' is no delimiter, whatever TrimRight (which
// builds its cutset's table on each call) would cut from its end.
func isDelimiter(line []byte) bool {
	if len(line) < 3 || line[0] != '-' && line[0] != '.' {
		return false
	}
	t := bytes.TrimRight(line, " \t")
	return len(t) == 3 && (string(t) == "---" || string(t) == "...")
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// looksLikeKey reports whether line is "key:" or "key: value" at column 0.
func looksLikeKey(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
		return false
	}
	for _, c := range line[:i] {
		if c == ' ' || c == '\t' || c == '<' || c == '>' || c == '#' {
			return false
		}
	}
	return true
}

func lineNumber(src []byte, off int) int {
	return 1 + bytes.Count(src[:off], []byte{'\n'})
}
