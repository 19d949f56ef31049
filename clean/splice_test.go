package clean

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/mdclean/mdclean/edit"
	"github.com/mdclean/mdclean/frontmatter"
)

// spliceDump writes out all that the body rules may read of a Markdown
// parse of src: the code ranges, the links and the blocks with every
// field, and the tree (every block's inline nodes made first:
// markdown.blockNode) with every node's kind, position, lines, segments
// and the fields that hold bytes of src (not goldmark's flag of blank
// lines before a block, which it reads while it parses lists: no rule
// reads it).
func spliceDump(src []byte, md *markdown) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "code %v\n", md.code)
	for _, l := range md.links {
		fmt.Fprintf(&sb, "link %+v\n", l)
	}
	for _, b := range md.blocks {
		fmt.Fprintf(&sb, "block %d %d %v %T %d plain=%v deferred=%v\n", b.start, b.end, b.tag, b.node, b.node.Pos(), b.plain, b.deferred)
	}
	for i := range md.blocks {
		md.blockNode(src, i) // a plain block's Text nodes, a deferred one's inlines, parsed from src
	}
	_ = ast.Walk(md.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			sb.WriteString(")")
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&sb, "\n(%T pos=%d kids=%d", n, n.Pos(), n.ChildCount())
		if n.Type() == ast.TypeBlock {
			for i := 0; i < n.Lines().Len(); i++ {
				fmt.Fprintf(&sb, " %v", n.Lines().At(i))
			}
		}
		switch n := n.(type) {
		case *ast.Heading:
			fmt.Fprintf(&sb, " level=%d", n.Level)
		case *ast.List:
			fmt.Fprintf(&sb, " marker=%c start=%d tight=%v", n.Marker, n.Start, n.IsTight)
		case *ast.ListItem:
			fmt.Fprintf(&sb, " offset=%d", n.Offset)
		case *ast.HTMLBlock:
			fmt.Fprintf(&sb, " type=%d close=%v", n.HTMLBlockType, n.ClosureLine)
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				fmt.Fprintf(&sb, " info=%v %q", n.Info.Segment, n.Info.Segment.Value(src))
			}
		case *ast.Text:
			fmt.Fprintf(&sb, " %v %q soft=%v hard=%v raw=%v", n.Segment, n.Segment.Value(src), n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
		case *ast.String:
			fmt.Fprintf(&sb, " %q", n.Value)
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				fmt.Fprintf(&sb, " %v %q", seg, seg.Value(src))
			}
		case *ast.Link:
			fmt.Fprintf(&sb, " %q %q", n.Destination, n.Title)
		case *ast.Image:
			fmt.Fprintf(&sb, " %q %q", n.Destination, n.Title)
		case *ast.AutoLink:
			fmt.Fprintf(&sb, " type=%d %q %q %q", n.AutoLinkType, n.Protocol, n.URL(src), n.Label(src))
		case *ast.Emphasis:
			fmt.Fprintf(&sb, " level=%d", n.Level)
		case *ast.LinkReferenceDefinition:
			fmt.Fprintf(&sb, " %q %q %q", n.Label, n.Destination, n.Title)
		}
		return ast.WalkContinue, nil
	})
	return sb.String()
}

// splicePieces make bodies of top-level blocks of every kind, and lines
// that continue or close them: paragraphs with lazy lines and setext
// underlines, lists tight and loose with continuation lines, indented
// code, fences open and closed, HTML blocks of each type, quotes, link
// reference definitions and the links that use them, autolinks, raw HTML,
// code spans, images, headings and thematic breaks.
var splicePieces = []string{
	"A paragraph of the article, with [a link](https://example.com/a \"t\") in it.\n",
	"Text with `code`, *emphasis*, <span class=\"x\">raw HTML</span> and <https://example.com/auto>.\n",
	"A line of the article\nthat goes on.\n",
	"Share this:\n", "代码解读\n", "复制代码\n", "Thanks for reading! Subscribe for free.\n",
	"- one item\n- two items\n", "- item\n\n  continued\n", "1. first\n2. second\n", "* star item\n", "2) other\n",
	"    indented code\n", "```\ncode line\n```\n", "```go\nfenced\n", "~~~\ntilde\n~~~\n", "```\n",
	"<div>\n<p>An HTML block, a sentence.</p>\n</div>\n", "<div class=\"share\"><a href=\"https://example.com/s\">Share</a></div>\n",
	"<!-- a comment -->\n", "<!--\nopen comment\n", "-->\n", "<script>\nvar x;\n</script>\n", "<pre>\npre\n</pre>\n", "<custom-tag>\n",
	"> A quoted line.\n", "> quote\nlazy line\n", ">\n",
	"[r]: https://example.com/r\n", "See [the wiki][r] here.\n", "[r]\n",
	"## A heading\n", "Setext heading\n===\n", "---\n", "***\n", "===\n", "# \n",
	"![an image](https://example.com/i.png)\n", "[![](https://example.com/i.png)](https://example.com/p)\n",
	"\n", "\n", "\n", "\n\n", " \n", "\t\n", "\r\n", "  \n",
	"Text\r\nwith CRLF\r\n", "  Indented two\n", "   - three\n", "\u3000\n", "|a|b|\n|-|-|\n",
}

// spliceDeferPieces are the pieces of TestSpliceMarkdown past
// splicePieces: deferred blocks (mddefer.go), which a splice moves.
var spliceDeferPieces = []string{
	"A sentence with *emphasis* and __strong__ text!\n", "An escaped \\*star\\* and a hard\\\nbreak]\n",
	"- an *item*\n- _two_\n", "> a _quoted_ line!\n", "## A *heading*\n",
}

// TestSpliceMarkdown holds spliceMarkdown to goldmark: on generated
// bodies, with deletions of whole lines anywhere (most of which it
// refuses), whenever it makes a parse of the output, that parse is the
// one parseMarkdown makes of it, field for field; and it makes enough of
// them for the test to mean something.
func TestSpliceMarkdown(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 25))
	n := 60000
	if testing.Short() {
		n = 15000
	}
	pieces := append(slices.Clip(splicePieces), spliceDeferPieces...)
	spliced, rewritten, deferred := 0, 0, 0
	for range n {
		var body []byte
		for k := 1 + r.IntN(8); k > 0; k-- {
			body = append(body, pieces[r.IntN(len(pieces))]...)
		}
		var starts []int // the line starts
		for i := range body {
			if i == 0 || body[i-1] == '\n' {
				starts = append(starts, i)
			}
		}
		starts = append(starts, len(body))
		var be []edit.Edit
		for k := 1 + r.IntN(2); k > 0; k-- {
			i := r.IntN(len(starts) - 1)
			j := i + 1 + r.IntN(min(4, len(starts)-1-i))
			be = append(be, edit.Edit{Start: starts[i], End: starts[j]})
		}
		if len(be) == 2 && be[0].Start < be[1].End && be[1].Start < be[0].End {
			be = be[:1]
		}
		if r.IntN(2) == 0 {
			be = be[:0]
		}
		be = append(be, spliceRewrites(r, body)...)
		if !disjoint(be) {
			continue
		}
		if spliceCheck(t, body, be) {
			spliced++
			if movesDeferred(body, be) {
				deferred++
			}
			if hasRewrite(be) {
				rewritten++
			}
		}
	}
	t.Logf("%d bodies, %d spliced, %d with a rewrite, %d moving a deferred block", n, spliced, rewritten, deferred)
	if spliced < n/20 || rewritten < n/100 || deferred < n/100 {
		t.Fatalf("only %d of %d bodies spliced, %d with a rewrite, %d moving a deferred block", spliced, n, rewritten, deferred)
	}
}

// movesDeferred reports whether a deferred block (mddefer.go) of body
// starts after the first edit of be: the splice moves it.
func movesDeferred(body []byte, be []edit.Edit) bool {
	first := len(body)
	for _, e := range be {
		first = min(first, e.Start)
	}
	md := parseMarkdown(body)
	for _, b := range md.blocks {
		if b.deferred && b.start >= first {
			return true
		}
	}
	return false
}

// spliceRewrites picks rewrites in body: of link destinations, of quoted
// attribute values and of any few bytes, to URLs plain and not.
func spliceRewrites(r *rand.Rand, body []byte) []edit.Edit {
	urls := []string{"https://example.com/new", "https://example.com/a?b=c&d=e", "https://example.com/x_y*z", "https://example.com/(p)",
		"https://example.com/a b", "https://example.com/`c`", "https://example.com/é", "https://example.com/a\\b", "x", "]", "--&gt;",
		"https://example.com/?a=1&amp;b=2", "https://example.com/?a=1&b;c", "https://example.com/&copy", "https://example.com/?a=1\\&b=2",
		"https://example.com/?a=1\\&amp;b", "https://example.com/?a=1\\&b=2&c;", "https://example.com/a\\"}
	var be []edit.Edit
	md := parseMarkdown(body)
	for _, l := range md.links {
		if r.IntN(2) == 0 {
			be = append(be, edit.Edit{Start: l.start, End: l.end, New: []byte(urls[r.IntN(len(urls))])})
		}
	}
	for i := 0; ; {
		k := bytes.Index(body[i:], []byte("=\""))
		if k < 0 {
			break
		}
		a := i + k + 2
		z := bytes.IndexByte(body[a:], '"')
		if z < 0 {
			break
		}
		if r.IntN(2) == 0 && z > 0 {
			be = append(be, edit.Edit{Start: a, End: a + z, New: []byte(urls[r.IntN(len(urls))])})
		}
		i = a + z
	}
	if r.IntN(4) == 0 && len(body) > 4 {
		a := r.IntN(len(body) - 2)
		be = append(be, edit.Edit{Start: a, End: a + 1 + r.IntN(2), New: []byte(urls[r.IntN(len(urls))])})
	}
	return be
}

// disjoint reports whether no two edits of be overlap.
func disjoint(be []edit.Edit) bool {
	for i, x := range be {
		for _, y := range be[i+1:] {
			if x.Start < y.End && y.Start < x.End || x.Start == y.Start {
				return false
			}
		}
	}
	return true
}

// hasRewrite reports whether be holds a rewrite.
func hasRewrite(be []edit.Edit) bool {
	for _, e := range be {
		if e.New != nil {
			return true
		}
	}
	return false
}

// spliceCheck fails when spliceMarkdown makes a parse of the output of
// body's deletions be that is not goldmark's; it reports whether it made
// one.
func spliceCheck(t *testing.T, body []byte, be []edit.Edit) bool {
	t.Helper()
	md := parseMarkdown(body)
	sp := spliceMarkdown(body, &md, be, 0)
	if sp == nil {
		return false
	}
	be = slices.Clone(be)
	slices.SortFunc(be, func(x, y edit.Edit) int { return x.Start - y.Start })
	out, err := edit.Apply(body, be)
	if err != nil {
		t.Fatal(err)
	}
	want := parseMarkdown(out)
	if got, want := spliceDump(out, sp), spliceDump(out, &want); got != want {
		t.Fatalf("the splice is not the parse:\nbody %q\nedits %v\nout %q\n got %s\nwant %s", body, be, out, got, want)
	}
	return true
}

// spliceBody generates a post's body with junk in the middle: article
// text, and between its paragraphs widgets a rule removes (share rows,
// subscribe lines, copy-code buttons, related lists, pixels), before
// lists, indented code, fences, HTML blocks, quotes, lazy lines and
// reference definitions.
func spliceBody(r *rand.Rand) []byte {
	junk := []string{
		"代码解读\n\n复制代码\n", "Share this:\n", "Like this:\n\nLoading...\n",
		"*Thanks for reading! Subscribe for free to receive new posts and support our work.*\n",
		"[Tweet](https://twitter.com/intent/tweet?url=x) [Share](https://www.facebook.com/sharer.php?u=x)\n",
		"<div class=\"sharedaddy\"><h3>Share this:</h3></div>\n", "<div id=\"recommend_bottom\"></div>\n",
		"![](https://hm.baidu.com/hm.gif?x)\n", "Related posts:\n\n- [A](https://example.com/a)\n- [B](https://example.com/b)\n",
		"Copy code\n", "Copied!\n",
	}
	var body []byte
	for k := 2 + r.IntN(5); k > 0; k-- {
		switch r.IntN(3) {
		case 0:
			body = append(body, junk[r.IntN(len(junk))]...)
		default:
			body = append(body, splicePieces[r.IntN(len(splicePieces))]...)
		}
		body = append(body, cutSeps[r.IntN(len(cutSeps))]...)
	}
	body = append(body, cutArticles[r.IntN(len(cutArticles))]...)
	if r.IntN(2) == 0 {
		body = append(body, "\n"+cutEndings[r.IntN(len(cutEndings))]...)
	}
	return body
}

// TestSpliceDocument holds Document with the splice to Document without
// it (every cleaned Markdown body parsed again), byte for byte, change
// for change, on generated posts with junk in the middle, the golden
// cases and the posts of dev, dev2, corpus3 and the trees listed in
// $MDCLEAN_MD_TREES (directories, separated by ':'; e.g. the real
// repositories of posts), and checks the splice's parse of each body it
// spliced (spliceCheck).
func TestSpliceDocument(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 10))
	n := 12000
	if testing.Short() {
		n = 3000
	}
	spliced := 0
	for range n {
		src := append([]byte("---\ntitle: x\n---\n"), spliceBody(r)...)
		if checkSplice(t, "generated", src, Options{Now: goldenNow}) {
			spliced++
		}
	}
	t.Logf("%d generated posts, %d spliced", n, spliced)
	if spliced < n/20 {
		t.Fatalf("only %d of %d posts spliced", spliced, n)
	}
	for _, f := range goldenFiles(t) {
		g := loadGolden(t, f)
		checkSplice(t, f, g.in, g.opts)
	}
	spliced = 0
	dirs := []string{devCorpus, filepath.Join(filepath.Dir(devCorpus), "dev2"), filepath.Join("..", "testdata", "corpus3")}
	posts := eachPost(dirs, func(path string, src []byte) {
		if checkSplice(t, path, src, Options{Path: path, Now: goldenNow}) {
			spliced++
		}
	})
	t.Logf("%d posts, %d spliced", posts, spliced)
}

// checkSplice fails when Document's result on src differs from its result
// without the splice in any byte, change or edit, or when a body the
// first round cleaned splices to another parse than goldmark's; it
// reports whether the first round's body was spliced.
func checkSplice(t *testing.T, name string, src []byte, opts Options) bool {
	t.Helper()
	defer func() { noSplice = false }()
	noSplice = false
	res, err := Document(src, opts)
	noSplice = true
	full, err2 := Document(src, opts)
	noSplice = false
	if (err == nil) != (err2 == nil) {
		t.Fatalf("%s: errors differ: %v, without the splice %v", name, err, err2)
	}
	if !bytes.Equal(res.Out, full.Out) || !reflect.DeepEqual(res.Changes, full.Changes) || !reflect.DeepEqual(res.Edits, full.Edits) {
		t.Fatalf("%s: the splice changes the result:\n in: %q\nout: %q\nwithout: %q\nchanges:\n%s\nwithout:\n%s", name, src, res.Out, full.Out,
			formatChanges(res.Changes), formatChanges(full.Changes))
	}
	// The first round's deletions, spliced and parsed.
	fb, err := frontmatter.Split(src)
	if err != nil {
		return false
	}
	cfg := opts.Config
	if cfg == nil {
		cfg = DefaultConfig()
	}
	isMarkdown := !isHTMLPath(opts.Path)
	be, _, md, _ := cleanBody(src, fb.Body, cfg, defaultRuleSet(), isMarkdown)
	if md == nil || md.root == nil {
		return false
	}
	body := src[fb.Body:]
	shifted := make([]edit.Edit, len(be))
	for i, e := range be {
		shifted[i] = edit.Edit{Start: e.Start - fb.Body, End: e.End - fb.Body, New: e.New}
	}
	return spliceCheck(t, body, shifted)
}

// FuzzSpliceMarkdown holds spliceMarkdown to goldmark on any body, with
// the whole lines from the one holding a to the one holding b deleted,
// and the destination of the first link rewritten when rewrite is set.
func FuzzSpliceMarkdown(f *testing.F) {
	for i, p := range splicePieces {
		q := splicePieces[(i*7+3)%len(splicePieces)]
		f.Add(p+"\n"+q+"\n"+p, len(p)+1, len(p)+1+len(q), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, body string, a, b int, rewrite bool) {
		src := []byte(body)
		if len(src) == 0 || len(src) > 4096 {
			return
		}
		a, b = min(max(a, 0), len(src)-1), min(max(b, 0), len(src)-1)
		if a > b {
			a, b = b, a
		}
		be := []edit.Edit{{Start: lineStart(src, a), End: lineEnd(src, b)}}
		if rewrite {
			if md := parseMarkdown(src); len(md.links) > 0 {
				l := md.links[0]
				be = append(be, edit.Edit{Start: l.start, End: l.end, New: []byte("https://example.com/?a=1\\&b=2")})
			}
		}
		if !disjoint(be) {
			return
		}
		spliceCheck(t, src, be)
	})
}
