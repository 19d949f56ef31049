package clean

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// A news site's related-stories list ("延伸閱讀：", "Related stories")
// often stands between the article's last paragraph and its credit lines
// (the reporter, the editor, the photographer), which close the post. The
// credits are the article's and stay (the README's promise); the list
// before them is the site's as much as at the very end. Such a list may
// group its links under short labels ("從選民看選舉：" then its links): a
// label inside the list item, ending in a colon, is part of the list.
// The fixture that shows it: testdata/golden/related-before-credits.txtar.

// creditsFrom returns the index of the first of the credit lines that end
// the post (with empty blocks among them), or len(bs) when the post does
// not end in a credit line.
func (b *bodyCleaner) creditsFrom(bs []block, empty []bool) int {
	from := len(bs)
	for k := len(bs) - 1; k >= 0; k-- {
		if empty[k] {
			continue
		}
		bl := &bs[k]
		if bl.elem == -1 {
			break
		}
		if b.tailVerdict(k) != tailCredit {
			break
		}
		from = k
	}
	if from == len(bs) {
		return from
	}
	for from > 0 && empty[from-1] {
		from-- // the rule or blank paragraphs between the list and the credits
	}
	return from
}

// groupLabel reports whether a block is a label that groups the links of
// a list: loose text directly inside a list item, short, ending in a
// colon, with no link.
func (b *bodyCleaner) groupLabel(bl *block) bool {
	if bl.elem != -1 || bl.parent < 0 || b.d.elems[bl.parent].tag != atom.Li || bl.end-bl.start > 4*32 {
		return false
	}
	text, _ := b.peekText(bl)
	if n := utf8.RuneCountInString(text); n < 2 || n > 32 || b.hasLink(bl) {
		return false
	}
	return strings.HasSuffix(text, ":") || strings.HasSuffix(text, "：")
}
