package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Ignore files honoured in a directory walk, as ripgrep and prettier
// honour them: a site's public/, resources/ and vendored themes are
// usually in .gitignore, and .mdcleanignore (same syntax) names what only
// mdclean should skip. go-git's gitignore package implements git's rules
// (negation, anchoring, "**", directory-only patterns).
var ignoreFiles = []string{".gitignore", ".mdcleanignore"}

// ignorer holds the ignore patterns met so far in one walk. Patterns are
// scoped by their file's directory (go-git's domain), relative to base:
// the repository root above the walk's root, or the root itself.
type ignorer struct {
	root     string // the walk's root, absolute
	base     string // absolute
	patterns []gitignore.Pattern
	files    []string // the ignore files read, for --print-config and -v
}

// newIgnorer prepares the ignore patterns for a walk of root: those of the
// repository's .git/info/exclude and of every .gitignore and .mdcleanignore
// between the repository root and root (exclusive: the walk reads root's
// own).
func newIgnorer(root string) *ignorer {
	abs, err := filepath.Abs(root)
	if err != nil {
		return &ignorer{root: root, base: root}
	}
	ig := &ignorer{root: abs, base: abs}
	var chain []string // root's parents, up to the repository root
	if !fileExistsL(filepath.Join(abs, ".git")) {
		for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
			chain = append(chain, dir)
			if fileExistsL(filepath.Join(dir, ".git")) {
				ig.base = dir
				break
			}
			if isLookupRoot(dir) || filepath.Dir(dir) == dir {
				chain = nil // not in a repository: only the walk's own files
				break
			}
		}
	}
	ig.read(filepath.Join(ig.base, ".git", "info", "exclude"), ig.base)
	for i := len(chain) - 1; i >= 0; i-- {
		ig.readDir(chain[i])
	}
	return ig
}

// namedIgnored reports whether a file named on the command line is
// ignored by the ignore files above it (up to the repository root), as
// prettier ignores named files; --no-ignore turns it off. Ignorers are
// kept per directory: pre-commit names every staged file.
func (cfg *config) namedIgnored(p string) bool {
	if cfg.noIgnore {
		return false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	dir := filepath.Dir(abs)
	if cfg.namedIgnorers == nil {
		cfg.namedIgnorers = map[string]*ignorer{}
	}
	ig := cfg.namedIgnorers[dir]
	if ig == nil {
		ig = newIgnorer(dir)
		ig.readDir(dir)
		cfg.namedIgnorers[dir] = ig
	}
	return ig.ignored(abs, false)
}

// readDir reads the ignore files of dir, when it has any.
func (ig *ignorer) readDir(dir string) {
	for _, name := range ignoreFiles {
		ig.read(filepath.Join(dir, name), dir)
	}
}

func (ig *ignorer) read(file, dir string) {
	data, err := os.ReadFile(file)
	if err != nil {
		return
	}
	domain := ig.parts(dir)
	ig.files = append(ig.files, file)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ig.patterns = append(ig.patterns, gitignore.ParsePattern(line, domain))
	}
}

// parts splits an absolute path below base into its components.
func (ig *ignorer) parts(abs string) []string {
	rel, err := filepath.Rel(ig.base, abs)
	if err != nil || rel == "." {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}

// ignored reports whether the file or directory at abs is ignored.
func (ig *ignorer) ignored(abs string, isDir bool) bool {
	if len(ig.patterns) == 0 {
		return false
	}
	p := ig.parts(abs)
	if p == nil {
		return false
	}
	return gitignore.NewMatcher(ig.patterns).Match(p, isDir)
}

// checkGlobs refuses a pattern doublestar cannot match, so that a typo
// ("[") is an error rather than a filter that matches nothing.
func checkGlobs(flag string, patterns []string) error {
	for _, p := range patterns {
		if !doublestar.ValidatePattern(filepath.ToSlash(p)) {
			return usagef("--%s %q is not a valid glob", flag, p)
		}
	}
	return nil
}

// globMatch matches a walk's file or directory against --include or
// --exclude patterns, with doublestar: a pattern without a "/" is matched
// against the base name ("draft-*.md"), one with a "/" against the path
// relative to the walked directory ("source/**/draft-*.md",
// "**/2021/**"), as .gitignore patterns are.
func globMatch(patterns []string, rel, base string) bool {
	rel = filepath.ToSlash(rel)
	for _, p := range patterns {
		p = filepath.ToSlash(p)
		if !strings.Contains(p, "/") {
			if doublestar.MatchUnvalidated(p, base) {
				return true
			}
			continue
		}
		p = strings.TrimPrefix(p, "./")
		if doublestar.MatchUnvalidated(p, rel) {
			return true
		}
		// "dir/**" and "dir/" also name the directory itself, so that a walk
		// skips it whole.
		if d, ok := strings.CutSuffix(p, "/**"); ok && doublestar.MatchUnvalidated(d, rel) {
			return true
		}
		if d, ok := strings.CutSuffix(p, "/"); ok && doublestar.MatchUnvalidated(d, rel) {
			return true
		}
	}
	return false
}
