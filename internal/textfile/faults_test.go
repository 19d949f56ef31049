package textfile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// faultyFile fails its Write after limit bytes (a full disk) or its Sync.
type faultyFile struct {
	*os.File
	limit   int
	failErr error
	syncErr error
}

func (f *faultyFile) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		n, _ := f.File.Write(p[:f.limit]) // a partial write, as a full disk does
		return n, f.failErr
	}
	f.limit -= len(p)
	return f.File.Write(p)
}

func (f *faultyFile) Sync() error {
	if f.syncErr != nil {
		return f.syncErr
	}
	return f.File.Sync()
}

func withFS(t *testing.T, create func(dir, pattern string) (tempFile, error), rename func(string, string) error) {
	old := fsops
	t.Cleanup(func() { fsops = old })
	if create != nil {
		fsops.createTemp = create
	}
	if rename != nil {
		fsops.rename = rename
	}
}

// TestWriteFaults: whatever fails during a rewrite, the original stays as
// it was, the error is clear and no temporary file is left behind. (The
// command prints it as "PATH: error" and exits 2: batch-errors.txtar.)
func TestWriteFaults(t *testing.T) {
	orig := []byte("\n---\ntitle: x\n---\n" + strings.Repeat("<p>a line of the article</p>\n", 20))
	cleaned := orig[1:]
	realCreate := func(dir, pattern string) (*os.File, error) { return os.CreateTemp(dir, pattern) }
	cases := []struct {
		name   string
		create func(dir, pattern string) (tempFile, error)
		rename func(string, string) error
		want   string
	}{
		{"disk full", func(dir, p string) (tempFile, error) {
			f, err := realCreate(dir, p)
			return &faultyFile{File: f, limit: 100, failErr: syscall.ENOSPC}, err
		}, nil, "no space left on device"},
		{"sync fails", func(dir, p string) (tempFile, error) {
			f, err := realCreate(dir, p)
			return &faultyFile{File: f, limit: 1 << 30, syncErr: syscall.EIO}, err
		}, nil, "input/output error"},
		{"read-only directory", func(dir, p string) (tempFile, error) {
			return nil, &os.PathError{Op: "open", Path: filepath.Join(dir, p), Err: syscall.EROFS}
		}, nil, "read-only file system"},
		{"rename fails", nil, func(string, string) error {
			return &os.LinkError{Op: "rename", Err: syscall.EXDEV}
		}, "invalid cross-device link"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			post := filepath.Join(dir, "post.md")
			os.WriteFile(post, orig, 0o644)
			_, info, err := ReadRegular(post, true, true)
			if err != nil {
				t.Fatal(err)
			}
			withFS(t, c.create, c.rename)
			err = WriteAtomic(post, cleaned, info)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want ... %s", err, c.want)
			}
			if got, _ := os.ReadFile(post); !bytes.Equal(got, orig) {
				t.Error("the original was changed")
			}
			if m, _ := filepath.Glob(filepath.Join(dir, ".*mdclean-*")); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
		})
	}
}

// TestFileReplacedWhileCleaning: a file changed or replaced between the
// read and the rename is left as it now is.
func TestFileReplacedWhileCleaning(t *testing.T) {
	for _, replace := range []bool{false, true} {
		dir := t.TempDir()
		post := filepath.Join(dir, "post.md")
		os.WriteFile(post, []byte("\n---\ntitle: x\n---\n"), 0o644)
		info, err := os.Lstat(post)
		if err != nil {
			t.Fatal(err)
		}
		theirs := []byte("---\ntitle: edited meanwhile\n---\n")
		if replace {
			os.Remove(post)
		}
		if err := os.WriteFile(post, theirs, 0o644); err != nil {
			t.Fatal(err)
		}
		err = WriteAtomic(post, []byte("---\ntitle: x\n---\n"), info)
		if err == nil || !strings.Contains(err.Error(), "changed while") {
			t.Fatalf("replace=%v: err %v, want a changed-while error", replace, err)
		}
		if got, _ := os.ReadFile(post); !bytes.Equal(got, theirs) {
			t.Errorf("replace=%v: the other writer's version was overwritten", replace)
		}
	}
}
