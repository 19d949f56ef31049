//go:build unix

package textfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// OpenRead opens path for reading. os.Open also registers the descriptor
// with the runtime's poller, which fails for a regular file and is undone:
// five system calls of twelve per post in a batch. os.NewFile on a
// blocking descriptor does not try.
func OpenRead(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}

// readWalked reads a file a directory walk found, opened without
// following a symlink (O_NOFOLLOW); ok is false for what it did not
// read: what it cannot open, or what is not a regular file. Without
// write it reads the descriptor itself, with no *os.File, whose making
// asks for the descriptor's flags (fcntl): four system calls a post
// (open, fstat, read, close). With write, the os.FileInfo WriteAtomic
// checks the file against before replacing it is an os.File's.
func readWalked(path string, write bool) (data []byte, fi os.FileInfo, ok bool, err error) {
	var fd int
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, nil, false, nil
	}
	if write {
		f := os.NewFile(uintptr(fd), path)
		defer f.Close()
		if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
			return nil, nil, false, nil
		}
		data, err = readSized(f.Read, fi.Size())
		return data, fi, true, UnwrapPathErr(err)
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	for {
		err = syscall.Fstat(fd, &st)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, nil, false, nil
	}
	data, err = readSized(func(b []byte) (int, error) { return readFD(fd, b) }, st.Size)
	return data, nil, true, err
}

// readFD is os.File's Read on a descriptor: io.EOF at the end, EINTR
// retried, at most 1 GiB a call.
func readFD(fd int, b []byte) (int, error) {
	if len(b) > 1<<30 {
		b = b[:1<<30]
	}
	for {
		n, err := syscall.Read(fd, b)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 && len(b) > 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

// keepOwner gives the rewritten file the original's owner and group. Only
// root may give a file away, and a user may give it only a group the user
// is in: a group member's rewrite of root:users 664 would come out owned
// by that member, and the other members would lose their write access. So
// an owner or group that cannot be kept is an error, and the file is not
// rewritten.
func keepOwner(f tempFile, orig os.FileInfo) error {
	st, ok := orig.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if fi, err := f.Stat(); err == nil {
		if now, ok := fi.Sys().(*syscall.Stat_t); ok && now.Uid == st.Uid && now.Gid == st.Gid {
			return nil // already theirs (a BSD file takes its directory's group)
		}
	}
	if err := f.Chown(int(st.Uid), int(st.Gid)); err != nil {
		return fmt.Errorf("owner and group (%d:%d) could not be kept (%v): not rewritten", st.Uid, st.Gid, UnwrapPathErr(err))
	}
	return nil
}

// checkReplaceable refuses a file that a rename would change beyond its
// bytes: one with more than one hard link (the others would keep the old
// text), and one the user may not write (the directory's write permission
// would let the rename replace another user's file with one the user
// owns; gofmt says permission denied too).
func checkReplaceable(path string, orig os.FileInfo) error {
	if st, ok := orig.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
		return fmt.Errorf("has %d hard links: not rewritten (a rewrite would break them; clean one link's copy and replace the others, or write with -l/-d and edit by hand)", st.Nlink)
	}
	if err := syscall.Access(path, 2 /* W_OK */); err != nil {
		return fmt.Errorf("permission denied: not rewritten")
	}
	return nil
}

// processAlive reports whether a process with this pid exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
