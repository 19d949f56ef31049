package record

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/mdclean/mdclean/clean"
)

// FuzzClean: whatever the line, Clean does not panic; a record it reports
// no problem for is valid JSON whose other fields are as they were and
// whose text field (read by encoding/json) is the cleaned document; a
// record with a problem is passed through or gets exactly one
// mdclean_error.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		`{"id":1,"text":"\n---\ntitle: x\n---\n<p>a</p><div id=\"recommend_bottom\"></div>"}`,
		`{"te\u0078t":"caf\u00e9 \ud800 <p>x</p><div id=\"recommend_bottom\"></div>","k":[1,{"text":"}"}]}`,
		`{"text":"a","text":"b"}`, `{"mdclean_error":[],"x":1}`, `[1]`, `{"text":5}`, ` { "text" : "x" } `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.ContainsAny(line, "\r\n") {
			return
		}
		var want clean.Result
		r := Clean(line, "text", func(text []byte) (clean.Result, error) {
			res, err := clean.Document(text, clean.Options{})
			want = res
			return res, err
		})
		if r.Failed() {
			if !bytes.Equal(r.Line, line) {
				var m map[string]json.RawMessage
				if err := json.Unmarshal(r.Line, &m); err != nil {
					t.Fatalf("error record is not JSON: %q: %v", r.Line, err)
				}
				if bytes.Count(r.Line, []byte(`"mdclean_error":`)) > bytes.Count(line, []byte(`"mdclean_error":`))+1 {
					t.Fatalf("mdclean_error doubled: %q", r.Line)
				}
			}
			return
		}
		if bytes.Equal(r.Line, line) {
			return
		}
		var in, out map[string]json.RawMessage
		if err := json.Unmarshal(line, &in); err != nil {
			t.Fatalf("cleaned a record encoding/json does not read: %q", line)
		}
		if err := json.Unmarshal(r.Line, &out); err != nil {
			t.Fatalf("output is not JSON: %q: %v", r.Line, err)
		}
		for k, v := range in {
			if k != "text" && !bytes.Equal(v, out[k]) {
				t.Fatalf("field %q changed: %s -> %s", k, v, out[k])
			}
		}
		var text string
		if err := json.Unmarshal(out["text"], &text); err != nil || text != string(want.Out) {
			t.Fatalf("text field %q, want %q (%v)", text, want.Out, err)
		}
	})
}
