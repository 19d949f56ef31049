package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// defaultExts are the extensions of the files a walk takes for posts.
// MDX files (Astro, Docusaurus, Next.js) are taken too, so that a walk can
// say it left them alone (mdclean cleans them only with --all-files).
var defaultExts = []string{".md", ".markdown", ".html", ".mdx"}

// skipDirs are never walked into.
var skipDirs = map[string]bool{".git": true, "node_modules": true, ".hg": true, ".svn": true}

// WalkOptions say which files of a tree a walk takes for posts.
type WalkOptions struct {
	// Include and Exclude are doublestar globs (--include, --exclude): a
	// pattern without a "/" matches the base name, one with a "/" the
	// path relative to the walked directory.
	Include, Exclude []string
	// NoIgnore walks past .gitignore and .mdcleanignore (--no-ignore).
	NoIgnore bool
	// AllFiles enters the site's own directories (layouts, archetypes,
	// themes, submodules) too (--all-files).
	AllFiles bool
	// Special, when set, is asked about each regular file's name before
	// any other rule: a file it takes is reported with Special set, however
	// it is named (mdclean's own stale temporary files).
	Special func(name string) bool
}

// A WalkEntry is what a walk found, in walk order: a post (Path), a
// special file (Special), a path it could not read (Err), or a directory
// it skipped as the site's own (SkipWhy says why).
type WalkEntry struct {
	Path    string
	Err     error
	Special bool
	SkipWhy string
}

// Walk walks the directory root for posts and calls fn for each entry.
// Symlinks met in a walk are not followed (so a link loop cannot trap it);
// a root that is a symlink to a directory is followed, as gofmt follows
// it. Hidden directories, .git, node_modules, ignored paths and, without
// AllFiles, the site's own directories are skipped.
func Walk(root string, opt WalkOptions, fn func(WalkEntry)) {
	if li, err := os.Lstat(root); err == nil && li.Mode()&os.ModeSymlink != 0 {
		// WalkDir does not follow a root that is a symlink; with a
		// trailing separator the root is the directory it names.
		root = root + string(filepath.Separator)
	}
	var ig *Ignorer
	rootAbs := ""
	if !opt.NoIgnore {
		ig = newIgnorer(root)
		rootAbs = ig.root
	}
	var site *walkSkip // the site's own files and submodules (walkskip.go)
	if !opt.AllFiles {
		if rootAbs == "" {
			rootAbs, _ = filepath.Abs(root)
		}
		base := ""
		if ig != nil {
			base = ig.base
		}
		site = newWalkSkip(rootAbs, base)
	}
	walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fn(WalkEntry{Path: p, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel := ""
		if len(opt.Include)+len(opt.Exclude) > 0 || ig != nil || site != nil && d.IsDir() {
			rel, _ = filepath.Rel(root, p) // only patterns and directories need it
		}
		name := d.Name()
		if d.IsDir() {
			if p != root {
				// Hidden directories (.github, .obsidian) hold no posts.
				if skipDirs[name] || strings.HasPrefix(name, ".") || opt.excluded(rel, name) ||
					ig != nil && ig.ignored(filepath.Join(rootAbs, rel), true) {
					return fs.SkipDir
				}
				if why := site.why(filepath.Join(rootAbs, rel), name); why != "" {
					fn(WalkEntry{Path: p, SkipWhy: why})
					return fs.SkipDir
				}
			}
			if ig != nil {
				ig.readDir(filepath.Join(rootAbs, rel))
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // symlinks and special files are not followed in a walk
		}
		if opt.Special != nil && opt.Special(name) {
			fn(WalkEntry{Path: p, Special: true})
			return nil
		}
		if strings.HasPrefix(name, ".") || opt.excluded(rel, name) || !opt.included(rel, name) ||
			ig != nil && ig.ignored(filepath.Join(rootAbs, rel), false) {
			return nil
		}
		fn(WalkEntry{Path: p})
		return nil
	})
	if walkErr != nil {
		fn(WalkEntry{Path: root, Err: walkErr})
	}
}

// HiddenPath reports whether a path goes through a directory a walk does
// not enter: a hidden one (".git", ".obsidian") or node_modules.
func HiddenPath(p string) bool {
	parts := strings.Split(filepath.ToSlash(filepath.Dir(p)), "/")
	for _, d := range parts {
		if d != "." && d != ".." && (strings.HasPrefix(d, ".") || skipDirs[d]) {
			return true
		}
	}
	return false
}

func (opt *WalkOptions) included(rel, base string) bool {
	if globMatch(opt.Include, rel, base) {
		return true
	}
	ext := strings.ToLower(filepath.Ext(base))
	for _, e := range defaultExts {
		if ext == e {
			return true
		}
	}
	return false
}

func (opt *WalkOptions) excluded(rel, base string) bool { return globMatch(opt.Exclude, rel, base) }
