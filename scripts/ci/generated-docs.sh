#!/usr/bin/env bash
# The committed shell completions and man pages match the command definitions (regenerate with
# scripts/generate-docs.sh after changing any command's help).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/generate-docs.sh --check
