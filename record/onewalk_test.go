package record

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/mdclean/mdclean/edit"
)

// The reference: the record code before the one-walk reader (three walks
// over the text: json.Valid, a decode, a decode again while splicing),
// which FuzzOneWalk holds the new code to, byte for byte.

// refSplice applies edits, made on text (the decoded value of the
// JSON string literal lit), to lit itself. It reports false when an edit
// boundary falls inside one escape or when lit does not decode to text.
// It walks lit once, comparing as it decodes: no table of offsets (two
// ints a byte made a 60 MB record cost gigabytes), only the output.
func refSplice(lit, text []byte, edits []edit.Edit) ([]byte, bool) {
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

// refDecode decodes a JSON string literal (quotes included) as
// encoding/json does (a lone surrogate or a byte that is not UTF-8 is
// U+FFFD), into a buffer of its size: no copy of the record on the way.
func refDecode(lit []byte) ([]byte, bool) {
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

// FuzzOneWalk: the one walk (walkRecord, decodeField, splice) gives what
// the reference gives for any line and any edits: it takes only valid
// JSON (json.Valid agrees), finds the same field, decodes the same text,
// and splices edits (from the fuzzer's bytes) into the same record, or
// refuses them when the reference does.
func FuzzOneWalk(f *testing.F) {
	for _, s := range []string{
		`{"id":1,"text":"\n---\ntitle: x\n---\n<p>a</p>"}`,
		`{"te\u0078t":"caf\u00e9 \ud800 \ud83d\ude00 <p>x</p>","k":[1,{"text":"}"}],"n":-1.5e+3}`,
		`{"text":"a","text":"b"}`, `{"text":5}`, ` { "text" : "x\"\\" } `, `{"a":[],"b":{},"text":"\u2028é\t"}`,
		"{\"text\":\"\xff\xfe a\"}", `{"a":01,"text":"x"}`, `{"a":tru,"text":"x"}`,
	} {
		f.Add([]byte(s), []byte{3, 1, 'x', 9, 0})
	}
	f.Fuzz(func(t *testing.T, line, ops []byte) {
		start, end, err := findField(line, "text")
		fw, ok := walkRecord(line, "text")
		if ok {
			if !json.Valid(line) {
				t.Fatalf("walk took invalid JSON %q", line)
			}
			if err != nil || fw.start != start || fw.end != end {
				t.Fatalf("walk found %d..%d, findField %d..%d (%v)", fw.start, fw.end, start, end, err)
			}
		}
		fd, err2 := findText(line, "text")
		if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("findText error %v, findField's %v", err2, err)
		}
		if err != nil {
			return
		}
		lit := line[start:end]
		text, ok := refDecode(lit)
		if !ok || !bytes.Equal(text, fd.text) {
			t.Fatalf("text %q, reference %q (%v)", fd.text, text, ok)
		}
		// Edits from ops: (skip, length, new text length, new text...).
		var edits []edit.Edit
		at := 0
		for len(ops) >= 3 {
			s := at + int(ops[0])%8
			e := s + int(ops[1])%6
			nl := min(int(ops[2])%4, len(ops)-3)
			if e > len(text) {
				break
			}
			edits = append(edits, edit.Edit{Start: s, End: e, New: slices.Clone(ops[3 : 3+nl])})
			at, ops = e, ops[3+nl:]
		}
		want, wok := refSplice(lit, text, edits)
		got, gok := fd.splice(line, []byte("\n"), edits)
		if wok != gok {
			t.Fatalf("splice ok %v, reference %v; edits %v on %q", gok, wok, edits, lit)
		}
		if wok {
			w := append(append(append(slices.Clone(line[:start]), want...), line[end:]...), '\n')
			if !bytes.Equal(got, w) {
				t.Fatalf("splice:\n got %q\nwant %q", got, w)
			}
		}
	})
}
