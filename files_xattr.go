//go:build linux || darwin

package main

import (
	"bytes"
	"errors"

	"golang.org/x/sys/unix"
)

// copyXattrs copies the extended attributes of src (POSIX ACLs are
// system.posix_acl_access on Linux) to dst. A file system without them
// has nothing to copy.
func copyXattrs(src, dst string) error {
	size, err := unix.Llistxattr(src, nil)
	if errors.Is(err, unix.ENOTSUP) || size == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	buf := make([]byte, size)
	if size, err = unix.Llistxattr(src, buf); err != nil {
		return err
	}
	for _, name := range bytes.Split(bytes.TrimRight(buf[:size], "\x00"), []byte{0}) {
		if len(name) == 0 {
			continue
		}
		n := string(name)
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
