package clean

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	textm "github.com/yuin/goldmark/text"

	"github.com/mdclean/mdclean/edit"
)

// spliceMarkdown returns the Markdown parse of out, the body that the
// body edits be (document offsets; base is the body's start) made of
// body, built from md, body's parse, without parsing again; nil when it
// cannot show the two equal. Then unsafeBody's code check, and the second
// round that reads it (fixpoint), do without a goldmark parse of out: a
// widget removed from the middle of a post (a share row, a subscribe
// line, a copy-code button) cost its body a second parse.
//
// It holds for rewrites of plain URLs that leave the parse as it was
// (rewriteSettles), and for deletions, each of whole lines that hold whole
// top-level blocks and nothing else ("stretches", adjacent deletions
// merged), where
//
//   - the line before the stretch is blank (or the stretch starts or
//     ends the body), and the top-level block before it, if any, is one that a
//     blank line leaves closed whatever follows: a paragraph, a heading,
//     a thematic break, a block quote (its continuation needs a ">"), an
//     HTML block (its end condition met, or a blank line for types 6 and
//     7) or a fenced code block (closed by its fence: an open one would
//     hold the stretch). Not a list or an indented code block, which
//     blank lines continue into what follows;
//   - a top-level block starts on the first line of the stretch that is
//     not blank, and on the first such line after it (if any): CommonMark
//     read both lines at the top level, closing all that was open, so
//     nothing of the stretch continued before it, no lazy line or setext
//     underline of it follows, and nothing after it belonged to it;
//   - it holds no code (the code check would refuse it anyway, and its
//     ranges are what the second round masks) and no "]:" (a link
//     reference definition, which links anywhere may use).
//
// So at the stretch's first line the parser holds the document alone, and
// so it does after the blank line before it in out: the line after the
// stretch starts the same block in both (a line that started a block
// interrupting a paragraph starts it after a blank line too), and from
// there on the input is the same bytes, read in the same state, with the
// same references. The parse of out is md without the stretches' blocks,
// every offset after an edit moved by what it took or added, and a
// rewritten destination spelled anew.
// TestSpliceMarkdown holds it to goldmark's parse of out.
//
// It takes md's tree to make the new one (its nodes are shifted in place):
// md must not be read again. A model with template code (md.root nil:
// cleanBody hands none out) is not spliced.
func spliceMarkdown(body []byte, md *markdown, be []edit.Edit, base int) *markdown {
	if md == nil || md.root == nil || len(be) == 0 || len(be) > maxSplice {
		return nil
	}
	var buf [8]spliceEdit
	eds := buf[:0]
	for _, e := range be {
		eds = append(eds, spliceEdit{s: e.Start - base, e: e.End - base, repl: e.New})
	}
	slices.SortFunc(eds, func(x, y spliceEdit) int { return x.s - y.s })
	merged := eds[:1]
	for _, c := range eds[1:] {
		last := &merged[len(merged)-1]
		switch {
		case c.s < last.e:
			return nil // edits never overlap
		case c.s == last.e && c.repl == nil && last.repl == nil:
			last.e = c.e
		default:
			merged = append(merged, c)
		}
	}
	eds = merged
	for _, c := range eds {
		if c.s < 0 || c.e > len(body) || c.s >= c.e {
			return nil
		}
	}

	// The top-level blocks, each with its first line's start; which of
	// them go and which stay.
	var kidBuf [64]ast.Node
	kids := kidBuf[:0]
	for n := md.root.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Pos() < 0 {
			return nil
		}
		kids = append(kids, n)
	}
	k := 0 // the first top-level block not before the current stretch
	type dest struct {
		n    ast.Node
		repl []byte
	}
	var destBuf [4]dest
	dests := destBuf[:0] // the links whose destination a rewrite spells anew
	for _, c := range eds {
		s, e := c.s, c.e
		if c.repl != nil {
			node, ok := rewriteSettles(body, md, kids, c)
			if !ok {
				return nil
			}
			if node != nil {
				dests = append(dests, dest{node, c.repl})
			}
			continue
		}
		if s > 0 && body[s-1] != '\n' || e < len(body) && body[e-1] != '\n' {
			return nil
		}
		if s > 0 && e < len(body) && !mdBlankLine(body[lineStart(body, s-1):s]) {
			// (A stretch that ends the body leaves the block before it
			// last, closed by the body's end as it was by the stretch.)
			return nil
		}
		if overlapsRanges(md.code, s, e) || bytes.Contains(body[s:e], []byte("]:")) {
			return nil
		}
		for k < len(kids) && kids[k].Pos() < s {
			k++
		}
		if k > 0 && !closedByBlank(kids[k-1]) {
			return nil
		}
		f := s + mdBlankPrefix(body[s:e])
		if f == e || k == len(kids) || lineStart(body, kids[k].Pos()) != lineStart(body, f) {
			return nil
		}
		for k < len(kids) && kids[k].Pos() < e {
			k++
		}
		if g := e + mdBlankPrefix(body[e:]); g < len(body) {
			if k == len(kids) || lineStart(body, kids[k].Pos()) != lineStart(body, g) {
				return nil
			}
		}
	}
	// shift maps an offset of body outside the edits to out's; ok is
	// false for one inside an edit. An edit's start stays, its end moves
	// to the end of its new bytes.
	shift := func(x int) (int, bool) {
		d := 0
		for _, c := range eds {
			if x <= c.s {
				break
			}
			if x < c.e {
				return 0, false
			}
			d += len(c.repl) - (c.e - c.s)
		}
		return x + d, true
	}
	inCut := func(x int) bool {
		for _, c := range eds {
			if c.repl == nil && x >= c.s && x < c.e {
				return true
			}
		}
		return false
	}

	// The model's ranges: each lies wholly in a stretch (it goes) or out
	// of all of them (it moves).
	out := &markdown{}
	for _, r := range md.code {
		a, ok1 := shift(r[0])
		z, ok2 := shift(r[1])
		if !ok1 || !ok2 || inCut(r[0]) || a == 0 && r[0] > 0 {
			// An empty range (an empty fence's) at a stretch's start is in
			// it. At the body's start an empty fence's range reads
			// otherwise (blockRange: lineEnd of 0 is not 0).
			return nil
		}
		out.code = append(out.code, [2]int{a, z})
	}
	out.links = make([]mdLink, 0, len(md.links))
	for _, l := range md.links {
		if inCut(l.start) {
			if !inCut(l.end-1) && l.end > l.start {
				return nil
			}
			continue
		}
		for _, c := range eds {
			if c.repl != nil && c.s == l.start && c.e == l.end {
				l.dest = strings.ReplaceAll(string(c.repl), `\&`, "&") // plain bytes, as the parser reads them (plainURL)
			}
		}
		var ok [6]bool
		l.start, ok[0] = shift(l.start)
		l.end, ok[1] = shift(l.end)
		l.open, ok[2] = shiftKnown(shift, l.open)
		l.close, ok[3] = shiftKnown(shift, l.close)
		l.wrapOpen, ok[4] = shiftKnown(shift, l.wrapOpen)
		l.wrapClose, ok[5] = shiftKnown(shift, l.wrapClose)
		if slices.Contains(ok[:], false) {
			return nil
		}
		out.links = append(out.links, l)
	}
	out.blocks = make([]mdBlock, 0, len(md.blocks))
	for _, b := range md.blocks {
		if inCut(b.start) {
			if !inCut(b.end - 1) {
				return nil
			}
			continue
		}
		var ok1, ok2 bool
		if b.start, ok1 = shift(b.start); !ok1 {
			return nil
		}
		if b.end, ok2 = shift(b.end); !ok2 {
			return nil
		}
		out.blocks = append(out.blocks, b)
	}

	// The tree: the stretches' blocks go, and the nodes from the block
	// that holds the first edit on move. Nothing above was changed: from
	// here on it succeeds.
	root := md.root
	var first ast.Node
	for _, n := range kids {
		switch {
		case inCut(n.Pos()):
			root.RemoveChild(root, n)
		case n.Pos() <= eds[0].s || first == nil:
			first = n
		}
	}
	for n := first; n != nil; n = n.NextSibling() {
		shiftTree(body, n, func(x int) int { y, _ := shift(x); return y })
	}
	for _, d := range dests {
		setDestination(d.n, d.repl)
	}
	out.root = root
	return out
}

// spliceEdit is an edit of spliceMarkdown, in body offsets.
type spliceEdit struct {
	s, e int
	repl []byte // nil: a deletion
}

// rewriteSettles reports whether the rewrite c leaves the parse of body
// as it was but for the rewritten bytes: a plain URL (plainURL) for the plain destination of an inline link or image (not a
// wrapping link's, which its image's model holds too; not a reference's,
// which the links that use it hold), whose node it returns (goldmark
// keeps a destination's bytes as written); or a plain quoted attribute
// value for plain bytes inside raw HTML, inline
// or a block, that no text node holds. Neither the old bytes nor the new
// can end a link, a tag, a line or an HTML block, start code or an
// entity, or escape anything, so a parser reads the same nodes around
// them. Anything else is unsure.
func rewriteSettles(body []byte, md *markdown, kids []ast.Node, c spliceEdit) (ast.Node, bool) {
	if overlapsRanges(md.code, c.s, c.e) {
		return nil, false
	}
	var link *mdLink
	for i := range md.links {
		l := &md.links[i]
		if l.start < c.e && c.s < l.end || l.start == c.s {
			if l.start != c.s || l.end != c.e || l.angle || l.kind != "link" && l.kind != "image" {
				return nil, false
			}
			link = l
		}
		if l.wrapOpen >= 0 && l.close <= c.s && c.s < l.wrapClose {
			return nil, false // the destination of the link around an image
		}
	}
	if md := link != nil; !plainURL(body[c.s:c.e], md) || !plainURL(c.repl, md) {
		return nil, false
	}
	// The top-level block that holds it, read for the node.
	k := sort.Search(len(kids), func(i int) bool { return kids[i].Pos() > c.s }) - 1
	if k < 0 {
		return nil, false
	}
	var dest ast.Node
	raw, text := false, false
	inside := func(seg textm.Segment) bool { return seg.Start <= c.s && c.e <= seg.Stop }
	_ = ast.Walk(kids[k], func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if n.Segment.Start < c.e && c.s < n.Segment.Stop {
				text = true
			}
		case *ast.AutoLink, *ast.LinkReferenceDefinition:
			p := n.Pos()
			if p < c.e && c.s < lineEnd(body, p) {
				text = true
			}
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				raw = raw || inside(n.Segments.At(i))
			}
		case *ast.HTMLBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				raw = raw || inside(n.Lines().At(i))
			}
		case *ast.Link, *ast.Image:
			if link != nil && destStart(body, n) == c.s {
				dest = n
			}
		}
		return ast.WalkContinue, nil
	})
	if text || link != nil && (dest == nil || raw) {
		return nil, false
	}
	if link == nil {
		// A quoted attribute value: an unquoted one may not hold '='. No
		// reference definition: raw HTML in a link's text is part of the
		// label a reference is matched by.
		if !raw || c.s == 0 || c.e >= len(body) || bytes.Contains(body, []byte("]:")) {
			return nil, false
		}
		if q := body[c.s-1]; q != '"' && q != '\'' || body[c.e] != q {
			return nil, false
		}
	}
	return dest, true
}

// destStart is where the destination of the inline link or image n
// starts, as parseMarkdown found it (-1 when it is none).
func destStart(body []byte, n ast.Node) int {
	var l mdLink
	ok := false
	switch n := n.(type) {
	case *ast.Link:
		l, ok = inlineDest(body, n.Pos(), n.Destination, false)
	case *ast.Image:
		l, ok = inlineDest(body, n.Pos(), n.Destination, true)
	}
	if !ok {
		return -1
	}
	return l.start
}

// setDestination gives the link or image n the destination dest.
func setDestination(n ast.Node, dest []byte) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = dest
	case *ast.Image:
		n.Destination = dest
	}
}

// plainURL reports whether b is a non-empty run of bytes that a URL may
// hold and that mean nothing to a Markdown or HTML parser inside a
// destination or an attribute value: no white space, quote, bracket,
// parenthesis, angle bracket, backslash or backtick. In a Markdown
// destination (md), '&', escaped ("\&": mdPlainDest spells it so) or not,
// stands only where no ';' could end an entity (parseMarkdown's reading
// of a destination resolves both).
func plainURL(b []byte, md bool) bool {
	if len(b) == 0 {
		return false
	}
	amp := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c <= ' ' || c == 0x7f:
			return false
		case c == '\\' && md && i+1 < len(b) && b[i+1] == '&':
			i++
			amp = true
		case c == '"' || c == '\'' || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\' || c == '`':
			return false
		case c == '&':
			amp = true
		}
	}
	return !md || !amp || bytes.IndexByte(b, ';') < 0
}

// maxSplice bounds the edits spliceMarkdown takes: its checks scan the
// edits for each offset (a post has a few).
const maxSplice = 64

// shiftKnown is shift for an offset that may be unknown (-1).
func shiftKnown(shift func(int) (int, bool), x int) (int, bool) {
	if x < 0 {
		return x, true
	}
	return shift(x)
}

// closedByBlank reports whether a top-level block n is closed by a blank
// line after it whatever follows (see spliceMarkdown).
func closedByBlank(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.Heading, *ast.ThematicBreak, *ast.Blockquote, *ast.HTMLBlock, *ast.FencedCodeBlock:
		return true
	}
	return false
}

// mdBlankLine reports whether line holds nothing but spaces, tabs and
// line endings: a blank line for CommonMark.
func mdBlankLine(line []byte) bool {
	return mdBlankPrefix(line) == len(line)
}

// mdBlankPrefix is the length of the spaces, tabs and line endings that
// start b.
func mdBlankPrefix(b []byte) int {
	for i, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return i
		}
	}
	return len(b)
}

// shiftTree moves every offset in the subtree of n by shift: positions,
// block lines, text segments, raw HTML, an HTML block's closing line, a
// fence's info string and an autolink's text (held unexported: the node
// is replaced). (A block's flag of blank lines before it is goldmark's
// while it parses lists; no rule reads it.)
func shiftTree(body []byte, n ast.Node, shift func(int) int) {
	seg := func(s textm.Segment) textm.Segment {
		if s.Start < 0 {
			return s
		}
		s.Start, s.Stop = shift(s.Start), shift(s.Stop)
		return s
	}
	segs := func(ss *textm.Segments) {
		for i := 0; ss != nil && i < ss.Len(); i++ {
			ss.Set(i, seg(ss.At(i)))
		}
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		p := n.Pos()
		if p >= 0 {
			n.SetPos(shift(p))
		}
		if n.Type() == ast.TypeBlock {
			segs(n.Lines())
		}
		switch n := n.(type) {
		case *ast.Text:
			n.Segment = seg(n.Segment)
		case *ast.RawHTML:
			segs(n.Segments)
		case *ast.HTMLBlock:
			n.ClosureLine = seg(n.ClosureLine)
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				n.Info.Segment = seg(n.Info.Segment)
			}
		case *ast.AutoLink:
			// Its text is an unexported Text, the bytes between "<" (its
			// position) and ">" (goldmark's autoLinkParser): a new node
			// holds them moved.
			v := ast.NewTextSegment(seg(textm.NewSegment(p+1, p+1+len(n.Label(body)))))
			a := ast.NewAutoLink(n.AutoLinkType, v)
			a.Protocol = n.Protocol
			a.SetPos(shift(p))
			n.Parent().ReplaceChild(n.Parent(), n, a)
			return
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling() // c may be replaced
			walk(c)
			c = next
		}
	}
	walk(n)
}
