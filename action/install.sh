#!/usr/bin/env bash
# install.sh: the GitHub Action's first step. Downloads the mdclean release
# archive for this runner, checks it against the release's checksums.txt,
# unpacks it under RUNNER_TEMP and puts it on GITHUB_PATH. Inputs come from
# the environment (INPUT_VERSION, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP,
# GITHUB_PATH, GITHUB_OUTPUT); MDCLEAN_RELEASE_URL replaces the download
# base (the test points it at a local dist/).
set -euo pipefail

base=${MDCLEAN_RELEASE_URL:-https://github.com/mdclean/mdclean/releases}
version=${INPUT_VERSION:-latest}
fail() { echo "::error title=mdclean::$*" >&2; exit 1; }

case ${RUNNER_OS:-} in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  Windows) os=windows ;;
  *) fail "unsupported runner OS '${RUNNER_OS:-}'" ;;
esac
case ${RUNNER_ARCH:-} in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) fail "unsupported runner architecture '${RUNNER_ARCH:-}'" ;;
esac

if [[ $version == latest ]]; then
  # The latest release's page redirects to its tag.
  url=$(curl -fsSL -o /dev/null -w '%{url_effective}' "$base/latest") || fail "cannot find the latest release at $base"
  version=${url##*/}
  [[ $version == v* ]] || fail "cannot find the latest release at $base (got $url)"
fi
[[ $version =~ ^v?[0-9A-Za-z.+-]+$ ]] || fail "not a release version: '$version'"
num=${version#v}
tag=v$num

ext=tar.gz
[[ $os == windows ]] && ext=zip
archive=mdclean_${num}_${os}_${arch}.$ext
dir=${RUNNER_TEMP:?RUNNER_TEMP is not set}/mdclean-$num
mkdir -p "$dir"
curl -fsSL -o "$dir/$archive" "$base/download/$tag/$archive" || fail "cannot download $archive of $tag"
curl -fsSL -o "$dir/checksums.txt" "$base/download/$tag/checksums.txt" || fail "cannot download checksums.txt of $tag"

want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$dir/checksums.txt")
[[ -n $want ]] || fail "checksums.txt of $tag does not list $archive"
if command -v sha256sum >/dev/null; then
  got=$(sha256sum "$dir/$archive" | awk '{print $1}')
else
  got=$(shasum -a 256 "$dir/$archive" | awk '{print $1}')
fi
[[ $got == "$want" ]] || fail "$archive: checksum mismatch (got $got, want $want): not installed"

if [[ $ext == zip ]]; then
  unzip -q -o "$dir/$archive" -d "$dir"
else
  tar -xzf "$dir/$archive" -C "$dir"
fi
"$dir/mdclean" --version >/dev/null || fail "the installed mdclean does not run"
echo "$dir" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
echo "version=$num" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
echo "mdclean $num installed in $dir"
