#!/usr/bin/env bash
# Writes fleetform's shell completion scripts (completions/) and man pages (docs/man/) from the command
# definitions, with ArgumentParser's own generators: `fleetform --generate-completion-script <shell>` and the
# `generate-manual` package plugin. Run it after changing any command, option or help text, and commit the
# output. `--check` regenerates into a scratch folder and fails when the committed files are out of date.
#
# Usage: scripts/generate-docs.sh [--check]
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

check=false
[[ "${1:-}" == "--check" ]] && check=true

swift build --product fleetform
binary="$(swift build --show-bin-path)/fleetform"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/completions" "$scratch/man"

"$binary" --generate-completion-script bash > "$scratch/completions/fleetform.bash"
"$binary" --generate-completion-script zsh > "$scratch/completions/_fleetform"
"$binary" --generate-completion-script fish > "$scratch/completions/fleetform.fish"

# A fixed date (the last change to the commands) keeps the pages identical from run to run.
date="$(git log -1 --format=%cs -- Sources/fleetform 2>/dev/null || true)"
date="${date:-$(date -u +%F)}"
swift package plugin generate-manual --configuration debug --multi-page --date "$date" \
    --authors "the fleetform maintainers" >/dev/null
cp .build/plugins/GenerateManual/outputs/fleetform/*.1 "$scratch/man/"

if $check; then
    diff -ru completions "$scratch/completions" && diff -ru docs/man "$scratch/man" \
        || { echo "completions/ or docs/man/ are out of date: run scripts/generate-docs.sh" >&2; exit 1; }
    echo "completions/ and docs/man/ are up to date."
else
    rm -rf completions docs/man
    mkdir -p completions docs/man
    cp "$scratch/completions/"* completions/
    cp "$scratch/man/"*.1 docs/man/
    echo "Wrote completions/ ($(ls completions | wc -l) files) and docs/man/ ($(ls docs/man | wc -l) pages)."
fi
