#!/usr/bin/env python3
"""Check action.yml, the composite GitHub Action that installs fleetform, by reading it and by running it.

Usage: scripts/check_action.py --dist DIR [--action action.yml]

Read: it parses, is a composite action with the inputs `version` and `release-url`, every input is used by a
step, no `run:` script expands `${{ }}` itself (inputs reach scripts through `env:`, so a value cannot inject
shell code), the archive is cached with actions/cache keyed on the version and the runner's architecture, and
every output is set by a step.

Run: the steps are executed the way a runner would (bash, GITHUB_OUTPUT, GITHUB_PATH, RUNNER_TEMP; the cache
step restores and saves a folder), against the release archive in DIR, with `curl` and `wget` replaced by shims
that fail the check if called (nothing leaves the machine):
  1. release-url = DIR, no version: installs the action's own version; fleetform on the added PATH runs;
  2. the same runner again with release-url pointing nowhere: installs from the cache;
  3. version = 9.9.9 with release-url = DIR: the installer is asked for 9.9.9 and refuses it;
  4. version = a shell injection attempt: refused before anything runs it.
Needs PyYAML. Exits 1 when any check fails.
"""
import argparse
import os
import pathlib
import platform
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Runner:
    """A small stand-in for a GitHub runner: one job's contexts, and a cache that outlives the job."""

    def __init__(self, action, workdir, cache_store, shims):
        self.action, self.workdir, self.cache_store, self.shims = action, workdir, cache_store, shims
        self.arch = {"x86_64": "X64", "aarch64": "ARM64", "arm64": "ARM64"}.get(platform.machine(), "X64")

    def evaluate(self, text, contexts):
        def replace(match):
            parts = match.group(1).split(".")
            value = contexts
            for part in parts:
                if not isinstance(value, dict) or part not in value:
                    raise ValueError(f"unsupported or unknown expression ${{{{ {match.group(1)} }}}}")
                value = value[part]
            return str(value)

        return EXPRESSION.sub(replace, str(text))

    def run(self, inputs):
        """Runs the action's steps once (one job); returns (ok, outputs, log)."""
        temp = pathlib.Path(tempfile.mkdtemp(dir=self.workdir, prefix="runner-temp-"))
        github_path = temp / "github_path"
        github_path.write_text("")
        declared = self.action.get("inputs", {})
        contexts = {
            "inputs": {name: inputs.get(name, spec.get("default", "")) for name, spec in declared.items()},
            "github": {"action_path": str(ROOT)},
            "runner": {"temp": str(temp), "os": "Linux", "arch": self.arch},
            "steps": {},
        }
        log, saves = [], []
        for index, step in enumerate(self.action["runs"]["steps"]):
            name = step.get("id", f"step{index}")
            if "uses" in step:
                if not step["uses"].startswith("actions/cache@"):
                    return False, {}, log + [f"{name}: the check cannot run {step['uses']}"]
                path = pathlib.Path(self.evaluate(step["with"]["path"], contexts))
                key = self.evaluate(step["with"]["key"], contexts)
                saved = self.cache_store / key
                hit = saved.is_dir()
                if hit:
                    shutil.copytree(saved, path, dirs_exist_ok=True)
                contexts["steps"][name] = {"outputs": {"cache-hit": str(hit).lower()}}
                saves.append((path, saved))
                log.append(f"cache {key}: {'hit' if hit else 'miss'}")
                continue
            output = temp / f"output-{index}"
            output.write_text("")
            env = {
                "PATH": f"{self.shims}:/usr/bin:/bin",
                "HOME": str(temp / "home"),
                "RUNNER_TEMP": str(temp),
                "GITHUB_OUTPUT": str(output),
                "GITHUB_PATH": str(github_path),
                "GITHUB_ACTION_PATH": str(ROOT),
            }
            env.update({key: self.evaluate(value, contexts) for key, value in step.get("env", {}).items()})
            result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], env=env, cwd=temp,
                                    capture_output=True, text=True)
            log.append(f"{name}: exit {result.returncode}\n{result.stdout}{result.stderr}".rstrip())
            if result.returncode != 0:
                return False, {}, log
            contexts["steps"][name] = {"outputs": dict(
                line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)}
        for path, saved in saves:  # actions/cache saves in its post step, when the job succeeded
            if path.is_dir() and not saved.exists():
                shutil.copytree(path, saved)
        outputs = {name: self.evaluate(spec["value"], contexts)
                   for name, spec in self.action.get("outputs", {}).items()}
        outputs["PATH"] = github_path.read_text().split()
        return True, outputs, log


def read_checks(action):
    """Problems found by reading action.yml."""
    problems = []
    runs = action.get("runs", {})
    if runs.get("using") != "composite":
        problems.append("runs.using is not composite")
    inputs = action.get("inputs", {})
    for required in ("version", "release-url"):
        if required not in inputs:
            problems.append(f"no input {required}")
    steps = runs.get("steps", [])
    text = yaml.safe_dump(steps)
    for name in inputs:
        if f"inputs.{name}" not in text:
            problems.append(f"input {name} is never used")
    for step in steps:
        if "run" in step:
            if EXPRESSION.search(step["run"]):
                problems.append(f"step {step.get('name')}: run script expands ${{{{ }}}} (pass it through env:)")
            if step.get("shell") != "bash":
                problems.append(f"step {step.get('name')}: composite run steps need shell: bash")
    caches = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache@")]
    if len(caches) != 1:
        problems.append("the archive is not cached with actions/cache")
    else:
        key = str(caches[0].get("with", {}).get("key", ""))
        if "outputs.version" not in key or "runner.arch" not in key:
            problems.append(f"the cache key '{key}' is not keyed on the version and runner.arch")
    install = [s for s in steps if "scripts/install.sh" in str(s.get("run", ""))]
    if len(install) != 1:
        problems.append("no step runs scripts/install.sh")
    for name, spec in action.get("outputs", {}).items():
        if not EXPRESSION.search(str(spec.get("value", ""))):
            problems.append(f"output {name} has no value expression")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", required=True, type=pathlib.Path)
    parser.add_argument("--action", default=ROOT / "action.yml", type=pathlib.Path)
    args = parser.parse_args()
    action = yaml.safe_load(args.action.read_text())
    failures = read_checks(action)
    own_version = re.search(r'^let version = "(.*)"$', (ROOT / "Package.swift").read_text(), re.M).group(1)

    with tempfile.TemporaryDirectory(prefix="check-action-") as scratch:
        scratch = pathlib.Path(scratch)
        shims, calls = scratch / "shims", scratch / "network-calls"
        shims.mkdir()
        for tool in ("curl", "wget"):
            (shims / tool).write_text(f'#!/bin/sh\necho "{tool} $*" >> "{calls}"\nexit 1\n')
            (shims / tool).chmod(0o755)
        (scratch / "cache").mkdir()
        runner = Runner(action, scratch, scratch / "cache", shims)
        dist = str(args.dist.resolve())

        def expect(title, ok, outputs, log, want_ok, needle=""):
            text = "\n".join(log)
            good = ok == want_ok and needle in text
            if want_ok and good:
                binary = pathlib.Path(outputs["PATH"][0]) / "fleetform" if outputs["PATH"] else None
                shown = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout \
                    if binary and binary.exists() else ""
                good = shown.startswith(own_version + " ") and outputs.get("version") == shown.strip()
                text += f"\nfleetform on the added PATH: {shown.strip() or 'missing'}; output: {outputs.get('version')}"
            print(f"{'ok  ' if good else 'FAIL'} {title}")
            if not good:
                failures.append(f"{title}:\n{text}")

        expect("1. release-url = dist, default version: installed and on PATH",
               *runner.run({"release-url": dist}), True, "cache fleetform-")
        expect("2. again, release-url pointing nowhere: installed from the cache",
               *runner.run({"release-url": str(scratch / "nowhere")}), True, "hit")
        expect("3. version 9.9.9: the installer is asked for it and refuses",
               *runner.run({"version": "9.9.9", "release-url": dist}), False, "lists no fleetform 9.9.9 archive")
        expect("4. a version with shell code is refused",
               *runner.run({"version": '0.1.0"; touch pwned; "', "release-url": dist}), False,
               "is not a release version")
        if any(scratch.rglob("pwned")):
            failures.append("the version input ran as shell code (a file 'pwned' was created)")
        if calls.exists():
            failures.append(f"the action reached for the network: {calls.read_text()}")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
