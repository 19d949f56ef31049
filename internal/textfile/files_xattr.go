//go:build linux || darwin

package textfile

import (
	"bytes"
	"errors"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// copyXattrs gives dst exactly the extended attributes of src (POSIX ACLs
// are system.posix_acl_access on Linux): src's are copied, and those dst
// has that src has not are removed. A new file in a directory with a
// default ACL inherits that ACL; kept, it would make a 640 post readable
// by users who could not read it before. A file system without extended
// attributes has nothing to copy.
func copyXattrs(src, dst string) error {
	names, err := listXattrs(src)
	if err != nil {
		return err
	}
	has, err := listXattrs(dst)
	if err != nil {
		return err
	}
	for _, n := range has {
		if slices.Contains(names, n) {
			continue
		}
		if err := unix.Lremovexattr(dst, n); err != nil && !strings.HasPrefix(n, "security.") {
			// A security label is the system's (SELinux sets it on
			// every file); anything else inherited must go.
			return err
		}
	}
	for _, n := range names {
		vs, err := unix.Lgetxattr(src, n, nil)
		if err != nil {
			return err
		}
		val := make([]byte, vs)
		if vs, err = unix.Lgetxattr(src, n, val); err != nil {
			return err
		}
		if err := unix.Lsetxattr(dst, n, val[:vs], 0); err != nil {
			return err
		}
	}
	return nil
}

// listXattrs lists the names of path's extended attributes; none on a
// file system without them.
func listXattrs(path string) ([]string, error) {
	size, err := unix.Llistxattr(path, nil)
	if errors.Is(err, unix.ENOTSUP) || size == 0 {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	buf := make([]byte, size)
	if size, err = unix.Llistxattr(path, buf); err != nil {
		return nil, err
	}
	var names []string
	for _, name := range bytes.Split(bytes.TrimRight(buf[:size], "\x00"), []byte{0}) {
		if len(name) > 0 {
			names = append(names, string(name))
		}
	}
	return names, nil
}
