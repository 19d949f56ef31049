//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// openRead opens path for reading. os.Open also registers the descriptor
// with the runtime's poller, which fails for a regular file and is undone:
// five system calls of twelve per post in a batch. os.NewFile on a
// blocking descriptor does not try.
func openRead(path string) (*os.File, error) {
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

// keepOwner gives the rewritten file the original's owner and group: best
// effort, since only root may give files away.
func keepOwner(f interface{ Chown(uid, gid int) error }, orig os.FileInfo) {
	if st, ok := orig.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
