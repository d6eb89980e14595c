#!/usr/bin/env bash
# Every example fleet file validates against schemas/fleet.schema.json (and the schema agrees with GameLift's
# limits: that half is a Swift test in FleetSpecTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/check_schema.py
