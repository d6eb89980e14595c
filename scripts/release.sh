#!/usr/bin/env bash
# Builds the release archive for this machine's architecture: fleetform and gamelift-local in release mode
# with the Swift standard library and Foundation linked statically (glibc is all they need), stripped, with
# the shell completions, man pages, LICENSE and README, as dist/fleetform-VERSION-linux-ARCH.tar.gz, and
# (re)writes dist/SHA256SUMS for every archive of VERSION in dist/. The archive is reproducible: the same
# commit, toolchain and build folder give the same bytes (docs/releasing.md, "Reproducible archives").
# The Dockerfile's build stage runs this script too.
#
# Usage: scripts/release.sh VERSION [--out DIR] [--scratch-path DIR]
#
#   VERSION             must equal `version` in Package.swift (0.2.0; a leading v is accepted)
#   --out DIR           where the archive and SHA256SUMS go; default: dist
#   --scratch-path DIR  SwiftPM's build folder; default: .build-release
#
# The commit and the archive's timestamps come from git (HEAD; its commit time). Outside a git checkout (a
# container build) set FLEETFORM_BUILD_COMMIT and SOURCE_DATE_EPOCH instead.
set -euo pipefail
export LC_ALL=C # one sort order for file names, whatever the machine's locale
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

fail() {
    printf 'release.sh: %s\n' "$*" >&2
    exit 1
}

version=""
out="dist"
scratch=".build-release"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out | --scratch-path)
            [[ $# -ge 2 && -n "$2" ]] || fail "$1 needs a value"
            if [[ "$1" == --out ]]; then out="$2"; else scratch="$2"; fi
            shift 2
            ;;
        -h | --help)
            sed -n '9,17s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        -*) fail "unknown option $1 (see --help)" ;;
        *)
            [[ -z "$version" ]] || fail "one VERSION only (see --help)"
            version="${1#v}"
            shift
            ;;
    esac
done
[[ -n "$version" ]] || fail "usage: scripts/release.sh VERSION [--out DIR] [--scratch-path DIR]"

# The version has one source, Package.swift; the archive's name must agree with what the binaries print.
declared="$(sed -n 's/^let version = "\(.*\)"$/\1/p' Package.swift)"
[[ "$version" == "$declared" ]] \
    || fail "VERSION $version is not the version in Package.swift ($declared): bump Package.swift first (docs/releasing.md)"

[[ "$(uname -s)" == Linux ]] || fail "release archives are built on Linux"
case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) fail "unsupported architecture $(uname -m)" ;;
esac

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    commit="${FLEETFORM_BUILD_COMMIT:-$(git rev-parse HEAD)}"
    if [[ -z "${FLEETFORM_BUILD_COMMIT:-}" && -n "$(git status --porcelain --untracked-files=no)" ]]; then
        commit="$commit-dirty"
        echo "release.sh: warning: uncommitted changes; the binaries say commit $commit" >&2
    fi
    epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"
else
    commit="${FLEETFORM_BUILD_COMMIT:-}"
    epoch="${SOURCE_DATE_EPOCH:-}"
    [[ -n "$commit" && -n "$epoch" ]] \
        || fail "not a git checkout: set FLEETFORM_BUILD_COMMIT (the commit) and SOURCE_DATE_EPOCH (its time)"
fi
[[ "$commit" =~ ^[0-9A-Za-z.-]{1,64}$ ]] || fail "FLEETFORM_BUILD_COMMIT '$commit' is not a commit id"
[[ "$epoch" =~ ^[0-9]+$ ]] || fail "SOURCE_DATE_EPOCH '$epoch' is not a Unix time"
export FLEETFORM_BUILD_COMMIT="$commit" SOURCE_DATE_EPOCH="$epoch"

# The build: the same command in CI and in the Dockerfile. Package.swift reads FLEETFORM_BUILD_COMMIT.
build=(swift build -c release --static-swift-stdlib --scratch-path "$scratch")
for product in fleetform gamelift-local; do
    echo "==> ${build[*]} --product $product"
    "${build[@]}" --product "$product"
done
bin="$("${build[@]}" --show-bin-path)"

# SwiftPM caches the evaluated manifest; make sure the binaries carry this build's version and commit.
for product in fleetform gamelift-local; do
    shown="$("$bin/$product" --version)"
    [[ "$shown" == "$version (commit $commit)" ]] \
        || fail "$product --version says '$shown', expected '$version (commit $commit)'"
done

name="fleetform-$version-linux-$arch"
stage="$(mktemp -d "${TMPDIR:-/tmp}/fleetform-release.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
[[ -f Package.resolved ]] || fail "no Package.resolved after the build"
mkdir -p "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
for product in fleetform gamelift-local; do
    install -m 755 "$bin/$product" "$root/bin/$product"
    strip --strip-all "$root/bin/$product"
done
install -m 644 docs/man/*.1 "$root/share/man/man1/"
install -m 644 completions/fleetform.bash "$root/share/bash-completion/completions/fleetform"
install -m 644 completions/_fleetform "$root/share/zsh/site-functions/_fleetform"
install -m 644 completions/fleetform.fish "$root/share/fish/vendor_completions.d/fleetform.fish"
install -m 644 LICENSE README.md "$root/"
# The exact versions of every dependency, direct or not, the build used: what a rebuild needs (Package.resolved
# is not committed).
install -D -m 644 Package.resolved "$root/share/doc/fleetform/Package.resolved"

# Deterministic archive: sorted names, every mtime the commit time, owner and group 0, fixed modes, and gzip
# without the name and time it would otherwise store.
mkdir -p "$out"
archive="$name.tar.gz"
tar --sort=name --format=gnu --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
    --mode='u+w,go-w,a+rX' -C "$stage" -cf - "$name" | gzip -9 -n >"$out/$archive.tmp"
mv -f "$out/$archive.tmp" "$out/$archive"

(cd "$out" && sha256sum "fleetform-$version-"*.tar.gz >SHA256SUMS.tmp && mv -f SHA256SUMS.tmp SHA256SUMS)
glibc="$(objdump -T "$root/bin/fleetform" "$root/bin/gamelift-local" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)"
echo "==> $out/$archive ($(du -k "$out/$archive" | cut -f1) KiB, needs $glibc or later)"
cat "$out/SHA256SUMS"
