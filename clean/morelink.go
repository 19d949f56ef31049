package clean

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// WordPress's excerpt more-link. An excerpt in a feed (the_excerpt_rss)
// ends where WordPress cut the post, and the themes that replace the
// cut's " [&hellip;]" (the excerpt_more filter: Twenty Thirteen to
// Twenty Seventeen) append " &hellip; " and a link
// "Continue reading<span class="screen-reader-text"> "%s"</span>" naming
// the post: in the feed readers' Markdown, "… Continue reading <title>"
// at the end of the excerpt's paragraph, or the link itself. The string
// is core's and the bundled themes' ("Continue reading %s",
// vocabulary.go's edge lists its translations); only the English one is
// looked for here, where no block of its own holds it.

// moreLinkPhrase is the link's text before the title.
const moreLinkPhrase = "Continue reading"

// moreLinkCuts are how an excerpt's cut is written before the link: the
// themes' &hellip;, as a feed reader writes it.
var moreLinkCuts = []string{"…", "...", "[…]", "[...]", `\[…\]`, `\[...\]`, "&hellip;", "[&hellip;]"}

// moreLinkMarkdown is the link as a Markdown link ending the paragraph.
var moreLinkMarkdown = regexp.MustCompile(`^\[Continue reading[^\[\]\n]*\]\([^()\s]+\)$`)

// moreLinks removes the more-link that ends a Markdown paragraph after an
// excerpt's cut: "… Continue reading <title>" (the title short, no
// sentence: it ends in no full stop or comma) or the same as a Markdown
// link, the cut kept. Not a paragraph that goes on after it, nor one
// whose quotation marks before it are open (a quoted sentence), nor code
// or a heading.
func (b *bodyCleaner) moreLinks(bs []block) {
	src := b.d.src
	for from := 0; ; {
		i := bytes.Index(src[from:], []byte(moreLinkPhrase))
		if i < 0 {
			return
		}
		i += from
		from = i + len(moreLinkPhrase)
		k := blockAt(bs, i)
		if k < 0 {
			continue
		}
		bl := &bs[k]
		if bl.elem != mdLeaf || bl.kind != blockParagraph {
			continue
		}
		end := bl.start + len(bytes.TrimRight(src[bl.start:bl.end], " \t\r\n"))
		start, ok := moreLinkAt(src, bl.start, i, end, b.cfg.Tail.MaxHeadlineChars)
		if !ok || b.d.md.overlapsCode(bl.start, end) {
			continue
		}
		b.addBlock(start, end, "removed WordPress's excerpt more-link "+strconvQuote(strings.TrimSpace(string(src[start:end]))))
		from = end
	}
}

// moreLinkAt reports whether the text at i, up to end (a paragraph's
// trimmed end; the paragraph starts at pstart), is an excerpt's
// more-link, and where the removal starts: right after the cut.
func moreLinkAt(src []byte, pstart, i, end, maxTitle int) (int, bool) {
	at := i
	if at > pstart && src[at-1] == '[' {
		at-- // the link's bracket
		if !moreLinkMarkdown.Match(src[at:end]) {
			return 0, false
		}
	} else {
		rest := string(src[i+len(moreLinkPhrase) : end])
		if strings.ContainsAny(rest, "\n[]<>*_`|\\") || strings.Contains(rest, "](") || rest != "" && rest[0] != ' ' {
			return 0, false // more lines, or markup: not the plain link text
		}
		arrow := false
		for _, a := range []string{"→", "&rarr;", "»"} {
			if t, ok := strings.CutSuffix(strings.TrimSpace(rest), a); ok {
				rest, arrow = t, true
			}
		}
		title := strings.Trim(strings.TrimSpace(rest), `"“”`)
		if title == "" && !arrow || utf8.RuneCountInString(title) > 2*maxTitle ||
			strings.HasSuffix(title, ".") || strings.HasSuffix(title, ",") || strings.HasSuffix(title, "。") {
			return 0, false
		}
	}
	// The cut before it, after the excerpt's text.
	before := bytes.TrimRight(src[pstart:at], " \t")
	cut := ""
	for _, c := range moreLinkCuts {
		if bytes.HasSuffix(before, []byte(c)) && len(c) > len(cut) {
			cut = c
		}
	}
	text := before[:len(before)-len(cut)]
	if cut == "" || len(bytes.TrimSpace(text)) == 0 || bytes.Count(text, []byte(`"`))%2 != 0 ||
		bytes.Count(text, []byte("“")) != bytes.Count(text, []byte("”")) {
		return 0, false
	}
	return pstart + len(before), true
}

// blockAt is the index of the block of bs (in document order, not
// overlapping) that holds offset i, or -1.
func blockAt(bs []block, i int) int {
	lo, hi := 0, len(bs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bs[m].end <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(bs) && bs[lo].start <= i {
		return lo
	}
	return -1
}
