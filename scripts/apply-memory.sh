#!/usr/bin/env bash
# Peak memory of `fleetform apply --auto-approve` alone, in a process of its own, as a user runs it: the release
# binary, a plain environment (dummy keys, no retry or timeout setting), against the benchmark's emulator
# (`fleetform-bench serve-emulator`: the drifted fleets, no throttling, no added latency) in another process.
# The peak is the apply process's maximum resident set size as `/usr/bin/time -v` reports it.
#
# Usage: scripts/apply-memory.sh [N ...]      # default: 1000 10000 50000
#        FLEETFORM_BIN_DIR=DIR scripts/apply-memory.sh …   # binaries already built there (CI's .build-release)
# Prints one line per N (`apply-memory fleets=N peak_kb=… wall_s=… updated=…`) and the growth per fleet between
# the two largest sizes. Exits non-zero when an apply fails or does not update every fleet.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 50000)

if [[ -n "${FLEETFORM_BIN_DIR:-}" ]]; then
    bin="$FLEETFORM_BIN_DIR"
else
    swift build -c release --product fleetform >/dev/null
    swift build -c release --product fleetform-bench >/dev/null
    bin="$(swift build -c release --show-bin-path)"
fi
work="$(mktemp -d)"
emulator=""
cleanup() {
    [[ -n "$emulator" ]] && kill "$emulator" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

declare -A peak
for n in "${sizes[@]}"; do
    rm -rf "$work/fleets" "$work/home"
    mkdir -p "$work/home"
    "$bin/fleetform-bench" generate --drifted --count "$n" --out "$work/fleets" >/dev/null
    "$bin/fleetform-bench" serve-emulator --fleets "$n" --latency-ms 0 --throttle-rps 0 >"$work/emulator.out" 2>/dev/null &
    emulator=$!
    for _ in $(seq 1 100); do
        grep -q "listening on" "$work/emulator.out" 2>/dev/null && break
        sleep 0.1
    done
    url="$(sed -n 's/^listening on //p' "$work/emulator.out")"
    [[ -n "$url" ]] || { echo "the emulator did not start" >&2; exit 1; }
    # Exactly what a user's pipeline has: no retry, timeout or proxy setting.
    env -i PATH="$PATH" HOME="$work/home" AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=example \
        AWS_REGION=us-west-2 AWS_ENDPOINT_URL="$url" AWS_EC2_METADATA_DISABLED=true NO_COLOR=1 \
        /usr/bin/time -v "$bin/fleetform" apply "$work/fleets" --auto-approve --journal "$work/journal.jsonl" \
        >"$work/apply.out" 2>"$work/apply.err" || { tail -5 "$work/apply.err" >&2; exit 1; }
    kill "$emulator" 2>/dev/null || true
    wait "$emulator" 2>/dev/null || true
    emulator=""
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/apply.err")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/apply.err")
    summary=$(grep -E '^Apply: ' "$work/apply.out" | tail -1)
    updated=$(sed -n 's/^Apply: \([0-9]*\) updated.*/\1/p' <<<"$summary")
    echo "apply-memory fleets=$n peak_kb=$kb wall=$wall updated=${updated:-?} ($summary)"
    [[ "${updated:-0}" == "$n" ]] || { echo "not every fleet was updated" >&2; exit 1; }
    peak[$n]=$kb
done

if [[ ${#sizes[@]} -ge 2 ]]; then
    a=${sizes[-2]} b=${sizes[-1]}
    awk -v a="$a" -v b="$b" -v ka="${peak[$a]}" -v kb="${peak[$b]}" \
        'BEGIN { printf "apply-memory growth=%.2f KB per fleet (between %d and %d fleets)\n", (kb - ka) / (b - a), a, b }'
fi
