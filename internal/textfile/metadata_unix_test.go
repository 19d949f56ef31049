//go:build linux

package textfile

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

const damaged = "\n---\ntitle: x\n---\n<p>a</p><div id=\"recommend_bottom\"></div>\n"

// rewriteEnv set makes TestRewriteHelper rewrite the files named after
// the test flags, in a process of its own (as another user, for the owner
// tests).
const rewriteEnv = "MDCLEAN_TEXTFILE_REWRITE"

// TestRewriteHelper is not a test: run as a child process by rewrite, it
// rewrites each file named after the flags as the command's -w does
// (ReadRegular, then WriteAtomic with the damage cleaned), printing
// "PATH: error" and exiting 2 for a file it may not rewrite.
func TestRewriteHelper(t *testing.T) {
	if os.Getenv(rewriteEnv) == "" {
		t.Skip("a helper process for the metadata tests")
	}
	code := 0
	for _, p := range flag.Args() {
		src, info, err := ReadRegular(p, true, true)
		if err == nil {
			out := bytes.TrimPrefix(bytes.ReplaceAll(src, []byte(`<div id="recommend_bottom"></div>`), nil), []byte("\n"))
			err = WriteAtomic(p, out, info)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", p, err)
			code = 2
		}
	}
	os.Exit(code)
}

// rewrite rewrites paths as "mdclean -w" does, in a copy of the test
// binary in dir (one another user may run) and as cred's user when cred
// is set, and returns its exit code and stderr.
func rewrite(t *testing.T, dir string, cred *syscall.Credential, paths ...string) (int, string) {
	t.Helper()
	bin := filepath.Join(dir, "textfile.test")
	if _, err := os.Stat(bin); err != nil {
		exe, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, exe, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, append([]string{"-test.run=^TestRewriteHelper$", "--"}, paths...)...)
	cmd.Env = append(os.Environ(), rewriteEnv+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

// TestWriteKeepsMetadata: -w keeps a file's mode bits (setuid, setgid,
// sticky) and extended attributes, and refuses, untouched, a file with
// hard links.
func TestWriteKeepsMetadata(t *testing.T) {
	dir := t.TempDir()

	t.Run("hard-links", func(t *testing.T) {
		a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
		if err := os.WriteFile(a, []byte(damaged), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Link(a, b); err != nil {
			t.Skipf("no hard links here: %v", err)
		}
		code, stderr := rewrite(t, dir, nil, a)
		if code != 2 || !strings.Contains(stderr, "has 2 hard links: not rewritten") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		for _, p := range []string{a, b} {
			if got, _ := os.ReadFile(p); string(got) != damaged {
				t.Errorf("%s changed: %q", p, got)
			}
		}
		if ai, _ := os.Stat(a); ai.Sys().(*syscall.Stat_t).Nlink != 2 {
			t.Errorf("the link is broken")
		}
	})

	t.Run("mode-bits", func(t *testing.T) {
		p := filepath.Join(dir, "suid.md")
		if err := os.WriteFile(p, []byte(damaged), 0o644); err != nil {
			t.Fatal(err)
		}
		want := os.FileMode(0o754) | os.ModeSetuid | os.ModeSetgid | os.ModeSticky
		if err := os.Chmod(p, want); err != nil {
			t.Fatal(err)
		}
		if code, stderr := rewrite(t, dir, nil, p); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		fi, _ := os.Stat(p)
		if got := fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky); got != want {
			t.Errorf("mode %v, want %v", got, want)
		}
		if got, _ := os.ReadFile(p); string(got) == damaged {
			t.Errorf("not rewritten")
		}
	})

	t.Run("xattrs", func(t *testing.T) {
		p := filepath.Join(dir, "x.md")
		if err := os.WriteFile(p, []byte(damaged), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := unix.Setxattr(p, "user.mdclean.test", []byte("kept"), 0); err != nil {
			t.Skipf("this file system has no user xattrs: %v", err)
		}
		if code, stderr := rewrite(t, dir, nil, p); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		buf := make([]byte, 16)
		n, err := unix.Getxattr(p, "user.mdclean.test", buf)
		if err != nil || string(buf[:n]) != "kept" {
			t.Errorf("xattr lost: %q, %v", buf[:n], err)
		}
		if got, _ := os.ReadFile(p); string(got) == damaged {
			t.Errorf("not rewritten")
		}
	})
}

// TestWriteNoInheritedACL: a 640 post without an ACL, in a directory with
// a default ACL, comes out 640 without an ACL: the rewrite must not make
// it readable by a user the directory's default names. A post with its own
// ACL keeps exactly that one.
func TestWriteNoInheritedACL(t *testing.T) {
	setfacl, err := exec.LookPath("setfacl")
	if err != nil {
		t.Skip("no setfacl here (apt-get install acl): the ACL case is not tested")
	}
	dir := t.TempDir()
	posts := filepath.Join(dir, "posts")
	if err := os.Mkdir(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(setfacl, "-d", "-m", "u:65534:rwx", posts).CombinedOutput(); err != nil {
		t.Skipf("this file system has no POSIX ACLs: %v: %s", err, out)
	}
	const acl = "system.posix_acl_access"
	plain, withACL := filepath.Join(posts, "plain.md"), filepath.Join(posts, "acl.md")
	for _, p := range []string{plain, withACL} {
		// Written elsewhere and moved in: a file created here would
		// inherit the default ACL itself.
		tmp := filepath.Join(dir, filepath.Base(p))
		if err := os.WriteFile(tmp, []byte(damaged), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(tmp, 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(setfacl, "-m", "u:1234:r", withACL).CombinedOutput(); err != nil {
		t.Fatalf("setfacl: %v: %s", err, out)
	}
	buf := make([]byte, 256)
	n, err := unix.Getxattr(withACL, acl, buf)
	if err != nil {
		t.Fatal(err)
	}
	wantACL := string(buf[:n])
	if _, err := unix.Getxattr(plain, acl, buf); err == nil {
		t.Fatal("the plain post has an ACL before the test")
	}
	if code, stderr := rewrite(t, dir, nil, plain, withACL); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n, err := unix.Getxattr(plain, acl, buf); err == nil {
		t.Errorf("plain post inherited an ACL: %q", buf[:n])
	}
	if fi, _ := os.Stat(plain); fi.Mode().Perm() != 0o640 {
		t.Errorf("plain post mode %v, want 0640", fi.Mode().Perm())
	}
	if n, err := unix.Getxattr(withACL, acl, buf); err != nil || string(buf[:n]) != wantACL {
		t.Errorf("own ACL not kept exactly: %q, %v", buf[:n], err)
	}
	if fi, _ := os.Stat(withACL); fi.Mode().Perm() != 0o640 {
		t.Errorf("ACL post mode %v, want 0640", fi.Mode().Perm())
	}
	for _, p := range []string{plain, withACL} {
		if got, _ := os.ReadFile(p); string(got) == damaged {
			t.Errorf("%s not rewritten", p)
		}
	}
}

// TestWriteOtherUsersFile: a user who may not write a file is refused,
// even where the directory would let a rename replace it (gofmt says
// permission denied too). Runs when the tests run as root, which can
// rewrite as nobody.
func TestWriteOtherUsersFile(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a file that belongs to another user")
	}
	dir, err := os.MkdirTemp("/tmp", "mdclean-owner-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	post := filepath.Join(dir, "root.md")
	if err := os.WriteFile(post, []byte(damaged), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stderr := rewrite(t, dir, &syscall.Credential{Uid: 65534, Gid: 65534}, post)
	if code != 2 || !strings.Contains(stderr, "permission denied") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	fi, err := os.Stat(post)
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 0 {
		t.Errorf("the file now belongs to uid %d", st.Uid)
	}
	if got, _ := os.ReadFile(post); string(got) != damaged {
		t.Errorf("changed: %q", got)
	}
}

// TestWriteGroupMember: a group member with write permission (root:G 664,
// run as nobody with G as a supplementary group) may write the file, but
// cannot keep its owner: the file is refused, untouched, rather than
// handed to nobody (the other members would lose write access). Runs as
// root, which can rewrite as another user.
func TestWriteGroupMember(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run mdclean as another user in a file's group")
	}
	dir, err := os.MkdirTemp("/tmp", "mdclean-group-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	const group = 4242 // any group nobody is not in by itself
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	post := filepath.Join(dir, "shared.md")
	if err := os.WriteFile(post, []byte(damaged), 0o664); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(post, 0, group); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(post, 0o664); err != nil {
		t.Fatal(err)
	}
	cred := &syscall.Credential{Uid: 65534, Gid: 65534, Groups: []uint32{group}}
	code, stderr := rewrite(t, dir, cred, post)
	if code != 2 || !strings.Contains(stderr, "owner and group (0:4242) could not be kept") || strings.Count(stderr, "\n") > 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	fi, err := os.Stat(post)
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 0 || st.Gid != group || fi.Mode().Perm() != 0o664 {
		t.Errorf("now %d:%d %v", st.Uid, st.Gid, fi.Mode())
	}
	if got, _ := os.ReadFile(post); string(got) != damaged {
		t.Errorf("changed: %q", got)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".mdclean-*")); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
	// The same member's own file, in the shared group, is rewritten.
	own := filepath.Join(dir, "own.md")
	if err := os.WriteFile(own, []byte(damaged), 0o664); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(own, 65534, group); err != nil {
		t.Fatal(err)
	}
	if code, stderr := rewrite(t, dir, cred, own); code != 0 {
		t.Errorf("own file: exit %d, stderr %q", code, stderr)
	}
	fi, _ = os.Stat(own)
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 65534 || st.Gid != group {
		t.Errorf("own file now %d:%d", st.Uid, st.Gid)
	}
}
