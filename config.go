package main

import (
	"path/filepath"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/site"
)

// The config lookup, reading and safety checks live in package site,
// shared with mdclean-beam.
type (
	configs     = site.Configs
	configError = site.ConfigError
)

func newConfigs(path string) (*configs, error) { return site.NewConfigs(path) }

func loadConfig(path string) (*clean.Config, error) { return site.Load(path) }

// isLookupRoot reports whether the config lookup stops at dir: a
// repository's root or the user's home.
func isLookupRoot(dir string) bool { return site.IsLookupRoot(dir) }

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
		cfg.namedIgnorers = map[string]*site.Ignorer{}
	}
	ig := cfg.namedIgnorers[dir]
	if ig == nil {
		ig = site.IgnorerFor(dir)
		cfg.namedIgnorers[dir] = ig
	}
	return ig.Ignored(abs)
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
