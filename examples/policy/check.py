#!/usr/bin/env python3
"""Evaluate Rego policies over a fleetform JSON plan without OPA, for CI: `data.fleetform.deny` fails, `warn`
is printed only (conftest's convention).

Usage: examples/policy/check.py PLAN_JSON [POLICY.rego ...]   (default: fleetform.rego beside this script)

Needs regopy, the Python binding of rego-cpp (`pip install regopy`). Prints each message; exits 1 when any
rule denies, 2 when the policy or the plan cannot be evaluated.
"""
import json
import pathlib
import sys

import regopy

HERE = pathlib.Path(__file__).resolve().parent


def messages(interpreter, rule):
    """The messages a set rule (`deny contains msg if …`) builds, sorted; none when the policy has no such rule.

    The query collects them into a binding because regopy aborts the process when asked for the expressions of an
    undefined result.
    """
    output = interpreter.query(f"found := [msg | some msg in data.fleetform.{rule}]")
    if not output.ok():
        raise regopy.RegoError(f"{rule}: {output}")
    return sorted(json.loads(output.binding("found").json()))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    plan = pathlib.Path(argv[1])
    policies = [pathlib.Path(p) for p in argv[2:]] or [HERE / "fleetform.rego"]
    interpreter = regopy.Interpreter()
    try:
        text = plan.read_text()
        json.loads(text)  # a plain error for a plan that is not JSON, rather than rego-cpp's parse dump
    except (OSError, ValueError) as error:
        print(f"error: {plan}: {error}", file=sys.stderr)
        return 2
    try:
        for policy in policies:
            interpreter.add_module(policy.name, policy.read_text())
        interpreter.set_input_term(text)
        denies = messages(interpreter, "deny")
        warns = messages(interpreter, "warn")
    except (OSError, regopy.RegoError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        # regopy 1.5.2 parses rego-cpp's answer as JSON, which is broken when sprintf formats a variable holding
        # "" (it comes back as a bare `""` inside the string); OPA is not affected.
        print(f"error: regopy could not read the result: {error}", file=sys.stderr)
        return 2
    for message in warns:
        print(f"WARN - {plan} - {message}")
    for message in denies:
        print(f"FAIL - {plan} - {message}")
    print(f"{len(denies)} denied, {len(warns)} warned")
    return 1 if denies else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
