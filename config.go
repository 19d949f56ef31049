package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/mdclean/mdclean/clean"
)

// configFileName is the per-project rules file, found by walking up from
// a document's directory (prettier's convention).
const configFileName = ".mdclean.yaml"

// configs resolves the rules config of each document: --config when given,
// else the nearest .mdclean.yaml above the document, else the defaults.
// Results are cached per directory, so a tree walk reads each file once.
type configs struct {
	explicit *clean.Config // from --config
	mu       sync.Mutex
	byDir    map[string]*clean.Config
	byFile   map[string]*clean.Config
	byName   map[string]*clean.Config // by the directory as the caller named it
}

func newConfigs(path string) (*configs, error) {
	c := &configs{byDir: map[string]*clean.Config{}, byFile: map[string]*clean.Config{}, byName: map[string]*clean.Config{}}
	if path != "" {
		cfg, err := loadConfig(path)
		if err != nil {
			return nil, err
		}
		c.explicit = cfg
	}
	return c, nil
}

func loadConfig(path string) (*clean.Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	user, err := clean.ParseConfig(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return clean.DefaultConfig().Merge(user), nil
}

// forDir returns the config for a document in dir.
func (c *configs) forDir(dir string) (*clean.Config, error) {
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

func (c *configs) lookup(dir string) (*clean.Config, error) {
	if cfg, ok := c.byDir[dir]; ok {
		return cfg, nil
	}
	var cfg *clean.Config
	file := filepath.Join(dir, configFileName)
	if _, err := os.Stat(file); err == nil {
		if cfg = c.byFile[file]; cfg == nil {
			if cfg, err = loadConfig(file); err != nil {
				return nil, err
			}
			c.byFile[file] = cfg
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	} else if parent := filepath.Dir(dir); parent != dir {
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
