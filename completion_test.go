package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompletion runs each completion script in its real shell: bash
// completes a flag, a rule id and a flag's value; zsh and fish load the
// script (their parsers check it), and fish completes a rule id.
// MDCLEAN_REQUIRE_SHELLS (set by .ci/run) makes a missing shell an error.
func TestCompletion(t *testing.T) {
	endToEnd(t, "loads the completion scripts in the real bash, zsh and fish")
	script := func(shell string) string {
		var out, errb bytes.Buffer
		if code := run([]string{"mdclean", "completion", shell}, nil, &out, &errb); code != 0 {
			t.Fatalf("completion %s: exit %d: %s", shell, code, errb.String())
		}
		p := filepath.Join(t.TempDir(), "mdclean."+shell)
		if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	need := func(shell string) bool {
		if _, err := exec.LookPath(shell); err != nil {
			if os.Getenv("MDCLEAN_REQUIRE_SHELLS") != "" {
				t.Fatalf("%s is not installed but MDCLEAN_REQUIRE_SHELLS is set", shell)
			}
			t.Logf("skipping the %s completion check: %s is not installed", shell, shell)
			return false
		}
		return true
	}
	if need("bash") {
		p := script("bash")
		for _, c := range []struct{ words, want string }{
			{"mdclean --disa", "--disable"},
			{"mdclean --disable link-b", "link-bait-tail"},
			{"mdclean --output-format s", "sarif"},
			{"mdclean learn --min", "--min-docs"},
			{"mdclean completion z", "zsh"},
		} {
			cmd := exec.Command("bash", "-c", `source "$1"; read -r -a COMP_WORDS <<<"$2"; COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _mdclean; echo "${COMPREPLY[*]}"`, "x", p, c.words)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("bash: %v: %s", err, out)
			}
			if got := strings.TrimSpace(string(out)); got != c.want {
				t.Errorf("bash completes %q as %q, want %q", c.words, got, c.want)
			}
		}
	}
	if need("zsh") {
		p := script("zsh")
		if out, err := exec.Command("zsh", "-n", p).CombinedOutput(); err != nil {
			t.Errorf("zsh -n: %v: %s", err, out)
		}
		// Loaded by compinit as a completion function, it defines _mdclean.
		out, err := exec.Command("zsh", "-fc", `autoload -U compinit; compinit -u -D; source "$1" 2>/dev/null; whence -w _mdclean`, "x", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "_mdclean: function") {
			t.Errorf("zsh: _mdclean not defined: %v: %s", err, out)
		}
	}
	if need("fish") {
		p := script("fish")
		if out, err := exec.Command("fish", "--no-execute", p).CombinedOutput(); err != nil {
			t.Errorf("fish --no-execute: %v: %s", err, out)
		}
		out, err := exec.Command("fish", "-c", `source $argv[1]; complete -C"mdclean --disable link-b"`, p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "link-bait-tail") {
			t.Errorf("fish does not complete a rule id: %v: %s", err, out)
		}
	}
	var errb bytes.Buffer
	if code := run([]string{"mdclean", "completion", "tcsh"}, nil, &bytes.Buffer{}, &errb); code != 2 || !strings.Contains(errb.String(), `unknown shell "tcsh"`) {
		t.Errorf("completion tcsh: exit %d, %q", code, errb.String())
	}
}
