package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mdclean/mdclean/clean"
)

// buildBinary builds mdclean once per test into dir.
func buildBinary(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "mdclean")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bigTree writes n copies of the seed with its article repeated k times,
// and returns the original and the cleaned bytes.
func bigTree(t *testing.T, dir string, n, k int) (orig, cleaned []byte) {
	t.Helper()
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(seed, []byte("<p>有记者问"))
	end := bytes.Index(seed, []byte("<p>发言人表示，网络安全"))
	orig = append(append(append([]byte{}, seed[:start]...), bytes.Repeat(seed[start:end], k)...), seed[end:]...)
	res, err := clean.Document(orig, clean.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%50))
		os.MkdirAll(sub, 0o755)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("p%05d.md", i)), orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return orig, res.Out
}

// checkTree asserts every post is either the original or the cleaned
// version, never anything in between, and that no temporary file is left.
func checkTree(t *testing.T, dir string, orig, cleaned []byte) (nOrig, nClean int) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.Contains(d.Name(), ".mdclean-") {
			t.Errorf("temporary file left: %s", p)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case bytes.Equal(data, orig):
			nOrig++
		case bytes.Equal(data, cleaned):
			nClean++
		default:
			t.Errorf("%s is neither the original nor the cleaned post (%d bytes)", p, len(data))
		}
		return nil
	})
	return
}

// TestInterruptedBatch sends SIGTERM (then, in a second run, SIGINT) in
// the middle of `mdclean -w` over a tree: every file is the old version or
// the new one, temporary files are removed, the exit status is 2.
func TestInterruptedBatch(t *testing.T) {
	endToEnd(t, "builds the binary and a large tree")
	bin := buildBinary(t, t.TempDir())
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		dir := t.TempDir()
		orig, cleaned := bigTree(t, dir, 3000, 10)
		cmd := exec.Command(bin, "-w", "-j", "2", dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		nOrig, nClean := checkTree(t, dir, orig, cleaned)
		t.Logf("%v: %d rewritten, %d untouched when interrupted", sig, nClean, nOrig)
		if nOrig == 0 {
			t.Logf("the batch finished before the signal; the interruption was not exercised")
			continue
		}
		if code := cmd.ProcessState.ExitCode(); code != exitError {
			t.Errorf("%v: exit %d (%v), want 2", sig, code, err)
		}
		if !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("%v: stderr does not say it was interrupted:\n%.500s", sig, stderr.String())
		}
	}
}

// TestConcurrentRuns: two mdclean -w over the same tree at once corrupt
// nothing; every post ends up cleaned, and a run that finds a post
// rewritten under it by the other says so and leaves it.
func TestConcurrentRuns(t *testing.T) {
	endToEnd(t, "builds the binary and a large tree")
	bin := buildBinary(t, t.TempDir())
	dir := t.TempDir()
	orig, cleaned := bigTree(t, dir, 2000, 3)
	var cmds []*exec.Cmd
	var errs []*bytes.Buffer
	for i := 0; i < 2; i++ {
		cmd := exec.Command(bin, "-w", "-j", "1", dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, errs = append(cmds, cmd), append(errs, &stderr)
	}
	for i, cmd := range cmds {
		cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		for _, line := range strings.Split(strings.TrimSpace(errs[i].String()), "\n") {
			if line != "" && !strings.Contains(line, "changed while it was being cleaned") {
				t.Errorf("run %d: unexpected message %q", i, line)
			}
		}
		if code != exitOK && code != exitError {
			t.Errorf("run %d: exit %d", i, code)
		}
	}
	if nOrig, _ := checkTree(t, dir, orig, cleaned); nOrig != 0 {
		t.Errorf("%d posts were left uncleaned", nOrig)
	}
}

// TestSignalWhileReadingStdin: Ctrl-C stops a filter that waits for its
// input (it used to be ignored until stdin closed).
func TestSignalWhileReadingStdin(t *testing.T) {
	bin := buildBinary(t, t.TempDir())
	cmd := exec.Command(bin)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stdin.Write([]byte("---\ntitle: half a post"))
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("SIGINT did not stop mdclean reading stdin")
	}
	if code := cmd.ProcessState.ExitCode(); code != exitError || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// TestBrokenPipeBatch: "mdclean -w -l dir | head -1" closes mdclean's
// output early. The batch stops cleanly: every file is old or new, no
// temporary file is left, exit 2 (it used to die of SIGPIPE mid-write).
func TestBrokenPipeBatch(t *testing.T) {
	endToEnd(t, "builds the binary and a large tree")
	bin := buildBinary(t, t.TempDir())
	dir := t.TempDir()
	orig, cleaned := bigTree(t, dir, 2000, 10)
	cmd := exec.Command(bin, "-w", "-l", "-j", "2", dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	out.Read(buf) // the first name, as head -1 reads it
	out.Close()
	cmd.Wait()
	nOrig, nClean := checkTree(t, dir, orig, cleaned)
	t.Logf("%d rewritten, %d untouched when the pipe closed", nClean, nOrig)
	if code := cmd.ProcessState.ExitCode(); code != exitError && nOrig > 0 {
		t.Errorf("exit %d, want 2; stderr %.300s", code, stderr.String())
	}
}

// TestStaleTemps: a temporary file that a killed run left (its pid is
// gone) is reported by --check and removed by -w; one of a live run is
// never touched.
func TestStaleTemps(t *testing.T) {
	bin := buildBinary(t, t.TempDir())
	dir := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip(err)
	}
	stale := filepath.Join(dir, fmt.Sprintf(".a.md.mdclean-%d-123456", dead.Process.Pid))
	live := filepath.Join(dir, fmt.Sprintf(".b.md.mdclean-%d-123456", os.Getpid()))
	// Today's short names: ".mdclean-PID-N.tmp".
	staleNew := filepath.Join(dir, fmt.Sprintf(".mdclean-%d-987654.tmp", dead.Process.Pid))
	liveNew := filepath.Join(dir, fmt.Sprintf(".mdclean-%d-987654.tmp", os.Getpid()))
	for _, p := range []string{stale, live, staleNew, liveNew, filepath.Join(dir, "a.md")} {
		if err := os.WriteFile(p, []byte("---\ntitle: x\n---\nok\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := exec.Command(bin, "--check", dir).CombinedOutput()
	if !strings.Contains(string(out), "temporary file left by an interrupted mdclean run") {
		t.Errorf("--check does not report it: %s", out)
	}
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("--check removed it")
	}
	out, err := exec.Command(bin, "-w", dir).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "removed a temporary file") {
		t.Errorf("-w: %v: %s", err, out)
	}
	for _, p := range []string{stale, staleNew} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("-w left the stale temporary file %s", filepath.Base(p))
		}
	}
	for _, p := range []string{live, liveNew} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("a live run's temporary file %s was removed", filepath.Base(p))
		}
	}
}

// TestSignalDuringLongPost: SIGTERM stops a run in the middle of one long
// post (cleaning a post checks no context; a pathological one once ran
// for minutes past the signal): it exits 2 within signalGrace.
func TestSignalDuringLongPost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and a 64 MB post; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(seed, []byte("<p>有记者问"))
	end := bytes.Index(seed, []byte("<p>发言人表示，网络安全"))
	var doc bytes.Buffer
	doc.Write(seed[:start])
	for doc.Len() < 64<<20 {
		doc.Write(seed[start:end])
	}
	doc.Write(seed[end:])
	post := filepath.Join(dir, "long.md")
	if err := os.WriteFile(post, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	doc = bytes.Buffer{}
	in, err := os.Open(post)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	cmd := exec.Command(bin)
	cmd.Stdin = in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the input is read by then: the post is being cleaned
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("SIGTERM did not stop mdclean in the middle of a long post")
	}
	if code := cmd.ProcessState.ExitCode(); code == exitOK {
		t.Skip("the post was cleaned before the signal; the interruption was not exercised")
	} else if code != exitError || !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("exit %d, stderr %q; want 2 and \"stopped\"", code, stderr.String())
	}
}
