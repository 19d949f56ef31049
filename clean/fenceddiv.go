package clean

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pandoc's fenced divs. Pandoc writes an HTML <div> as a fenced div in
// Markdown: a line of three or more colons and the div's attributes opens
// it, a line of colons alone closes it, and divs nest:
//
//	::: {#secondary .widget-area}
//	…
//	:::
//
// A whole WordPress page converted by pandoc keeps the theme's chrome in
// such divs, named by the classes and ids the themes share (WordPress's
// starter theme _s, which most themes are built on, and the default
// themes): the sidebar, the post navigation, the footer's credit line.
// The page also names its article (class "entry-content"), so what lies
// outside it is no part of the article, by the page's own markup: that
// is the evidence Readability and trafilatura read in class and id names
// ("sidebar", "navigation", "footer"), here only where the body is a
// whole page (one div holds all of it) that marks its article too: a
// post's own "sidebar" box stays. A div with a widget class (rules.yaml
// widgets: classes, as an HTML element's) goes where it holds only labels
// or ends the post. Among the divs, a known label with a hidden-text
// class goes (hiddenLabels), and so does the footer's span of tag links
// (tagSpans).
//
// When unsure, keep: a body whose fences do not pair up, a div that holds
// code or template code, a div around or inside the article are left as
// they are. The fixture that shows it: testdata/golden/pandoc-divs.txtar.

// articleDivClasses mark the article's own container: WordPress themes'
// "entry-content" (the hAtom microformat's name), Blogger's "post-body",
// Ghost's and many themes' "post-content", "article-content" and
// "article-body".
var articleDivClasses = map[string]bool{
	"entry-content": true, "post-content": true, "post-body": true, "article-content": true, "article-body": true,
}

// pageChromeNames are the class and id tokens of a page's chrome in the
// WordPress themes (_s and the default themes: the sidebar and its widget
// area, the site's header, navigation and footer, the post navigation):
// removed only outside an article the page marks (articleDivClasses).
var pageChromeNames = map[string]bool{
	"sidebar": true, "widget-area": true, "site-header": true, "masthead": true, "site-navigation": true,
	"main-navigation": true, "site-footer": true, "colophon": true, "site-info": true,
	"post-navigation": true, "posts-navigation": true, "nav-links": true,
}

// hiddenLabelClasses are WordPress's classes of text a theme hides from
// sight and gives to screen readers ("Skip to content", "Post
// navigation"): a known label that carries one is the theme's.
var hiddenLabelClasses = []string{".screen-reader-text", ".skip-link"}

// fencedDiv is one pandoc fenced div of the body: from the start of its
// opening fence line to the end of its closing fence line.
type fencedDiv struct {
	start, end int
	openEnd    int      // the end of the opening fence line
	names      []string // its class and id tokens, as written (".x", "#y")
	parent     int
	top        bool // both fences start their lines: not inside a list item or quote
	article    bool // it or a div inside it marks the article
	marks      bool // it marks the article (articleDivClasses)
	inArticle  bool // it lies inside a div that marks the article
}

// fenceLine reads a line (without its line ending) as a pandoc div fence:
// open when it has attributes, close when it is colons alone.
func fenceLine(line []byte) (open, close bool, attrs string) {
	t := bytes.TrimLeft(line, " \t")
	if !bytes.HasPrefix(t, []byte(":::")) {
		return false, false, ""
	}
	t = bytes.TrimLeft(t, ":")
	t = bytes.TrimSpace(t)
	if len(t) == 0 {
		return false, true, ""
	}
	// Attributes: "{…}" or one word (a class), then optionally colons.
	t = bytes.TrimSpace(bytes.TrimRight(t, ":"))
	if len(t) == 0 {
		return false, false, "" // "::: :", colons apart: no fence (a fuzz finding)
	}
	if t[0] == '{' {
		if !bytes.HasSuffix(t, []byte("}")) || bytes.ContainsAny(t[1:len(t)-1], "{}") {
			return false, false, ""
		}
		return true, false, string(t[1 : len(t)-1])
	}
	if bytes.ContainsAny(t, " \t{}[]") {
		return false, false, ""
	}
	return true, false, "." + string(t)
}

// divNames returns the class and id tokens of a fenced div's attributes
// ("#id .a .b key=value"), as written.
func divNames(attrs string) []string {
	var out []string
	for _, f := range strings.Fields(attrs) {
		if len(f) > 1 && (f[0] == '.' || f[0] == '#') && !strings.ContainsAny(f, "=\"'") {
			out = append(out, f)
		}
	}
	return out
}

// listOrQuoteFence reports whether a fence line stands inside a list item
// or a block quote ("-   ::: {…}", "> :::", or indented under one).
func listOrQuoteFence(line []byte) bool {
	return len(line) > 0 && line[0] != ':'
}

// mayHoldFence reports whether src has a ":::" at its start or after a
// newline or a space: where a fence line can start. One pass for the rare
// ':' rather than one for each of "\n:::" and " :::" from every newline
// and space.
func mayHoldFence(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte(":::"))
		if j < 0 {
			return false
		}
		i += j
		if i == 0 || src[i-1] == '\n' || src[i-1] == ' ' {
			return true
		}
		i++
	}
}

// fencedDivs lists the body's fenced divs, or nil when its fences do not
// pair up (then none is touched). Fences in code are not fences.
func (b *bodyCleaner) fencedDivs() []fencedDiv {
	src := b.d.src
	if !mayHoldFence(src) {
		return nil
	}
	var divs []fencedDiv
	var stack []int
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '\n')
		next := len(src)
		if j >= 0 {
			next = i + j + 1
		}
		line := bytes.TrimRight(src[i:next], "\r\n")
		t := bytes.TrimLeft(line, " \t>-*+0123456789.)")
		if bytes.HasPrefix(t, []byte(":::")) && inRanges(b.d.md.code, i+len(line)-len(t)) < 0 {
			open, close, attrs := fenceLine(t)
			switch {
			case open:
				parent := -1
				if len(stack) > 0 {
					parent = stack[len(stack)-1]
				}
				stack = append(stack, len(divs))
				divs = append(divs, fencedDiv{start: i, openEnd: next, names: divNames(attrs), parent: parent, top: !listOrQuoteFence(line)})
			case close:
				if len(stack) == 0 {
					return nil
				}
				d := &divs[stack[len(stack)-1]]
				stack = stack[:len(stack)-1]
				d.end = next
				d.top = d.top && !listOrQuoteFence(line)
			}
		}
		i = next
	}
	if len(stack) > 0 {
		return nil // an unclosed div: what it holds is unsure
	}
	// A parent comes before its children: from the end back, a div
	// passes its mark to its parent; from the start on, a child learns
	// that its parent is or lies inside the article.
	for k := len(divs) - 1; k >= 0; k-- {
		d := &divs[k]
		d.marks = slices.ContainsFunc(d.names, func(n string) bool { return n[0] == '.' && articleDivClasses[n[1:]] })
		d.article = d.article || d.marks
		if d.article && d.parent >= 0 {
			divs[d.parent].article = true
		}
	}
	for k := range divs {
		if p := divs[k].parent; p >= 0 {
			divs[k].inArticle = divs[p].marks || divs[p].inArticle
		}
	}
	return divs
}

// divRules removes the chrome of pandoc's fenced divs (see above).
func (b *bodyCleaner) divRules() {
	divs := b.fencedDivs()
	if len(divs) == 0 {
		b.addCuts(b.tagSpans(nil))
		return
	}
	// The body is a whole page when one div holds all of it, and the
	// page marks its article when a div of it has an article class: a
	// post's own boxes are neither.
	page := divs[0].start == b.bodyStart() && blank(b.d.src[divs[0].end:])
	marked := page && divs[0].article
	eligible := func(d *fencedDiv) bool {
		return d.top && !d.article && !overlapsRanges(b.d.md.code, d.start, d.end) && !overlapsRanges(b.d.tmpl, d.start, d.end)
	}
	var cuts []divCut // sorted by start, none inside another
	// Chrome and widgets of labels, outermost first.
	for k := range divs {
		d := &divs[k]
		if inCuts(cuts, d.start) || !eligible(d) {
			continue
		}
		chrome, widget := b.divChrome(d)
		why := ""
		switch {
		case chrome != "" && marked && !d.inArticle:
			why = "page chrome " + chrome + " outside the article a whole page marks"
		case widget != "" && b.divLabelsOnly(d):
			why = "widget " + widget + " holding only labels"
		}
		if why != "" {
			cuts = append(cuts, divCut{d.start, d.end, why})
		}
	}
	// Widgets that end the post: only fences, blank lines and removed
	// divs after them. From the end back, so that a widget before a
	// removed one ends the post too; tail is where that run starts.
	tail := b.tailStart(len(b.d.src), cuts)
	var more []divCut
	for k := len(divs) - 1; k >= 0; k-- {
		d := &divs[k]
		if d.end < tail || inCuts(cuts, d.start) || !eligible(d) {
			continue
		}
		if _, widget := b.divChrome(d); widget != "" {
			more = append(more, divCut{d.start, d.end, "widget " + widget + " at the post's end"})
			if d.start < tail {
				tail = b.tailStart(d.start, cuts)
			}
		}
	}
	cuts = mergeCuts(cuts, more)
	for i := range cuts {
		cuts[i].why = "removed pandoc div " + cuts[i].why + " " + strconvQuote(firstTextLine(b.d.src[cuts[i].start:cuts[i].end]))
	}
	cuts = mergeCuts(cuts, b.hiddenLabels(cuts))
	cuts = mergeCuts(cuts, b.tagSpans(cuts))
	b.addCuts(cuts)
}

// mergeCuts returns the cuts of a and b in order, less those that lie in
// an earlier one (a nested widget inside a removed one).
func mergeCuts(a, b []divCut) []divCut {
	if len(b) == 0 {
		return a
	}
	all := append(a, b...)
	slices.SortFunc(all, func(x, y divCut) int { return x.start - y.start })
	out := all[:0]
	for _, c := range all {
		if len(out) > 0 && c.start < out[len(out)-1].end {
			continue
		}
		out = append(out, c)
	}
	return out
}

// tailStart returns where the run of fence lines, blank lines and cuts
// that ends at pos (a line start) starts. Each call reads back only as
// far as that run goes.
func (b *bodyCleaner) tailStart(pos int, cuts []divCut) int {
	src := b.d.src
	for pos > 0 {
		if k := sort.Search(len(cuts), func(k int) bool { return cuts[k].end >= pos }); k < len(cuts) && cuts[k].end == pos {
			pos = cuts[k].start
			continue
		}
		ls := bytes.LastIndexByte(src[:pos-1], '\n') + 1
		if line := bytes.TrimSpace(src[ls:pos]); len(line) > 0 && !bytes.HasPrefix(line, []byte(":::")) {
			break
		}
		pos = ls
	}
	return pos
}

// addCuts removes the cuts, in order.
func (b *bodyCleaner) addCuts(cuts []divCut) {
	src := b.d.src
	for _, c := range cuts {
		if b.covered(c.start, c.end) {
			continue
		}
		b.unsettled = true
		end := c.end
		if c.start == 0 || c.start >= 2 && src[c.start-1] == '\n' && src[c.start-2] == '\n' {
			for end < len(src) && (src[end] == '\n' || src[end] == '\r') {
				end++ // the blank lines after it too: one blank line stays
			}
			if inCuts(cuts, end) || b.covered(c.end, end) {
				end = c.end
			}
		}
		b.add(RuleWidgets, c.start, end, nil, c.why)
	}
}

// divCut is a removal the div rules decided: whole lines of the body.
type divCut struct {
	start, end int
	why        string
}

// inCuts reports whether offset i lies in one of the sorted cuts.
func inCuts(cuts []divCut, i int) bool {
	k := sort.Search(len(cuts), func(k int) bool { return cuts[k].end > i })
	return k < len(cuts) && cuts[k].start <= i
}

// divChrome says which of d's names marks page chrome and which a widget
// ("" for none), as `class="x"` or `id="x"`.
func (b *bodyCleaner) divChrome(d *fencedDiv) (chrome, widget string) {
	w := &b.tables.widgets
	named := func(n string) string {
		if n[0] == '#' {
			return `id="` + n[1:] + `"`
		}
		return `class="` + n[1:] + `"`
	}
	for _, n := range d.names {
		v := n[1:]
		if chrome == "" && pageChromeNames[v] {
			chrome = named(n)
		}
		if widget == "" && n[0] == '.' {
			if w.classes[v] || slices.ContainsFunc(w.prefixes, func(p string) bool { return strings.HasPrefix(v, p) }) {
				widget = named(n)
			}
		}
	}
	return chrome, widget
}

// divLabelsOnly reports whether div d holds only what a widget holds:
// short lines of labels and links, no sentence, no media, no nested div.
// It reads no further than the first line that says no.
func (b *bodyCleaner) divLabelsOnly(d *fencedDiv) bool {
	src := b.d.src
	total := 0
	for i := d.openEnd; i < d.end; {
		next := d.end
		if j := bytes.IndexByte(src[i:d.end], '\n'); j >= 0 {
			next = i + j + 1
		}
		line := bytes.TrimSpace(src[i:next])
		i = next
		if len(line) == 0 {
			continue
		}
		if bytes.HasPrefix(line, []byte(":::")) {
			if i == d.end {
				break // its closing fence
			}
			return false
		}
		if len(line) > 4*80 || bytes.Contains(line, []byte("![")) || bytes.Contains(line, []byte("<img")) {
			return false
		}
		text := string(line)
		n := utf8.RuneCountInString(text)
		if n > 80 || closedSentence(text) && n >= 20 {
			return false
		}
		if total += n; total > 200 {
			return false
		}
	}
	return true
}

// hiddenLabels adds to the cuts the paragraphs and headings, among a
// page's fenced divs, whose whole text is a known widget label
// (WordPress's "Skip to content", "Post navigation", translated) and whose
// attributes carry a class of hidden text (hiddenLabelClasses): the
// theme's, by both. A chunk is a run of lines at column 0 up to a blank
// line or a fence line.
func (b *bodyCleaner) hiddenLabels(cuts []divCut) []divCut {
	src := b.d.src
	var out []divCut
	start := -1
	for i := 0; i <= len(src); {
		next := len(src) + 1
		var line []byte
		if i < len(src) {
			if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
				next = i + j + 1
			} else {
				next = len(src)
			}
			line = bytes.TrimSpace(src[i:next])
		}
		if len(line) > 0 && !bytes.HasPrefix(line, []byte(":::")) {
			if start < 0 {
				start = i
			}
			i = next
			continue
		}
		if start >= 0 {
			end := min(i, len(src))
			if c := src[start]; end-start <= 2*maxLabelText && c != ' ' && c != '\t' && c != '>' && !inCuts(cuts, start) && inRanges(b.d.md.code, start) < 0 && !overlapsRanges(b.d.tmpl, start, end) {
				if text, ok := hiddenLabelText(src[start:end]); ok && b.isLabel(text) {
					out = append(out, divCut{start, end, "removed widget label (hidden text of the theme: " + strings.Join(hiddenLabelClasses, " or ") + ") " + strconvQuote(text)})
				}
			}
			start = -1
		}
		i = next
	}
	return out
}

// hiddenLabelText returns the text of a chunk that is one Markdown link
// "[text](dest){attrs}", a setext heading "text {attrs}\n---" or an ATX
// heading "## text {attrs}" whose attributes hold a hidden-text class.
func hiddenLabelText(chunk []byte) (string, bool) {
	s := strings.TrimSpace(string(chunk))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		if u := strings.TrimSpace(s[i+1:]); u != "" && (strings.Trim(u, "-") == "" || strings.Trim(u, "=") == "") {
			s = strings.TrimSpace(s[:i]) // a setext heading's underline
		}
	}
	s = strings.TrimLeft(s, "#")
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "}") {
		return "", false
	}
	o := strings.LastIndexByte(s, '{')
	if o < 0 {
		return "", false
	}
	attrs := " " + strings.Join(strings.Fields(s[o+1:len(s)-1]), " ") + " "
	hidden := false
	for _, c := range hiddenLabelClasses {
		hidden = hidden || strings.Contains(attrs, " "+c+" ")
	}
	if !hidden {
		return "", false
	}
	text := strings.TrimSpace(s[:o])
	if strings.HasPrefix(text, "[") && strings.HasSuffix(text, ")") {
		k := strings.Index(text, "](")
		if k < 0 || strings.ContainsAny(text[1:k], "[]") || strings.ContainsAny(text[k+2:len(text)-1], " ()\n") {
			return "", false
		}
		text = text[1:k]
	}
	text = strings.Join(strings.Fields(text), " ")
	if text == "" || strings.ContainsAny(text, "[]{}") {
		return "", false
	}
	return text, true
}

// isLabel reports whether text is a widget label of the tables (the
// labels list, with WordPress's and Jetpack's translations).
func (b *bodyCleaner) isLabel(text string) bool {
	w := &b.tables.widgets
	return len(text) <= maxLabelText && w.ends.may(text) && b.candidates(text)&anchorLabels != 0 && matchLabel(w.labels, text)
}

// bodyStart returns the offset of the body's first line that is not
// blank.
func (b *bodyCleaner) bodyStart() int {
	src := b.d.src
	i := 0
	for i < len(src) {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 || !blank(src[i:i+j]) {
			break
		}
		i += j + 1
	}
	return i
}

// firstTextLine returns the first line of b that is neither blank nor a
// fence, for a change's message.
func firstTextLine(b []byte) string {
	for _, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) > 0 && !bytes.HasPrefix(line, []byte(":::")) {
			return string(line)
		}
	}
	return ""
}

// tagSpans adds to the cuts the tag lists that WordPress themes print in
// a post's footer, as pandoc writes them: a bracketed span of class
// "tags-links" ("[[Tags ]{.screen-reader-text}[boats](…/tag/boats/),
// [knots](…/tag/knots/)]{.tags-links}") whose links are all tags, each
// going to a tag archive and naming its tag (taglinks.go). The span goes,
// the rest of its line (the date, the byline) stays.
func (b *bodyCleaner) tagSpans(cuts []divCut) []divCut {
	src := b.d.src
	var out []divCut
	for from := 0; ; {
		i := indexTagMark(src[from:])
		if i < 0 {
			return out
		}
		end := from + i + len(tagMark)
		close := from + i
		start := openBracket(src, from, close) // not back past the last mark: linear
		from = end
		if start < 0 || inCuts(cuts, start) || inCuts(cuts, close) || overlapsRanges(b.d.md.code, start, end) || overlapsRanges(b.d.tmpl, start, end) {
			continue
		}
		if n, ok := tagLinksOnly(src[start+1 : close]); ok {
			out = append(out, divCut{start, end, "removed the tag links of the theme's post footer (span class=\"tags-links\", " + plural(n, "link", "links") + " to tag archives)"})
		}
	}
}

// tagMark closes a tag-links span.
const tagMark = "]{.tags-links}"

// indexTagMark is bytes.Index(b, tagMark), found by its class (the
// search's first byte '{' is rare in a post, where ']' ends every link
// text) and then the ']' before it (TestIndexTagMark).
func indexTagMark(b []byte) int {
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte(tagMark[1:]))
		if i < 0 {
			return -1
		}
		if i += from; i > 0 && b[i-1] == ']' {
			return i - 1
		}
		from = i + 1
	}
}

// openBracket returns the offset of the "[" that the "]" at close closes,
// counting nested brackets and skipping escaped ones, or -1 (not at or
// after lo, nor within maxTagSpan bytes).
func openBracket(src []byte, lo, close int) int {
	depth := 0
	for i := close; i >= lo && close-i <= maxTagSpan; i-- {
		c := src[i]
		if c != '[' && c != ']' {
			continue
		}
		esc := 0
		for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
			esc++
		}
		if esc%2 == 1 {
			continue
		}
		if c == ']' {
			depth++
		} else if depth--; depth == 0 {
			return i
		}
	}
	return -1
}

// maxTagSpan bounds how far back a tag span's opening bracket is looked
// for: a post's tags take a few lines (40 tags, 4 KB), and a body full of
// "]{.tags-links}" must not make the scan quadratic.
const maxTagSpan = 8 << 10

// hiddenLabelSpan is a span of hidden text that labels a list ("[Tags
// ]{.screen-reader-text}").
var hiddenLabelSpan = regexp.MustCompile(`^\s*\[[^\[\]]{0,40}\]\{\.screen-reader-text\}`)

// mdLinkAny is a Markdown inline link whose text may run over lines.
var mdLinkAny = regexp.MustCompile(`\[([^\[\]]*)\]\(([^()\s]*)\)`)

// tagLinksOnly reports how many links inner holds and whether it holds
// nothing but a hidden label and links that name their tags, separated by
// commas.
func tagLinksOnly(inner []byte) (int, bool) {
	inner = hiddenLabelSpan.ReplaceAll(inner, nil)
	found := mdLinkAny.FindAllSubmatch(inner, -1)
	if len(found) == 0 || len(bytes.Trim(mdLinkAny.ReplaceAll(inner, nil), ", \t\r\n")) > 0 {
		return 0, false
	}
	for _, m := range found {
		if !tagLink(strings.Join(strings.Fields(string(m[1])), " "), string(m[2])) {
			return 0, false
		}
	}
	return len(found), true
}
