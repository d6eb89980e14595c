#!/usr/bin/env bash
# docs/policy.md, "Rules of your own": the example Rego policy over the example plan, evaluated without OPA
# (regopy, the Python binding of rego-cpp, pinned). It must deny exactly the one fleet the docs say it denies.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -c 'import regopy' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check regopy==1.5.2
set +e
output=$(python3 examples/policy/check.py examples/policy/plan.json)
status=$?
set -e
echo "$output"
[ "$status" -eq 1 ] || { echo "expected exit 1 (one deny), got $status"; exit 1; }
grep -q 'matchmaker-test.yml:3: ServerProcesses\["/local/game/bin/BotServer"\] has no -port' <<<"$output"
grep -q '^1 denied, 0 warned$' <<<"$output"
echo "policy example: as documented"
