#!/usr/bin/env bash
# Installs a fleetform release: downloads the archive for this machine (Linux, x86_64 or aarch64) and the
# release's SHA256SUMS, refuses the archive unless its SHA-256 is the one SHA256SUMS lists (nothing is installed
# then), unpacks it into a prefix and prints the installed version. Works with curl or wget; a folder or a
# file:// URL works without either (that is how CI tests it). See docs/releasing.md.
#
# Usage: scripts/install.sh [--version V] [--from URL_OR_DIR] [--to DIR] [--keep DIR]
#
#   --version V        release to install (0.2.0 or v0.2.0); default: the latest release, or the only
#                      version SHA256SUMS lists for this machine when --from is given
#   --from URL_OR_DIR  where the archives and SHA256SUMS are: an https:// URL, a folder or a file:// URL;
#                      default: the GitHub release of V (https://github.com/fleetform/fleetform/releases)
#   --to DIR           install prefix: binaries in DIR/bin, man pages in DIR/share/man/man1, shell
#                      completions in DIR/share/{bash-completion,zsh,fish}; default: $HOME/.local
#   --keep DIR         also keep the verified archive and SHA256SUMS in DIR (a cache for later --from DIR)
set -euo pipefail

releases="https://github.com/fleetform/fleetform/releases"
version=""
from=""
prefix="${HOME:-}/.local"
keep=""

fail() {
    printf 'install.sh: %s\n' "$*" >&2
    exit 1
}

usage() { sed -n '7,16s/^# \{0,1\}//p' "$0"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --version | --from | --to | --keep)
            [[ $# -ge 2 && -n "$2" ]] || fail "$1 needs a value (see --help)"
            case "$1" in
                --version) version="${2#v}" && [[ "$version" != latest ]] || version="" ;;
                --from) from="$2" ;;
                --to) prefix="$2" ;;
                --keep) keep="$2" ;;
            esac
            shift 2
            ;;
        --version=* | --from=* | --to=* | --keep=*)
            value="${1#*=}"
            [[ -n "$value" ]] || fail "${1%%=*} needs a value (see --help)"
            set -- "${1%%=*}" "$value" "${@:2}"
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) fail "unknown argument '$1' (see --help)" ;;
    esac
done
[[ -n "$prefix" && "$prefix" != "/.local" ]] || fail "no install prefix: HOME is not set, pass --to DIR"
if [[ -n "$version" && ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
    fail "--version '$version' is not a release version such as 0.2.0"
fi

case "$(uname -s)" in
    Linux) os=linux ;;
    *) fail "release archives are built for Linux only, this is $(uname -s); build from source instead (README, Set up)" ;;
esac
case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) fail "no release archive for the $(uname -m) architecture (there are x86_64 and aarch64)" ;;
esac

# Where the release files are: a local folder (or file:// URL), or an https URL.
if [[ -z "$from" ]]; then
    if [[ -n "$version" ]]; then from="$releases/download/v$version"; else from="$releases/latest/download"; fi
fi
from="${from%/}"
case "$from" in
    file://*) source_dir="${from#file://}" ;;
    https://*) source_dir="" ;;
    http://*) fail "refusing $from: over plain http the archive and its checksums could both be replaced; use https://, a folder or file://" ;;
    *://*) fail "--from $from: only https://, file:// or a folder" ;;
    *) source_dir="$from" ;;
esac
if [[ -n "$source_dir" && ! -d "$source_dir" ]]; then
    fail "--from $from: no such folder"
fi

if command -v sha256sum >/dev/null 2>&1; then
    sha256() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
    sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
    fail "neither sha256sum nor shasum is installed: cannot verify the archive"
fi
for tool in tar gzip; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done

# fetch NAME DEST: copies or downloads one release file.
fetch() {
    if [[ -n "$source_dir" ]]; then
        [[ -f "$source_dir/$1" ]] || fail "$source_dir/$1: no such file"
        cp "$source_dir/$1" "$2"
    elif command -v curl >/dev/null 2>&1; then
        curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --retry 3 --output "$2" "$from/$1" \
            || fail "could not download $from/$1"
    elif command -v wget >/dev/null 2>&1; then
        wget --quiet --https-only --tries=3 --output-document="$2" "$from/$1" || fail "could not download $from/$1"
    else
        fail "neither curl nor wget is installed: cannot download $from/$1"
    fi
}

work="$(mktemp -d "${TMPDIR:-/tmp}/fleetform-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fetch SHA256SUMS "$work/SHA256SUMS"
# Lines are "<64 hex>  <file name>"; pick this machine's archive, of the asked version if one was given.
wanted="${version//./\\.}"
pattern="^([0-9a-f]{64})  (fleetform-(${wanted:-[0-9][0-9A-Za-z.-]*})-${os}-${arch}\\.tar\\.gz)$"
matches=()
while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ $pattern ]] && matches+=("${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]}")
done <"$work/SHA256SUMS"
if [[ ${#matches[@]} -eq 0 ]]; then
    fail "$from/SHA256SUMS lists no fleetform${version:+ $version} archive for $os-$arch"
elif [[ ${#matches[@]} -gt 1 ]]; then
    fail "$from/SHA256SUMS lists several versions for $os-$arch: choose one with --version"
fi
read -r expected archive version <<<"${matches[0]}"

fetch "$archive" "$work/$archive"
actual="$(sha256 "$work/$archive")"
if [[ "$actual" != "$expected" ]]; then
    fail "$archive: checksum mismatch (SHA256SUMS says $expected, the file has $actual); refusing it, nothing installed"
fi

# The checksum vouches for the archive; still, refuse any entry that is not a plain file or folder under the
# archive's own top folder, so nothing can land outside the prefix.
top="fleetform-$version-$os-$arch"
listing="$(tar -tvzf "$work/$archive")" || fail "$archive: not a readable tar.gz archive; nothing installed"
while IFS= read -r entry; do
    case "$entry" in -* | d*) ;; *) fail "$archive: unexpected entry type: $entry; nothing installed" ;; esac
done <<<"$listing"
while IFS= read -r name; do
    case "/$name/" in
        */../* | //*) fail "$archive: unsafe path '$name'; nothing installed" ;;
    esac
    [[ "$name" == "$top" || "$name" == "$top/"* ]] || fail "$archive: '$name' is outside $top/; nothing installed"
done < <(tar -tzf "$work/$archive")
mkdir "$work/unpacked"
tar -xzf "$work/$archive" -C "$work/unpacked" --no-same-owner
root="$work/unpacked/$top"
[[ -x "$root/bin/fleetform" ]] || fail "$archive has no bin/fleetform; nothing installed"

if [[ -n "$keep" ]]; then
    mkdir -p "$keep"
    if [[ -z "$source_dir" || ! "$keep" -ef "$source_dir" ]]; then
        cp "$work/$archive" "$keep/$archive.tmp" && mv -f "$keep/$archive.tmp" "$keep/$archive"
        printf '%s  %s\n' "$expected" "$archive" >"$keep/SHA256SUMS"
    fi
fi

# place SOURCE DEST MODE: each file lands under a temporary name and is renamed into place, so a running
# fleetform is never overwritten mid-file.
place() {
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2.installing.$$"
    chmod "$3" "$2.installing.$$"
    mv -f "$2.installing.$$" "$2"
}
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
for binary in "$root"/bin/*; do
    place "$binary" "$prefix/bin/$(basename "$binary")" 755
done
while IFS= read -r -d '' file; do
    place "$file" "$prefix/${file#"$root/"}" 644
done < <([[ ! -d "$root/share" ]] || find "$root/share" -type f -print0)
for doc in LICENSE README.md; do
    place "$root/$doc" "$prefix/share/doc/fleetform/$doc" 644
done

installed="$("$prefix/bin/fleetform" --version 2>&1)" \
    || fail "installed to $prefix/bin, but fleetform does not run here: $installed (docs/releasing.md lists what it needs)"
echo "Installed fleetform $installed to $prefix/bin"
case ":${PATH:-}:" in
    *":$prefix/bin:"*) ;;
    *) echo "Add $prefix/bin to PATH to run it as 'fleetform'." ;;
esac
