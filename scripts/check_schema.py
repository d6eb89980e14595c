#!/usr/bin/env python3
"""Validate every fleet document under examples/fleets against schemas/fleet.schema.json, and (without
arguments) every fleetform.yaml under examples/ against schemas/fleetform.schema.json.

Usage: scripts/check_schema.py [PATH ...]   (default: examples/fleets)
Needs the `jsonschema` and `PyYAML` packages. Exits 1 when any document fails, 2 on bad usage.
"""
import json
import pathlib
import sys

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "fleet.schema.json"
SETTINGS_SCHEMA = ROOT / "schemas" / "fleetform.schema.json"


def fleet_files(paths):
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
                if file.suffix in (".yaml", ".yml") and file.is_file() and not hidden:
                    yield file
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(path)


def settings_files():
    """fleetform.yaml under examples/, each checked against schemas/fleetform.schema.json."""
    schema = json.loads(SETTINGS_SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = checked = 0
    for file in sorted((ROOT / "examples").rglob("fleetform.yaml")):
        checked += 1
        for error in sorted(validator.iter_errors(yaml.safe_load(file.read_text())), key=lambda e: list(e.path)):
            place = "/".join(str(p) for p in error.path) or "(root)"
            print(f"{file}: {place}: {error.message}")
            failures += 1
    print(f"{checked} settings files checked against {SETTINGS_SCHEMA.name}: {failures} problems")
    return 1 if failures or checked == 0 else 0


def main(argv):
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    paths = [pathlib.Path(a) for a in argv] or [ROOT / "examples" / "fleets"]
    failures = checked = 0
    try:
        files = list(fleet_files(paths))
    except FileNotFoundError as missing:
        print(f"no such file or directory: {missing}", file=sys.stderr)
        return 2
    for file in files:
        # safe_load types plain scalars as YAML's core schema does, as the validator does.
        for index, document in enumerate(yaml.safe_load_all(file.read_text())):
            if document is None:
                continue
            checked += 1
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
                place = "/".join(str(p) for p in error.path) or "(root)"
                print(f"{file}: document {index + 1}: {place}: {error.message}")
                failures += 1
    print(f"{checked} documents in {len(files)} files checked against {SCHEMA.name}: {failures} problems")
    fleets = 1 if failures or checked == 0 else 0
    return fleets or (settings_files() if not argv else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
