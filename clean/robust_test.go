package clean

import (
	"bytes"
	"strings"
	"testing"
)

// TestDeepNesting: 200,000 nested elements neither overflow a stack nor
// stop the rules (nothing here recurses).
func TestDeepNesting(t *testing.T) {
	const depth = 200000
	var b bytes.Buffer
	b.WriteString("---\ntitle: x\n---\n")
	b.WriteString(strings.Repeat("<div>", depth))
	b.WriteString(`<p>text</p><div id="recommend_bottom"></div>`)
	b.WriteString(strings.Repeat("</div>", depth))
	res, err := Document(b.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(res.Out, []byte("recommend_bottom")) || res.Count() != 1 {
		t.Errorf("want the one tracking container removed, got %d changes", res.Count())
	}
}

// TestUnclosedDeep: 100,000 unclosed elements (tag soup) are never deleted.
func TestUnclosedDeep(t *testing.T) {
	src := []byte("<p>a" + strings.Repeat(`<div id="recommend_bottom">`, 100000))
	res, err := Document(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() {
		t.Errorf("unclosed elements were edited: %d changes", res.Count())
	}
}

// TestManyEdits: 60,000 edits in one document cost linear time (covered
// once scanned every earlier edit for every element). Denser still, the
// memory bound skips the body (TestMemoryBounded).
func TestManyEdits(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("---\ntitle: x\n---\n")
	for i := 0; i < 30000; i++ {
		b.WriteString(`<p>text <a href="https://example.com/?utm_source=x">a</a></p><div id="recommend_bottom"></div>` + "\n")
	}
	res, err := Document(b.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Count() != 60000 {
		t.Errorf("%d changes, want 60000", res.Count())
	}
	again, _ := Document(res.Out, Options{})
	if again.Changed() {
		t.Error("not idempotent")
	}
}
