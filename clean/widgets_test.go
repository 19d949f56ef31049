package clean

import (
	"strings"
	"testing"
)

// The widget vocabulary is data (rules.yaml); every entry is tested here
// with an example of its own, written for the test (none comes from the
// corpora): where it must go, and where the same words must stay.

// article is a stretch of article text, long enough to be an article.
const article = "The committee published its findings on Monday. The report runs to forty pages and covers the three years since the new rules came in, with figures for every region."

func cleanMD(t *testing.T, body string) (string, []string) {
	t.Helper()
	return cleanAs(t, "post.md", body)
}

func cleanAs(t *testing.T, path, body string) (string, []string) {
	t.Helper()
	src := "---\ntitle: t\n---\n" + body
	res, err := Document([]byte(src), Options{Path: path})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	var rules []string
	for _, c := range res.Changes {
		rules = append(rules, c.Rule+": "+c.Message)
	}
	out := strings.TrimPrefix(string(res.Out), "---\ntitle: t\n---\n")
	// Idempotent, as every rule must be.
	again, err := Document(res.Out, Options{Path: path})
	if err != nil || string(again.Out) != string(res.Out) {
		t.Errorf("not idempotent:\n%s\nthen\n%s", res.Out, again.Out)
	}
	return out, rules
}

// example fills a pattern's {n} and {*}.
func example(p string) string {
	return strings.NewReplacer("{n}", "12", "{*}", "Example Weekly", "{t}", "A Walk Along the Old Canal").Replace(p)
}

func TestWidgetLabelsEverywhereAlone(t *testing.T) {
	for _, p := range DefaultConfig().Widgets.Labels {
		label := example(p)
		// A widget's whole sentence alone in the middle of a post goes; a
		// short label ("Like this:", "Loading...") is also prose there,
		// and goes only next to other widget furniture.
		whole := len(strings.Fields(label)) >= 4 || !strings.Contains(label, " ") && len([]rune(label)) >= 4 && label[0] >= 0x80 ||
			strings.HasSuffix(label, "...") // a loading placeholder
		pair := label + "\n\n" + example(DefaultConfig().Widgets.Labels[0])
		if whole {
			pair = label
		}
		out, _ := cleanMD(t, article+"\n\n"+pair+"\n\n"+article+"\n")
		if strings.Contains(out, label) {
			t.Errorf("label %q: a block of its own stayed:\n%s", p, out)
		}
		if strings.Count(out, article) != 2 {
			t.Errorf("label %q: article text lost:\n%s", p, out)
		}
		if !whole {
			out, _ = cleanMD(t, article+"\n\n"+label+"\n\n"+article+"\n")
			if !strings.Contains(out, label) {
				t.Errorf("label %q: removed alone between paragraphs:\n%s", p, out)
			}
			// At the end of the post, nothing after it: goes.
			out, _ = cleanMD(t, article+"\n\n"+article+"\n\n"+label+"\n")
			if strings.Contains(out, label) {
				t.Errorf("label %q: stayed at the end:\n%s", p, out)
			}
			pair = "<p>" + label + "</p><p>" + example(DefaultConfig().Widgets.Labels[0]) + "</p>"
		} else {
			pair = "<p>" + label + "</p>"
		}
		// In HTML too.
		out, _ = cleanAs(t, "post.html", "<p>"+article+"</p>"+pair+"<p>"+article+"</p>")
		if strings.Contains(out, label) {
			t.Errorf("label %q: a <p> of its own stayed:\n%s", p, out)
		}
		// Inside a sentence: the author's words, kept.
		sentence := "As the banner said, " + label + " and we went on reading the whole report with care."
		out, _ = cleanMD(t, article+"\n\n"+sentence+"\n")
		if !strings.Contains(out, sentence) {
			t.Errorf("label %q: removed from inside a sentence:\n%s", p, out)
		}
	}
}

func TestWidgetEdges(t *testing.T) {
	for _, p := range DefaultConfig().Widgets.Edges {
		line := example(p)
		// At the end of a post, after the article: goes.
		out, _ := cleanMD(t, article+"\n\n"+article+"\n\n"+line+"\n")
		if strings.Contains(out, "\n"+line) {
			t.Errorf("edge %q: stayed at the end:\n%s", p, out)
		}
		// In the middle: kept (a "Points: 12" in a match report is text).
		out, _ = cleanMD(t, article+"\n\n"+article+"\n\n"+line+"\n\n"+article+"\n\n"+article+"\n")
		if !strings.Contains(out, line) {
			t.Errorf("edge %q: removed from the middle:\n%s", p, out)
		}
	}
	// At the start: a reading time under the title.
	out, _ := cleanMD(t, "# A title\n\n7 min read\n\n"+article+"\n")
	if strings.Contains(out, "min read") || !strings.Contains(out, "# A title") {
		t.Errorf("reading time at the start:\n%s", out)
	}
	// A feed importer's comment lines (hnrss shape), all at the end.
	out, _ = cleanMD(t, article+"\n\nArticle URL: https://example.org/post\n\nComments URL: https://news.example.com/item?id=1\n\nPoints: 3\n\n# Comments: 0\n")
	if strings.Contains(out, "Points") || strings.Contains(out, "Comments") || !strings.Contains(out, "Article URL") {
		t.Errorf("feed lines:\n%s", out)
	}
	// "[comments](…)" as the last line.
	out, _ = cleanMD(t, article+"\n\n[comments](https://news.example.com/item?id=2)\n")
	if strings.Contains(out, "comments") {
		t.Errorf("[comments] link at the end stayed:\n%s", out)
	}
}

func TestWidgetCopyCode(t *testing.T) {
	for _, p := range DefaultConfig().Widgets.CopyCode {
		// Next to a fence: goes; the code stays byte for byte.
		code := "```go\nfmt.Println(\"" + p + "\")\n```"
		out, _ := cleanMD(t, article+"\n\n"+p+"\n\n"+code+"\n\n"+article+"\n")
		if strings.Contains(out, "\n"+p+"\n") || !strings.Contains(out, code) {
			t.Errorf("copy label %q next to code:\n%s", p, out)
		}
		// After an HTML <pre>.
		out, _ = cleanAs(t, "post.html", "<p>"+article+"</p><pre><code>x := 1</code></pre><p>"+p+"</p><p>"+article+"</p>")
		if strings.Contains(out, "<p>"+p+"</p>") {
			t.Errorf("copy label %q after <pre>:\n%s", p, out)
		}
		// Far from code: the word is the author's.
		out, _ = cleanMD(t, article+"\n\n"+p+"\n\n"+article+"\n\n"+article+"\n")
		if !strings.Contains(out, "\n"+p+"\n") {
			t.Errorf("copy label %q removed away from code:\n%s", p, out)
		}
	}
	// juejin's pair: "代码解读" then "复制代码" then the code.
	out, _ := cleanMD(t, article+"\n\n代码解读\n\n复制代码\n\n```\nls -l\n```\n")
	if strings.Contains(out, "代码解读") || strings.Contains(out, "复制代码") {
		t.Errorf("pair of copy labels:\n%s", out)
	}
}

func TestWidgetRelated(t *testing.T) {
	for _, p := range DefaultConfig().Widgets.Related {
		head := example(p)
		// A heading and a list of links at the end: goes, in Markdown...
		md := article + "\n\n## " + head + "\n\n- [First other post](https://example.org/a)\n- [Second other post](https://example.org/b)\n"
		out, _ := cleanMD(t, md)
		if strings.Contains(out, "other post") || !strings.Contains(out, article) {
			t.Errorf("related %q (Markdown) at the end:\n%s", p, out)
		}
		// ...and in HTML.
		h := "<p>" + article + "</p><h3>" + head + "</h3><ul><li><a href=\"/a\">First other post</a></li><li><a href=\"/b\">Second other post</a></li></ul>"
		out, _ = cleanAs(t, "post.html", h)
		if strings.Contains(out, "other post") || !strings.Contains(out, article) || strings.Contains(out, "<ul>") {
			t.Errorf("related %q (HTML) at the end:\n%s", p, out)
		}
		// A section of the article under the same heading: kept.
		md = article + "\n\n## " + head + "\n\n" + article + "\n\n" + article + "\n"
		out, _ = cleanMD(t, md)
		if !strings.Contains(out, "## "+head) {
			t.Errorf("related %q: a real section was cut:\n%s", p, out)
		}
		// A list of links that the article goes on after: kept.
		md = article + "\n\n## " + head + "\n\n- [First other post](https://example.org/a)\n\n" + article + "\n"
		out, _ = cleanMD(t, md)
		if !strings.Contains(out, "First other post") {
			t.Errorf("related %q: removed in the middle:\n%s", p, out)
		}
	}
}

func TestWidgetClasses(t *testing.T) {
	for _, c := range DefaultConfig().Widgets.Classes {
		c = strings.TrimSuffix(c, "*")
		w := `<div class="` + c + `"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>`
		out, _ := cleanAs(t, "post.html", "<p>"+article+"</p>"+w+"<p>"+article+"</p>")
		if strings.Contains(out, c) {
			t.Errorf("class %q: a widget of labels stayed:\n%s", c, out)
		}
		// The same class around article text in the middle: kept.
		text := `<div class="` + c + `"><p>` + article + `</p></div>`
		out, _ = cleanAs(t, "post.html", "<p>"+article+"</p>"+text+"<p>"+article+"</p>")
		if !strings.Contains(out, text) {
			t.Errorf("class %q: article text removed:\n%s", c, out)
		}
		// At the end it goes whatever it holds (a related-posts box).
		rel := `<div class="` + c + `"><p>` + article + `</p></div>`
		out, _ = cleanAs(t, "post.html", "<p>"+article+"</p><p>"+article+"</p>"+rel)
		if strings.Contains(out, c) {
			t.Errorf("class %q: a widget at the end stayed:\n%s", c, out)
		}
	}
}

func TestWidgetShareHosts(t *testing.T) {
	for _, h := range DefaultConfig().Widgets.ShareHosts {
		link := `<a href="https://` + h + `?u=https%3A%2F%2Fexample.org%2Fp">Share</a>`
		out, _ := cleanAs(t, "post.html", "<p>"+article+"</p><p>"+link+" | "+link+"</p><p>"+article+"</p>")
		if strings.Contains(out, h) {
			t.Errorf("share host %q: a block of share links stayed:\n%s", h, out)
		}
		// A share link inside a sentence is the author's.
		s := "<p>If you liked it, " + link + " it with a friend who follows the committee's work closely.</p>"
		out, _ = cleanAs(t, "post.html", "<p>"+article+"</p>"+s)
		if !strings.Contains(out, s) {
			t.Errorf("share host %q: removed from a sentence:\n%s", h, out)
		}
	}
}

func TestWidgetEmbedHosts(t *testing.T) {
	for _, h := range DefaultConfig().Widgets.EmbedHosts {
		f := `<iframe src="https://` + h + `/x?id=1"></iframe>`
		out, _ := cleanAs(t, "post.html", "<p>"+article+"</p>"+f+"<p>"+article+"</p>")
		if strings.Contains(out, h) {
			t.Errorf("embed host %q stayed:\n%s", h, out)
		}
	}
}

func TestBeaconHosts(t *testing.T) {
	for _, h := range DefaultConfig().Tracking.BeaconHosts {
		u := "https://" + h
		if !strings.Contains(h, "/") {
			u += "/p.gif"
		}
		u += "?id=7"
		out, _ := cleanAs(t, "post.html", `<p>`+article+`</p><img src="`+u+`">`)
		if strings.Contains(out, h) {
			t.Errorf("beacon %q (HTML) stayed:\n%s", h, out)
		}
		out, _ = cleanMD(t, article+"\n\n![]("+u+")\n")
		if strings.Contains(out, h) {
			t.Errorf("beacon %q (Markdown) stayed:\n%s", h, out)
		}
	}
	// A subdomain of a listed host, and a counter badge: the link goes with its image.
	out, _ := cleanMD(t, article+" [![](https://icon.cnzz.com/img/x.gif)](https://www.cnzz.com/stat.php?id=1 \"stat\")\n")
	if strings.Contains(out, "cnzz") || !strings.Contains(out, article) {
		t.Errorf("counter badge:\n%s", out)
	}
	// An ordinary image is content.
	out, _ = cleanMD(t, article+"\n\n![a chart](https://img.example.org/chart.png)\n")
	if !strings.Contains(out, "chart.png") {
		t.Errorf("an ordinary image was removed:\n%s", out)
	}
}

// TestRelatedBeforeBoilerplate: a related-posts list followed by the
// site's own footer (from the config's boilerplate: table) goes with the
// footer in one run; a second run finds nothing.
func TestRelatedBeforeBoilerplate(t *testing.T) {
	user, err := ParseConfig([]byte("boilerplate: [\"Thanks for riding along with Example Roads\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig().Merge(user)
	src := "---\ntitle: t\n---\n<p>" + article + "</p>\n<h3>Related posts</h3>\n<ul>\n<li><a href=\"/a\">The river crossing reopens</a></li>\n" +
		"<li><a href=\"/b\">A new bus line for the valley</a></li>\n</ul>\n<p>Thanks for riding along with Example Roads</p>\n"
	res, err := Document([]byte(src), Options{Path: "post.html", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.Out)
	if strings.Contains(out, "Related") || strings.Contains(out, "river crossing") || strings.Contains(out, "riding along") || !strings.Contains(out, article) {
		t.Errorf("want the list and the footer gone, the article kept:\n%s", out)
	}
	again, _ := Document(res.Out, Options{Path: "post.html", Config: cfg})
	if again.Changed() {
		t.Errorf("a second run changes it:\n%s", again.Out)
	}
}
