package site

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// siteDirs are the directories of a site's own files, which a walk skips
// at any depth (a site may live in docs/ or site/ of its repository, and
// a theme anywhere): their files are templates, and some have front
// matter. Cleaned, Jekyll's _layouts/default.html lost the site's own
// analytics and share buttons, and Hugo's archetypes/default.md had its
// template quotes escaped, after which hugo new failed (issue 20). A walk
// enters them when named as its root, or with --all-files.
var siteDirs = map[string]string{
	"_layouts":   "Jekyll's layouts, the site's own templates",
	"_includes":  "Jekyll's includes, the site's own templates",
	"layouts":    "Hugo's layouts, the site's own templates",
	"archetypes": "Hugo's archetypes, the templates of new posts",
	"scaffolds":  "Hexo's scaffolds, the templates of new posts",
	"themes":     "the site's themes, not its posts",
}

// OwnDirs are the names of the directories of a site's own files, which
// a walk skips at any depth (Walk's AllFiles enters them), sorted.
func OwnDirs() []string {
	names := make([]string, 0, len(siteDirs))
	for name := range siteDirs {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// walkSkip decides which directories of one walk are the site's own
// files or another repository's.
type walkSkip struct {
	submodules map[string]bool // absolute paths listed in .gitmodules
}

// newWalkSkip reads the .gitmodules of the walk's root and of the
// repository root above it (base; "" when unknown), both absolute.
func newWalkSkip(root, base string) *walkSkip {
	s := &walkSkip{submodules: map[string]bool{}}
	for _, dir := range []string{root, base} {
		if dir == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, ".gitmodules"))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), "=")
			if ok && strings.TrimSpace(k) == "path" {
				if v = strings.TrimSpace(v); v != "" {
					s.submodules[filepath.Join(dir, filepath.FromSlash(v))] = true
				}
			}
		}
	}
	return s
}

// why says why a walk skips the directory abs (base name name), "" when
// it does not (always, on a nil walkSkip: --all-files).
func (s *walkSkip) why(abs, name string) string {
	if s == nil {
		return ""
	}
	if w, ok := siteDirs[name]; ok {
		return w
	}
	if s.submodules[abs] {
		return "a git submodule (.gitmodules), another repository's files"
	}
	if fi, err := os.Lstat(filepath.Join(abs, ".git")); err == nil && fi.Mode().IsRegular() {
		return "a git submodule (it has a .git file), another repository's files"
	}
	return ""
}
