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
	"strconv"
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
	start, end, err := findField(body, key)
	if err != nil {
		if errors.Is(err, errNotObject) {
			return Result{Line: line, Problem: err.Error() + "; record passed through unchanged"}
		}
		return Result{Line: withError(body, eol, err.Error()), Problem: err.Error() + "; text unchanged, mdclean_error added"}
	}
	text, ok := decodeJSONString(body[start:end])
	if !ok {
		err := fmt.Errorf("field %q is not a valid JSON string", key)
		return Result{Line: withError(body, eol, err.Error()), Problem: err.Error() + "; text unchanged, mdclean_error added"}
	}
	res, err := cleanText(text)
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
	lit, ok := spliceJSONString(body[start:end], text, res.Edits)
	if !ok {
		msg := "an edit falls inside a JSON escape; record left as it was"
		return Result{Line: withError(body, eol, msg), Problem: msg + "; mdclean_error added"}
	}
	out := make([]byte, 0, len(line)+len(lit)-(end-start))
	out = append(out, body[:start]...)
	out = append(out, lit...)
	out = append(out, body[end:]...)
	return Result{Line: append(out, eol...), Changes: res.Changes}
}

// spliceJSONString applies edits, made on text (the decoded value of the
// JSON string literal lit), to lit itself. It reports false when an edit
// boundary falls inside one escape or when lit does not decode to text.
// It walks lit once, comparing as it decodes: no table of offsets (two
// ints a byte made a 60 MB record cost gigabytes), only the output.
func spliceJSONString(lit, text []byte, edits []edit.Edit) ([]byte, bool) {
	grow := 0
	for _, e := range edits {
		grow += len(e.New) + len(e.New)/8 // room for a few escapes
	}
	out := make([]byte, 0, len(lit)+grow)
	var enc bytes.Buffer
	k, prev, d := 0, 0, 0 // next edit, lit copied up to, decoded offset
	inEdit := false
	// boundary handles the edits that start or end at decoded offset d,
	// raw offset i; false when one starts or ends inside the unit before.
	boundary := func(i int) bool {
		for k < len(edits) {
			e := edits[k]
			if !inEdit {
				if e.Start != d {
					return e.Start > d
				}
				out = append(out, lit[prev:i]...)
				enc.Reset()
				je := json.NewEncoder(&enc)
				je.SetEscapeHTML(false)
				if err := je.Encode(string(e.New)); err != nil {
					return false
				}
				q := bytes.TrimRight(enc.Bytes(), "\n")
				out = append(out, q[1:len(q)-1]...)
				inEdit = true
			}
			if e.End != d {
				return e.End > d
			}
			prev, inEdit = i, false
			k++
		}
		return true
	}
	var unit [utf8.UTFMax]byte
	for i := 1; i < len(lit)-1; {
		if !boundary(i) {
			return nil, false
		}
		u, n := decodeUnit(lit[i:len(lit)-1], unit[:0])
		if n == 0 || !bytes.HasPrefix(text[d:], u) {
			return nil, false
		}
		d += len(u)
		i += n
	}
	if !boundary(len(lit)-1) || k != len(edits) || d != len(text) {
		return nil, false
	}
	return append(out, lit[prev:]...), true
}

// decodeJSONString decodes a JSON string literal (quotes included) as
// encoding/json does (a lone surrogate or a byte that is not UTF-8 is
// U+FFFD), into a buffer of its size: no copy of the record on the way.
func decodeJSONString(lit []byte) ([]byte, bool) {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return nil, false
	}
	text := make([]byte, 0, len(lit)-2)
	var unit [utf8.UTFMax]byte
	for i := 1; i < len(lit)-1; {
		u, n := decodeUnit(lit[i:len(lit)-1], unit[:0])
		if n == 0 {
			return nil, false
		}
		text = append(text, u...)
		i += n
	}
	return text, true
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
		v, err := strconv.ParseUint(string(b[2:6]), 16, 32)
		return rune(v), err == nil
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
	d, ok := decodeJSONString(k)
	return ok && string(d) == key
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
