package site

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestWalkIgnores: git's rules as ripgrep applies them in a walk: the
// repository's .gitignore above the walked directory, nested files,
// negation, directory-only patterns, .git/info/exclude and .mdcleanignore.
func TestWalkIgnores(t *testing.T) {
	root := t.TempDir()
	post := "---\ntitle: t\n---\nbody\n"
	files := map[string]string{
		".git/info/exclude":            "local-*.md\n",
		".gitignore":                   "public/\n*.tmp.md\n!keep.tmp.md\n",
		"blog/.mdcleanignore":          "/imported/\n",
		"blog/posts/a.md":              post,
		"blog/posts/b.tmp.md":          post,
		"blog/posts/keep.tmp.md":       post,
		"blog/posts/local-notes.md":    post,
		"blog/posts/.gitignore":        "drafts/\n",
		"blog/posts/drafts/d.md":       post,
		"blog/imported/i.md":           post,
		"blog/posts/imported/kept.md":  post, // "/imported/" is anchored to blog/
		"blog/public/p.md":             post,
		"blog/posts/public-notes/n.md": post, // "public/" names a directory called public only
		"blog/posts/sub/public":        post, // a file called public is not a directory
	}
	for name, data := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	walk := func(noIgnore bool, arg string) []string {
		var got []string
		Walk(arg, WalkOptions{NoIgnore: noIgnore, Include: []string{"public"}}, func(e WalkEntry) {
			rel, _ := filepath.Rel(root, e.Path)
			got = append(got, filepath.ToSlash(rel))
		})
		slices.Sort(got)
		return got
	}
	want := []string{"blog/posts/a.md", "blog/posts/imported/kept.md", "blog/posts/keep.tmp.md", "blog/posts/public-notes/n.md", "blog/posts/sub/public"}
	if got := walk(false, filepath.Join(root, "blog")); !slices.Equal(got, want) {
		t.Errorf("walk of blog/:\n got %q\nwant %q", got, want)
	}
	// Walking a subdirectory still honours the files above it.
	want = []string{"blog/posts/a.md", "blog/posts/imported/kept.md", "blog/posts/keep.tmp.md", "blog/posts/public-notes/n.md", "blog/posts/sub/public"}
	if got := walk(false, filepath.Join(root, "blog", "posts")); !slices.Equal(got, want) {
		t.Errorf("walk of blog/posts/:\n got %q\nwant %q", got, want)
	}
	if got := walk(true, filepath.Join(root, "blog")); len(got) != 10 {
		t.Errorf("--no-ignore: got %d files %q, want all 10", len(got), got)
	}
}

// TestGlobs: --include and --exclude are doublestar globs.
func TestGlobs(t *testing.T) {
	for _, c := range []struct {
		pattern, rel string
		want         bool
	}{
		{"draft-*.md", "source/_posts/draft-a.md", true},
		{"**/draft-*.md", "source/_posts/draft-a.md", true},
		{"**/draft-*.md", "draft-a.md", true},
		{"source/**/draft-*.md", "source/_posts/2021/draft-a.md", true},
		{"source/**/draft-*.md", "other/_posts/draft-a.md", false},
		{"**/2021/**", "source/_posts/2021/a.md", true},
		{"**/2021/**", "source/_posts/2021", true}, // the directory itself: skipped whole
		{"**/2021/**", "source/_posts/2022/a.md", false},
		{"./source/*.md", "source/a.md", true},
		{"*.{md,html}", "x/a.html", true},
		{"source/", "source", true},
	} {
		base := filepath.Base(c.rel)
		if got := globMatch([]string{c.pattern}, c.rel, base); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", c.pattern, c.rel, got, c.want)
		}
	}
}
