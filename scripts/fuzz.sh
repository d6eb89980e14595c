#!/usr/bin/env bash
# The large fuzz run (README "Performance"): FLEETFORM_FUZZ_COUNT inputs per format (default 170,000) through
# the YAML byte fuzzer and the structure-aware fuzzers (fleet files, saved plans, journals, emulator requests
# in JSON and CBOR): 6 formats, so 1,020,000 inputs by default. `swift test` runs the same tests with
# 2,000–10,000 inputs each. FLEETFORM_FUZZ_RELEASE=1 uses a release build in .build-release (gitignored):
# a longer build, a faster run.
#   scripts/fuzz.sh
#   FLEETFORM_FUZZ_COUNT=1000 scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
export FLEETFORM_WERROR="${FLEETFORM_WERROR:-1}"
export FLEETFORM_FUZZ_COUNT="${FLEETFORM_FUZZ_COUNT:-170000}"
formats=6
build=(--scratch-path .build)
if [ "${FLEETFORM_FUZZ_RELEASE:-0}" = 1 ]; then
    # Some test targets use @testable imports, which a release build allows only with -enable-testing.
    build=(-c release --scratch-path .build-release -Xswiftc -enable-testing)
fi
echo "fuzzing: ${FLEETFORM_FUZZ_COUNT} inputs per format, $((FLEETFORM_FUZZ_COUNT * formats)) in all"
swift build --build-tests "${build[@]}"
start=$(date +%s)
swift test --skip-build "${build[@]}" --filter 'YAMLFuzzTests|StructuredFuzzTests|EmulatorFuzzTests'
end=$(date +%s)
echo "fuzzing: $((FLEETFORM_FUZZ_COUNT * formats)) inputs in $((end - start)) s, no crash"
