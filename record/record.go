// Package record cleans one JSONL record: the document in one string field
// of a JSON object is cleaned and spliced back into the line as it was
// written, every other byte (escapes, spacing, key order, the line
// ending) untouched; a record that fails keeps its text and gets an
// "mdclean_error" field. mdclean --jsonl and the Beam pipeline both use
// it, so that the two give the same bytes.
package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/edit"
)

// Result is what cleaning one record gave.
type Result struct {
	// Line is the record to write, with the input's line ending: the
	// input itself when nothing changed or it could not be read as an
	// object.
	Line []byte
	// Changes are the changes made to the text (for -v and --report).
	Changes []edit.Change
	// Problem says what went wrong ("" for nothing), for a message:
	// "not a JSON object; record passed through unchanged". ProblemLine
	// is the line of the document it concerns, 0 if none.
	Problem     string
	ProblemLine int
}

// Failed reports whether the record had a problem.
func (r Result) Failed() bool { return r.Problem != "" }

// Clean cleans the string field key of one JSONL line (its line ending
// included, kept as is) with cleanText.
func Clean(line []byte, key string, cleanText func(text []byte) (clean.Result, error)) Result {
	body := bytes.TrimRight(line, "\r\n")
	eol := line[len(body):]
	if len(bytes.TrimSpace(body)) == 0 {
		return Result{Line: line}
	}
	f, err := findText(body, key)
	if err != nil {
		if errors.Is(err, errNotObject) {
			return Result{Line: line, Problem: err.Error() + "; record passed through unchanged"}
		}
		return Result{Line: withError(body, eol, err.Error()), Problem: err.Error() + "; text unchanged, mdclean_error added"}
	}
	res, err := cleanText(f.text)
	if err != nil {
		msg, problem, at := err.Error(), err.Error(), 0
		if ce, ok := err.(*clean.Error); ok && ce.Line > 0 {
			msg = fmt.Sprintf("line %d: %v", ce.Line, ce.Err)
			problem, at = ce.Err.Error(), ce.Line
		}
		return Result{Line: withError(body, eol, msg), Problem: problem + "; text unchanged, mdclean_error added", ProblemLine: at}
	}
	if !res.Changed() {
		return Result{Line: line, Changes: res.Changes}
	}
	// Splice the edits into the JSON string as it was written: every
	// escape (\u00e9, a lone \ud800) and every raw byte that no rule
	// touched comes back as it was.
	out, ok := f.splice(body, eol, res.Edits)
	if !ok {
		msg := "an edit falls inside a JSON escape; record left as it was"
		return Result{Line: withError(body, eol, msg), Problem: msg + "; mdclean_error added"}
	}
	return Result{Line: out, Changes: res.Changes}
}

// field is the text field of a record: where its string literal is, its
// decoded value, and marks to map an offset in the value back to one in
// the literal.
type field struct {
	start, end int // the literal in the record, quotes included
	text       []byte
	// marks are unit boundaries at least every markEvery bytes of the
	// literal: from the last one before an offset of text, a walk of at
	// most markEvery bytes finds the literal's offset. A table of every
	// offset (two ints a byte) made a 60 MB record cost gigabytes; these
	// cost 1/16 of the literal.
	marks []mark
}

// mark pairs an offset in the literal (raw) with the same place in the
// decoded text (dec).
type mark struct{ raw, dec int }

const markEvery = 256

// findText finds the string field key of a record and decodes it, in one
// walk over the record that also checks it is valid JSON. What the walk
// does not take (invalid JSON, no such field, a field given twice or not
// a string, nesting deeper than maxDepth) is looked at again by
// findField, for its message.
func findText(body []byte, key string) (*field, error) {
	if f, ok := walkRecord(body, key); ok {
		return f, nil
	}
	start, end, err := findField(body, key)
	if err != nil {
		return nil, err
	}
	f, ok := decodeField(body, start)
	if !ok || f.end != end {
		return nil, fmt.Errorf("field %q is not a valid JSON string", key)
	}
	return f, nil
}

// walkRecord walks a JSONL record once: it checks that it is one valid
// JSON object (as json.Valid does), finds the top-level field key, and
// decodes its string value. It reports false for anything else, which
// findField then explains.
func walkRecord(b []byte, key string) (*field, bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, false
	}
	var f *field
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil, false // no field at all
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return nil, false
		}
		ke, ok := validString(b, i)
		if !ok {
			return nil, false
		}
		k := b[i:ke]
		i = skipSpace(b, ke)
		if i >= len(b) || b[i] != ':' {
			return nil, false
		}
		i = skipSpace(b, i+1)
		if keyIs(k, key) {
			if f != nil || i >= len(b) || b[i] != '"' {
				return nil, false // given twice, or not a string
			}
			if f, ok = decodeField(b, i); !ok {
				return nil, false
			}
			i = f.end
		} else if i, ok = validValue(b, i, 1); !ok {
			return nil, false
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return nil, false
		}
		if b[i] == '}' {
			break
		}
		if b[i] != ',' {
			return nil, false
		}
		i = skipSpace(b, i+1)
	}
	return f, f != nil && skipSpace(b, i+1) == len(b)
}

// maxDepth is how deep walkRecord follows nested values; deeper records
// (encoding/json refuses past 10000) go to findField.
const maxDepth = 1000

// validValue returns the end of the JSON value at b[i:], false if it is
// not one; depth is its nesting.
func validValue(b []byte, i, depth int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch c := b[i]; {
	case c == '"':
		return validString(b, i)
	case c == '{' || c == '[':
		if depth > maxDepth {
			return 0, false
		}
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == end {
			return i + 1, true
		}
		for {
			var ok bool
			if c == '{' {
				if i >= len(b) || b[i] != '"' {
					return 0, false
				}
				if i, ok = validString(b, i); !ok {
					return 0, false
				}
				i = skipSpace(b, i)
				if i >= len(b) || b[i] != ':' {
					return 0, false
				}
				i = skipSpace(b, i+1)
			}
			if i, ok = validValue(b, i, depth+1); !ok {
				return 0, false
			}
			i = skipSpace(b, i)
			if i >= len(b) {
				return 0, false
			}
			if b[i] == end {
				return i + 1, true
			}
			if b[i] != ',' {
				return 0, false
			}
			i = skipSpace(b, i+1)
		}
	case c == 't':
		return literal(b, i, "true")
	case c == 'f':
		return literal(b, i, "false")
	case c == 'n':
		return literal(b, i, "null")
	case c == '-' || '0' <= c && c <= '9':
		return validNumber(b, i)
	}
	return 0, false
}

func literal(b []byte, i int, lit string) (int, bool) {
	if !bytes.HasPrefix(b[i:], []byte(lit)) {
		return 0, false
	}
	return i + len(lit), true
}

// validNumber returns the end of the JSON number at b[i:]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(b []byte, i int) (int, bool) {
	digits := func(i int) int {
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i
	}
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(i)
	default:
		return 0, false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return 0, false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return 0, false
		}
		i = j
	}
	return i, true
}

// plain are the bytes that stand for themselves inside a JSON string
// and are one unit each: printable ASCII but the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// validString returns the end of the JSON string literal at b[i:] (b[i]
// is the opening quote), false if it is not one.
func validString(b []byte, i int) (int, bool) {
	for j := i + 1; j < len(b); {
		c := b[j]
		switch {
		case plain[c] || c >= utf8.RuneSelf:
			j++ // encoding/json takes any byte from 0x20 on, UTF-8 or not
		case c == '"':
			return j + 1, true
		case c == '\\':
			n := escapeLen(b[j:])
			if n == 0 {
				return 0, false
			}
			j += n
		default:
			return 0, false
		}
	}
	return 0, false
}

// escapeLen returns the length of the escape at the start of b, 0 if it
// is not one.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if _, ok := hex4(b[2:]); ok {
			return 6
		}
	}
	return 0
}

// hex4 decodes the four hex digits at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// decodeField decodes the JSON string literal at b[i:] (b[i] is its
// opening quote) as encoding/json does (a lone surrogate or a byte that
// is not UTF-8 is U+FFFD), checking it as it goes, and marks the way
// back from the text to the literal. It reports false if the literal is
// not a valid JSON string.
func decodeField(b []byte, i int) (*field, bool) {
	// The closing quote first (memchr speed), to size the text: the
	// first quote not escaped by an odd run of backslashes.
	end := -1
	for j := i + 1; end < 0; {
		q := bytes.IndexByte(b[j:], '"')
		if q < 0 {
			return nil, false
		}
		q += j
		p := q - 1
		for p > i && b[p] == '\\' {
			p--
		}
		if (q-1-p)%2 == 0 {
			end = q + 1
		}
		j = q + 1
	}
	lit := b[i:end]
	n := len(lit) - 1
	f := &field{start: i, end: end, text: make([]byte, 0, n-1), marks: make([]mark, 0, n/markEvery+1)}
	text := f.text
	next := markEvery
	var unit [utf8.UTFMax]byte
	for j := 1; j < n; {
		if j >= next {
			f.marks = append(f.marks, mark{j, len(text)})
			next = j + markEvery
		}
		k, lim := j, min(n, next)
		for k < lim && plain[lit[k]] {
			k++
		}
		if k > j {
			text = append(text, lit[j:k]...)
			j = k
			continue
		}
		if lit[j] < 0x20 {
			return nil, false
		}
		u, m := decodeUnit(lit[j:n], unit[:0])
		if m == 0 {
			return nil, false
		}
		text = append(text, u...)
		j += m
	}
	f.text = text
	return f, true
}

// rawAt returns the offset in the literal lit of offset t of the decoded
// text; false when t falls inside one unit (an escape, a character).
func (f *field) rawAt(lit []byte, t int) (int, bool) {
	k := sort.Search(len(f.marks), func(k int) bool { return f.marks[k].dec > t })
	r, d := 1, 0
	if k > 0 {
		r, d = f.marks[k-1].raw, f.marks[k-1].dec
	}
	n := len(lit) - 1
	var unit [utf8.UTFMax]byte
	for d < t && r < n {
		if plain[lit[r]] {
			r++
			d++
			continue
		}
		u, m := decodeUnit(lit[r:n], unit[:0])
		if m == 0 {
			return 0, false
		}
		r += m
		d += len(u)
	}
	return r, d == t
}

// splice applies edits, made on f.text, to the literal in body, and
// returns the record with eol: the literal's bytes between the edits as
// they were written, each edit's new text encoded as encoding/json
// encodes it (without HTML escaping). It reports false when an edit
// boundary falls inside one escape or character.
func (f *field) splice(body, eol []byte, edits []edit.Edit) ([]byte, bool) {
	grow := 0
	for _, e := range edits {
		grow += len(e.New) + len(e.New)/8 // room for a few escapes
	}
	lit := body[f.start:f.end]
	out := make([]byte, 0, len(body)+grow+len(eol))
	out = append(out, body[:f.start]...)
	prev := 0 // lit copied up to
	for _, e := range edits {
		s, ok := f.rawAt(lit, e.Start)
		if !ok || s < prev {
			return nil, false
		}
		end, ok := f.rawAt(lit, e.End)
		if !ok || end < s {
			return nil, false
		}
		out = append(out, lit[prev:s]...)
		out = appendJSONText(out, e.New)
		prev = end
	}
	out = append(out, lit[prev:]...)
	out = append(out, body[f.end:]...)
	return append(out, eol...), true
}

// appendJSONText appends s as the inside of a JSON string, escaped byte
// for byte as encoding/json's encoder with SetEscapeHTML(false) escapes
// it (\n, \u001b, \ufffd for a byte that is not UTF-8, \u2028).
func appendJSONText(dst, s []byte) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if plain[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}

// decodeUnit decodes the first unit of a JSON string's inside b (an
// escape, or one character) into buf; it returns the decoded bytes and
// how many bytes of b it read, 0 if malformed.
func decodeUnit(b, buf []byte) ([]byte, int) {
	c := b[0]
	switch {
	case c == '\\':
		if len(b) < 2 {
			return nil, 0
		}
		switch e := b[1]; e {
		case '"', '\\', '/':
			return append(buf, e), 2
		case 'b', 'f', 'n', 'r', 't':
			return append(buf, jsonEscapes[e]), 2
		case 'u':
			r, n := decodeUEscape(b)
			if n == 0 {
				return nil, 0
			}
			return utf8.AppendRune(buf, r), n
		}
		return nil, 0
	case c < utf8.RuneSelf:
		return append(buf, c), 1
	}
	r, n := utf8.DecodeRune(b)
	if r == utf8.RuneError && n == 1 {
		return utf8.AppendRune(buf, utf8.RuneError), 1 // as encoding/json reads it
	}
	return append(buf, b[:n]...), n
}

// jsonEscapes are the one-letter escapes of JSON strings.
var jsonEscapes = [128]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// decodeUEscape decodes \uXXXX at the start of b (and the low half of a
// surrogate pair after it), as encoding/json does: a lone surrogate is
// U+FFFD. It returns the rune and the bytes read, 0 if malformed.
func decodeUEscape(b []byte) (rune, int) {
	hex := func(b []byte) (rune, bool) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, false
		}
		return hex4(b[2:])
	}
	r, ok := hex(b)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r) {
		if r2, ok := hex(b[6:]); ok {
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				return d, 12
			}
		}
		return utf8.RuneError, 6
	}
	return r, 6
}

var errNotObject = errors.New("not a JSON object")

// errorKey is the field that names a record's error.
const errorKey = "mdclean_error"

// findField finds the top-level string field key in a JSON object and
// returns the byte range of its value (the string literal, quotes
// included). The object is checked with json.Valid and then scanned in
// place: a decoder would buffer, copy and decode the whole record again,
// several times a 60 MB record's size.
func findField(obj []byte, key string) (start, end int, err error) {
	if !json.Valid(obj) {
		var v struct{}
		if err := json.Unmarshal(obj, &v); err != nil {
			return 0, 0, fmt.Errorf("%w: %v", errNotObject, err)
		}
		return 0, 0, errNotObject
	}
	found := false
	ok := scanObject(obj, func(k []byte, vs, ve int) bool {
		if !keyIs(k, key) {
			return true
		}
		if found {
			// JSON readers take the last value; cleaning the first
			// would be a silent pass.
			err = fmt.Errorf("field %q given twice", key)
			return false
		}
		found, start, end = true, vs, ve
		return true
	})
	switch {
	case !ok:
		return 0, 0, errNotObject
	case err != nil:
		return 0, 0, err
	case !found:
		return 0, 0, fmt.Errorf("no field %q", key)
	case obj[start] != '"':
		return 0, 0, fmt.Errorf("field %q is not a string", key)
	}
	return start, end, nil
}

// findRaw finds the value of the last top-level field key in a JSON
// object, of any type ("mdclean_error": [] or null from an earlier tool),
// and returns its byte range.
func findRaw(obj []byte, key string) (start, end int, ok bool) {
	if !json.Valid(obj) {
		return 0, 0, false
	}
	scanObject(obj, func(k []byte, vs, ve int) bool {
		if keyIs(k, key) {
			start, end, ok = vs, ve, true
		}
		return true
	})
	return start, end, ok
}

// keyIs reports whether the key literal k (quotes included) decodes to key.
func keyIs(k []byte, key string) bool {
	if bytes.IndexByte(k, '\\') < 0 {
		return string(k[1:len(k)-1]) == key
	}
	f, ok := decodeField(k, 0)
	return ok && string(f.text) == key
}

// scanObject calls visit with each top-level key literal of obj (valid
// JSON) and the byte range of its value, until visit returns false. It
// reports false when obj is not an object.
func scanObject(obj []byte, visit func(k []byte, vs, ve int) bool) bool {
	i := skipSpace(obj, 0)
	if obj[i] != '{' {
		return false
	}
	i = skipSpace(obj, i+1)
	for obj[i] != '}' {
		ke := skipValue(obj, i)
		k := obj[i:ke]
		vs := skipSpace(obj, skipSpace(obj, ke)+1) // past the colon
		ve := skipValue(obj, vs)
		if !visit(k, vs, ve) {
			return true
		}
		i = skipSpace(obj, ve)
		if obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
	}
	return true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value at b[i:], which is valid.
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		for j := i + 1; ; j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
	case '{', '[':
		depth := 0
		for j := i; ; j++ {
			switch b[j] {
			case '"':
				j = skipValue(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
	}
	j := i
	for j < len(b) && !strings.ContainsRune(",}] \t\r\n", rune(b[j])) {
		j++
	}
	return j
}

// withError adds "mdclean_error" to a JSON object, leaving every other
// byte as it was.
func withError(body, eol []byte, msg string) []byte {
	end := bytes.LastIndexByte(body, '}')
	if end < 0 {
		return append(append([]byte{}, body...), eol...)
	}
	var m bytes.Buffer
	je := json.NewEncoder(&m)
	je.SetEscapeHTML(false)
	je.Encode(msg)
	if s, e, ok := findRaw(body, errorKey); ok {
		// A record that has one already (from an earlier run): its value
		// is replaced, never a second key added.
		out := append([]byte{}, body[:s]...)
		out = append(out, bytes.TrimRight(m.Bytes(), "\n")...)
		out = append(out, body[e:]...)
		return append(out, eol...)
	}
	sep := ","
	if len(bytes.TrimSpace(body[bytes.IndexByte(body, '{')+1:end])) == 0 {
		sep = ""
	}
	out := append([]byte{}, body[:end]...)
	out = append(out, sep+`"mdclean_error":`...)
	out = append(out, bytes.TrimRight(m.Bytes(), "\n")...)
	out = append(out, body[end:]...)
	return append(out, eol...)
}
