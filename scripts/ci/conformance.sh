#!/usr/bin/env bash
# fleetform's AWS path against the independent GameLift conformance server (Tests/Conformance/README.md), through
# the release binary as users install it, from a plain environment with no retry or timeout setting:
#   1. the server's self-test (botocore and boto3 check the server itself);
#   2. every scenario: `attempts`, the root-cause check of the lost retries (a default-settings binary makes
#      exactly the default number of attempts, and AWS_MAX_ATTEMPTS / max_attempts change it; see
#      docs/architecture.md, "A compiler bug we work around"), InternalServiceException with a held fleet,
#      per-operation throttling against the floor, faults with a shared bucket, proxies; 200 fleets where the
#      scenario throttles;
#   3. the 30-fleet InternalServiceException case 20 more times.
# The release archive comes from dist/ when scripts/release.sh made it already, else this builds it (the same
# build scripts/ci/release.sh checks, in .build-release).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
version="$(sed -n 's/^let version = "\(.*\)"$/\1/p' Package.swift)"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/fleetform-conformance.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

python3 -c 'import botocore, boto3' 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check boto3 awscli==1.45.11

if ! (cd dist 2>/dev/null && sha256sum --check --quiet SHA256SUMS 2>/dev/null); then
    bash scripts/release.sh "$version" --out "$scratch/dist"
    dist="$scratch/dist"
else
    dist=dist
fi
env -i HOME="$scratch/home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
    bash scripts/install.sh --from "$dist/" --to "$scratch/prefix" >/dev/null
fleetform="$scratch/prefix/bin/fleetform"
"$fleetform" --version

run() { python3 Tests/Conformance/run_scenarios.py "$@"; }
run --self-test
run --fleetform "$fleetform" --scenario all
run --fleetform "$fleetform" --scenario ise-hold --runs 20
