package clean

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/mdclean/mdclean/frontmatter"
)

// Block is a leaf block of a post's body as the body rules see it: what
// mdclean learn counts across a site's posts to find its boilerplate.
type Block struct {
	Text      string // visible text, white space collapsed; "" for none
	Media     bool   // holds an image or other media
	Tag       string // "p", "h2", "li", "div", …
	ID, Class string // an HTML element's id and class attributes
	Markdown  bool   // a Markdown block rather than an HTML element
	Link      bool   // holds a link, or is a list item: an entry of a list of links
	Start     int    // byte offset in the document
	End       int    // byte offset just past the block
}

// Blocks lists the leaf blocks of a post's body, in order. A body that is
// too dense in markup to clean (see memoryBudget) has none.
func Blocks(src []byte, opt Options) ([]Block, error) {
	cfg := opt.Config
	if cfg == nil {
		cfg = DefaultConfig()
	}
	fm, err := frontmatter.Split(src)
	if err != nil {
		return nil, wrapLine(err)
	}
	base := 0
	if fm.Found {
		base = fm.Body
	}
	body := src[base:]
	isMarkdown := !isHTMLPath(opt.Path)
	parseMD := isMarkdown && mayBeMarkdown(body)
	tags := bytes.Count(body, []byte{'<'})
	cost, budget := bodyCost(body, tags, parseMD), memoryBudget(len(body))
	if cost > budget {
		return nil, nil
	}
	s := scratchPool.Get().(*scratch)
	defer s.release()
	b := &bodyCleaner{d: parse(body, s, parseMD, tags), scratch: s, base: base, cfg: cfg, tables: cfg.compiled(), limit: budget - cost}
	b.d.markdownBody = isMarkdown
	bs := b.blocks()
	out := make([]Block, 0, len(bs))
	for k := range bs {
		bl := &bs[k]
		if bl.elem == -1 && !b.balanced(bl.start, bl.end) {
			continue // loose text that no rule may remove: nothing to learn
		}
		blk := Block{Start: base + bl.start, End: base + bl.end, Tag: bl.tag.String(), Markdown: bl.elem == mdLeaf, Link: b.hasLink(bl)}
		if bl.elem == -1 {
			blk.Tag = "text"
		}
		if bl.end-bl.start <= longBlock {
			blk.Text, blk.Media = b.textOf(bl)
			blk.Text = strings.Clone(blk.Text)
		} else {
			blk.Text = "\x00long" // article text: never boilerplate
		}
		if bl.elem >= 0 {
			e := &b.d.elems[bl.elem]
			as := b.attrs(b.d.src[e.start:e.openEnd])
			blk.ID, _ = attrVal(as, "id")
			blk.Class, _ = attrVal(as, "class")
		}
		out = append(out, blk)
	}
	return out, nil
}

// Long reports whether the block was too long to read: article text.
func (b Block) Long() bool { return b.Text == "\x00long" }

// PatternMatcher compiles boilerplate patterns ({n} a number, {*} a short
// run of text) as the boilerplate rule matches them against a block's
// whole text: mdclean learn checks its proposals with it.
type PatternMatcher struct{ res []*regexp.Regexp }

// NewPatternMatcher compiles patterns, one matcher each.
func NewPatternMatcher(patterns []string) *PatternMatcher {
	m := &PatternMatcher{}
	for _, p := range patterns {
		m.res = append(m.res, wholeText([]string{p}))
	}
	return m
}

// Match returns the index of the first pattern that matches text as a
// block's whole text, or -1.
func (m *PatternMatcher) Match(text string) int {
	for i, re := range m.res {
		if re != nil && len(text) <= maxLabelText && re.MatchString(text) {
			return i
		}
	}
	return -1
}
