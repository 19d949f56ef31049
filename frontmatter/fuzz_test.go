package frontmatter

import (
	"bytes"
	"testing"
	"time"

	"github.com/mdclean/mdclean/edit"
)

var fuzzNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func repairOnce(src []byte) ([]byte, int, error) {
	b, err := Split(src)
	if err != nil {
		return nil, 0, err
	}
	edits, changes, err := Repair(src, b, Options{Now: fuzzNow})
	if err != nil {
		return nil, 0, err
	}
	out, err := edit.Apply(src, edits)
	n := 0
	for _, c := range changes {
		if !c.Note {
			n++
		}
	}
	return out, n, err
}

// FuzzRepair checks the splitter and the repairer: no panic, idempotent,
// and no reported change means no byte changed.
func FuzzRepair(f *testing.F) {
	for _, s := range []string{
		"\n---\ntitle: 'Apple's M2'\ndate: Invalid Date\n---\nbody 7 月 19 日电\n",
		"---\r\ntitle: C# #1 tips\r\ndate:\r\n---\r\n",
		"\ufeff  \n---\ntitle: a: b\ncategories:\n\t- x\ndate: 2021-01-01\ndate: NaN\n...\n",
		"---\ntitle: 'x\ny'\n---\n",
		"---\ntitle: \"a \"b\" c\"\nupdated: 2020-01-01\ndate: x\n---\n",
		"---\n---\n",
		"---\nfoo\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, n, err := repairOnce(src)
		if err != nil {
			return
		}
		if n == 0 && !bytes.Equal(out, src) {
			t.Fatalf("no change reported but output differs: %q -> %q", src, out)
		}
		again, n2, err := repairOnce(out)
		if err != nil {
			t.Fatalf("repaired output fails: %v\n in: %q\nout: %q", err, src, out)
		}
		if n2 != 0 || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n in: %q\nout: %q\nagain: %q", src, out, again)
		}
	})
}
