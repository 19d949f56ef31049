package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mdclean/mdclean/clean"
)

// TestLearnSyntheticTree: a site of 12 posts, each with its own article,
// a footer whose view count changes, a credit line, an empty tracking
// container, and two posts quoting the same sentence in their middle.
// learn proposes the footer (with {n}) and the container, the credit line
// commented out, and neither the quoted sentence nor any article text;
// the proposal, used as the config, removes the footer from every post and
// keeps every article.
func TestLearnSyntheticTree(t *testing.T) {
	dir := t.TempDir()
	quote := "As the minister put it, the road will be finished when it is finished, and not a day before."
	var articles []string
	for i := 0; i < 12; i++ {
		article := fmt.Sprintf("Post %d reports on the council's work on road number %d, which this week reached the river crossing after a long delay.", i, 100+i)
		articles = append(articles, article)
		body := "<p>" + article + "</p>\n"
		if i == 3 || i == 7 {
			body += "<p>" + quote + "</p>\n<p>The works go on through the winter, weather permitting, said the office.</p>\n"
		}
		body += fmt.Sprintf("<p>This post has been read %d times. Thank you for reading Example Roads!</p>\n", 37*i+5)
		body += "<p>来源：Example Roads 编辑部</p>\n"
		body += `<div id="roads-recommend"></div>` + "\n"
		post := fmt.Sprintf("---\ntitle: post %d\n---\n%s", i, body)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%02d.html", i)), []byte(post), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"mdclean", "learn", "-q", dir}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("learn: exit %d\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		`  - "This post has been read {n} times. Thank you for reading Example Roads!"`,
		`  # - "来源：Example Roads 编辑部"`,
		`    - "roads-recommend"`,
		"# all sources: in 12 of 12 posts, at the end; e.g.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("proposal lacks %q:\n%s", want, out)
		}
	}
	for _, not := range append([]string{"the minister", "weather permitting"}, articles...) {
		if strings.Contains(out, not[:min(len(not), 30)]) {
			t.Errorf("article text proposed (%q):\n%s", not, out)
		}
	}
	if stderr.Len() != 0 {
		t.Errorf("-q: stderr %q", stderr.String())
	}
	// The proposal is a valid config, and cleaning with it removes the
	// footer and the container from every post, keeping the articles and
	// (commented out) the credit line.
	cfgFile := filepath.Join(t.TempDir(), "learned.yaml")
	os.WriteFile(cfgFile, stdout.Bytes(), 0o644)
	c, err := loadConfig(cfgFile)
	if err != nil {
		t.Fatalf("the proposal is no config: %v\n%s", err, out)
	}
	for i := 0; i < 12; i++ {
		p := filepath.Join(dir, fmt.Sprintf("p%02d.html", i))
		src, _ := os.ReadFile(p)
		res, err := clean.Document(src, clean.Options{Path: p, Config: c})
		if err != nil {
			t.Fatal(err)
		}
		got := string(res.Out)
		if strings.Contains(got, "has been read") || strings.Contains(got, "roads-recommend") {
			t.Errorf("%s: the footer stayed:\n%s", p, got)
		}
		if !strings.Contains(got, articles[i]) || !strings.Contains(got, "来源：") || (i == 3 || i == 7) && !strings.Contains(got, quote) {
			t.Errorf("%s: article text or the credit line lost:\n%s", p, got)
		}
		for _, ch := range res.Changes {
			if ch.Rule == clean.RuleBoilerplate && ch.Config != cfgFile {
				t.Errorf("a boilerplate change does not name its config: %+v", ch)
			}
		}
	}
}

// TestLearnMinDocs: a text in fewer posts than --min-docs is not proposed;
// the default is the larger of 3 and 2% of the posts.
func TestLearnMinDocs(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 4; i++ {
		footer := ""
		if i < 2 {
			footer = "<p>Get the Example Roads letter</p>"
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%d.html", i)), []byte(fmt.Sprintf("---\ntitle: t\n---\n<p>Article %d is about bridge %d and its long history in the valley.</p>%s", i, i, footer)), 0o644)
	}
	for _, c := range []struct {
		args []string
		want bool
	}{{nil, false}, {[]string{"--min-docs", "2"}, true}, {[]string{"--min-docs", "3"}, false}} {
		var stdout, stderr bytes.Buffer
		run(append(append([]string{"mdclean", "learn", "-q"}, c.args...), dir), nil, &stdout, &stderr)
		if got := strings.Contains(stdout.String(), "Example Roads letter"); got != c.want {
			t.Errorf("%v: proposed %v, want %v\n%s", c.args, got, c.want, stdout.String())
		}
	}
}

// mixedTree writes a tree of posts from several sources, each with its own
// furniture (see TestLearnMixedTree), and returns the articles by file.
func mixedTree(t *testing.T, dir string) map[string][]string {
	t.Helper()
	articles := map[string][]string{}
	write := func(name, fm, body string, arts ...string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("---\n"+fm+"---\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
		articles[p] = arts
	}
	long := func(topic string, i int) string {
		return fmt.Sprintf("The %s story number %d follows the people who keep the %s running through the long winter months, from the early shifts at the depot to the late calls when the snow comes in sideways and every road in the valley needs clearing before the morning buses can leave.", topic, i, topic)
	}
	feeds := []string{"Valley Gazette", "Hill Post", "The River Weekly", "North Road Notes", "Bridge Watchers Club", "Depot", "Ferry Times and Tides"}
	// An importer's footer naming the feed each post came from.
	for i := 0; i < 30; i++ {
		feed := feeds[i*i%len(feeds)]
		a := long("ferry", i)
		write(fmt.Sprintf("feeds/f%02d.html", i), "title: f\n", fmt.Sprintf("<p>%s</p>\n<p>This story was first published in &quot;%s&quot;. <a href=\"https://feeds.example.org/%d\">Read it in full there</a></p>\n", a, feed, i), a)
	}
	// A dateline, and a "further reading" heading with a per-post list.
	months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun"}
	for i := 0; i < 20; i++ {
		a := long("road", i)
		body := fmt.Sprintf("<p>Published 2021年%d月%d日 by the Road Desk</p>\n<p>%s %d%s %d</p>\n<p>%s</p>\n<h3>Further along the road</h3>\n<ul>\n", i%12+1, i+1, months[i%6], i+1, "th", 2020+i%3, a)
		for j := 0; j < 3; j++ {
			body += fmt.Sprintf("<li><a href=\"/roads/%d\">Road works on the %d bypass, part %d</a></li>\n", 7*i+j, 3*i+j, j)
		}
		body += "</ul>\n"
		if i%2 == 0 {
			body += "<p>Thanks for riding along with the <a href=\"/desk\">Road Desk</a> this week</p>\n"
		}
		write(fmt.Sprintf("roads/r%02d.html", i), "title: r\n", body, a)
	}
	// A series sharing its section headings, with tag words at the end.
	for i := 0; i < 12; i++ {
		a, b, c := long("lighthouse", i), long("keeper", i), long("lamp", i)
		write(fmt.Sprintf("series/s%02d.md", i), "title: s\n", fmt.Sprintf("%s\n\n## Details\n\n%s\n\n## Summary\n\n%s\n\nTechnology\n\ntools\n", a, b, c), a, b, c, "## Details", "## Summary")
	}
	// A promo that, in some posts, is the longest of the short blocks.
	for i := 0; i < 15; i++ {
		a := long("harbour", i)
		// One paragraph too long to read as a block: the promo is the
		// longest of the post's short blocks.
		a = strings.TrimSpace(strings.Repeat(a+" ", 9))
		body := "<p>" + a + "</p>\n"
		if i%3 == 0 {
			body += "<p>The harbour master agreed.</p>\n"
		}
		body += "<p>Click to share on Example Social (Opens in new window)</p>\n" // the shipped rules remove it
		body += "<p>Get every story of Example Harbour in your inbox: <a href=\"https://harbour.example.net/subscribe\">subscribe here</a></p>\n<div class=\"container\"></div>\n"
		write(fmt.Sprintf("harbour/h%02d.html", i), "title: h\n", body, a)
	}
	// A footer naming the post's own title.
	for i := 0; i < 10; i++ {
		a := long("mill", i)
		title := []string{"Grinding the winter wheat", "A new wheel for the mill", "Flour prices in the valley", "The miller's apprentice",
			"Repairing the sluice gate", "Open day at the old mill", "Stone dressing explained", "Why the race ran dry",
			"Sacks, carts and ledgers", "The last harvest of the year"}[i]
		write(fmt.Sprintf("mill/m%02d.md", i), "title: \""+title+"\"\n", a+"\n\nThe post ["+title+"](https://mill.example.com/"+strconv.Itoa(i)+") appeared first on [Example Mill](https://mill.example.com).\n", a)
	}
	// An author's habit: the same opening words, then each post's topic.
	for i := 0; i < 12; i++ {
		a := long("workshop", i)
		opener := fmt.Sprintf("In this post I will show you how to mend a %s", []string{"bicycle chain", "leaking tap", "garden fence", "broken chair", "torn sail", "cracked window", "loose floorboard", "squeaky door", "stuck drawer", "flat tyre", "worn boot", "bent rim"}[i])
		write(fmt.Sprintf("workshop/w%02d.md", i), "title: w\n", opener+"\n\n"+a+"\n", opener, a)
	}
	// Many posts without furniture, and a small site whose footer is in
	// its four posts only (learned for its source).
	for i := 0; i < 200; i++ {
		a := long(fmt.Sprintf("topic%d", i), i)
		write(fmt.Sprintf("misc/m%03d.md", i), "title: m\n", a+"\n", a)
	}
	for i := 0; i < 4; i++ {
		a := long("canal", i)
		write(fmt.Sprintf("misc/c%d.md", i), "title: c\nauthor: Canal Crew\n", a+"\n\nBrought to you by the Canal Crew volunteers, every week.\n", a)
	}
	return articles
}

// TestLearnMixedTree: what learn proposes over a mixed tree, and what it
// never proposes; cleaning with the proposal removes the furniture, keeps
// every article, and a second run changes nothing.
func TestLearnMixedTree(t *testing.T) {
	dir := t.TempDir()
	articles := mixedTree(t, dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"mdclean", "learn", "-q", dir}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("learn: exit %d\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		`  - "This story was first published in \"{*}\". Read it in full there"`, // a template, not a literal per feed
		`    - "Further along the road"`,                                         // widgets: related: the heading with its list
		`  - "Get every story of Example Harbour in your inbox: subscribe here"`,
		`  # - "Brought to you by the Canal Crew volunteers, every week."`, // no link, no call to action: may be the author's words
		`  # - "Published {n}年{n}月{n}日 by the Road Desk"`,                  // a dateline: commented out
		`  # - "Feb {n}th {n}"`,
		`; the same for other months: "Jan {n}th {n}", `,             // one entry for every month
		`  - "Thanks for riding along with the Road Desk this week"`, // a footer after the list
		"author: Canal Crew: in 4 of 4 posts",
		"related:\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("proposal lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{`- "Details"`, `- "Summary"`, `"Technology"`, `"tools"`, `"container"`, "\n  - \"Further along the road\"", "harbour master",
		`  - "Published`, "\n  - \"Jan {n}th", "# - \"Jan {n}th", "Opens in new window", "show you how", "bypass", `Hill Post". Read`} {
		if strings.Contains(out, not) {
			t.Errorf("proposed %q:\n%s", not, out)
		}
	}
	cfgFile := filepath.Join(t.TempDir(), "l.yaml")
	os.WriteFile(cfgFile, stdout.Bytes(), 0o644)
	stderr.Reset()
	if code := run([]string{"mdclean", "-w", "-q", "--config", cfgFile, dir}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("-w: exit %d\n%s", code, stderr.String())
	}
	var list bytes.Buffer
	if code := run([]string{"mdclean", "-l", "--config", cfgFile, dir}, nil, &list, &stderr); code != 0 || list.Len() != 0 {
		t.Errorf("a second run changes posts (exit %d):\n%s", code, list.String())
	}
	for p, arts := range articles {
		got, _ := os.ReadFile(p)
		for _, a := range arts {
			if !strings.Contains(string(got), a) {
				t.Errorf("%s: article text lost: %q", p, a)
			}
		}
		for _, junk := range []string{"first published in", "Further along", "bypass", "riding along", "appeared first on Example Mill", "in your inbox"} {
			if strings.Contains(string(got), junk) {
				t.Errorf("%s: %q stayed:\n%s", p, junk, got)
			}
		}
	}
}

// TestLearnEmptyPost: a post of front matter alone has no block; learn
// reads it without a panic.
func TestLearnEmptyPost(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.md"), []byte("---\ntitle: x\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "p.md"), []byte("---\ntitle: y\n---\nSome text of a post.\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"mdclean", "learn", "-q", dir}, nil, &out, &errb); code != 0 {
		t.Fatalf("learn on a tree with an empty post: exit %d: %s", code, errb.String())
	}
}

// learnTree writes posts (name → body, front matter "title: t" and fm)
// under a new directory, runs learn over it and returns the proposal.
func learnTree(t *testing.T, posts map[string][2]string, args ...string) (dir, out string) {
	t.Helper()
	dir = t.TempDir()
	for name, p := range posts {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte("---\ntitle: t\n"+p[0]+"---\n"+p[1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(append(append([]string{"mdclean", "learn", "-q"}, args...), dir), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("learn: exit %d\n%s", code, stderr.String())
	}
	return dir, stdout.String()
}

// checkProposal asserts what a proposal holds uncommented ("- x"),
// commented out ("# - x") and not at all.
func checkProposal(t *testing.T, out string, uncommented, commented, absent []string) {
	t.Helper()
	for _, s := range uncommented {
		if !strings.Contains(out, "- "+strconv.Quote(s)+"\n") || strings.Contains(out, "# - "+strconv.Quote(s)+"\n") {
			t.Errorf("not proposed uncommented: %q\n%s", s, out)
		}
	}
	for _, s := range commented {
		if !strings.Contains(out, "# - "+strconv.Quote(s)+"\n") {
			t.Errorf("not proposed commented out: %q\n%s", s, out)
		}
	}
	for _, s := range absent {
		if strings.Contains(out, s) {
			t.Errorf("proposed: %q\n%s", s, out)
		}
	}
}

func storyText(topic string, i int) string {
	return fmt.Sprintf("The %s report number %d looks at how the %s committee spent its budget this spring, which projects moved ahead, which ones stalled, and what the members said about the plans for the coming year at the open meeting.", topic, i, topic)
}

// TestLearnRelatedHeadlines: a heading with a list at the end is a
// related-posts unit only when every entry is one link, a headline, to
// the site's own posts; a post's takeaways (sentences), references (links
// to many hosts) and release notes (items with text besides their link)
// are the article's and are not proposed; so are links to another host
// than the post's own (its front matter's url), and a heading that heads
// such lists as well as related ones.
func TestLearnRelatedHeadlines(t *testing.T) {
	posts := map[string][2]string{}
	hosts := []string{"alpha.example.org", "beta.example.net", "gamma.example.com"}
	for i := 0; i < 30; i++ {
		body := storyText("garden", i) + "\n\n"
		switch i % 5 {
		case 0:
			body += "## Key Points\n\n- The budget grew by a tenth this year.\n- Two new beds were planted near the gate.\n- The shed roof still needs mending.\n"
		case 1:
			body += "## Sources\n\n"
			for j, h := range hosts {
				body += fmt.Sprintf("- [Garden survey part %d](https://%s/survey/%d)\n", j, h, i)
			}
		case 2:
			body += "## Changes in this release\n\n"
			for j := 0; j < 3; j++ {
				body += fmt.Sprintf("* Fix the watering timer %d by @gardener in https://code.example.org/garden/pull/%d\n", j, 10*i+j)
			}
		case 3:
			if i < 15 {
				body += "## Garden notebook picks\n\n"
			} else {
				body += "## Further garden reading\n\n" // also heads the handbook lists
			}
			for j := 0; j < 3; j++ {
				body += fmt.Sprintf("- [How we planted bed %d](https://garden.example.org/posts/%d)\n", j+i, 3*i+j)
			}
		case 4:
			body += "## Further garden reading\n\n" // one host, but not the site's: documentation
			for j := 0; j < 3; j++ {
				body += fmt.Sprintf("- [Pruning guide chapter %d](https://handbook.example.org/pruning/%d)\n", j, 3*i+j)
			}
		}
		posts[fmt.Sprintf("g%02d.md", i)] = [2]string{fmt.Sprintf("url: https://garden.example.org/posts/g%d\n", i), body}
	}
	_, out := learnTree(t, posts)
	checkProposal(t, out, []string{"Garden notebook picks"}, nil, []string{"Key Points", "Sources", "Changes in this release", "budget grew", "watering timer", "Further garden reading"})
}

// TestLearnAuthorsWords: a line with no link, no call to action and no
// widget's shape (a sign-off, a bio) may be the author's own words: it is
// proposed commented out; a promotion with a link or a call to action is
// proposed.
func TestLearnAuthorsWords(t *testing.T) {
	posts := map[string][2]string{}
	for i := 0; i < 12; i++ {
		body := storyText("orchard", i) + "\n\nThanks a lot for staying with me to the end!\n\nOutside the orchard, Mira paints boats and writes about the sea.\n\nUntil the next harvest,\n\nFollow Mira on Example Social for the next story.\n\nThe sketches are also in [the harbour notes](https://orchard.example.org/notes).\n"
		posts[fmt.Sprintf("o%02d.md", i)] = [2]string{"", body}
	}
	_, out := learnTree(t, posts)
	checkProposal(t, out, []string{"Follow Mira on Example Social for the next story."},
		[]string{"Thanks a lot for staying with me to the end!", "Outside the orchard, Mira paints boats and writes about the sea.", "Until the next harvest,", "The sketches are also in the harbour notes."}, nil)
	if !strings.Contains(out, "the author's own words") {
		t.Errorf("no reason given for the commented-out lines:\n%s", out)
	}
}

// TestLearnCreditShapes: credits, signatures and captions are proposed
// commented out, in the credits section.
func TestLearnCreditShapes(t *testing.T) {
	posts := map[string][2]string{}
	for i := 0; i < 12; i++ {
		body := "<p>" + storyText("river", i) + "</p>\n"
		switch i % 3 {
		case 0:
			body += "<p>▲ 插画 = 河边画室</p>\n<p>" + storyText("bank", i) + "</p>\n<p>张三/李四 (河流通讯社)</p>\n"
		case 1:
			body += "<p>" + storyText("bank", i) + "</p>\n<p>– Ada Brook, editor at River Weekly</p>\n"
		case 2:
			body += "<p>" + storyText("bank", i) + "</p>\n<p>Drawings courtesy of https://pictures.example.org</p>\n"
		}
		posts[fmt.Sprintf("r%02d.html", i)] = [2]string{"", body}
	}
	_, out := learnTree(t, posts)
	checkProposal(t, out, nil, []string{"张三/李四 (河流通讯社)", "– Ada Brook, editor at River Weekly", "Drawings courtesy of https://pictures.example.org"}, nil)
	if i := strings.Index(out, "# Credit, source"); i < 0 || strings.Index(out, "Ada Brook") < i {
		t.Errorf("credits not in the credits section:\n%s", out)
	}
}

// TestLearnNoURLTemplates: an entry whose varying part is inside a URL
// (each post's own video) or that is only a URL is never proposed.
func TestLearnNoURLTemplates(t *testing.T) {
	posts := map[string][2]string{}
	for i := 0; i < 12; i++ {
		body := fmt.Sprintf("%%[https://video.example.org/watch?v=clip%dtalk]\n\n%s\n\n%%[https://video.example.org/channel/riverdesk]\n", i, storyText("talk", i))
		posts[fmt.Sprintf("v%02d.md", i)] = [2]string{"", body}
	}
	_, out := learnTree(t, posts)
	checkProposal(t, out, nil, nil, []string{"video.example.org"})
}

// TestLearnFitsBound: a proposal whose patterns would compile to more than
// a config may hold drops the entries found in the fewest posts, says so,
// and loads.
func TestLearnFitsBound(t *testing.T) {
	posts := map[string][2]string{}
	first := []string{"Ada", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lu", "Max"}
	last := []string{"Reed", "Stone", "Marsh", "Field", "Brook", "Hill", "Wood", "Lane", "Ford", "Dale", "Moor", "Glen"}
	towns := []string{"upper farms", "market towns", "river mills", "hill villages", "coast roads", "forest camps", "lake ferries"}
	for a := 0; a < 150; a++ {
		name := first[a%len(first)] + " " + last[a/len(first)%len(last)]
		slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		footer := fmt.Sprintf("%s covers the %s for the valley desk; every column of %s is on [the page of %s](https://valley.example.org/%s), with notes on the %s", name, towns[a%7], strings.Fields(name)[0], name, slug, towns[(a/7)%7])
		for k := 0; k < 3+a%2; k++ {
			posts[fmt.Sprintf("%s-%d.md", slug, k)] = [2]string{"author: " + name + "\n", storyText(slug, k) + "\n\n" + footer + "\n"}
		}
	}
	dir, out := learnTree(t, posts)
	if !strings.Contains(out, "found in the fewest posts left out") {
		t.Errorf("no entry left out:\n%.3000s", out)
	}
	cfgFile := filepath.Join(dir, "..", "learned.yaml")
	os.WriteFile(cfgFile, []byte(out), 0o644)
	if _, err := loadConfig(cfgFile); err != nil {
		t.Fatalf("the proposal does not load: %v", err)
	}
	if n := strings.Count(out, "\n  - "); n < 50 {
		t.Errorf("only %d entries kept", n)
	}
}

// TestLearnListHeadlines: items of a list of headline links with no
// heading over them (an author's books, a course list, references) are
// the article's, even when the same list ends several posts: not
// proposed; a list item that asks something of the reader is furniture.
func TestLearnListHeadlines(t *testing.T) {
	posts := map[string][2]string{}
	for i := 0; i < 12; i++ {
		body := storyText("kiln", i) + "\n\n"
		if i%2 == 0 {
			body += "Into pottery? My two books:\n\n"
		}
		body += "* [Glazes from the Hillside Kiln](https://books.example.org/glazes)\n* [Wheel Work for Slow Mornings](https://books.example.org/wheel)\n"
		body += "* [Follow the kiln diary on Example Social](https://social.example.org/kiln)\n"
		posts[fmt.Sprintf("k%02d.md", i)] = [2]string{"", body}
	}
	_, out := learnTree(t, posts)
	checkProposal(t, out, []string{"Follow the kiln diary on Example Social"}, nil,
		[]string{"Glazes from the Hillside Kiln", "Wheel Work for Slow Mornings"})
}

// TestLearnProseWithNumbers: a source's recurring intro, a sentence of
// prose whose number and first word vary, is no counter: proposed
// commented out as possibly the author's words; a promotion with a
// number and a link, and a short counter line, are furniture.
func TestLearnProseWithNumbers(t *testing.T) {
	posts := map[string][2]string{}
	ago := []string{"Three", "Four", "Five", "Six"}
	for i := 0; i < 12; i++ {
		body := fmt.Sprintf("%s winters ago, the valley guilds first opened their workshops to visitors. Today, more than %d workshops across the hills welcome guests every weekend of the year.\n\n", ago[i%4], 300+10*i)
		body += storyText("guild", i) + "\n\n"
		body += fmt.Sprintf("Browse %d guides to the valley workshops on [the guild pages](https://guild.example.org/guides) for your next weekend.\n\n", 200+i)
		body += fmt.Sprintf("Visited %d times\n", 17*i+3)
		posts[fmt.Sprintf("w%02d.md", i)] = [2]string{"", body}
	}
	_, out := learnTree(t, posts)
	checkProposal(t, out, []string{"Browse {n} guides to the valley workshops on the guild pages for your next weekend.", "Visited {n} times"},
		[]string{"{*} winters ago, the valley guilds first opened their workshops to visitors. Today, more than {n} workshops across the hills welcome guests every weekend of the year."}, nil)
}

// TestLearnAfterLabel: a block that follows a short label ending with a
// colon is what the label introduces (a newsletter's "Club of the week:"
// and its club): not proposed on its own, even when the same item recurs;
// a call to action under a label is.
func TestLearnAfterLabel(t *testing.T) {
	posts := map[string][2]string{}
	for i := 0; i < 12; i++ {
		body := storyText("harbour", i) + "\n\n### Rowing club of the week:\n\n[Harbour Oars Collective, rowing on the east quay since the flood](https://clubs.example.org/oars)\n\n"
		body += "Find me elsewhere:\n\n[Follow the harbour notes on Example Social](https://social.example.org/harbour)\n"
		posts[fmt.Sprintf("h%02d.md", i)] = [2]string{"", body}
	}
	_, out := learnTree(t, posts)
	checkProposal(t, out, []string{"Follow the harbour notes on Example Social"}, nil, []string{"Harbour Oars Collective"})
}

// TestLearnSeriesNote: a note of the author's environment that opens a
// few posts of a series, its version varying, with a link to the code's
// repository on a code host, has no evidence of furniture: it is
// proposed commented out. The same line pointing to a profile there, to
// the site's pages or to another site (a shop) has a promotion's shape:
// proposed.
func TestLearnSeriesNote(t *testing.T) {
	for _, c := range []struct {
		link      string
		commented bool
	}{
		{"[Codeberg](https://codeberg.org/mira/kiln-tools \"Codeberg\")", true},
		{"[GitHub](https://github.com/mira/kiln-tools)", true},
		{"[GitHub](https://github.com/mira)", false},
		{"[the workshop pages](https://pottery.example.org/workshop/)", false},
		{"[the workshop pages](/workshop/)", false},
		{"[the kiln shop](https://kilnshop.example.com/tools)", false},
	} {
		posts := map[string][2]string{}
		for i := 0; i < 20; i++ {
			body := storyText("kiln", i) + "\n\n" + storyText("glaze", i) + "\n"
			if i < 4 {
				body = fmt.Sprintf("> Firing log kept on Debian 12, Python %d.%d; every script is in %s\n\n", 3, 9+i, c.link) + body
			}
			posts[fmt.Sprintf("k%02d.md", i)] = [2]string{"url: https://pottery.example.org/posts/k" + strconv.Itoa(i) + "\n", body}
		}
		_, out := learnTree(t, posts)
		var label string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, `"Firing log kept`) {
				label = strings.TrimSpace(l)
			}
		}
		if !strings.Contains(label, "Python {n}.{n}") {
			t.Errorf("%s: the note is not proposed as a template:\n%s", c.link, out)
		} else if got := strings.HasPrefix(label, "# - "); got != c.commented {
			t.Errorf("%s: commented out = %v, want %v:\n%s", c.link, got, c.commented, out)
		}
	}
}
