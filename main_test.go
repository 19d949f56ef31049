package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/urfave/cli/v2"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mdclean": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
		"peakrss": peakRSSMain,
	})
}

// peakRSSMain runs "peakrss COMMAND ARGS...": it runs the command with
// this process's standard streams and writes the command's peak RSS, in
// bytes, to the file $PEAKRSS_OUT. It runs as a fresh, small process:
// Linux counts in a child's peak RSS the memory of the process that
// started it, so a child started by the test itself (holding a 100 MB
// document, or the race detector's shadow memory) would report the
// test's size rather than its own.
func peakRSSMain() {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
	if werr := os.WriteFile(os.Getenv("PEAKRSS_OUT"), []byte(strconv.FormatInt(peak, 10)), 0o644); werr != nil {
		fmt.Fprintln(os.Stderr, "peakrss:", werr)
		os.Exit(2)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

// TestScript runs the CLI scenarios in testdata/script, the way mvdan/sh
// tests shfmt.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exits":  cmdExits,
			"perm":   cmdPerm,
			"mkfifo": cmdMkfifo,
			"noglob": cmdNoGlob,
			"tofull": cmdToFull,
		},
	})
}

// cmdExits runs a command like exec and asserts its exact exit code:
// "exits 2 mdclean --check x.md". exec alone only tells zero from non-zero.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// cmdPerm asserts a file's permission bits: "perm 0640 file".
func cmdPerm(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: perm MODE file")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	if err != nil {
		ts.Fatalf("perm: bad mode %q", args[0])
	}
	fi, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	if got := fi.Mode().Perm(); (got == os.FileMode(want)) == neg {
		ts.Fatalf("%s: mode %#o, want %s%#o", args[1], got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// cmdMkfifo makes a named pipe: a file a batch must refuse, not read.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo file")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// cmdNoGlob asserts that no file matches a glob (no temporary files left).
func cmdNoGlob(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: noglob pattern")
	}
	m, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	if len(m) > 0 {
		ts.Fatalf("files match %s: %v", args[0], m)
	}
}

// cmdToFull runs a command with its standard output on /dev/full and
// asserts its exit code: "tofull 2 mdclean post.md" (a full disk).
func cmdToFull(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: tofull CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("tofull: bad code %q", args[0])
	}
	var prog string
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if p := filepath.Join(dir, args[1]); fileExists(p) {
			prog = p
			break
		}
	}
	if prog == "" {
		ts.Fatalf("tofull: %s not found", args[1])
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	ts.Check(err)
	defer full.Close()
	cmd := exec.Command(prog, args[2:]...)
	cmd.Dir = ts.Getenv("WORK")
	cmd.Env = os.Environ()
	cmd.Stdout = full
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("tofull: %v", err)
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d (stderr %q)", got, want, stderr.String())
	}
	if want != 0 && !strings.Contains(stderr.String(), "no space left on device") {
		ts.Fatalf("stderr %q does not say why", stderr.String())
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestHelpNamesEveryFlag keeps the hand-written help in step with the
// flags: every flag is in it, and it names none that does not exist.
func TestHelpNamesEveryFlag(t *testing.T) {
	known := map[string]bool{"help": true, "h": true, "version": true}
	for _, f := range mainFlags() {
		if bf, ok := f.(*cli.BoolFlag); ok && bf.Hidden {
			continue
		}
		for _, n := range f.Names() {
			known[n] = true
			dash := "--" + n
			if len(n) == 1 {
				dash = "-" + n
			}
			if !strings.Contains(helpText, dash+" ") && !strings.Contains(helpText, dash+",") {
				t.Errorf("--help does not mention %s", dash)
			}
		}
	}
	for _, m := range regexp.MustCompile(`(?m)^ +(?:-\w, )?--([a-z-]+)`).FindAllStringSubmatch(helpText, -1) {
		if !known[m[1]] {
			t.Errorf("--help names --%s, which is no flag", m[1])
		}
	}
}

// TestBuildVersion: a source build without a module version names its
// commit; a go install reports its module version.
func TestBuildVersion(t *testing.T) {
	for _, c := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "51818ed9f96552548768d6c0ef4ed5cbc24e3a6d"}, {Key: "vcs.modified", Value: "true"}}},
			"(devel) commit 51818ed9f965+dirty"},
		{debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}}}, "(devel) commit abc123"},
	} {
		if got := buildVersion(&c.bi); got != c.want {
			t.Errorf("buildVersion(%+v) = %q, want %q", c.bi.Main, got, c.want)
		}
	}
}

// TestCheckGlobs: a pattern doublestar cannot match is a usage error.
func TestCheckGlobs(t *testing.T) {
	if err := checkGlobs("include", []string{"["}); err == nil {
		t.Error(`"[" accepted as a glob`)
	}
}

// endToEnd skips a slow end-to-end test (the real pre-commit run, a built
// binary over large documents or trees, real shells, a browser) unless
// MDCLEAN_E2E=1, so that go test ./... stays under two minutes; .ci/run
// sets it, and CI runs them all. -short skips them too.
func endToEnd(t *testing.T, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("%s; skipped in -short mode", what)
	}
	if os.Getenv("MDCLEAN_E2E") != "1" {
		t.Skipf("%s; a slow end-to-end test: MDCLEAN_E2E=1 runs it (CI sets it)", what)
	}
}
