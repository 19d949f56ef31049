// Command npmpack writes mdclean's npm packages, in esbuild's shape, from
// the binaries GoReleaser built: one package per platform
// (@mdclean/linux-x64, …, with os and cpu fields, holding the binary) and
// the mdclean package, whose bin script runs the one npm installed. There
// is no postinstall download: the packages work offline and behind
// proxies. Tarballs go to dist/npm (make npm).
//
//	go run ./internal/npmpack [-dist dist] [-out dist/npm]
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// npm's names for GoReleaser's platforms.
var npmOS = map[string]string{"linux": "linux", "darwin": "darwin", "windows": "win32"}
var npmCPU = map[string]string{"amd64": "x64", "arm64": "arm64"}

type artifact struct {
	Name   string `json:"name"`
	Type   string `json:"type"`
	Path   string `json:"path"`
	Goos   string `json:"goos"`
	Goarch string `json:"goarch"`
}

// runner is the mdclean package's bin script: it finds the platform
// package npm installed and runs its binary with the same arguments,
// streams and exit status (a signal that killed it is passed on).
const runner = `#!/usr/bin/env node
"use strict";
const { spawnSync } = require("child_process");
const platforms = %s;
const key = process.platform + "-" + process.arch;
const pkg = platforms[key];
if (!pkg) {
  console.error("mdclean: no binary for " + key + " (supported: " + Object.keys(platforms).join(", ") + ")");
  process.exit(2);
}
let bin;
try {
  bin = require.resolve(pkg + "/bin/" + (process.platform === "win32" ? "mdclean.exe" : "mdclean"));
} catch (e) {
  console.error("mdclean: the package " + pkg + " is not installed; reinstall mdclean without --no-optional");
  process.exit(2);
}
const r = spawnSync(bin, process.argv.slice(2), { stdio: "inherit" });
if (r.error) {
  console.error("mdclean: " + r.error.message);
  process.exit(2);
}
if (r.signal) {
  process.kill(process.pid, r.signal);
}
process.exit(r.status === null ? 2 : r.status);
`

func main() {
	dist := flag.String("dist", "dist", "GoReleaser's dist directory (artifacts.json, metadata.json)")
	out := flag.String("out", filepath.Join("dist", "npm"), "where the tarballs go")
	flag.Parse()
	if err := pack(*dist, *out); err != nil {
		fmt.Fprintln(os.Stderr, "npmpack:", err)
		os.Exit(2)
	}
}

func pack(dist, out string) error {
	var meta struct {
		Version string `json:"version"`
	}
	if err := readJSON(filepath.Join(dist, "metadata.json"), &meta); err != nil {
		return err
	}
	var arts []artifact
	if err := readJSON(filepath.Join(dist, "artifacts.json"), &arts); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	license, err := os.ReadFile("LICENSE")
	if err != nil {
		return err
	}
	v := meta.Version
	platforms := map[string]string{}
	optional := map[string]string{}
	for _, a := range arts {
		os_, cpu := npmOS[a.Goos], npmCPU[a.Goarch]
		if a.Type != "Binary" || os_ == "" || cpu == "" || a.Name != "mdclean" && a.Name != "mdclean.exe" {
			continue
		}
		name := "@mdclean/" + os_ + "-" + cpu
		bin, err := os.ReadFile(a.Path)
		if err != nil {
			return err
		}
		manifest := map[string]any{
			"name": name, "version": v, "license": "MIT",
			"description": "The mdclean binary for " + os_ + " " + cpu + " (installed by the mdclean package).",
			"repository":  map[string]string{"type": "git", "url": "git+https://github.com/mdclean/mdclean.git"},
			"os":          []string{os_}, "cpu": []string{cpu},
			"preferUnplugged": true,
		}
		exe := "mdclean"
		if a.Goos == "windows" {
			exe += ".exe"
		}
		files := []file{{"package.json", mustJSON(manifest), 0o644}, {"LICENSE", license, 0o644}, {"bin/" + exe, bin, 0o755}}
		if err := writeTarball(filepath.Join(out, tarballName(name, v)), files); err != nil {
			return err
		}
		platforms[os_+"-"+cpu] = name
		optional[name] = v
	}
	if len(platforms) == 0 {
		return fmt.Errorf("no binaries in %s/artifacts.json: run goreleaser first (make dist)", dist)
	}
	keys := make([]string, 0, len(platforms))
	for k := range platforms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	table := map[string]string{}
	for _, k := range keys {
		table[k] = platforms[k]
	}
	readme, _ := os.ReadFile("README.md")
	manifest := map[string]any{
		"name": "mdclean", "version": v, "license": "MIT",
		"description":          "Clean scraped blog posts (Hexo, Hugo, Jekyll, Astro): repair front matter, remove tracking junk and link-bait, changing only the bytes a rule changes.",
		"keywords":             []string{"hexo", "hugo", "jekyll", "astro", "markdown", "front-matter", "lint", "cleanup"},
		"repository":           map[string]string{"type": "git", "url": "git+https://github.com/mdclean/mdclean.git"},
		"bin":                  map[string]string{"mdclean": "bin/mdclean.js"},
		"engines":              map[string]string{"node": ">=16"},
		"optionalDependencies": optional,
	}
	files := []file{{"package.json", mustJSON(manifest), 0o644}, {"LICENSE", license, 0o644}, {"README.md", readme, 0o644},
		{"bin/mdclean.js", []byte(fmt.Sprintf(runner, mustJSON(table))), 0o755}}
	if err := writeTarball(filepath.Join(out, tarballName("mdclean", v)), files); err != nil {
		return err
	}
	fmt.Printf("npmpack: %d platform packages and mdclean %s in %s\n", len(platforms), v, out)
	return nil
}

// tarballName is npm pack's name for a package: "@mdclean/linux-x64" ->
// "mdclean-linux-x64-1.0.0.tgz".
func tarballName(name, v string) string {
	return strings.NewReplacer("@", "", "/", "-").Replace(name) + "-" + v + ".tgz"
}

type file struct {
	name string
	data []byte
	mode int64
}

// writeTarball writes an npm package tarball: a gzip'd tar whose entries
// are under package/, dated like npm pack's (1985-10-26) so that the bytes
// depend on the contents only.
func writeTarball(path string, files []file) error {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	when := time.Date(1985, 10, 26, 8, 15, 0, 0, time.UTC)
	for _, f := range files {
		if err := tw.WriteHeader(&tar.Header{Name: "package/" + f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: when, Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func mustJSON(v any) []byte {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(data, '\n')
}
