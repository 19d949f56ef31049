#!/usr/bin/env python3
"""check.py: check labels.jsonl against the re-created posts.

Usage: check.py CORPUSDIR

Every keep, drop and either snippet must be in its post, byte for byte; no keep may overlap
an occurrence of a drop snippet; every manifest file must have a label line. Exit 1 on any
problem.
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))


def spans(text, s):
    i = text.find(s)
    while i >= 0:
        yield i, i + len(s)
        i = text.find(s, i + 1)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    corpus = sys.argv[1]
    labels = [json.loads(l) for l in open(os.path.join(here, "labels.jsonl"), encoding="utf-8") if l.strip()]
    manifest = [json.loads(l) for l in open(os.path.join(here, "manifest.jsonl"), encoding="utf-8") if l.strip()]
    problems = []
    if sorted(m["file"] for m in manifest) != sorted(d["file"] for d in labels):
        problems.append("manifest and labels name different files")
    for d in labels:
        text = open(os.path.join(corpus, d["file"]), encoding="utf-8").read()
        for kind in ("keep", "drop", "either"):
            for s in d.get(kind, []):
                if s not in text:
                    problems.append(f"{d['file']}: {kind} snippet not in the post: {s!r}")
        dropped = [sp for s in d.get("drop", []) for sp in spans(text, s)]
        for s in d.get("keep", []):
            for a, b in spans(text, s):
                if any(a < z and x < b for x, z in dropped):
                    problems.append(f"{d['file']}: keep overlaps a drop: {s!r}")
    for p in problems:
        print(p)
    n = lambda k: sum(len(d.get(k, [])) for d in labels)
    print(f"{len(labels)} posts, {n('keep')} keep, {n('drop')} drop, {n('either')} either, "
          f"{sum(1 for d in labels if d.get('date'))} dated; {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
