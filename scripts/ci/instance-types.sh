#!/usr/bin/env bash
# The generated instance-type table matches its checked-in source (regenerate with
# scripts/generate-instance-types.py after editing scripts/instance-types/instance-types.csv).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/generate-instance-types.py --check
