#!/usr/bin/env bash
# The benchmarks' regression guard (scripts/bench_check.py; docs/benchmarks.md, "The regression guard") on the
# release build scripts/release.sh makes in .build-release (conformance.sh has made it by now; the benchmark
# tool is built beside it with the same flags). Fails when a figure is more than 25% worse than
# scripts/bench-baseline.json: validate against cfn-lint, streaming apply against its floor (ratios taken in this
# run), and the peak memory of a 10,000-fleet apply.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"

command -v cfn-lint >/dev/null 2>&1 \
    || python3 -m pip install --quiet --disable-pip-version-check cfn-lint==1.51.0
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pyyaml

# The same manifest inputs as scripts/release.sh, so the build folder is reused rather than redone.
export FLEETFORM_BUILD_COMMIT="${FLEETFORM_BUILD_COMMIT:-$(git rev-parse HEAD)}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"
build=(swift build -c release --static-swift-stdlib --scratch-path .build-release)
for product in fleetform fleetform-bench; do
    "${build[@]}" --product "$product" 2>&1 | tail -1
done
python3 scripts/bench_check.py --bin "$("${build[@]}" --show-bin-path)"
