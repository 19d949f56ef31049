package clean

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// The body's link and image references: HTML and Markdown alike, one
// list in document order, built once per body from the tokens' elements
// and the Markdown parse. It knows no rule: the link rules and the
// Markdown beacons walk it (see bodyCleaner.run).

// refKind names what a link or image reference is.
type refKind uint8

const (
	refHref        refKind = iota // an <a> or <area> href
	refSrc                        // an <img> or <iframe> src
	refMdLink                     // a Markdown link's destination: [text](dest)
	refMdImage                    // a Markdown image's: ![alt](dest)
	refMdAutolink                 // a Markdown autolink: <https://…>
	refMdReference                // a link reference definition: [label]: dest
)

func (k refKind) String() string {
	return [...]string{"href", "src", "link", "image", "autolink", "reference"}[k]
}

// linkRef is one link or image reference of the body.
type linkRef struct {
	// start, end: the URL's bytes in the body, an attribute's value
	// (quotes excluded, still escaped) or a Markdown destination.
	start, end int
	kind       refKind
	// elem is the HTML element whose start tag holds the attribute, or -1;
	// md the Markdown link (an index in doc.md.links), or -1; block the
	// Markdown block that holds that link (an index in doc.md.blocks: a
	// paragraph, heading or list item text), or -1 (HTML, a reference
	// definition).
	elem, md, block int32
	quote           byte // an attribute's quote: '"', '\'' or 0 for none
	// src: the link rules read the URL as a source, which is only
	// unwrapped: a Markdown image's, or an <img> or <iframe> src in any
	// case (HTML attribute names are case-insensitive).
	src bool
}

// linkRefs lists the link and image references of the body in document
// order (built once per body): the href of <a> and <area> and the src of
// <img> and <iframe> outside code, and the destinations of Markdown
// links, images, autolinks and reference definitions.
func (b *bodyCleaner) linkRefs() []linkRef {
	if b.refsBuilt {
		return b.refList
	}
	b.refsBuilt = true
	md := b.d.md.links
	b.refBuf = refPool.Get().(*[]linkRef)
	out := (*b.refBuf)[:0]
	k := 0 // the next Markdown link, merged in by offset
	for i := range b.d.elems {
		e := &b.d.elems[i]
		if e.code {
			continue
		}
		var kind refKind
		var name string
		switch e.tag {
		case atom.A, atom.Area:
			kind, name = refHref, "href"
		case atom.Img, atom.Iframe:
			kind, name = refSrc, "src"
		default:
			continue
		}
		for _, a := range b.elemAttrs(i) {
			if a.start < 0 || !lowerIs(a.name, name) {
				continue
			}
			start := e.start + a.start
			for ; k < len(md) && md[k].start < start; k++ {
				out = append(out, mdRef(md, k, b.d.md.blocks))
			}
			out = append(out, linkRef{start: start, end: e.start + a.end, kind: kind, elem: int32(i), md: -1, block: -1,
				quote: a.quote, src: kind == refSrc})
		}
	}
	for ; k < len(md); k++ {
		out = append(out, mdRef(md, k, b.d.md.blocks))
	}
	b.refList, *b.refBuf = out, out
	return out
}

// imageRef reports whether r is an image's: a Markdown image's
// destination or an <img>'s src.
func (b *bodyCleaner) imageRef(r *linkRef) bool {
	return r.kind == refMdImage || r.kind == refSrc && b.d.elems[r.elem].tag == atom.Img
}

// refPool keeps the reference lists' memory for the next body.
var refPool = sync.Pool{New: func() any { return new([]linkRef) }}

// releaseRefs gives the reference list's memory back to refPool (not a
// huge one: see maxPooled).
func (b *bodyCleaner) releaseRefs() {
	if b.refBuf == nil || cap(*b.refBuf) > maxPooled {
		return
	}
	*b.refBuf = (*b.refBuf)[:0]
	refPool.Put(b.refBuf)
	b.refBuf, b.refList = nil, nil
}

// lowerIs reports whether the attribute name, in any case, is lower
// (which is in lower case ASCII), as strings.EqualFold folds it. A name
// that folds to lower has as many runes as lower has bytes: of the same
// length, it is compared byte by byte (nameIs); shorter, or longer than
// that many runes can be, it is not lower; longer and ASCII, neither;
// only a longer name with other runes (a "ſ" folds to "s") is left to
// strings.EqualFold.
func lowerIs(name []byte, lower string) bool {
	switch {
	case len(name) == len(lower):
		return nameIs(name, lower)
	case len(name) < len(lower) || len(name) > utf8.UTFMax*len(lower):
		return false
	}
	// An ASCII first byte is the name's first rune, which folds to
	// lower's first byte (ASCII) only in its own two cases: most names
	// ("class", "style") end here, their bytes not read.
	if c := name[0]; c < utf8.RuneSelf && c != lower[0] && c|0x20 != lower[0] {
		return false
	}
	for _, c := range name {
		if c >= utf8.RuneSelf {
			return strings.EqualFold(string(name), lower)
		}
	}
	return false
}

// mdRef is the reference of Markdown link md[k], whose block is one of
// blocks.
func mdRef(md []mdLink, k int, blocks []mdBlock) linkRef {
	l := &md[k]
	// The text block that holds it: the first that ends after it starts
	// (they are in document order and do not overlap), if it holds it.
	block := sort.Search(len(blocks), func(i int) bool { return blocks[i].end > l.start })
	if block == len(blocks) || blocks[block].start > l.start || blocks[block].end < l.end {
		block = -1
	}
	kind := refMdLink
	switch {
	case l.image:
		kind = refMdImage
	case l.kind == "autolink":
		kind = refMdAutolink
	case l.kind == "reference":
		kind = refMdReference
	}
	return linkRef{start: l.start, end: l.end, kind: kind, elem: -1, md: int32(k), block: int32(block), src: l.image}
}
