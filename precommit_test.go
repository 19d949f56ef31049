package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mdclean/mdclean/site"
	"go.yaml.in/yaml/v3"
)

// TestHookExcludes checks every hook's exclude against the directories a
// walk skips (walkskip.go): the site's templates at any depth, its build
// output at the root; posts are never excluded. pre-commit's Python
// regular expressions and Go's agree on this subset.
func TestHookExcludes(t *testing.T) {
	data, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID      string `yaml:"id"`
		Exclude string `yaml:"exclude"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	excluded := []string{"public/index.html", "themes/x/layouts/post.html", "static/a.md", "node_modules/x/README.md"}
	for _, dir := range site.OwnDirs() {
		excluded = append(excluded, dir+"/default.html", "docs/"+dir+"/post.md")
	}
	kept := []string{"source/_posts/news.md", "content/posts/layouts-in-css.md", "_posts/2021-07-19-x.md", "docs/public-talks.md"}
	for _, h := range hooks {
		re, err := regexp.Compile(h.Exclude)
		if err != nil {
			t.Fatalf("%s: exclude: %v", h.ID, err)
		}
		for _, p := range excluded {
			if !re.MatchString(p) {
				t.Errorf("%s: exclude does not match %s", h.ID, p)
			}
		}
		for _, p := range kept {
			if re.MatchString(p) {
				t.Errorf("%s: exclude matches the post %s", h.ID, p)
			}
		}
	}
	if len(hooks) < 3 {
		t.Fatalf("read %d hooks, want 3", len(hooks))
	}
}

// TestPreCommit proves the hooks in .pre-commit-hooks.yaml with the real
// tool: in a throwaway git repository holding a damaged post, the mdclean
// hook fails and fixes the post, then passes; mdclean-check fails and
// changes nothing. It needs pre-commit (Debian's package) and the Go
// module proxy; .ci/run installs the one and sets MDCLEAN_REQUIRE_PRECOMMIT
// so that it cannot be skipped there.
func TestPreCommit(t *testing.T) {
	endToEnd(t, "pre-commit test builds the hook environment")
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("MDCLEAN_REQUIRE_PRECOMMIT") != "" {
			t.Fatal("pre-commit is not installed but MDCLEAN_REQUIRE_PRECOMMIT is set")
		}
		t.Skip("pre-commit not installed (apt-get install pre-commit); .ci/run installs it")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		t.Skip("not a git checkout: pre-commit try-repo needs one")
	}
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	home := t.TempDir()
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+home, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(name string, args ...string) {
		if out, err := run(name, args...); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	post := filepath.Join(dir, "source", "_posts", "news.md")
	os.MkdirAll(filepath.Dir(post), 0o755)
	if err := os.WriteFile(post, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	// Not posts: a theme's README and a layout with the owner's own
	// analytics tag. pre-commit names them; the hooks leave them alone.
	readme := filepath.Join(dir, "README.md")
	notPost := "# My blog\n<img src=\"https://www.google-analytics.com/collect?v=1\" width=\"1\" height=\"1\">\n"
	if err := os.WriteFile(readme, []byte(notPost), 0o644); err != nil {
		t.Fatal(err)
	}
	must("git", "init", "-q")
	must("git", "add", ".")
	must("git", "commit", "-q", "-m", "a damaged post")

	// The check-only hook fails and leaves the post alone.
	out, err := run("pre-commit", "try-repo", root, "mdclean-check", "--files", "source/_posts/news.md")
	if err == nil || !strings.Contains(out, "Failed") {
		t.Fatalf("mdclean-check on a damaged post should fail:\n%s", out)
	}
	if got, _ := os.ReadFile(post); string(got) != string(seed) {
		t.Fatal("mdclean-check changed the post")
	}

	// The fixing hook fails the first time, having fixed the post...
	out, err = run("pre-commit", "try-repo", root, "mdclean", "--files", "source/_posts/news.md")
	if err == nil || !strings.Contains(out, "files were modified by this hook") {
		t.Fatalf("first run should fail and fix the post:\n%s", out)
	}
	got, _ := os.ReadFile(post)
	if !strings.Contains(string(got), "\ndate: 2021-07-19\n") || strings.Contains(string(got), "recommend_bottom") {
		t.Fatalf("the post was not cleaned:\n%s", got)
	}
	out, err = run("pre-commit", "try-repo", root, "mdclean", "--files", "README.md")
	if err != nil || !strings.Contains(out, "Passed") {
		t.Fatalf("a file without front matter should pass untouched: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(readme); string(got) != notPost {
		t.Fatalf("the hook edited a file without front matter:\n%s", got)
	}
	// The system hook runs the mdclean on PATH, with no Go toolchain of
	// ours: the built binary first, then the system's directories (where
	// Debian's old go may be, as apt install hugo brings it).
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "mdclean"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if p, err := exec.LookPath("pre-commit"); err == nil {
		os.Symlink(p, filepath.Join(bin, "pre-commit"))
	}
	if err := os.WriteFile(post, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	path := bin + ":/usr/bin:/bin"
	if old := os.Getenv("MDCLEAN_OLD_GO"); old != "" {
		// An old go first on PATH (Debian's 1.19, which apt install hugo
		// may bring): too old to build this module, no matter to the
		// system hook.
		ver, err := exec.Command(filepath.Join(old, "go"), "version").Output()
		if err != nil || !strings.Contains(string(ver), "go1.19") {
			t.Fatalf("MDCLEAN_OLD_GO=%s: want go1.19 there, got %q (%v)", old, ver, err)
		}
		path = bin + ":" + old + ":/usr/bin:/bin"
	}
	sys := exec.Command("pre-commit", "try-repo", root, "mdclean-system", "--files", "source/_posts/news.md")
	sys.Dir = dir
	sys.Env = append(os.Environ(), "PATH="+path, "PRE_COMMIT_HOME="+home)
	outb, err := sys.CombinedOutput()
	if err == nil || !strings.Contains(string(outb), "files were modified by this hook") {
		t.Fatalf("mdclean-system should fix the post: %v\n%s", err, outb)
	}
	if got, _ := os.ReadFile(post); !strings.Contains(string(got), "\ndate: 2021-07-19\n") {
		t.Fatalf("mdclean-system did not clean the post:\n%s", got)
	}
	// ...and passes the second time.
	out, err = run("pre-commit", "try-repo", root, "mdclean", "--files", "source/_posts/news.md")
	if err != nil || !strings.Contains(out, "Passed") {
		t.Fatalf("second run should pass: %v\n%s", err, out)
	}
}
