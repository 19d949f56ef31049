package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// linearMatch is lazyText.match trying every pattern in turn, as first
// written: the index by first character must not change an answer.
func (l *lazyText) linearMatch(text string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text, " \t\r\n"))
	r = unicode.ToLower(r)
	lower := strings.ToLower(text)
	for i, a := range l.anchors {
		if f := l.first[i]; f >= 0 && f != r {
			continue
		}
		if a != "" && !strings.Contains(lower, a) {
			continue
		}
		l.once[i].Do(func() { l.res[i] = wholeText(l.pats[i : i+1]) })
		if l.res[i].MatchString(text) {
			return true
		}
	}
	return false
}

func TestLazyTextIndex(t *testing.T) {
	w := &DefaultConfig().compiled().widgets
	lists := []*lazyText{w.labels, w.placeholders, w.edges, w.openEdges, w.copyCode, w.related}
	// Texts: the patterns themselves with their holes filled, in both
	// cases and with space around, and the lines of the test data.
	var texts []string
	for _, l := range lists {
		for _, p := range l.pats {
			s := strings.NewReplacer("{n}", "12", "{*}", "x y", "{t}", "Title").Replace(p)
			texts = append(texts, s, strings.ToUpper(s), "  "+s, s+" more", "x "+s)
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.txtar"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	matched := 0
	for _, l := range lists {
		if l == nil {
			continue
		}
		for _, s := range texts {
			got, want := l.match(s), l.linearMatch(s)
			if got != want {
				t.Fatalf("match(%q) = %v, want %v", s, got, want)
			}
			if got {
				matched++
			}
		}
	}
	if matched < 100 {
		t.Fatalf("only %d matches", matched)
	}
}
