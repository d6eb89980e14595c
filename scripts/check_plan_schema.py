#!/usr/bin/env python3
"""Check the JSON plan and apply-report formats against their schemas and their documentation.

Usage: scripts/check_plan_schema.py [--binary PATH] [JSON_FILE ...]

- The schemas (schemas/plan.schema.json, schemas/apply-report.schema.json) are valid JSON Schema 2020-12.
- The golden documents (Tests/FleetformCoreTests/Golden/plan.json, plan-impact.json, apply-report.json) and any
  JSON_FILE given
  validate; a file with "outcomes" is an apply report, any other a plan.
- The golden plan and report with the fields of fleetform.yaml added (environments, overrides, each fleet's
  environment, a broken rule's related place) validate.
- The schemas are not vacuous: broken copies of the golden documents are rejected.
- Every field the schemas name is described in docs/plan-json.md.
- With --binary, what that fleetform makes against the local simulation (examples/fleets, governed by
  examples/fleetform.yaml) validates too: a plan, a plan with --override, and the report of an apply with --override.

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


def documents_from_binary(binary):
    """The plans and the apply report the binary makes against the local simulation, each named."""
    override = ["--override", "requireWaves", "--reason", "schema check"]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        out = scratch / "plan.json"

        def run(verb, *extra):
            command = [binary, verb, str(ROOT / "examples" / "fleets"), "--local", "--local-state",
                       str(scratch / "state.json"), "--local-seed", str(ROOT / "examples" / "local" / "seed.json"),
                       "--format", "json", *extra]
            result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
            if result.returncode != 0:
                fail(f"{' '.join(command)} exited {result.returncode}: {result.stderr.strip()}")
                return None
            return json.loads(result.stdout)

        documents = []
        plan = run("plan", "--out", str(out))
        if plan is not None:
            documents += [("plan --format json (local)", plan), ("plan --out (local)", json.loads(out.read_text()))]
        overridden = run("plan", *override)
        if overridden is not None:
            documents.append(("plan --override (local)", overridden))
        report = run("apply", "--auto-approve", "--journal", str(scratch / "journal.jsonl"), *override)
        if report is not None:
            documents.append(("apply --override --format json (local)", report))
        return documents


def governed(golden_impact):
    """The golden impact plan as a plan governed by fleetform.yaml: environments (one known, one unknown and
    closed), an override, each fleet's environment, and broken rules located at the fleet and at the rule."""
    d = copy.deepcopy(golden_impact)
    d["environments"] = [
        {"name": "prod", "expectedAccount": "123456789012", "account": "123456789012",
         "principal": "arn:aws:iam::123456789012:user/deploy", "closed": "inside the freeze 2026-12-01..2026-12-31",
         "opensAt": "2027-01-01T00:00:00Z"},
        {"name": "staging", "unknownReason": "AccessDenied: not authorized to perform sts:AssumeRole"},
    ]
    d["overrides"] = [{"rule": "minSlotsPerLocation", "code": "FF630", "reason": "load test OPS-42"}]
    for fleet in d["fleets"]:
        fleet["environment"] = "prod"
    rule = {"path": "fleetform.yaml", "line": 14, "column": 36}
    d["diagnostics"].append({"severity": "warning", "code": "FF623", "message": "activation timeout 30, below 60",
                             "location": d["fleets"][0]["source"], "related": rule})
    changed = next(f for f in d["fleets"] if "impact" in f)
    changed["impact"]["warnings"].append({"severity": "warning", "code": "FF630", "message": "1 slot in us-west-2",
                                          "location": changed["source"], "related": dict(rule, line=15, column=28)})
    return d


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
    golden_governed = governed(golden_impact)
    documents.append(("Golden/plan-impact.json with fleetform.yaml fields", golden_governed))
    golden_report_overrides = dict(copy.deepcopy(golden_report), overrides=golden_governed["overrides"])
    documents.append(("Golden/apply-report.json with overrides", golden_report_overrides))
    if args.binary:
        documents += documents_from_binary(args.binary)
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
    must_reject(plan, golden_governed, "an environment without its name", lambda d: d["environments"][0].pop("name"))
    must_reject(plan, golden_governed, "an environment with both an account and an unknownReason",
                lambda d: d["environments"][1].update(account="210987654321"))
    must_reject(plan, golden_governed, "an opensAt without closed", lambda d: d["environments"][0].pop("closed"))
    must_reject(plan, golden_governed, "an override of an unknown rule",
                lambda d: d["overrides"][0].update(rule="maxSlots"))
    must_reject(plan, golden_governed, "an override whose code is not its rule's",
                lambda d: d["overrides"][0].update(code="FF643"))
    must_reject(plan, golden_governed, "a related place without its line",
                lambda d: d["diagnostics"][-1]["related"].pop("line"))
    must_reject(report, golden_report_overrides, "a report override without its reason",
                lambda d: d["overrides"][0].pop("reason"))
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
