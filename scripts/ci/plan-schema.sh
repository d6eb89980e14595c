#!/usr/bin/env bash
# The JSON plan and apply report agree with schemas/*.schema.json and docs/plan-json.md; with a built binary,
# a plan made against the local simulation validates too.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=.build/debug/fleetform
if [[ -x "$binary" ]]; then
    python3 scripts/check_plan_schema.py --binary "$binary"
else
    python3 scripts/check_plan_schema.py
fi
