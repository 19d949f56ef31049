//go:build unix

package site

import (
	"fmt"
	"os"
	"syscall"
)

// writableByOthers says why a file may be written by a user other than
// this one ("" when it may not): group or world write permission, or an
// owner who is neither this user nor root.
func writableByOthers(fi os.FileInfo) string {
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Sprintf("writable by other users (mode %#o)", fi.Mode().Perm())
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 0 && int(st.Uid) != os.Geteuid() {
		return fmt.Sprintf("owned by another user (uid %d)", st.Uid)
	}
	return ""
}
