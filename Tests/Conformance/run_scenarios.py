#!/usr/bin/env python3
"""Runs fleetform against the independent GameLift conformance server, scenario by scenario.

    python3 Tests/Conformance/run_scenarios.py --fleetform .build/release/fleetform [--scenario NAME|all]
        [--fleets N] [--runs K] [--seed S] [--max-floor-ratio R] [--keep]
    python3 Tests/Conformance/run_scenarios.py --self-test

Each run prints one line (PASS or FAIL, the scenario, its time) and what it saw, indented. The exit status is
1 when any run failed. Runs happen in a temporary folder, removed afterwards unless the run failed or --keep.
The binary is copied first, so a build that replaces it meanwhile does not change what is tested.
"""

import argparse
import datetime
import hashlib
import os
import shutil
import sys
import tempfile
import time
import traceback

sys.dont_write_bytecode = True

from scenarios import SCENARIOS, Context, Outcome  # noqa: E402 - after dont_write_bytecode


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fleetform", help="the fleetform binary to test")
    parser.add_argument("--scenario", default="all", choices=["all", *SCENARIOS])
    parser.add_argument("--fleets", type=int, help="fleets per scenario (default: the scenario's own)")
    parser.add_argument("--runs", type=int, default=1, help="run each scenario this many times")
    parser.add_argument("--seed", type=int, default=1, help="seed of the fleet ids and faults (run k adds k-1)")
    parser.add_argument("--max-floor-ratio", type=float, default=1.15,
                        help="throttle-per-operation: fail when elapsed / floor exceeds this")
    parser.add_argument("--keep", action="store_true", help="keep every run's folder")
    parser.add_argument("--self-test", action="store_true",
                        help="check the server itself with botocore/boto3 instead of running fleetform")
    arguments = parser.parse_args(argv)
    if not arguments.self_test:
        if not arguments.fleetform:
            parser.error("--fleetform is required (or --self-test)")
        if not os.access(arguments.fleetform, os.X_OK):
            parser.error(f"{arguments.fleetform} is not an executable file")
        arguments.fleetform = os.path.abspath(arguments.fleetform)
    if arguments.fleets is not None and arguments.scenario in ("all", "ise-hold") and arguments.fleets < 9:
        parser.error("ise-hold needs at least 9 fleets")
    return arguments


def snapshot_binary(path, folder):
    """A copy of the binary in ``folder``, and a line naming what was copied (modified time, SHA-256)."""
    copy = os.path.join(folder, os.path.basename(path))
    shutil.copy2(path, copy)
    with open(copy, "rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    modified = datetime.datetime.fromtimestamp(os.path.getmtime(copy), datetime.timezone.utc)
    return copy, f"fleetform: {path} (modified {modified:%Y-%m-%d %H:%M:%S} UTC, sha256 {digest[:12]})"


def run_once(name, arguments, run_index, root):
    """One run of one scenario; an exception in the harness is a failure like any other."""
    context = Context(binary=arguments.fleetform, root=root, fleets=arguments.fleets,
                      seed=arguments.seed + run_index, max_floor_ratio=arguments.max_floor_ratio)
    try:
        return SCENARIOS[name](context)
    except Exception:  # noqa: BLE001 - reported as the run's failure
        outcome = Outcome()
        outcome.failures.append("harness error:\n" + traceback.format_exc())
        return outcome


def report(name, run_label, outcome, elapsed, root, kept):
    """Prints a run's result line, then what it saw and what failed, indented."""
    verdict = "PASS" if not outcome.failures else "FAIL"
    print(f"{verdict} {name}{run_label} in {elapsed:.1f} s", flush=True)
    for fact in outcome.facts:
        print(f"    {fact}")
    for failure in outcome.failures:
        print(f"    FAILED: {failure}")
    if kept:
        print(f"    files: {root}")
    sys.stdout.flush()


def main(argv=None):
    arguments = parse_arguments(argv)
    if arguments.self_test:
        import self_test  # only here: it needs boto3, which the scenarios do not

        return self_test.main()
    names = list(SCENARIOS) if arguments.scenario == "all" else [arguments.scenario]
    binary_folder = tempfile.mkdtemp(prefix="fleetform-conformance-binary-")
    try:
        arguments.fleetform, description = snapshot_binary(arguments.fleetform, binary_folder)
        print(description, flush=True)
        failed = run_all(names, arguments)
    finally:
        shutil.rmtree(binary_folder, ignore_errors=True)
    total = len(names) * arguments.runs
    print(f"{total - failed}/{total} runs passed")
    return 1 if failed else 0


def run_all(names, arguments):
    """Every run of every scenario named; the number of failed runs."""
    failed = 0
    for name in names:
        for run_index in range(arguments.runs):
            root = tempfile.mkdtemp(prefix=f"fleetform-conformance-{name}-")
            started = time.monotonic()
            outcome = run_once(name, arguments, run_index, root)
            keep = arguments.keep or bool(outcome.failures)
            label = f" (run {run_index + 1}/{arguments.runs})" if arguments.runs > 1 else ""
            report(name, label, outcome, time.monotonic() - started, root, keep)
            failed += bool(outcome.failures)
            if not keep:
                shutil.rmtree(root, ignore_errors=True)
    return failed


if __name__ == "__main__":
    sys.exit(main())
