package main

import (
	"os"

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

func fileExistsL(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
