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
	"io"
	"slices"
	"strconv"
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
	start, end, text, err := findField(body, key)
	if err != nil {
		if errors.Is(err, errNotObject) {
			return Result{Line: line, Problem: err.Error() + "; record passed through unchanged"}
		}
		return Result{Line: withError(body, eol, err.Error()), Problem: err.Error() + "; text unchanged, mdclean_error added"}
	}
	res, err := cleanText([]byte(text))
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
	lit, ok := spliceJSONString(body[start:end], []byte(text), res.Edits)
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
func spliceJSONString(lit, text []byte, edits []edit.Edit) ([]byte, bool) {
	// dec[i] and raw[i]: where decoded unit i starts in text and in lit.
	var dec, raw []int
	var decoded []byte
	for i := 1; i < len(lit)-1; {
		dec, raw = append(dec, len(decoded)), append(raw, i)
		c := lit[i]
		switch {
		case c == '\\':
			if i+1 >= len(lit)-1 {
				return nil, false
			}
			switch e := lit[i+1]; e {
			case '"', '\\', '/':
				decoded = append(decoded, e)
				i += 2
			case 'b', 'f', 'n', 'r', 't':
				decoded = append(decoded, jsonEscapes[e])
				i += 2
			case 'u':
				r, n := decodeUEscape(lit[i:])
				if n == 0 {
					return nil, false
				}
				decoded = utf8.AppendRune(decoded, r)
				i += n
			default:
				return nil, false
			}
		case c < utf8.RuneSelf:
			decoded = append(decoded, c)
			i++
		default:
			r, n := utf8.DecodeRune(lit[i:])
			if r == utf8.RuneError && n == 1 {
				decoded = utf8.AppendRune(decoded, utf8.RuneError) // as encoding/json reads it
			} else {
				decoded = append(decoded, lit[i:i+n]...)
			}
			i += n
		}
	}
	dec, raw = append(dec, len(decoded)), append(raw, len(lit)-1)
	if !bytes.Equal(decoded, text) {
		return nil, false
	}
	at := func(off int) (int, bool) {
		k, found := slices.BinarySearch(dec, off)
		if !found {
			return 0, false
		}
		return raw[k], true
	}
	var out []byte
	prev := 0
	for _, e := range edits {
		s, ok1 := at(e.Start)
		t, ok2 := at(e.End)
		if !ok1 || !ok2 || s < prev {
			return nil, false
		}
		out = append(out, lit[prev:s]...)
		var enc bytes.Buffer
		je := json.NewEncoder(&enc)
		je.SetEscapeHTML(false)
		if err := je.Encode(string(e.New)); err != nil {
			return nil, false
		}
		q := bytes.TrimRight(enc.Bytes(), "\n")
		out = append(out, q[1:len(q)-1]...)
		prev = t
	}
	return append(out, lit[prev:]...), true
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
// returns the byte range of its value and the decoded string. A valid
// object (json.Valid: one scan, no allocation) is walked once, skipping
// every value but key's; anything else gets findFieldSlow's errors. (The
// decoder's tokens, a second decode of each value, a search for it and an
// unmarshal made four scans of each record.)
func findField(obj []byte, key string) (start, end int, text string, err error) {
	if !json.Valid(obj) {
		return findFieldSlow(obj, key)
	}
	i := skipSpace(obj, 0)
	if obj[i] != '{' {
		return 0, 0, "", errNotObject
	}
	found := false
	for i = skipSpace(obj, i+1); obj[i] != '}'; {
		ks, ke := i, stringEnd(obj, i)
		i = skipSpace(obj, ke)
		vs := skipSpace(obj, i+1) // past ':'
		ve := valueEnd(obj, vs)
		if i = skipSpace(obj, ve); obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
		k := obj[ks+1 : ke-1]
		if bytes.IndexByte(k, '\\') >= 0 {
			var dk string
			if json.Unmarshal(obj[ks:ke], &dk) != nil {
				return findFieldSlow(obj, key)
			}
			k = []byte(dk)
		}
		if string(k) != key {
			continue
		}
		if found {
			// JSON readers take the last value; cleaning the first
			// would be a silent pass.
			return 0, 0, "", fmt.Errorf("field %q given twice", key)
		}
		switch obj[vs] {
		case '"':
			lit := obj[vs:ve]
			if bytes.IndexByte(lit, '\\') < 0 && utf8.Valid(lit) {
				text = string(lit[1 : len(lit)-1])
			} else if json.Unmarshal(lit, &text) != nil {
				return findFieldSlow(obj, key)
			}
		case 'n': // null reads as "" into a string, as json.Unmarshal has it
			text = ""
		default:
			return 0, 0, "", fmt.Errorf("field %q is not a string", key)
		}
		start, end, found = vs, ve, true
	}
	if found {
		return start, end, text, nil
	}
	return 0, 0, "", fmt.Errorf("no field %q", key)
}

// skipSpace returns the offset of the first byte at or after i in valid
// JSON that is not white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the offset after the string that opens at i in valid
// JSON.
func stringEnd(b []byte, i int) int {
	for i++; ; i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
}

// valueEnd returns the offset after the value that opens at i in valid
// JSON.
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for ; ; i++ {
			switch b[i] {
			case '"':
				i = stringEnd(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
	}
	for ; i < len(b); i++ {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return i
		}
	}
	return i
}

// findFieldSlow is findField by encoding/json's decoder, for the errors
// it gives on input that is not valid JSON.
func findFieldSlow(obj []byte, key string) (start, end int, text string, err error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	found, end0 := false, 0
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '{' {
		return 0, 0, "", errNotObject
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return 0, 0, "", fmt.Errorf("%w: %v", errNotObject, err)
		}
		k, _ := kt.(string)
		off := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return 0, 0, "", fmt.Errorf("%w: %v", errNotObject, err)
		}
		if k != key {
			continue
		}
		if found {
			// JSON readers take the last value; cleaning the first
			// would be a silent pass.
			return 0, 0, "", fmt.Errorf("field %q given twice", key)
		}
		end := int(dec.InputOffset())
		start = off + bytes.Index(obj[off:end], raw)
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, 0, "", fmt.Errorf("field %q is not a string", key)
		}
		end = start + len(raw)
		found, end0 = true, end
	}
	if _, err := dec.Token(); err != nil {
		return 0, 0, "", fmt.Errorf("%w: %v", errNotObject, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return 0, 0, "", fmt.Errorf("%w: text after the object", errNotObject)
	}
	if found {
		return start, end0, text, nil
	}
	return 0, 0, "", fmt.Errorf("no field %q", key)
}

// findRaw finds the value of the last top-level field key in a JSON
// object, of any type ("mdclean_error": [] or null from an earlier tool),
// and returns its byte range.
func findRaw(obj []byte, key string) (start, end int, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return 0, 0, false
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return 0, 0, false
		}
		off := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return 0, 0, false
		}
		if k, _ := kt.(string); k == key {
			e := int(dec.InputOffset())
			start, end, ok = off+bytes.Index(obj[off:e], raw), 0, true
			end = start + len(raw)
		}
	}
	return start, end, ok
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
	if len(bytes.TrimSpace(body[1:end])) == 0 {
		sep = ""
	}
	out := append([]byte{}, body[:end]...)
	out = append(out, sep+`"mdclean_error":`...)
	out = append(out, bytes.TrimRight(m.Bytes(), "\n")...)
	out = append(out, body[end:]...)
	return append(out, eol...)
}
