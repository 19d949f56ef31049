package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
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
		"# in 12 of 12 posts, at the end; e.g.",
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
