#!/usr/bin/env bash
# `fleetform import` end to end, through the binary and the local simulation seeded with the example fleets:
# import every fleet of every region, then `plan --detailed-exitcode` must exit 0 (no changes). A second import
# without --force must refuse and leave the files untouched; with --force it rewrites them identically.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -x .build/debug/fleetform ]] || swift build --product fleetform
fleetform=.build/debug/fleetform
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
local_flags=(--local --local-state "$scratch/state.json" --local-seed examples/local/seed.json)

regions=$(python3 -c 'import json; print(" ".join(sorted({f["Region"] for f in json.load(open("examples/local/seed.json"))["Fleets"]})))')
for region in $regions; do
    "$fleetform" import --all --region "$region" --out "$scratch/fleets/$region" "${local_flags[@]}"
done

"$fleetform" validate "$scratch/fleets"
set +e
"$fleetform" plan "$scratch/fleets" --detailed-exitcode "${local_flags[@]}"
code=$?
set -e
[[ $code -eq 0 ]] || { echo "FAIL: plan after import exited $code, expected 0 (no changes)" >&2; exit 1; }

first_region=${regions%% *}
before=$(cat "$scratch/fleets/$first_region"/*.yaml | sha256sum)
if "$fleetform" import --all --region "$first_region" --out "$scratch/fleets/$first_region" "${local_flags[@]}" 2>"$scratch/err"; then
    echo "FAIL: a second import without --force overwrote files" >&2; exit 1
fi
grep -q "refusing to overwrite" "$scratch/err" || { cat "$scratch/err" >&2; exit 1; }
"$fleetform" import --all --region "$first_region" --out "$scratch/fleets/$first_region" --force "${local_flags[@]}"
after=$(cat "$scratch/fleets/$first_region"/*.yaml | sha256sum)
[[ "$before" == "$after" ]] || { echo "FAIL: import --force wrote different files for the same fleets" >&2; exit 1; }
echo "import round trip: ok"
