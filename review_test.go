package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// browser finds a headless Chromium; MDCLEAN_REQUIRE_BROWSER (set by
// .ci/run) makes its absence an error.
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("MDCLEAN_REQUIRE_BROWSER") != "" {
		t.Fatal("no chromium, but MDCLEAN_REQUIRE_BROWSER is set")
	}
	t.Skip("skipping the review page's browser test: chromium is not installed")
	return ""
}

// TestReviewInBrowser opens the --review page of a small batch in a real
// headless Chromium: the page loads with no network, shows each changed
// post, its filter script hides the posts and changes of other rules
// (#rule=ID), and it renders to a screenshot. MDCLEAN_REVIEW_SHOT=FILE
// keeps the screenshot (docs/review.png is made so).
func TestReviewInBrowser(t *testing.T) {
	endToEnd(t, "opens the review page in headless Chromium")
	chromium := browser(t)
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	posts := filepath.Join(dir, "site", "source", "_posts")
	os.MkdirAll(posts, 0o755)
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"2021-07-19-seed.md": string(seed),
		"tracked.md":         "---\ntitle: Tracked\ndate: 2021-07-20\n---\n\nThe council met on Tuesday. Read <a href=\"https://example.org/a?id=1&amp;utm_source=rss&amp;utm_medium=feed\">the plan</a>.\n\n<img src=\"https://www.google-analytics.com/collect?v=1\" width=\"1\" height=\"1\">\n",
		"fine.md":            "---\ntitle: Fine\ndate: 2021-07-21\n---\n\nNothing to clean here.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(posts, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := filepath.Join(dir, "review.html")
	cmd := exec.Command(bin, "--check", "-q", "--review", page, posts)
	if out, err := cmd.CombinedOutput(); err == nil || cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("mdclean --check --review: %v\n%s", err, out)
	}
	run := func(args ...string) []byte {
		args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
			"--user-data-dir=" + filepath.Join(dir, "profile")}, args...)
		out, err := exec.Command(chromium, args...).Output()
		if err != nil {
			t.Fatalf("chromium %v: %v", args, err)
		}
		return out
	}
	url := "file://" + page
	dom := run("--dump-dom", url)
	posts2 := regexp.MustCompile(`<details class="post"[^>]*>`).FindAll(dom, -1)
	if len(posts2) != 2 {
		t.Fatalf("the page shows %d posts, want the 2 that change:\n%s", len(posts2), dom)
	}
	for _, want := range []string{`id="rules"`, `<span class="rule">tracking-params</span>`, `<del>`, "2021-07-19-seed.md", "tracked.md"} {
		if !bytes.Contains(dom, []byte(want)) {
			t.Errorf("the rendered page has no %s", want)
		}
	}
	if bytes.Contains(dom, []byte("fine.md")) {
		t.Error("the page lists a post that does not change")
	}
	// The filter, run by the page's script: with #rule=tracking-markup
	// the other rules' changes are hidden.
	filtered := run("--dump-dom", url+"#rule=tracking-markup")
	shownLis := regexp.MustCompile(`<li data-rule="tracking-markup">`).FindAll(filtered, -1)
	hiddenLis := regexp.MustCompile(`<li data-rule="[a-z-]+" hidden="">`).FindAll(filtered, -1)
	if len(shownLis) == 0 || len(hiddenLis) == 0 {
		t.Errorf("the filter did not run: %d tracking-markup changes shown, %d others hidden", len(shownLis), len(hiddenLis))
	}
	shot := filepath.Join(dir, "review.png")
	if keep := os.Getenv("MDCLEAN_REVIEW_SHOT"); keep != "" {
		shot, _ = filepath.Abs(keep)
	}
	run("--screenshot="+shot, "--window-size=1200,900", "--hide-scrollbars", url)
	png, err := os.ReadFile(shot)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 10_000 {
		t.Fatalf("no screenshot of the page (%d bytes, %v)", len(png), err)
	}
	// The posts' markup is shown escaped (&lt;img …), never as elements.
	if m := regexp.MustCompile(`<(script|img|link|iframe|a)\b[^>]*(src|href)="[a-z]+:`).Find(dom); m != nil {
		t.Errorf("the page loads or links something outside it: %s", m)
	}
}
