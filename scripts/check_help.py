#!/usr/bin/env python3
"""Check that `fleetform <command> --help` shows examples for every command, and that every example line
(`fleetform …` under "Examples:") uses only subcommands, flags and values the binary accepts.

Usage: scripts/check_help.py [--binary PATH]   (default: .build/debug/fleetform)
Exits 1 when a command has no example or an example would be refused.
"""
import argparse
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from check_workflows import CommandLine, invocations  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "fleetform"))
    args = parser.parse_args()
    dump = json.loads(subprocess.run([args.binary, "--experimental-dump-help"], capture_output=True, text=True,
                                     check=True).stdout)
    command_line = CommandLine(dump)
    failures = []
    for command in dump["command"].get("subcommands", []):
        name = command["commandName"]
        if name == "help":
            continue
        discussion = command.get("discussion", "")
        _, marker, examples = discussion.partition("Examples:")
        lines = [line.split("#")[0].strip() for line in examples.splitlines() if line.strip().startswith("fleetform ")]
        if not marker or not lines:
            failures.append(f"{name}: --help shows no examples")
            continue
        for line in lines:
            for arguments in invocations(line):
                failures += [f"{name}: example '{line}': {p}" for p in command_line.problems(arguments)]
        print(f"ok   {name}: {len(lines)} example(s)" if not any(f.startswith(name + ":") for f in failures)
              else f"FAIL {name}")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
