#!/usr/bin/env python3
"""The benchmarks' regression guard (`scripts/bench.sh --check`; docs/benchmarks.md, "The regression guard").

Measures three figures with the release binaries in BIN (fleetform and fleetform-bench) and compares each with
scripts/bench-baseline.json; fails when a figure is more than 25% worse than its baseline. Timings are ratios taken
in the same run, so a slower or busier machine moves both sides; memory is an absolute peak.

- validate_vs_cfn_lint: cfn-lint's time on 1,000 synthetic fleets written as CloudFormation templates
  (AWS::GameLift::Fleet; best of 2), divided by `fleetform validate`'s time on the same fleets as fleet files (one
  file each; best of 7 whole processes). Higher is better.
- apply_floor_ratio: `fleetform-bench plan-apply --fleets 1000 --latency-ms 20 --throttle-rps 200`: the streaming
  apply's wall time divided by the floor (the fewest requests at 200 per second). Lower is better.
- apply_peak_kb: peak resident memory of `fleetform apply --auto-approve` alone, 10,000 drifted fleets, against the
  benchmark's emulator without throttling (scripts/apply-memory.sh). Lower is better.

Usage: scripts/bench_check.py --bin DIR [--baseline FILE] [--record]
  --bin: where the binaries are: CI's static release build, .build-release/release (scripts/ci/regression-guard.sh
  builds it), from which the baseline was recorded; a dynamically linked build starts slower and differs.
  --record writes the figures measured as the new baseline instead of comparing.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 1.25


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def timed(cmd, **kw):
    start = time.monotonic()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.monotonic() - start


def cloudformation(fleet):
    """The fleet as an AWS::GameLift::Fleet resource: the same runtime configuration, for cfn-lint to check."""
    configuration = fleet["RuntimeConfiguration"]
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Fleet": {
                "Type": "AWS::GameLift::Fleet",
                "Properties": {
                    "Name": fleet["FleetId"],
                    "BuildId": "build-1111aaaa-2222-3333-4444-555566667777",
                    "EC2InstanceType": "c5.large",
                    "RuntimeConfiguration": configuration,
                },
            }
        },
    }


def validate_vs_cfn_lint(bin_dir, work):
    fleets = work / "fleets"
    templates = work / "templates"
    templates.mkdir()
    run([str(bin_dir / "fleetform-bench"), "generate", "--count", "1000", "--documents-per-file", "1",
         "--out", str(fleets)])
    for path in sorted(fleets.glob("*.yaml")):
        fleet = yaml.safe_load(path.read_text())
        (templates / path.name).write_text(yaml.safe_dump(cloudformation(fleet), sort_keys=False))
    # The best of several runs of each: the least disturbed by whatever else the machine is doing. cfn-lint's first
    # run also compiles its Python modules; its second is the one that counts.
    fleetform = min(timed([str(bin_dir / "fleetform"), "validate", str(fleets)]) for _ in range(7))
    cfn_lint = shutil.which("cfn-lint")
    if not cfn_lint:
        raise SystemExit("cfn-lint is not installed (python3 -m pip install cfn-lint)")
    cfn = min(timed([cfn_lint, *sorted(str(p) for p in templates.glob("*.yaml"))]) for _ in range(2))
    print(f"  fleetform validate: {fleetform:.3f} s (best of 7); cfn-lint: {cfn:.1f} s (best of 2); 1,000 fleets")
    return cfn / fleetform


def apply_floor_ratio(bin_dir):
    out = run([str(bin_dir / "fleetform-bench"), "plan-apply", "--fleets", "1000", "--latency-ms", "20",
               "--throttle-rps", "200", "--check"]).stdout
    ratio = re.findall(r"\bapply_floor_ratio=([0-9.]+)", out)
    if not ratio:
        raise SystemExit("plan-apply printed no apply_floor_ratio:\n" + out)
    return float(ratio[-1])


def apply_peak_kb(bin_dir):
    env = dict(os.environ, FLEETFORM_BIN_DIR=str(bin_dir))
    out = run(["bash", str(ROOT / "scripts" / "apply-memory.sh"), "10000"], env=env).stdout
    peak = re.findall(r"apply-memory fleets=10000 peak_kb=([0-9]+)", out)
    if not peak:
        raise SystemExit("apply-memory.sh printed no peak:\n" + out)
    return int(peak[-1])


# name: (measure, higher is better, unit)
FIGURES = {
    "validate_vs_cfn_lint": (lambda b, w: validate_vs_cfn_lint(b, w), True, "× faster than cfn-lint"),
    "apply_floor_ratio": (lambda b, w: apply_floor_ratio(b), False, "× the floor"),
    "apply_peak_kb": (lambda b, w: apply_peak_kb(b), False, "KB peak"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=str(ROOT / ".build-release" / "release"))
    parser.add_argument("--baseline", default=str(ROOT / "scripts" / "bench-baseline.json"))
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    bin_dir = Path(args.bin)
    measured = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, (measure, _, unit) in FIGURES.items():
            print(f"== {name}", flush=True)
            measured[name] = measure(bin_dir, Path(scratch))
            print(f"  {name} = {measured[name]:.3f} {unit}", flush=True)
    if args.record:
        Path(args.baseline).write_text(json.dumps(
            {"tolerance": TOLERANCE, "machine": f"{os.cpu_count()} cores", "figures": measured}, indent=2) + "\n")
        print(f"recorded {args.baseline}")
        return 0
    baseline = json.loads(Path(args.baseline).read_text())
    failed = False
    print("\n| figure | baseline | now | limit | |\n|---|---|---|---|---|")
    for name, (_, higher_is_better, unit) in FIGURES.items():
        base, now = baseline["figures"][name], measured[name]
        limit = base / TOLERANCE if higher_is_better else base * TOLERANCE
        ok = now >= limit if higher_is_better else now <= limit
        failed |= not ok
        print(f"| {name} ({unit}) | {base:.3f} | {now:.3f} | {'≥' if higher_is_better else '≤'} {limit:.3f} | "
              f"{'ok' if ok else 'WORSE'} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
