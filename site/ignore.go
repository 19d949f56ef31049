package site

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

// Ignorer holds the ignore patterns met so far in one walk. Patterns are
// scoped by their file's directory (go-git's domain), relative to base:
// the repository root above the walk's root, or the root itself.
type Ignorer struct {
	root     string // the walk's root, absolute
	base     string // absolute
	patterns []gitignore.Pattern
	files    []string // the ignore files read, for --print-config and -v
}

// newIgnorer prepares the ignore patterns for a walk of root: those of the
// repository's .git/info/exclude and of every .gitignore and .mdcleanignore
// between the repository root and root (exclusive: the walk reads root's
// own).
func newIgnorer(root string) *Ignorer {
	abs, err := filepath.Abs(root)
	if err != nil {
		return &Ignorer{root: root, base: root}
	}
	ig := &Ignorer{root: abs, base: abs}
	var chain []string // root's parents, up to the repository root
	if !fileExistsL(filepath.Join(abs, ".git")) {
		for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
			chain = append(chain, dir)
			if fileExistsL(filepath.Join(dir, ".git")) {
				ig.base = dir
				break
			}
			if IsLookupRoot(dir) || filepath.Dir(dir) == dir {
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

// IgnorerFor returns the ignore patterns that apply in dir: those of the
// repository above it (up to its root) and dir's own ignore files. A file
// named on the command line is ignored as prettier ignores one, and
// --print-config lists the files read.
func IgnorerFor(dir string) *Ignorer {
	ig := newIgnorer(dir)
	ig.readDir(ig.root)
	return ig
}

// Ignored reports whether the file at abs, an absolute path, is ignored.
func (ig *Ignorer) Ignored(abs string) bool { return ig.ignored(abs, false) }

// Files are the ignore files read, in the order read.
func (ig *Ignorer) Files() []string { return ig.files }

// readDir reads the ignore files of dir, when it has any.
func (ig *Ignorer) readDir(dir string) {
	for _, name := range ignoreFiles {
		ig.read(filepath.Join(dir, name), dir)
	}
}

func (ig *Ignorer) read(file, dir string) {
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
func (ig *Ignorer) parts(abs string) []string {
	rel, err := filepath.Rel(ig.base, abs)
	if err != nil || rel == "." {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}

// ignored reports whether the file or directory at abs is ignored.
func (ig *Ignorer) ignored(abs string, isDir bool) bool {
	if len(ig.patterns) == 0 {
		return false
	}
	p := ig.parts(abs)
	if p == nil {
		return false
	}
	return gitignore.NewMatcher(ig.patterns).Match(p, isDir)
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
