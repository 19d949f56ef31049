package learn

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestLearnDatelines: datelines and bylines are the post's metadata,
// proposed commented out; other lines are not taken for them.
func TestLearnDatelines(t *testing.T) {
	for text, want := range map[string]bool{
		"Published {n}年{n}月{n}日 by the Road Desk": true,
		"Jan {n}th {n}":                           true,
		"{n}-{n}-{n}":                             true,
		"By Jane Doe":                             true,
		"作者 | 王小明，李华":                             true,
		"翻译：赵六":                                   true,
		"原创 王小明 港口观察":                             true,
		"原创文章，转载请注明":                              false,
		"文件下载请到附件区":                               false,
		"Discuss this article in our forums":      false,
		"Bye for now from the Example Roads team": false,
	} {
		if got := datelineRe().MatchString(text); got != want {
			t.Errorf("%q: dateline %v, want %v", text, got, want)
		}
	}
}

// TestLearnTemplateOpenEnd: when the first of a template's members is all
// literal (the others add words at its end), the template is open at
// that end; the induction once read past the first member's tokens.
func TestLearnTemplateOpenEnd(t *testing.T) {
	mk := func(text string) tokShape {
		toks := tokenRe().FindAllString(text, -1)
		norm := make([]string, len(toks))
		for i, tk := range toks {
			norm[i] = strings.ToLower(strings.TrimSpace(tk))
		}
		return tokShape{s: &shapeStat{text: text}, toks: toks, norm: norm}
	}
	shapes := []tokShape{
		mk("Read the whole story on the Example Harbour site"),
		mk("Read the whole story on the Example Harbour site today"),
		mk("Read the whole story on the Example Harbour site this week"),
	}
	template(shapes, []int{0, 1, 2}) // must not panic
}

// TestSpillRoundTrip: posts written to the spill, in memory and through
// its temporary file, come back as they went in, in order.
func TestSpillRoundTrip(t *testing.T) {
	defer func(n int) { spillMemory = n }(spillMemory)
	for _, limit := range []int{1 << 20, 1} {
		spillMemory = limit
		var posts []*Post
		for i := 0; i < 50; i++ {
			p := &Post{index: i, name: fmt.Sprintf("p%d.md", i), groups: []string{"author: Ada", fmt.Sprintf("directory d%d", i%3)}, article: uint64(i) * 0x9e3779b97f4a7c15, only: ""}
			if i%7 == 0 {
				p.groups, p.only = nil, "a short post"
			}
			for k := 0; k < i%4; k++ {
				p.obs = append(p.obs, obs{key: "read {n} times", text: "Read {n} times", raw: fmt.Sprintf("Read %d times", i), kind: k % 2, where: uint8(1 << (k % 3)), heading: k == 1, related: k == 2, inList: k == 3, link: i%2 == 0, ownList: k == 2, listLink: k == 3, afterLabel: k == 1})
				p.obs = append(p.obs, obs{key: "same", text: "same", raw: "same"})
			}
			posts = append(posts, p)
		}
		var s spill
		for _, p := range posts {
			s.write(p)
		}
		if limit == 1 && s.file == nil {
			t.Fatal("no temporary file")
		}
		var got []*Post
		if err := s.each(func(p *Post) { got = append(got, p) }); err != nil {
			t.Fatal(err)
		}
		s.close()
		if !reflect.DeepEqual(got, posts) {
			t.Errorf("limit %d: the posts came back changed", limit)
		}
	}
}

// TestSketch: a shape counted twice is seen twice; one counted once
// rarely is.
func TestSketch(t *testing.T) {
	s := newSketch()
	for i := uint64(0); i < 1000; i++ {
		h := hashKey(fmt.Sprint(i))
		s.add(h)
		if i%2 == 0 {
			s.add(h)
		}
	}
	fp := 0
	for i := uint64(0); i < 1000; i++ {
		h := hashKey(fmt.Sprint(i))
		if i%2 == 0 && !s.twice(h) {
			t.Fatalf("%d: undercounted", i)
		}
		if i%2 == 1 && s.twice(h) {
			fp++
		}
	}
	if fp > 2 {
		t.Errorf("%d of 500 shapes seen once taken for twice", fp)
	}
}

// TestAwayLink: a link or URL counts as furniture's evidence unless it
// goes to a repository on a code host (the author's code): a profile
// there is a social link, a site hosted there a site, and the site's own
// pages count (a scraped site's furniture links to them).
func TestAwayLink(t *testing.T) {
	for _, c := range []struct {
		block string
		away  bool
	}{
		{"all scripts are in [GitHub](https://github.com/mira/kiln \"GitHub\")", false},
		{"see [the gist](https://gist.github.com/mira/1a2b)", false},
		{"mirror on [Gitee](https://gitee.com/mira/kiln) and [Codeberg](https://codeberg.org/mira/kiln/src/branch/main/fire.py)", false},
		{`<a href="https://gitlab.com/mira/kiln">the code</a>`, false},
		{"[the code](https://www.GitHub.com/mira/kiln)", false},
		{"GitHub: [@mira](https://github.com/mira)", true},
		{"[older posts](/archive/)", true},
		{"[older posts](https://pottery.example.org/archive/)", true},
		{"[the book](https://mira.github.io/kiln-book/)", true},
		{"[the shop](https://kilnshop.example.com/)", true},
		{"[GitHub](https://github.com/mira/kiln) and [the shop](https://kilnshop.example.com/)", true},
		{"[write to me](mailto:mira@example.org)", true},
		{"[not github](https://notgithub.com/x/y)", true},
	} {
		if got := awayLink([]byte(c.block)); got != c.away {
			t.Errorf("awayLink(%q) = %v, want %v", c.block, got, c.away)
		}
	}
	for _, c := range []struct {
		text string
		away bool
	}{
		{"the code: https://github.com/mira/kiln.", false},
		{"the code: www.github.com/mira/kiln", false},
		{"more at https://pottery.example.org/more", true},
		{"follow https://github.com/mira", true},
		{"buy it at www.kilnshop.example.com", true},
		{"no address here", false},
	} {
		if got := awayURL(c.text); got != c.away {
			t.Errorf("awayURL(%q) = %v, want %v", c.text, got, c.away)
		}
	}
}
