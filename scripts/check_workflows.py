#!/usr/bin/env python3
"""Check the example CI pipelines under examples/ci: each parses as YAML, has the shape its CI system
expects, every `fleetform …` invocation in its shell steps uses a subcommand, flags and flag values that
the built binary accepts, and every job that runs fleetform installs this version's release (the GitHub Action
`fleetform/fleetform@vVERSION`, or the image `ghcr.io/fleetform/fleetform:VERSION` on GitLab) instead of
building it from source (docs/releasing.md). VERSION is `version` in Package.swift.

Usage: scripts/check_workflows.py [--binary PATH] [FILE ...]   (default: .build/debug/fleetform, examples/ci)

The accepted command line comes from the binary itself (`fleetform --experimental-dump-help`, ArgumentParser's
description of every command, option and value), so the check follows the code. Needs PyYAML.
Exits 1 when any check fails.
"""
import argparse
import json
import pathlib
import re
import shlex
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHELL_KEYS = {"run", "script", "before_script", "after_script"}
OPERATORS = {"|", "||", "&", "&&", ";", ";;", "(", ")", "<", ">", ">>", ">&", "<&", "|&", "!"}
PREFIXES = {"env", "exec", "time", "command", "nice", "sudo", "then", "do", "else", "if"}
GITLAB_RESERVED = {"stages", "variables", "default", "include", "workflow", "image", "services", "cache",
                   "before_script", "after_script"}


class CommandLine:
    """What the binary accepts: subcommand → long option name → (kind, allowed values or None)."""

    def __init__(self, dump):
        self.commands = {}
        for command in dump["command"].get("subcommands", []):
            options = {}
            for argument in command.get("arguments", []):
                for name in argument.get("names", []):
                    if name["kind"] in ("long", "longWithSingleDash"):
                        options["--" + name["name"]] = (argument["kind"], argument.get("allValues"))
                    elif name["kind"] == "short":
                        options["-" + name["name"]] = (argument["kind"], argument.get("allValues"))
            self.commands[command["commandName"]] = options

    @classmethod
    def from_binary(cls, binary):
        output = subprocess.run([binary, "--experimental-dump-help"], capture_output=True, text=True, check=True)
        return cls(json.loads(output.stdout))

    def problems(self, words):
        """Why `fleetform <words>` would be refused, as messages; empty when it is accepted."""
        if not words or words[0].startswith("-"):
            return [] if words and words[0] in ("--help", "-h", "--version") else ["no subcommand"]
        subcommand, rest = words[0], words[1:]
        if subcommand not in self.commands:
            return [f"unknown subcommand '{subcommand}' (known: {', '.join(sorted(self.commands))})"]
        options, found, i = self.commands[subcommand], [], 0
        while i < len(rest):
            word = rest[i]
            i += 1
            if not word.startswith("-") or word == "-":
                continue
            name, _, inline = word.partition("=")
            if name not in options:
                found.append(f"'{subcommand}' has no option {name}")
                continue
            kind, values = options[name]
            if kind == "flag":
                if inline:
                    found.append(f"{name} is a flag and takes no value")
                continue
            value = inline or (rest[i] if i < len(rest) else None)
            if not inline:
                i += 1
            if value is None:
                found.append(f"{name} needs a value")
            elif values and not value.startswith("$") and value not in values:
                found.append(f"{name} {value}: not one of {', '.join(values)}")
        return found


def shell_scripts(node, path=""):
    """Every shell script in a workflow: the strings (or lists of strings) under run/script keys."""
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else str(key)
            if key in SHELL_KEYS:
                if isinstance(value, str):
                    yield where, value
                elif isinstance(value, list):
                    for index, line in enumerate(value):
                        if isinstance(line, str):
                            yield f"{where}[{index}]", line
            else:
                yield from shell_scripts(value, where)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from shell_scripts(item, f"{path}[{index}]")


def tokens(script):
    """Shell words and operators of each logical line (continuations joined, comments dropped)."""
    text = script.replace("\\\n", " ")
    try:
        yield from (_split(line) for line in text.splitlines())
    except ValueError:  # a quote spanning lines: read the script as one line
        yield _split(text)


def _split(line):
    # `2>file`, `2>&1`: the descriptor number belongs to the redirection, not to the command's arguments.
    line = re.sub(r"(?<![\w-])[0-9]+(?=[<>])", " ", line)
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    return list(lexer)


def invocations(script):
    """The argument lists of every `fleetform` command in a script."""
    for words in tokens(script):
        for i, word in enumerate(words):
            is_fleetform = word == "fleetform" or word.endswith("/fleetform")
            at_command_position = i == 0 or words[i - 1] in OPERATORS or words[i - 1] in PREFIXES or (
                "=" in words[i - 1] and not words[i - 1].startswith("-"))
            if is_fleetform and at_command_position:
                arguments = []
                for following in words[i + 1:]:
                    if following in OPERATORS:
                        break
                    arguments.append(following)
                yield arguments


def check_shape(path, document):
    """Problems with the workflow's overall shape for its CI system."""
    if not isinstance(document, dict):
        return ["not a YAML mapping"]
    if ".github" in path.parts or "github" in path.parts:
        found = []
        if True not in document and "on" not in document:  # YAML 1.1 reads the key `on` as true
            found.append("no `on:` trigger")
        jobs = document.get("jobs")
        if not isinstance(jobs, dict) or not jobs:
            return found + ["no jobs"]
        for name, job in jobs.items():
            if "runs-on" not in job or not isinstance(job.get("steps"), list):
                found.append(f"job {name} needs runs-on and steps")
        return found
    stages = document.get("stages", ["build", "test", "deploy"])
    found = []
    for name, job in document.items():
        if name in GITLAB_RESERVED or name.startswith(".") or not isinstance(job, dict):
            continue
        if "script" not in job and "trigger" not in job:
            found.append(f"job {name} has no script")
        if job.get("stage", "test") not in stages:
            found.append(f"job {name}: stage {job.get('stage')} is not in stages")
    return found


ACTION = "fleetform/fleetform@v{version}"
IMAGE = "ghcr.io/fleetform/fleetform:{version}"


def check_install(path, document, version):
    """Problems with how the example gets fleetform: each job that runs it installs this version's release."""
    if not isinstance(document, dict):
        return []
    found = [f"{where}: builds fleetform from source" for where, script in shell_scripts(document)
             if "swift build" in script]

    def runs_fleetform(node):
        return any(list(invocations(script)) for _, script in shell_scripts(node))

    if ".github" in path.parts or "github" in path.parts:
        action = ACTION.format(version=version)
        for name, job in (document.get("jobs") or {}).items():
            steps = job.get("steps") or [] if isinstance(job, dict) else []
            first = next((i for i, step in enumerate(steps) if runs_fleetform(step)), None)
            if first is not None and not any(step.get("uses") == action for step in steps[:first]):
                found.append(f"job {name} runs fleetform without installing it first with `uses: {action}`")
        return found
    image = IMAGE.format(version=version)
    default = (document.get("default") or {}).get("image")
    for name, job in document.items():
        if name in GITLAB_RESERVED or name.startswith(".") or not isinstance(job, dict) or not runs_fleetform(job):
            continue
        used = job.get("image", default)
        if not isinstance(used, dict) or used.get("name") != image or used.get("entrypoint") != [""]:
            found.append(f"job {name} runs fleetform but not in `image: {{name: {image}, entrypoint: [\"\"]}}`")
    return found


def self_test(command_line):
    """The checker itself must catch bad flags, bad values and bad subcommands, or it proves nothing."""
    bad = {
        "fleetform plan fleets/ --no-such-flag": "--no-such-flag",
        "fleetform plan fleets/ --format yaml": "not one of",
        "fleetform deploy fleets/": "unknown subcommand",
        "FOO=1 fleetform plan fleets/ --detailed-exitcode=yes": "takes no value",
    }
    failures = []
    for script, expected in bad.items():
        messages = [m for args in invocations(script) for m in command_line.problems(args)]
        if not any(expected in m for m in messages):
            failures.append(f"self-test: '{script}' was not refused ({messages})")
    good = "fleetform plan fleets/ --format markdown --parallelism 4 2>&1 --out plan.json > plan.md && echo ok"
    messages = [m for args in invocations(good) for m in command_line.problems(args)]
    if messages or not list(invocations(good)):
        failures.append(f"self-test: '{good}' was refused or not found: {messages}")
    if list(invocations("git clone https://github.com/fleetform/fleetform /tmp/fleetform")):
        failures.append("self-test: a path ending in /fleetform was taken for a command")
    from_source = {"on": "push", "jobs": {"plan": {"runs-on": "x", "steps": [
        {"run": "swift build -c release"}, {"uses": ACTION.format(version="0.0.1")}, {"run": "fleetform plan ."}]}}}
    problems = check_install(pathlib.Path("github/plan.yml"), from_source, "0.0.2")
    if len(problems) != 2:
        failures.append(f"self-test: a job building from source, then installing another version, gave {problems}")
    gitlab = {"default": {"image": IMAGE.format(version="0.0.2")}, "plan": {"script": ["fleetform plan ."]}}
    if not check_install(pathlib.Path("gitlab/.gitlab-ci.yml"), gitlab, "0.0.2"):
        failures.append("self-test: a GitLab job on the image without `entrypoint: [\"\"]` was accepted")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "fleetform"))
    parser.add_argument("files", nargs="*", type=pathlib.Path)
    args = parser.parse_args()
    command_line = CommandLine.from_binary(args.binary)
    files = args.files or sorted(
        p for p in (ROOT / "examples" / "ci").rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml"))
    version = re.search(r'^let version = "(.*)"$', (ROOT / "Package.swift").read_text(), re.M).group(1)
    failures = self_test(command_line)
    if not files:
        failures.append("no workflow files found under examples/ci")
    for path in files:
        name = path.relative_to(ROOT) if path.is_absolute() and ROOT in path.parents else path
        try:
            document = yaml.safe_load(path.read_text())
        except yaml.YAMLError as error:
            failures.append(f"{name}: not valid YAML: {error}")
            continue
        failures += [f"{name}: {problem}" for problem in check_shape(path, document)]
        failures += [f"{name}: {problem}" for problem in check_install(path, document, version)]
        count = 0
        for where, script in shell_scripts(document):
            for arguments in invocations(script):
                count += 1
                for problem in command_line.problems(arguments):
                    failures.append(f"{name}: {where}: fleetform {' '.join(arguments)}: {problem}")
        if count == 0:
            failures.append(f"{name}: no fleetform invocation found")
        print(f"{'ok  ' if not any(f.startswith(str(name)) for f in failures) else 'FAIL'} {name}: {count} fleetform invocation(s)")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
