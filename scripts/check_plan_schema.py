#!/usr/bin/env python3
"""Check the JSON plan and apply-report formats against their schemas and their documentation.

Usage: scripts/check_plan_schema.py [--binary PATH] [JSON_FILE ...]

- The schemas (schemas/plan.schema.json, schemas/apply-report.schema.json) are valid JSON Schema 2020-12.
- The golden documents (Tests/FleetformCoreTests/Golden/plan.json, plan-impact.json, apply-report.json) and any
  JSON_FILE given
  validate; a file with "outcomes" is an apply report, any other a plan.
- The schemas are not vacuous: broken copies of the golden documents are rejected.
- Every field the schemas name is described in docs/plan-json.md.
- With --binary, a plan made by that fleetform against the local simulation (examples/fleets) validates too.

Needs the `jsonschema` package. Exits 1 when any check fails.
"""
import argparse
import copy
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLAN_SCHEMA = ROOT / "schemas" / "plan.schema.json"
REPORT_SCHEMA = ROOT / "schemas" / "apply-report.schema.json"
GOLDEN = ROOT / "Tests" / "FleetformCoreTests" / "Golden"
DOCS = ROOT / "docs" / "plan-json.md"

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL {message}")


def validator(path):
    schema = json.loads(path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def check(document, name, plan, report):
    v = report if "outcomes" in document else plan
    errors = sorted(v.iter_errors(document), key=lambda e: list(e.absolute_path))
    for e in errors:
        fail(f"{name}: {'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}")
    if not errors:
        print(f"ok   {name}")


def must_reject(v, document, name, mutate):
    broken = copy.deepcopy(document)
    mutate(broken)
    if v.is_valid(broken):
        fail(f"the schema accepts a broken document: {name}")
    else:
        print(f"ok   rejects {name}")


def property_names(node):
    """Every key under any "properties" in a schema."""
    names = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                names.update(value.keys())
            names.update(property_names(value))
    elif isinstance(node, list):
        for item in node:
            names.update(property_names(item))
    return names


def plan_from_binary(binary):
    with tempfile.TemporaryDirectory() as scratch:
        state = pathlib.Path(scratch) / "state.json"
        out = pathlib.Path(scratch) / "plan.json"
        command = [binary, "plan", str(ROOT / "examples" / "fleets"), "--local", "--local-state", str(state),
                   "--local-seed", str(ROOT / "examples" / "local" / "seed.json"), "--format", "json", "--out", str(out)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 0:
            fail(f"{' '.join(command)} exited {result.returncode}: {result.stderr.strip()}")
            return []
        return [("plan --format json (local)", json.loads(result.stdout)), ("plan --out (local)", json.loads(out.read_text()))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="a built fleetform to make a live plan with (local simulation)")
    parser.add_argument("files", nargs="*", type=pathlib.Path)
    args = parser.parse_args()

    plan, report = validator(PLAN_SCHEMA), validator(REPORT_SCHEMA)
    golden_plan = json.loads((GOLDEN / "plan.json").read_text())
    golden_impact = json.loads((GOLDEN / "plan-impact.json").read_text())
    golden_report = json.loads((GOLDEN / "apply-report.json").read_text())
    documents = [("Golden/plan.json", golden_plan), ("Golden/plan-impact.json", golden_impact),
                 ("Golden/apply-report.json", golden_report)]
    documents += [(str(f), json.loads(f.read_text())) for f in args.files]
    if args.binary:
        documents += plan_from_binary(args.binary)
    for name, document in documents:
        check(document, name, plan, report)

    must_reject(plan, golden_plan, "an unknown top-level field", lambda d: d.update(extra=1))
    must_reject(plan, golden_plan, "another formatVersion", lambda d: d.update(formatVersion=3))
    must_reject(plan, golden_plan, "an unknown action", lambda d: d["fleets"][0].update(action="destroy"))
    must_reject(plan, golden_plan, "an update without its request", lambda d: d["fleets"][0].pop("request"))
    must_reject(plan, golden_plan, "a failed fleet without its error",
                lambda d: next(f for f in d["fleets"] if f["action"] == "failed").pop("error"))
    must_reject(plan, golden_plan, "a malformed fingerprint", lambda d: d["fleets"][0].update(observedFingerprint="md5:x"))
    must_reject(plan, golden_plan, "a time that is not a date-time", lambda d: d.update(createdAt="yesterday"))
    changed = lambda d: next(f for f in d["fleets"] if "impact" in f)
    must_reject(plan, golden_impact, "an impact without its processes per instance",
                lambda d: changed(d)["impact"].pop("processesPerInstance"))
    must_reject(plan, golden_impact, "an impact warning with a malformed code",
                lambda d: next(f for f in d["fleets"] if f.get("impact", {}).get("warnings"))["impact"]["warnings"][0]
                .update(code="W1"))
    must_reject(plan, golden_impact, "an unchanged fleet with an impact",
                lambda d: next(f for f in d["fleets"] if f["action"] == "unchanged").update(impact=changed(d)["impact"]))
    must_reject(plan, golden_impact, "a negative slot count",
                lambda d: changed(d)["impact"]["slots"].update(after=-1))
    must_reject(report, golden_report, "an unknown outcome", lambda d: d["outcomes"][0].update(result="skipped"))
    must_reject(report, golden_report, "an updated fleet without its previous configuration",
                lambda d: d["outcomes"][0].pop("previous"))

    docs = DOCS.read_text()
    for name in sorted(property_names(json.loads(PLAN_SCHEMA.read_text())) | property_names(json.loads(REPORT_SCHEMA.read_text()))):
        if not re.search(r"`" + re.escape(name) + r"`", docs):
            fail(f"docs/plan-json.md does not describe the field `{name}`")
    if not failures:
        print("ok   every schema field is described in docs/plan-json.md")

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
