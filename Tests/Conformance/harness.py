"""What every scenario needs: fleets and their files, the server and proxy processes, running fleetform.

Every child process runs in its own process group and is killed with it, on success, failure or timeout;
the server and proxy also exit by themselves after their lifetime.
"""

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
REGION = "us-west-2"
SUMMARY_RE = re.compile(
    r"^(?P<kind>Plan|Apply): (?P<update>\d+) (?:to update|updated), (?P<unchanged>\d+) unchanged, "
    r"(?P<held>\d+) held, (?P<failed>\d+) failed\.$", re.MULTILINE)
NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# Fleets


@dataclass
class Fleet:
    """One fleet: what its file asks for (``desired``) and what the server starts with (``live``)."""

    fleet_id: str
    desired: dict
    live: dict
    status: str = "ACTIVE"

    @property
    def drifted(self):
        return self.desired != self.live


def make_fleets(count, seed, matching=0):
    """``count`` Linux EC2 fleets with uuid-shaped ids; the first ``matching`` already match their files,
    the others' live configurations differ from their files."""
    rng = random.Random(seed)
    fleets = []
    for index in range(count):
        fleet_id = f"fleet-{uuid.UUID(int=rng.getrandbits(128), version=4)}"
        desired = {
            "ServerProcesses": [{"LaunchPath": "/local/game/bin/ArenaServer", "Parameters": f"-port {7000 + index % 1000}",
                                 "ConcurrentExecutions": 2 + index % 3}],
            "MaxConcurrentGameSessionActivations": 2,
            "GameSessionActivationTimeoutSeconds": 300,
        }
        live = json.loads(json.dumps(desired))
        if index >= matching:
            live["ServerProcesses"][0]["ConcurrentExecutions"] += 1
            live["GameSessionActivationTimeoutSeconds"] = 120
        fleets.append(Fleet(fleet_id, desired, live))
    return fleets


def fleet_yaml(fleet):
    """The fleet file for ``fleet``: one YAML document, strings JSON-quoted (which YAML reads as is)."""
    configuration = fleet.desired
    lines = [f"FleetId: {fleet.fleet_id}", f"Region: {REGION}", "RuntimeConfiguration:", "  ServerProcesses:"]
    for process in configuration["ServerProcesses"]:
        lines += [f"    - LaunchPath: {json.dumps(process['LaunchPath'])}",
                  f"      Parameters: {json.dumps(process['Parameters'])}",
                  f"      ConcurrentExecutions: {process['ConcurrentExecutions']}"]
    lines += [f"  MaxConcurrentGameSessionActivations: {configuration['MaxConcurrentGameSessionActivations']}",
              f"  GameSessionActivationTimeoutSeconds: {configuration['GameSessionActivationTimeoutSeconds']}"]
    return "\n".join(lines) + "\n"


def state_document(fleets):
    """The server's --state document for ``fleets``."""
    return {"fleets": [
        {"FleetId": f.fleet_id, "Region": REGION, "Status": f.status, "ComputeType": "EC2",
         "OperatingSystem": "AMAZON_LINUX_2023", "InstanceType": "c5.xlarge", "RuntimeConfiguration": f.live}
        for f in fleets
    ]}


class Workspace:
    """A run's folder: fleet files under ``fleets/`` (100 to a subfolder), an empty HOME, the server's files."""

    def __init__(self, root):
        self.root = root
        self.fleets_dir = os.path.join(root, "fleets")
        self.home = os.path.join(root, "home")
        os.makedirs(self.home)

    def path(self, name):
        return os.path.join(self.root, name)

    def write_fleets(self, fleets):
        for index, fleet in enumerate(fleets):
            folder = os.path.join(self.fleets_dir, f"group-{index // 100:02d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"{fleet.fleet_id}.yaml"), "w", encoding="utf-8") as file:
                file.write(fleet_yaml(fleet))

    def write_json(self, name, document):
        with open(self.path(name), "w", encoding="utf-8") as file:
            json.dump(document, file, indent=1)
        return self.path(name)


# Processes


def _wait_for_file(path, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as file:
                return int(file.read())
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[1]} exited with {process.returncode} before listening")
        time.sleep(0.05)
    raise RuntimeError(f"{process.args[1]} did not listen within {timeout} s")


def _stop(process, grace=10):
    """SIGTERM to the process group, SIGKILL after ``grace`` seconds."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


class Background:
    """A helper script run in the background (server or proxy): started on entry, stopped on exit."""

    def __init__(self, workspace, name, script, arguments, lifetime):
        self._port_file = workspace.path(f"{name}.port")
        self._log = open(workspace.path(f"{name}.log"), "w", encoding="utf-8")
        command = [sys.executable, "-B", os.path.join(HERE, script), "--port-file", self._port_file,
                   "--lifetime", str(lifetime), *arguments]
        self._process = subprocess.Popen(command, stdout=self._log, stderr=self._log, start_new_session=True)
        self.port = None

    def __enter__(self):
        try:
            self.port = _wait_for_file(self._port_file, self._process, timeout=30)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *_):
        _stop(self._process)
        self._log.close()

    def wait_for_exit(self, timeout):
        """Waits for the process to exit by itself; its exit status."""
        return self._process.wait(timeout=timeout)


class Server(Background):
    """The conformance server over a workspace's state and fault files."""

    def __init__(self, workspace, state, faults=None, seed=1, lifetime=600):
        self.stats_path = workspace.path("stats.json")
        self.requests_path = workspace.path("requests.jsonl")
        arguments = ["--state", state, "--stats", self.stats_path, "--requests", self.requests_path,
                     "--seed", str(seed), "--region", REGION]
        arguments += ["--faults", faults] if faults else []
        super().__init__(workspace, "server", "gamelift_server.py", arguments, lifetime)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path):
        """A JSON document from the server's own paths (/__stats, /__state), never through a proxy."""
        with NO_PROXY_OPENER.open(self.url + path, timeout=30) as answer:
            return json.load(answer)

    def live_configurations(self):
        return {fleet["FleetId"]: fleet["RuntimeConfiguration"] for fleet in self.get("/__state")["fleets"]}


class Proxy(Background):
    """proxy.py in one of its modes; ``requests()`` is what it recorded."""

    def __init__(self, workspace, mode, forward_port=None, lifetime=120):
        self.log_path = workspace.path(f"proxy-{mode}.jsonl")
        arguments = ["--mode", mode, "--log", self.log_path]
        arguments += ["--forward-port", str(forward_port)] if forward_port else []
        super().__init__(workspace, f"proxy-{mode}", "proxy.py", arguments, lifetime)

    def requests(self):
        if not os.path.exists(self.log_path):
            return []
        with open(self.log_path, encoding="utf-8") as file:
            return [json.loads(line) for line in file]


# fleetform


def plain_environment(home, endpoint, **extra):
    """Exactly what fleetform may see: no retry or timeout settings, no profile, no metadata service."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": endpoint, "NO_COLOR": "1",
    }
    environment.update(extra)
    return environment


@dataclass
class Run:
    """One fleetform invocation's outcome."""

    exit_code: int
    output: str
    elapsed: float
    timed_out: bool = False
    summaries: dict = field(default_factory=dict)

    def summary(self, kind):
        """The counts of the last ``Plan:`` or ``Apply:`` line: update, unchanged, held, failed; or None."""
        return self.summaries.get(kind)


def _keep_output(cwd, command, text):
    number = 1
    while os.path.exists(os.path.join(cwd, f"fleetform-{command}-{number}.log")):
        number += 1
    with open(os.path.join(cwd, f"fleetform-{command}-{number}.log"), "w", encoding="utf-8") as file:
        file.write(text)


def run_fleetform(binary, arguments, environment, cwd, timeout):
    """Runs fleetform in ``cwd``, killing its process group after ``timeout`` seconds; its output is also
    kept in ``cwd`` as ``fleetform-<command>-<n>.log``."""
    started = time.monotonic()
    process = subprocess.Popen([binary, *arguments], env=environment, cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    timed_out = False
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _stop(process, grace=2)
        output, _ = process.communicate()
    finally:
        _stop(process, grace=2)
    text = output.decode("utf-8", "replace")
    _keep_output(cwd, arguments[0], text)
    summaries = {m["kind"]: {k: int(m[k]) for k in ("update", "unchanged", "held", "failed")}
                 for m in SUMMARY_RE.finditer(text)}
    return Run(process.returncode, text, time.monotonic() - started, timed_out, summaries)
