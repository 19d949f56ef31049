package textfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// WriteAtomic replaces path with data: a temporary file in the same
// directory, synced, given the original's permission bits, then renamed
// over it. Either the old file or the new one is there at any moment; on
// any error the original stays untouched and the temporary is removed.
func WriteAtomic(path string, data []byte, orig os.FileInfo) (err error) {
	if orig.Mode().Perm()&0o200 == 0 {
		return errors.New("read-only file: not rewritten")
	}
	// A rename replaces the file: refuse where that would lose what the
	// file is beyond its bytes (hard links, another user's ownership).
	if err := checkReplaceable(path, orig); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := fsops.createTemp(dir, tempPrefix()+"*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("write: %w", UnwrapPathErr(err))
	}
	tmpName := tmp.Name()
	registerTemp(tmpName)
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmpName)
		}
		unregisterTemp(tmpName)
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write: %w", UnwrapPathErr(err))
	}
	// Owner first: chown clears the setuid and setgid bits, which the
	// mode then restores, with the sticky bit.
	if err = keepOwner(tmp, orig); err != nil {
		return err
	}
	// Exactly the original's extended attributes (ACLs among them), none
	// inherited from the directory's default ACL, or the file is not
	// rewritten. Before the mode: setting an ACL rewrites the mode bits.
	if err = copyXattrs(path, tmpName); err != nil {
		return fmt.Errorf("extended attributes could not be kept (%w): not rewritten", UnwrapPathErr(err))
	}
	if err = tmp.Chmod(orig.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)); err != nil {
		return fmt.Errorf("write: %w", UnwrapPathErr(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write: %w", UnwrapPathErr(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write: %w", UnwrapPathErr(err))
	}
	// The file must still be the one we read: another process (or a second
	// mdclean) may have changed it meanwhile.
	now, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("write: %w", UnwrapPathErr(err))
	}
	if !os.SameFile(now, orig) || now.Size() != orig.Size() || !now.ModTime().Equal(orig.ModTime()) {
		err = errors.New("file changed while it was being cleaned; left as it is now")
		return err
	}
	if err = fsops.rename(tmpName, path); err != nil {
		return fmt.Errorf("write: %w", UnwrapPathErr(err))
	}
	return nil
}

// tempFile is what WriteAtomic needs of a temporary file.
type tempFile interface {
	io.Writer
	Name() string
	Chmod(os.FileMode) error
	Chown(uid, gid int) error
	Stat() (os.FileInfo, error)
	Sync() error
	Close() error
}

// fsops are the file system calls -w makes, swapped in tests to inject
// faults: a full disk, a read-only directory, a failing rename.
var fsops = struct {
	createTemp func(dir, pattern string) (tempFile, error)
	rename     func(oldpath, newpath string) error
}{
	createTemp: func(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) },
	rename:     os.Rename,
}

// temps are the temporary files being written, removed if the process is
// interrupted.
var temps sync.Map

func registerTemp(name string)   { temps.Store(name, true) }
func unregisterTemp(name string) { temps.Delete(name) }

// tempPrefix names the temporary files of -w: ".mdclean-PID-RANDOM.tmp"
// (os.CreateTemp adds RANDOM and the suffix tempSuffix), so that a later
// run knows one whose process is gone as stale (see StaleTemp). The post's
// name is not in it: a valid 237-byte name (78 CJK characters) would make
// a temporary name over the file system's 255 bytes.
func tempPrefix() string {
	return ".mdclean-" + strconv.Itoa(os.Getpid()) + "-"
}

const tempSuffix = ".tmp"

// StaleTemp reports whether name is a temporary file of an mdclean run
// that no longer runs (killed before it could remove it), and its pid:
// ".mdclean-PID-N.tmp", or ".NAME.mdclean-PID-N" from earlier versions.
func StaleTemp(name string) (int, bool) {
	if !strings.HasPrefix(name, ".") {
		return 0, false
	}
	i := strings.LastIndex(name, ".mdclean-")
	if i < 0 {
		return 0, false
	}
	rest := name[i+len(".mdclean-"):]
	if i == 0 {
		var ok bool
		if rest, ok = strings.CutSuffix(rest, tempSuffix); !ok {
			return 0, false
		}
	}
	pidStr, rand, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(pidStr)
	if !ok || err != nil || pid <= 0 || rand == "" || strings.Trim(rand, "0123456789") != "" {
		return 0, false
	}
	return pid, !processAlive(pid)
}

// RemoveTemps removes the temporary files WriteAtomic is writing: called
// when the process stops at a signal, and at the end of a run.
func RemoveTemps() {
	temps.Range(func(k, _ any) bool {
		os.Remove(k.(string))
		return true
	})
}
