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

// TestFindFieldOnePass: the one-pass walk finds what encoding/json's
// decoder finds, and fails as it does.
func TestFindFieldOnePass(t *testing.T) {
	for _, in := range []string{
		`{"text":"a"}`, ` { "id" : [1,{"text":"no"}] , "text" : "caf\u00e9 \"q\" \\ \ud800" } `,
		`{"t\u0065xt":"escaped key"}`, `{"text":null}`, `{"text":1.5e3}`, `{"text":{"a":"b"}}`,
		`{"text":"a","text":"b"}`, `{"id":"}","x":"\"text\":","text":"ok"}`, `{}`, `[1]`, `"text"`,
		`{"text":"a"`, `{"text":"a"} x`, "{\"text\":\"raw \xff byte\"}", `{"text":"tab	in"}`,
		`{"a":true,"b":false,"c":null,"text":"é"}`, `{"text":"x","a":[[],{}]}`,
	} {
		s1, e1, t1, err1 := findField([]byte(in), "text")
		s2, e2, t2, err2 := findFieldSlow([]byte(in), "text")
		if s1 != s2 || e1 != e2 || t1 != t2 || (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Errorf("%s:\n one pass %d %d %q %v\n decoder  %d %d %q %v", in, s1, e1, t1, err1, s2, e2, t2, err2)
		}
	}
}
