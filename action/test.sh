#!/usr/bin/env bash
# test.sh DIST: runs the Action's two steps as a runner would, on a
# synthetic runner environment, against the release archives `make dist`
# wrote to DIST (served as file:// URLs in a release's layout). .ci/run
# calls it after make dist.
set -euo pipefail
dist=$(cd "${1:?usage: action/test.sh DIST}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ver=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$dist/metadata.json")
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# A release's layout: download/<tag>/<files>.
mkdir -p "$t/rel/download/v$ver"
cp "$dist"/checksums.txt "$dist"/mdclean_"$ver"_*.tar.gz "$t/rel/download/v$ver/"
runner() {
  env -i PATH=/usr/bin:/bin HOME="$t" RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$t/tmp" \
    GITHUB_PATH="$t/path" GITHUB_OUTPUT="$t/output" GITHUB_ACTION_PATH="$root" \
    MDCLEAN_RELEASE_URL="file://$t/rel" "$@"
}
mkdir -p "$t/tmp"
: >"$t/path"
: >"$t/output"

# 1. Install: the archive is checked and unpacked, its directory put on the path.
runner INPUT_VERSION="v$ver" "$here/install.sh" >/dev/null
grep -qx "version=$ver" "$t/output" || { echo "install.sh: no version output"; exit 1; }
bin=$(cat "$t/path")
"$bin/mdclean" --version | grep -q "$ver" || { echo "installed mdclean reports another version"; exit 1; }

# 2. A tampered archive is refused and nothing is put on the path.
cp -r "$t/rel" "$t/bad"
printf 'x' >>"$t/bad/download/v$ver/mdclean_${ver}_linux_amd64.tar.gz"
: >"$t/path2"
if env -i PATH=/usr/bin:/bin RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$t/tmp2" GITHUB_PATH="$t/path2" \
  GITHUB_OUTPUT="$t/output" MDCLEAN_RELEASE_URL="file://$t/bad" INPUT_VERSION="v$ver" \
  "$here/install.sh" 2>"$t/err"; then
  echo "install.sh accepted a tampered archive"; exit 1
fi
grep -q 'checksum mismatch' "$t/err" || { echo "install.sh: no checksum message"; cat "$t/err"; exit 1; }
[[ ! -s $t/path2 ]] || { echo "install.sh put a tampered binary on the path"; exit 1; }

# 3. Run with the Action's default args: a damaged post fails the step with
# an annotation per change; a clean tree passes.
args=$(awk '/^  args:/{f=1} f && /default:/{sub(/^ *default: */, ""); print; exit}' "$root/action.yml")
mkdir -p "$t/site/posts"
cp "$root/testdata/seed.md" "$t/site/posts/seed.md"
set +e
(cd "$t/site" && runner PATH="$bin:/usr/bin:/bin" INPUT_ARGS="$args" INPUT_PATHS="posts" "$here/run.sh") >"$t/out" 2>&1
rc=$?
set -e
[[ $rc == 1 ]] || { echo "run.sh on a damaged post: exit $rc, want 1"; cat "$t/out"; exit 1; }
grep -q '^::error file=posts/seed.md,line=[0-9]*' "$t/out" || { echo "run.sh: no annotation for posts/seed.md"; head "$t/out"; exit 1; }
"$bin/mdclean" -w "$t/site/posts/seed.md"
(cd "$t/site" && runner PATH="$bin:/usr/bin:/bin" INPUT_ARGS="$args" INPUT_PATHS="posts" "$here/run.sh") >"$t/out" 2>&1 ||
  { echo "run.sh on a clean tree failed"; cat "$t/out"; exit 1; }
echo "action: install (checksum verified, tampered archive refused) and run (annotations, exit status) pass"
