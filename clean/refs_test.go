package clean

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
)

// TestLinkRefs: the body model lists the link and image references of
// HTML and Markdown alike, in document order, each with its kind and the
// bytes of its URL; none in code.
func TestLinkRefs(t *testing.T) {
	body := []byte("Text with <a href=\"https://example.com/a?x=1&amp;y=2\">a</a> and [b](https://example.com/b 'title').\n\n" +
		"![c](https://example.com/c.png) <img SRC='https://example.com/d.png'> <https://example.com/e>\n\n" +
		"<iframe src=https://example.com/f></iframe> <area href=\"/g\"> <a name=\"h\">h</a>\n\n" +
		"`[code](https://example.com/code)` <code><a href=\"https://example.com/code2\">x</a></code>\n\n" +
		"```\n<a href=\"https://example.com/fence\">x</a>\n```\n\n" +
		"[r]: https://example.com/r\n")
	s := scratchPool.Get().(*scratch)
	defer s.release()
	b := &bodyCleaner{d: parse(body, s, true, bytes.Count(body, []byte{'<'})), scratch: s}
	defer b.releaseRefs()
	var got []string
	for _, r := range b.linkRefs() {
		got = append(got, fmt.Sprintf("%s %s src=%v", r.kind, body[r.start:r.end], r.src))
	}
	want := []string{
		"href https://example.com/a?x=1&amp;y=2 src=false",
		"link https://example.com/b src=false",
		"image https://example.com/c.png src=true",
		"src https://example.com/d.png src=true", // spelled SRC: a source all the same
		"autolink https://example.com/e src=false",
		"src https://example.com/f src=true",
		"href /g src=false",
		"reference https://example.com/r src=false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("linkRefs:\n got %q\nwant %q", got, want)
	}
	refs := b.linkRefs()
	for i, r := range refs {
		if (r.md >= 0) == (r.elem >= 0) {
			t.Errorf("ref %d (%s): md %d, elem %d: want exactly one", i, r.kind, r.md, r.elem)
		}
		if i > 0 && refs[i-1].start >= r.start {
			t.Errorf("ref %d (%s) at %d does not follow ref %d at %d", i, r.kind, r.start, i-1, refs[i-1].start)
		}
	}
}

// TestLinkRefBlocks: a Markdown reference records the Markdown block that
// holds it (a heading, a list item's text, a paragraph, one inside a
// quote), as an HTML one records its element; a reference definition is
// in none.
func TestLinkRefBlocks(t *testing.T) {
	body := []byte("## See [the guide](https://example.com/guide)\n\n" +
		"- an item with ![a chart](https://example.com/chart.png)\n" +
		"- another, <https://example.com/auto>\n\n" +
		"A paragraph, then [a link][r] and <a href=\"https://example.com/html\">html</a>.\n\n" +
		"> quoted [text](https://example.com/quoted)\n\n" +
		"[r]: https://example.com/r\n")
	s := scratchPool.Get().(*scratch)
	defer s.release()
	b := &bodyCleaner{d: parse(body, s, true, bytes.Count(body, []byte{'<'})), scratch: s}
	defer b.releaseRefs()
	var got []string
	for _, r := range b.linkRefs() {
		where := "none"
		if r.block >= 0 {
			mb := b.d.md.blocks[r.block]
			if r.start < mb.start || r.end > mb.end {
				t.Errorf("%s at %d-%d: outside its block %d-%d", r.kind, r.start, r.end, mb.start, mb.end)
			}
			where = kindOf(mb.tag).String()
		}
		got = append(got, fmt.Sprintf("%s %s in %s", r.kind, body[r.start:r.end], where))
	}
	want := []string{
		"link https://example.com/guide in heading",
		"image https://example.com/chart.png in list item",
		"autolink https://example.com/auto in list item",
		"href https://example.com/html in none", // HTML: its element says where
		"link https://example.com/quoted in paragraph",
		"reference https://example.com/r in none",
	}
	if !slices.Equal(got, want) {
		t.Errorf("linkRefs:\n got %q\nwant %q", got, want)
	}
}
