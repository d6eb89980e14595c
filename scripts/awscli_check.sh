#!/usr/bin/env bash
# Proves wire compatibility of the GameLift emulator with the tools users already have: the AWS CLI (which
# speaks AWS JSON 1.1 to GameLift) and botocore forced onto Smithy RPC v2 CBOR, both pointed at gamelift-local.
#
# Usage: scripts/awscli_check.sh [PATH_TO_GAMELIFT_LOCAL]
#   Without an argument, uses .build/debug/gamelift-local (then .build/release/gamelift-local).
#
# Needs the AWS CLI v1. CI installs it with:   pip install awscli==1.45.11
# (botocore 1.43.11 comes with it; that version prefers JSON 1.1 for GameLift, so the CBOR step forces
# smithy-rpc-v2-cbor through botocore, as newer SDKs choose it themselves.)
#
# Exits non-zero on the first mismatch, and always stops the server it started.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="${1:-}"
if [[ -z "$binary" ]]; then
    for candidate in "$repo_root/.build/debug/gamelift-local" "$repo_root/.build/release/gamelift-local"; do
        if [[ -x "$candidate" ]]; then binary="$candidate"; break; fi
    done
fi
if [[ -z "$binary" || ! -x "$binary" ]]; then
    echo "awscli_check: gamelift-local not found; build it (swift build --product gamelift-local) or pass its path" >&2
    exit 1
fi
command -v aws >/dev/null || { echo "awscli_check: the aws CLI is not installed (pip install awscli==1.45.11)" >&2; exit 1; }

seed="$repo_root/examples/local/seed.json"
fleet="fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
region="us-west-2"
access_key="AKIDFLEETFORMCHECK"
secret_key="fleetform-check-secret"

workdir="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

# Signatures are verified, with the same dummy key the clients use: the check covers SigV4 too.
"$binary" --port 0 --state "$workdir/state.json" --seed-state "$seed" \
    --verify-signatures --access-key "$access_key:$secret_key" \
    >"$workdir/stdout" 2>"$workdir/server.log" &
server_pid=$!

port=""
for _ in $(seq 1 100); do
    port="$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$|\1|p' "$workdir/stdout")"
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -z "$port" ]]; then
    echo "awscli_check: gamelift-local did not start" >&2
    cat "$workdir/server.log" >&2
    exit 1
fi
endpoint="http://127.0.0.1:$port"
echo "gamelift-local listening on $endpoint"

export AWS_ACCESS_KEY_ID="$access_key" AWS_SECRET_ACCESS_KEY="$secret_key"
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""
unset AWS_SESSION_TOKEN AWS_PROFILE
failures=0

gamelift() { aws gamelift "$@" --endpoint-url "$endpoint" --region "$region" --output text; }

expect_equal() { # name, expected, actual
    if [[ "$2" == "$3" ]]; then
        echo "ok   $1"
    else
        echo "FAIL $1: expected [$2], got [$3]" >&2
        failures=$((failures + 1))
    fi
}

# 1. The seed's live configuration.
actual="$(gamelift describe-runtime-configuration --fleet-id "$fleet" \
    --query 'RuntimeConfiguration.[GameSessionActivationTimeoutSeconds, length(ServerProcesses)]')"
expect_equal "describe-runtime-configuration (seed)" "$(printf '120\t1')" "$actual"

# 2. An update, echoed back.
actual="$(gamelift update-runtime-configuration --fleet-id "$fleet" \
    --runtime-configuration 'ServerProcesses=[{LaunchPath=/local/game/bin/ArenaServer,Parameters=-port 7777 -mode ranked,ConcurrentExecutions=8},{LaunchPath=/local/game/bin/MissingServer,ConcurrentExecutions=2}],GameSessionActivationTimeoutSeconds=300' \
    --query 'RuntimeConfiguration.[GameSessionActivationTimeoutSeconds, ServerProcesses[0].ConcurrentExecutions]')"
expect_equal "update-runtime-configuration" "$(printf '300\t8')" "$actual"

# 3. The update is live.
actual="$(gamelift describe-runtime-configuration --fleet-id "$fleet" \
    --query 'RuntimeConfiguration.ServerProcesses[?LaunchPath==`/local/game/bin/ArenaServer`].ConcurrentExecutions')"
expect_equal "describe-runtime-configuration (after update)" "8" "$actual"

# 4. Fleet attributes.
actual="$(gamelift describe-fleet-attributes --fleet-ids "$fleet" --query 'FleetAttributes[0].[FleetId, Status]')"
expect_equal "describe-fleet-attributes" "$(printf '%s\tACTIVE' "$fleet")" "$actual"

# 4b. Capacity and use, with GameLift's member names (the seed: 10 instances, 12 game sessions running).
actual="$(gamelift describe-fleet-capacity --fleet-ids "$fleet" \
    --query 'FleetCapacity[0].[FleetId, InstanceType, InstanceCounts.ACTIVE, Location]')"
expect_equal "describe-fleet-capacity" "$(printf '%s\tc5.xlarge\t10\tus-west-2' "$fleet")" "$actual"
actual="$(gamelift describe-fleet-utilization --fleet-ids "$fleet" \
    --query 'FleetUtilization[0].[ActiveGameSessionCount, Location]')"
expect_equal "describe-fleet-utilization" "$(printf '12\tus-west-2')" "$actual"
actual="$(gamelift describe-fleet-location-capacity --fleet-id "$fleet" --location "$region" \
    --query 'FleetCapacity.InstanceCounts.DESIRED')"
expect_equal "describe-fleet-location-capacity" "10" "$actual"

# 5. Events: the seed's history, every page followed by the CLI, and the update's events (a launch path
#    missing from the fleet's build gives SERVER_PROCESS_INVALID_PATH).
#    GameLift reports an update's events over the following seconds (the simulation: within 3 s), so poll.
codes=""
for _ in $(seq 1 20); do
    codes="$(gamelift describe-fleet-events --fleet-id "$fleet" --page-size 2 --query 'Events[].EventCode')"
    [[ "$codes" == *SERVER_PROCESS_INVALID_PATH* ]] && break
    sleep 0.5
done
for code in FLEET_CREATED FLEET_STATE_ACTIVE SERVER_PROCESS_INVALID_PATH; do
    if [[ "$codes" == *"$code"* ]]; then echo "ok   describe-fleet-events has $code"; else
        echo "FAIL describe-fleet-events lacks $code (got: $codes)" >&2
        failures=$((failures + 1))
    fi
done

# 6. A service error reaches the CLI with its code.
if output="$(gamelift describe-runtime-configuration --fleet-id fleet-00000000-0000-0000-0000-000000000000 2>&1)"; then
    echo "FAIL describe-runtime-configuration of an unknown fleet succeeded" >&2
    failures=$((failures + 1))
else
    expect_equal "unknown fleet gives NotFoundException" "yes" "$([[ "$output" == *NotFoundException* ]] && echo yes || echo "no: $output")"
fi

# 7. A wrong secret is refused.
if output="$(AWS_SECRET_ACCESS_KEY=wrong-secret gamelift list-fleets 2>&1)"; then
    echo "FAIL a request signed with the wrong secret was accepted" >&2
    failures=$((failures + 1))
else
    expect_equal "wrong secret gives InvalidSignatureException" "yes" "$([[ "$output" == *InvalidSignatureException* ]] && echo yes || echo "no: $output")"
fi

# 8. Smithy RPC v2 CBOR through botocore, as SDKs that prefer it send it.
if python3 - "$endpoint" "$region" "$fleet" <<'PYTHON'; then
import sys
import botocore.model
import botocore.session

endpoint, region, fleet = sys.argv[1:4]
botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = ("smithy-rpc-v2-cbor",)
client = botocore.session.get_session().create_client("gamelift", region_name=region, endpoint_url=endpoint)
assert client.meta.service_model.resolved_protocol == "smithy-rpc-v2-cbor"
live = client.describe_runtime_configuration(FleetId=fleet)["RuntimeConfiguration"]
assert live["GameSessionActivationTimeoutSeconds"] == 300, live
updated = client.update_runtime_configuration(
    FleetId=fleet,
    RuntimeConfiguration={"ServerProcesses": [{"LaunchPath": "/local/game/bin/ArenaServer", "ConcurrentExecutions": 2}],
                          "GameSessionActivationTimeoutSeconds": 240},
)["RuntimeConfiguration"]
assert updated["GameSessionActivationTimeoutSeconds"] == 240, updated
events = client.describe_fleet_events(FleetId=fleet, Limit=50)["Events"]
assert events and all(hasattr(e["EventTime"], "year") for e in events), events[:1]
attributes = client.describe_fleet_attributes(FleetIds=[fleet])["FleetAttributes"]
capacity = client.describe_fleet_capacity(FleetIds=[fleet])["FleetCapacity"]
assert capacity[0]["InstanceCounts"]["ACTIVE"] == 10 and capacity[0]["Location"] == region, capacity
use = client.describe_fleet_location_utilization(FleetId=fleet, Location=region)["FleetUtilization"]
assert use["ActiveGameSessionCount"] == 12, use
assert attributes[0]["FleetId"] == fleet and hasattr(attributes[0]["CreationTime"], "year"), attributes
try:
    client.describe_runtime_configuration(FleetId="fleet-00000000-0000-0000-0000-000000000000")
    raise AssertionError("unknown fleet accepted")
except client.exceptions.NotFoundException:
    pass
PYTHON
    echo "ok   botocore over smithy-rpc-v2-cbor"
else
    echo "FAIL botocore over smithy-rpc-v2-cbor" >&2
    failures=$((failures + 1))
fi

if [[ $failures -gt 0 ]]; then
    echo "awscli_check: $failures check(s) failed; server log:" >&2
    cat "$workdir/server.log" >&2
    exit 1
fi
echo "awscli_check: all checks passed"
