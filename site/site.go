// Package site finds and reads a site's rules config (.mdclean.yaml) with
// the safety checks every front end needs: the lookup stops at the
// repository root or the home directory, and a file that is not regular,
// larger than MaxConfigSize or writable by other users is refused, not
// read. mdclean and mdclean-beam both read configs with it.
package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/mdclean/mdclean/clean"
	"github.com/mdclean/mdclean/internal/textfile"
)

// ConfigFileName is the per-project rules file, found by walking up from
// a document's directory (prettier's convention).
const ConfigFileName = ".mdclean.yaml"

// ConfigFileNameAlt is accepted too, as YAML tools accept both endings.
const ConfigFileNameAlt = ".mdclean.yml"

func fileExistsL(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// IsLookupRoot reports whether the config lookup stops at dir: a
// repository's root or the user's home.
func IsLookupRoot(dir string) bool {
	if fileExistsL(filepath.Join(dir, ".git")) {
		return true
	}
	home, err := os.UserHomeDir()
	return err == nil && filepath.Clean(home) == dir
}

// Configs resolves the rules config of each document: --config when given,
// else the nearest .mdclean.yaml above the document, else the defaults.
// Results are cached per directory, so a tree walk reads each file once.
type Configs struct {
	explicit *clean.Config // from --config
	mu       sync.Mutex
	byDir    map[string]*clean.Config
	byFile   map[string]*clean.Config
	byName   map[string]*clean.Config // by the directory as the caller named it
	failed   map[string]*ConfigError  // config files that could not be used
}

// ConfigError is a config file that cannot be used. A batch reports it
// once, at the first post under it; the others are counted, not cleaned.
type ConfigError struct {
	err      error
	reported atomic.Bool
}

func (e *ConfigError) Error() string { return e.err.Error() }

// First reports whether this is the first time the error is met.
func (e *ConfigError) First() bool { return e.reported.CompareAndSwap(false, true) }

// NewConfigs returns the resolver for a run: path is --config, "" for
// the lookup.
func NewConfigs(path string) (*Configs, error) {
	c := &Configs{byDir: map[string]*clean.Config{}, byFile: map[string]*clean.Config{}, byName: map[string]*clean.Config{}, failed: map[string]*ConfigError{}}
	if path != "" {
		cfg, err := Load(path)
		if err != nil {
			return nil, err
		}
		c.explicit = cfg
	}
	return c, nil
}

// MaxConfigSize bounds what a config read may take: a rules file is a
// few KB; a huge file or a device named .mdclean.yaml is refused.
const MaxConfigSize = 1 << 20

// Load reads the config file at path (see ReadConfig) and loads it over
// the defaults (clean.LoadConfig).
func Load(path string) (*clean.Config, error) {
	path = ShortPath(path)
	data, err := ReadConfig(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return clean.LoadConfig(data, path)
}

// ShortPath names an absolute path below the working directory by its
// relative path, as the user would type it.
func ShortPath(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return p
}

// ReadConfig reads a config only when it is a regular file of at most
// MaxConfigSize bytes (a FIFO would hang the run, a device read without
// end) that no other user may write: a config planted by someone else
// could make mdclean delete articles.
func ReadConfig(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, textfile.UnwrapPathErr(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file: not read")
	}
	if fi.Size() > MaxConfigSize {
		return nil, fmt.Errorf("%d bytes: larger than a config can be (%d): not read", fi.Size(), MaxConfigSize)
	}
	if why := writableByOthers(fi); why != "" {
		return nil, errors.New(why + ": not read (fix with chmod go-w, or chown)")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, textfile.UnwrapPathErr(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, textfile.UnwrapPathErr(err)
	}
	if len(data) > MaxConfigSize {
		return nil, fmt.Errorf("larger than a config can be (%d bytes): not read", MaxConfigSize)
	}
	return data, nil
}

// ForDir returns the config for a document in dir.
func (c *Configs) ForDir(dir string) (*clean.Config, error) {
	if c.explicit != nil {
		return c.explicit, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// By the directory as named first: filepath.Abs asks the OS for the
	// working directory, twice a file in a 10,000-post batch otherwise.
	if cfg, ok := c.byName[dir]; ok {
		return cfg, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfg, err := c.lookup(abs)
	if err == nil {
		c.byName[dir] = cfg
	}
	return cfg, err
}

// lookup finds the config of dir: the nearest .mdclean.yaml (or
// .mdclean.yml) in dir or above it, up to the repository's root (the
// directory holding .git) or the user's home, whichever comes first, as
// git's discovery and editorconfig's root stop: a file in a shared parent
// (/tmp, /home) is never read.
func (c *Configs) lookup(dir string) (*clean.Config, error) {
	if cfg, ok := c.byDir[dir]; ok {
		return cfg, nil
	}
	var cfg *clean.Config
	file := filepath.Join(dir, ConfigFileName)
	if _, err := os.Lstat(file); errors.Is(err, fs.ErrNotExist) {
		if alt := filepath.Join(dir, ConfigFileNameAlt); fileExistsL(alt) {
			file = alt
		}
	}
	if _, err := os.Lstat(file); err == nil {
		if ce := c.failed[file]; ce != nil {
			return nil, ce
		}
		if cfg = c.byFile[file]; cfg == nil {
			if cfg, err = Load(file); err != nil {
				ce := &ConfigError{err: err}
				c.failed[file] = ce
				return nil, ce
			}
			c.byFile[file] = cfg
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	} else if parent := filepath.Dir(dir); parent != dir && !IsLookupRoot(dir) {
		if cfg, err = c.lookup(parent); err != nil {
			return nil, err
		}
	}
	if cfg == nil {
		cfg = clean.DefaultConfig()
	}
	c.byDir[dir] = cfg
	return cfg, nil
}
