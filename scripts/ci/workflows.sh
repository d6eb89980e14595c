#!/usr/bin/env bash
# The example pipelines under examples/ci parse as YAML and call fleetform only with what the binary accepts;
# every command's --help has examples, which do too.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -x .build/debug/fleetform ]] || swift build --product fleetform
python3 scripts/check_workflows.py --binary .build/debug/fleetform
python3 scripts/check_help.py --binary .build/debug/fleetform
