"""The scenarios: each sets up fleets and faults, runs fleetform against the conformance server (or a proxy)
in a plain environment, and lists what went wrong. See README.md for what each one checks and why."""

import math
import os
from dataclasses import dataclass, field

from faults import Throttler
from harness import Proxy, Server, Workspace, make_fleets, plain_environment, run_fleetform, state_document

READ_RATES = {"Describe*": 30, "List*": 30, "UpdateRuntimeConfiguration": 20}
DEFAULT_ATTEMPTS = 8  # fleetform's documented default (docs/aws.md, "Retries")
PROXY_PASSWORD = "s3cr3tPassw0rd"
PROXY_DEADLINE = 30


@dataclass
class Context:
    """What the command line gave every scenario run."""

    binary: str
    root: str
    fleets: int = None
    seed: int = 1
    max_floor_ratio: float = 1.15

    def workspace(self, name):
        """A fresh folder for one scenario run."""
        return Workspace(os.path.join(self.root, name))


@dataclass
class Outcome:
    """A scenario run's result: ``failures`` empty means it passed; ``facts`` are reported either way."""

    failures: list = field(default_factory=list)
    facts: list = field(default_factory=list)

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)

    def note(self, message):
        self.facts.append(message)


def _wire_failures(outcome, stats):
    """Requests fleetform must never send: badly signed, refused by the model, not the protocol at all;
    and answers this server must never have given."""
    for group in ("bad_signatures", "invalid_requests", "protocol_violations", "server_bugs"):
        if stats[group]:
            outcome.failures.append(f"{group}: {stats[group]}")


def _check_run(outcome, label, run, expected_exit):
    """Notes a fleetform run's exit, time and summaries; it must have exited ``expected_exit`` in time."""
    outcome.note(f"{label}: exit {run.exit_code} in {run.elapsed:.1f} s, "
                 + ", ".join(f"{kind} {counts}" for kind, counts in run.summaries.items()))
    outcome.expect(not run.timed_out, f"{label} timed out after {run.elapsed:.0f} s")
    outcome.expect(run.exit_code == expected_exit, f"{label} exited {run.exit_code}, expected {expected_exit}")
    if run.exit_code != expected_exit:
        outcome.note(f"{label} output (last lines):\n    " + "\n    ".join(run.output.strip().splitlines()[-12:]))


def _convergence(outcome, server, fleets, held_ids=frozenset()):
    """Every fleet but the held ones must have its desired configuration; held ones must be untouched."""
    live = server.live_configurations()
    expected = {f.fleet_id: f.live if f.fleet_id in held_ids else f.desired for f in fleets}
    wrong = [fleet_id for fleet_id, configuration in expected.items() if live[fleet_id] != configuration]
    converged = len(fleets) - len(held_ids) - len(set(wrong) - set(held_ids))
    outcome.note(f"converged {converged}/{len(fleets) - len(held_ids)}"
                 + (f", held untouched {len(held_ids) - len(set(wrong) & set(held_ids))}/{len(held_ids)}"
                    if held_ids else ""))
    outcome.expect(not wrong, f"{len(wrong)} fleets not as expected, e.g. {wrong[:3]}")


def _floor(stats, throttling, needed):
    """The fastest the job could have gone: per rate-limited operation (and the shared bucket), the requests
    it took over the rate; the slowest of those. The requests it took are the server's successful ones, but
    at least ``needed`` (what the job cannot do without, should fleetform have given up on some)."""
    throttler = Throttler(throttling)
    succeeded = {op: n for op, n in stats["succeeded"].items() if not op.startswith("sts:")}
    requests = {op: max(succeeded.get(op, 0), needed.get(op, 0)) for op in {*succeeded, *needed}}
    floors = {op: n / throttler.rate_for(op) for op, n in requests.items() if throttler.rate_for(op)}
    if throttler.shared_rate:
        floors["(shared)"] = sum(requests.values()) / throttler.shared_rate
    return max(floors.values(), default=0.0), floors


def _needed(count):
    """The requests an apply of ``count`` drifted fleets cannot do without: their attributes in batches of
    50, each one's runtime configuration, each one's update."""
    return {"DescribeFleetAttributes": math.ceil(count / 50), "DescribeRuntimeConfiguration": count,
            "UpdateRuntimeConfiguration": count}


def ise_hold(context):
    """30 fleets: 5 match, 1 DELETING (held), 3 answer InternalServiceException twice to their update."""
    count = context.fleets or 30
    fleets = make_fleets(count, context.seed, matching=5)
    held, erroring = fleets[5], fleets[6:9]
    held.status = "DELETING"
    faults = {"internal_errors": {"first_calls": [
        {"operation": "UpdateRuntimeConfiguration", "fleets": [f.fleet_id for f in erroring], "count": 2}]}}
    outcome = Outcome()
    workspace = context.workspace("ise-hold")
    workspace.write_fleets(fleets)
    state = workspace.write_json("state.json", state_document(fleets))
    with Server(workspace, state, workspace.write_json("faults.json", faults), context.seed) as server:
        env = plain_environment(workspace.home, server.url)
        apply = run_fleetform(context.binary, ["apply", workspace.fleets_dir, "--auto-approve"], env, workspace.root, 120)
        _check_run(outcome, "apply", apply, expected_exit=3)
        outcome.expect(apply.summary("Apply") == {"update": count - 6, "unchanged": 5, "held": 1, "failed": 0},
                       f"apply summary {apply.summary('Apply')}, expected {count - 6} updated, 5 unchanged, 1 held")
        _convergence(outcome, server, fleets, held_ids={held.fleet_id})
        plan = run_fleetform(context.binary, ["plan", workspace.fleets_dir, "--detailed-exitcode"], env,
                             workspace.root, 120)
        # The DELETING fleet still differs from its file: the plan shows it held, which counts as a change.
        _check_run(outcome, "plan", plan, expected_exit=2)
        outcome.expect(plan.summary("Plan") == {"update": 0, "unchanged": count - 1, "held": 1, "failed": 0},
                       f"plan summary {plan.summary('Plan')}, expected 0 to update, {count - 1} unchanged, 1 held")
        stats = server.get("/__stats")
    outcome.expect(stats["faults"].get("internal_error") == 6, f"injected {stats['faults']}, expected 6 errors")
    _wire_failures(outcome, stats)
    return outcome


def throttle_per_operation(context):
    """200 fleets all needing an update, under per-operation rates: reads 30/s, updates 20/s."""
    count = context.fleets or 200
    throttling = {"operations": READ_RATES}
    outcome, stats, elapsed = _apply_under(context, "throttle-per-operation", count, {"throttling": throttling},
                                           timeout=60 + count * 0.25)
    floor, floors = _floor(stats, throttling, _needed(count))
    ratio = elapsed / floor if floor else float("inf")
    outcome.note(f"elapsed {elapsed:.1f} s vs floor {floor:.1f} s: ratio {ratio:.2f} (max {context.max_floor_ratio}); "
                 "floors " + ", ".join(f"{op} {s:.1f} s" for op, s in sorted(floors.items())))
    outcome.expect(ratio <= context.max_floor_ratio, f"elapsed/floor {ratio:.2f} > {context.max_floor_ratio}")
    return outcome


def faults_shared(context):
    """200 fleets under 20% internal errors, 2% dropped connections, slow answers, per-operation rates and
    one shared 20 requests/s bucket; apply must converge and a plan after it find nothing to do."""
    count = context.fleets or 200
    faults = {
        "internal_errors": {"rate": 0.2},
        "drops": {"rate": 0.02},
        "slow": {"rate": 0.05, "seconds": 1.5},
        "throttling": {"operations": READ_RATES, "shared": 20},
    }
    outcome, stats, elapsed = _apply_under(context, "faults-shared", count, faults, timeout=60 + count * 0.5,
                                           plan_after=True)
    floor, _ = _floor(stats, faults["throttling"], _needed(count))
    outcome.note(f"apply+plan elapsed {elapsed:.1f} s vs floor {floor:.1f} s (shared bucket): "
                 f"ratio {elapsed / floor if floor else float('inf'):.2f}")
    return outcome


def _apply_under(context, name, count, faults, timeout, plan_after=False):
    """Applies ``count`` drifted fleets under ``faults``: exit 0, all updated, all converged; optionally a
    ``plan --detailed-exitcode`` after it must exit 0. Returns the outcome, the server's counters and the
    seconds fleetform ran."""
    fleets = make_fleets(count, context.seed)
    outcome = Outcome()
    workspace = context.workspace(name)
    workspace.write_fleets(fleets)
    state = workspace.write_json("state.json", state_document(fleets))
    with Server(workspace, state, workspace.write_json("faults.json", faults), context.seed,
                lifetime=3 * timeout + 60) as server:
        env = plain_environment(workspace.home, server.url)
        apply = run_fleetform(context.binary, ["apply", workspace.fleets_dir, "--auto-approve"], env,
                              workspace.root, timeout)
        _check_run(outcome, "apply", apply, expected_exit=0)
        outcome.expect(apply.summary("Apply") == {"update": count, "unchanged": 0, "held": 0, "failed": 0},
                       f"apply summary {apply.summary('Apply')}, expected {count} updated")
        _convergence(outcome, server, fleets)
        elapsed = apply.elapsed
        if plan_after:
            plan = run_fleetform(context.binary, ["plan", workspace.fleets_dir, "--detailed-exitcode"], env,
                                 workspace.root, timeout)
            _check_run(outcome, "plan", plan, expected_exit=0)
            elapsed += plan.elapsed
        stats = server.get("/__stats")
    outcome.note(f"requests {stats['requests']}; succeeded {stats['succeeded']}; faults {stats['faults']}; "
                 f"connections {stats['connections']}")
    _wire_failures(outcome, stats)
    return outcome, stats, elapsed


def proxy_refuses(context):
    """fleetform behind a proxy that refuses CONNECT (403), then one that closes every connection: it must
    fail within 30 s naming the proxy, never its password. Then a forwarding proxy in front of the
    conformance server: an http:// endpoint must be reached with absolute-form requests, not CONNECT."""
    count = context.fleets or 5
    fleets = make_fleets(count, context.seed)
    outcome = Outcome()
    workspace = context.workspace("proxy-refuses")
    workspace.write_fleets(fleets)
    for mode in ("refuse", "close"):
        with Proxy(workspace, mode) as proxy:
            env = _proxied_environment(workspace, proxy.port, "https://gamelift.us-west-2.amazonaws.com")
            run = run_fleetform(context.binary, ["plan", workspace.fleets_dir], env, workspace.root, PROXY_DEADLINE + 30)
            _check_run(outcome, f"plan via {mode} proxy", run, expected_exit=1)
            outcome.expect(run.elapsed <= PROXY_DEADLINE, f"{mode}: took {run.elapsed:.1f} s > {PROXY_DEADLINE} s")
            outcome.expect(f"127.0.0.1:{proxy.port}" in run.output, f"{mode}: output does not name the proxy")
            outcome.expect(PROXY_PASSWORD not in run.output, f"{mode}: output shows the proxy password")
            lines = [r.get("line", r.get("event")) for r in proxy.requests()]
            outcome.note(f"{mode} proxy saw {len(lines)} request(s): {sorted(set(lines))}")
            outcome.note(f"{mode} proxy: fleetform said: " + " | ".join(run.output.strip().splitlines()[-3:]))
    _forwarding_check(context, workspace, fleets, outcome)
    return outcome


def _forwarding_check(context, workspace, fleets, outcome):
    state = workspace.write_json("state.json", state_document(fleets))
    with Server(workspace, state, None, context.seed, lifetime=300) as server, \
            Proxy(workspace, "forward", forward_port=server.port) as proxy:
        env = _proxied_environment(workspace, proxy.port, server.url)
        run = run_fleetform(context.binary, ["plan", workspace.fleets_dir, "--detailed-exitcode"], env,
                            workspace.root, 120)
        _check_run(outcome, "plan via forwarding proxy", run, expected_exit=2)
        outcome.expect(PROXY_PASSWORD not in run.output, "forward: output shows the proxy password")
        lines = [r["line"] for r in proxy.requests() if r["event"] == "request"]
        absolute = f"POST {server.url}/ HTTP/1.1"
        outcome.note(f"forwarding proxy saw {len(lines)} request(s), forms: {sorted({_form(l) for l in lines})}, "
                     f"users: {sorted({str(r.get('auth_user')) for r in proxy.requests()})}")
        outcome.expect(lines and all(l == absolute for l in lines),
                       f"expected only '{absolute}', saw e.g. {sorted(set(lines))[:3]}")
        _wire_failures(outcome, server.get("/__stats"))


def _form(line):
    method, _, rest = line.partition(" ")
    return "CONNECT" if method == "CONNECT" else ("absolute-form" if "://" in rest.split(" ")[0] else "origin-form")


def _proxied_environment(workspace, proxy_port, endpoint):
    proxy_url = f"http://user:{PROXY_PASSWORD}@127.0.0.1:{proxy_port}"
    return plain_environment(workspace.home, endpoint, HTTPS_PROXY=proxy_url, HTTP_PROXY=proxy_url)


def attempts(context):
    """The retry policy the binary really runs with, counted by the server: a fleet whose update always answers
    InternalServiceException gets exactly the default number of attempts when nothing is set, AWS_MAX_ATTEMPTS's
    number with it, and the profile's max_attempts with that. This is the root-cause check of the lost retries:
    a binary whose connection held a corrupt policy made 1, or a garbage number of, attempts on the defaults."""
    outcome = Outcome()
    cases = [
        ("defaults", {}, None, DEFAULT_ATTEMPTS),
        ("AWS_MAX_ATTEMPTS=3", {"AWS_MAX_ATTEMPTS": "3"}, None, 3),
        ("max_attempts = 5 in the profile", {}, "[default]\nmax_attempts = 5\n", 5),
    ]
    for index, (label, setting, config, expected) in enumerate(cases):
        fleets = make_fleets(2, context.seed + index)
        failing = fleets[0]
        faults = {"internal_errors": {"first_calls": [
            {"operation": "UpdateRuntimeConfiguration", "fleets": [failing.fleet_id], "count": 1000}]}}
        workspace = context.workspace(f"attempts-{index + 1}")
        workspace.write_fleets(fleets)
        if config:
            os.makedirs(os.path.join(workspace.home, ".aws"))
            with open(os.path.join(workspace.home, ".aws", "config"), "w", encoding="utf-8") as file:
                file.write(config)
        state = workspace.write_json("state.json", state_document(fleets))
        with Server(workspace, state, workspace.write_json("faults.json", faults), context.seed) as server:
            env = plain_environment(workspace.home, server.url, **setting)
            # Eight attempts back off for at most 6.35 s in all (docs/aws.md, "Retries"); a garbage policy would
            # go on for minutes.
            run = run_fleetform(context.binary, ["apply", workspace.fleets_dir, "--auto-approve"], env,
                                workspace.root, 45)
            _check_run(outcome, label, run, expected_exit=1)
            stats = server.get("/__stats")
        # The other fleet's update succeeds at once; every other update went to the failing fleet.
        made = stats["requests"].get("UpdateRuntimeConfiguration", 0) - 1
        outcome.note(f"{label}: {made} attempts at the failing fleet's update (expected {expected})")
        outcome.expect(made == expected, f"{label}: {made} attempts, expected {expected}")
        outcome.expect(run.summary("Apply") == {"update": 1, "unchanged": 0, "held": 0, "failed": 1},
                       f"{label}: apply summary {run.summary('Apply')}, expected 1 updated, 1 failed")
        _wire_failures(outcome, stats)
    return outcome


SCENARIOS = {
    "attempts": attempts,
    "ise-hold": ise_hold,
    "throttle-per-operation": throttle_per_operation,
    "faults-shared": faults_shared,
    "proxy-refuses": proxy_refuses,
}
