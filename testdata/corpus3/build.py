#!/usr/bin/env python3
"""build.py: re-create the corpus3 posts from local git mirrors.

Usage: build.py OUTDIR [--mirrors DIR]

For every line of manifest.jsonl (next to this script) it writes OUTDIR/<file> with the exact
bytes of <path> at <commit> in the mirror of <repo>, read with
`git --git-dir=DIR/<owner>+<name>/repo show <commit>:<path>`, and copies labels.jsonl to
OUTDIR. The posts are never committed to this repository; see README.md for how to get the
mirrors. OUTDIR must be outside the repository.
"""
import argparse, json, os, shutil, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--mirrors", default="/work/.mirror")
    a = ap.parse_args()
    out = os.path.abspath(a.outdir)
    repo_root = os.path.abspath(os.path.join(here, "..", ".."))
    if out == repo_root or out.startswith(repo_root + os.sep):
        sys.exit("build.py: OUTDIR must be outside the repository")
    os.makedirs(out, exist_ok=True)
    missing = 0
    for line in open(os.path.join(here, "manifest.jsonl"), encoding="utf-8"):
        if not line.strip():
            continue
        m = json.loads(line)
        gitdir = os.path.join(a.mirrors, m["repo"].replace("/", "+"), "repo")
        p = subprocess.run(["git", "--git-dir", gitdir, "show", m["commit"] + ":" + m["path"]],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            missing += 1
            print(f"{m['file']}: {m['repo']}@{m['commit'][:12]}:{m['path']}: "
                  f"{p.stderr.decode('utf-8', 'replace').strip()}", file=sys.stderr)
            continue
        with open(os.path.join(out, m["file"]), "wb") as f:
            f.write(p.stdout)
    shutil.copy(os.path.join(here, "labels.jsonl"), os.path.join(out, "labels.jsonl"))
    if missing:
        sys.exit(f"build.py: {missing} posts missing (fetch their repositories first)")


if __name__ == "__main__":
    main()
