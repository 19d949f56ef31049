package clean

import (
	"bytes"
	"testing"
)

// FuzzDocument checks the properties every rule must keep, on any input:
// no panic; cleaning is idempotent; no reported change means the output is
// the input, byte for byte. It is seeded from every golden case.
func FuzzDocument(f *testing.F) {
	for _, file := range goldenFiles(f) {
		g := loadGolden(f, file)
		f.Add(g.in)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		opts := Options{Now: goldenNow}
		res, err := Document(src, opts)
		if err != nil {
			return
		}
		if !res.Changed() && !bytes.Equal(res.Out, src) {
			t.Fatalf("no change reported but output differs:\n in: %q\nout: %q", src, res.Out)
		}
		again, err := Document(res.Out, opts)
		if err != nil {
			t.Fatalf("cleaned output fails to clean: %v\n in: %q\nout: %q", err, src, res.Out)
		}
		if !bytes.Equal(again.Out, res.Out) {
			t.Fatalf("not idempotent:\n in: %q\nout: %q\nagain: %q\nchanges: %s", src, res.Out, again.Out, formatChanges(again.Changes))
		}
	})
}
