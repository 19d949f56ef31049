//go:build unix

package site

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadConfigRefuses: what every front end refuses to read as a config.
func TestReadConfigRefuses(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.yaml")
	os.WriteFile(ok, []byte("boilerplate: []\n"), 0o644)
	os.Chmod(ok, 0o644)
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, make([]byte, MaxConfigSize+1), 0o644)
	shared := filepath.Join(dir, "shared.yaml")
	os.WriteFile(shared, []byte("rules: {}\n"), 0o644)
	os.Chmod(shared, 0o666)
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadConfig(ok); err != nil {
		t.Errorf("ok.yaml: %v", err)
	}
	for p, want := range map[string]string{big: "larger than a config can be", shared: "writable by other users", fifo: "not a regular file", dir: "not a regular file"} {
		if _, err := ReadConfig(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", filepath.Base(p), err, want)
		}
	}
	if _, err := Load(shared); err == nil || !strings.Contains(err.Error(), "shared.yaml: ") {
		t.Errorf("Load does not name the file: %v", err)
	}
}
