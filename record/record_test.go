package record

import (
	"strings"
	"testing"

	"github.com/mdclean/mdclean/clean"
)

func cleanText(text []byte) (clean.Result, error) { return clean.Document(text, clean.Options{}) }

// TestClean: what Clean does to a record, byte for byte.
func TestClean(t *testing.T) {
	for _, c := range []struct {
		name, in, want, problem string
	}{
		{"unchanged record, line ending kept", `{"id":1,"text":"---\ntitle: x\n---\nbody"}` + "\r\n", `{"id":1,"text":"---\ntitle: x\n---\nbody"}` + "\r\n", ""},
		{"cleaned; escapes and other fields as written",
			`{"text":"\n---\ntitle: caf\u00e9\ndate: Invalid Date\n---\n\u003cp\u003ex\u003c/p\u003e","n":1.50}` + "\n",
			`{"text":"---\ntitle: caf\u00e9\n---\n\u003cp\u003ex\u003c/p\u003e","n":1.50}` + "\n", ""},
		{"not an object: passed through", "[1,2]\n", "[1,2]\n", "not a JSON object; record passed through unchanged"},
		{"no text field: error added", `{"id":2}` + "\n", `{"id":2,"mdclean_error":"no field \"text\""}` + "\n", `no field "text"; text unchanged, mdclean_error added`},
		{"text twice", `{"text":"a","text":"b"}`, `{"text":"a","text":"b","mdclean_error":"field \"text\" given twice"}`, `field "text" given twice; text unchanged, mdclean_error added`},
		{"an earlier error is replaced, not doubled", `{"id":3,"mdclean_error":"old"}`, `{"id":3,"mdclean_error":"no field \"text\""}`, `no field "text"; text unchanged, mdclean_error added`},
		{"an earlier error of another type is replaced too", `{"id":3,"mdclean_error":[]}`, `{"id":3,"mdclean_error":"no field \"text\""}`, `no field "text"; text unchanged, mdclean_error added`},
		{"an earlier null error is replaced", `{"id":3,"mdclean_error":null,"x":1}`, `{"id":3,"mdclean_error":"no field \"text\"","x":1}`, `no field "text"; text unchanged, mdclean_error added`},
		{"nested and escaped keys, spacing", ` { "meta" : {"text":["x",{"text":"}"}]} , "te\u0078t" : "\n---\ntitle: x\n---\nb" } ` + "\n", ` { "meta" : {"text":["x",{"text":"}"}]} , "te\u0078t" : "---\ntitle: x\n---\nb" } ` + "\n", ""},
		{"text not a string", `{"text":5}`, `{"text":5,"mdclean_error":"field \"text\" is not a string"}`, `field "text" is not a string; text unchanged, mdclean_error added`},
		{"invalid JSON", `{"text":"a",}`, `{"text":"a",}`, `not a JSON object: invalid character '}' looking for beginning of object key string; record passed through unchanged`},
		{"a document error names its line", `{"text":"---\ntitle: x\n\nbody"}`, `{"text":"---\ntitle: x\n\nbody","mdclean_error":"line 1: front matter opened with \"---\" is never closed (want a line \"---\" or \"...\")"}`, ``},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Clean([]byte(c.in), "text", cleanText)
			if string(r.Line) != c.want {
				t.Errorf("line:\n got %s\nwant %s", r.Line, c.want)
			}
			if c.problem != "" && r.Problem != c.problem {
				t.Errorf("problem: got %q, want %q", r.Problem, c.problem)
			}
			if c.problem == "" && strings.Contains(c.want, "mdclean_error") != r.Failed() {
				t.Errorf("failed = %v for %s", r.Failed(), r.Line)
			}
		})
	}
}

