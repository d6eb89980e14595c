#!/usr/bin/env python3
"""The job of `fleetform apply --auto-approve`, written as a plain boto3 script: the baseline the benchmark
compares fleetform with (docs/benchmarks.md, "Retries that hold on the default settings").

Usage:
    scripts/boto3_apply.py --endpoint-url http://127.0.0.1:PORT --fleets FOLDER [--threads 16]
    scripts/boto3_apply.py --endpoint-url http://127.0.0.1:PORT --fleets fleets.json --region us-west-2

--fleets is a folder of fleet files (*.yaml, *.yml, several documents a file, read with PyYAML: the files
`fleetform-bench plan-apply --compare-boto3` gives fleetform too), or a JSON list of the same documents
({"FleetId", "Region", "RuntimeConfiguration"}, the API's field names). Only those three keys are read: no
validation, no journal, no held fleets (an update GameLift refuses fails the fleet).

It makes the reads fleetform makes, so the two need the same requests:
  1. per Region, DescribeFleetAttributes in batches of 50 fleet ids (every page);
  2. per fleet, on a pool of --threads threads: DescribeRuntimeConfiguration and, for an EC2 fleet (ComputeType
     EC2 or absent), every page of DescribeFleetLocationAttributes; a location read that fails does not fail
     the fleet (as in fleetform), it is counted apart;
  3. compares (server processes are a set keyed by LaunchPath and Parameters; an activation field the file
     leaves out is unmanaged: the live value is kept) and, where the fleet differs, UpdateRuntimeConfiguration
     at once, on the same thread.
One client per Region, shared by the threads (botocore clients are thread-safe), with
Config(retries={"mode": "adaptive"}) and botocore's default attempts for that mode (3, the first included;
--max-attempts changes it), a connection pool as large as the thread pool, and static dummy credentials.
botocore speaks Smithy RPC v2 CBOR to GameLift (the protocol it picks for the service since 2025); the
emulator answers it as GameLift does.
A fleet fails when one of its calls (attributes, configuration or update) still raises after the retries.

The last line of standard output is the result, as key=value fields:
    boto3 wall=… load=… cpu=… requests=… calls=… retries=… throttled=… fleets=… updated=… unchanged=… failed=…
    location_errors=…
wall runs from loading the fleets to the last answer (the interpreter's start and imports are not in it), load
is the part spent loading them, cpu the process's CPU seconds over wall; requests counts every attempt sent,
calls the API calls made (retries = requests - calls).
"""

import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

BATCH = 50  # DescribeFleetAttributes takes at most 50 fleet ids (GameLiftLimits.fleetAttributesBatch)
ACTIVATION_FIELDS = ("MaxConcurrentGameSessionActivations", "GameSessionActivationTimeoutSeconds")


class Counters:
    """Attempts, API calls and throttled answers, counted from botocore's events (all threads)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = self.calls = self.throttled = 0

    def attach(self, client):
        events = client.meta.events
        events.register("before-call.gamelift", self._call)
        events.register("before-send.gamelift", self._attempt)
        events.register("needs-retry.gamelift", self._answer)

    def _call(self, **_):
        with self.lock:
            self.calls += 1

    def _attempt(self, **_):
        with self.lock:
            self.requests += 1

    def _answer(self, response=None, **_):
        # Returns None: the retry handlers decide, this only counts.
        if response and isinstance(response[1], dict):
            if response[1].get("Error", {}).get("Code") == "ThrottlingException":
                with self.lock:
                    self.throttled += 1


def region_of(fleet_id, default):
    if fleet_id.startswith("arn:"):
        return fleet_id.split(":")[3]
    return default


def fleet_id_of(reference):
    return reference.split("/")[-1] if reference.startswith("arn:") else reference


def load_fleets(path, default_region):
    """[(region, fleet id, desired RuntimeConfiguration)] from a JSON list or a folder of fleet files."""
    if os.path.isdir(path):
        import yaml  # only for folders of fleet files

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
        documents = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".yaml", ".yml")):
                    with open(os.path.join(root, name), encoding="utf-8") as f:
                        documents += [d for d in yaml.load_all(f, Loader=loader) if d]
    else:
        with open(path, encoding="utf-8") as f:
            documents = json.load(f)
    fleets = []
    for document in documents:
        reference = document["FleetId"]
        region = document.get("Region") or region_of(reference, default_region)
        if not region:
            sys.exit(f"boto3_apply: no Region for {reference} (give --region)")
        fleets.append((region, fleet_id_of(reference), document["RuntimeConfiguration"]))
    return fleets


def processes(configuration):
    """Server processes as a set: (LaunchPath, Parameters) -> ConcurrentExecutions."""
    table = {}
    for p in configuration.get("ServerProcesses") or []:
        key = (p["LaunchPath"], p.get("Parameters") or "")
        table[key] = table.get(key, 0) + p["ConcurrentExecutions"]
    return table


def update_for(desired, live):
    """The configuration to send, or None when the live one already matches the file."""
    wanted = {"ServerProcesses": desired.get("ServerProcesses") or []}
    for field in ACTIVATION_FIELDS:
        value = desired.get(field, live.get(field))  # unmanaged: the live value is kept
        if value is not None:
            wanted[field] = value
    same = processes(wanted) == processes(live) and all(wanted.get(f) == live.get(f) for f in ACTIVATION_FIELDS)
    return None if same else wanted


def read_attributes(client, ids):
    """{fleet id: attributes} for up to 50 ids, every page."""
    found, token = {}, None
    while True:
        page = client.describe_fleet_attributes(FleetIds=ids, **({"NextToken": token} if token else {}))
        for attributes in page.get("FleetAttributes", []):
            found[attributes["FleetId"]] = attributes
        token = page.get("NextToken")
        if not token:
            return found


def read_locations(client, fleet_id):
    token = None
    while True:
        page = client.describe_fleet_location_attributes(
            FleetId=fleet_id, **({"NextToken": token} if token else {}))
        token = page.get("NextToken")
        if not token:
            return


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint-url", required=True, help="the GameLift endpoint (the emulator)")
    parser.add_argument("--fleets", required=True, help="JSON list of fleet documents, or a folder of fleet files")
    parser.add_argument("--region", help="Region of fleets that name none")
    parser.add_argument("--threads", type=int, default=16, help="worker threads (default 16)")
    parser.add_argument("--max-attempts", type=int, help="attempts per call, the first included "
                        "(default: botocore's default for the adaptive mode, 3)")
    args = parser.parse_args()

    start, cpu = time.monotonic(), time.process_time()
    fleets = load_fleets(args.fleets, args.region)
    loaded = time.monotonic() - start
    session = boto3.session.Session(aws_access_key_id="AKIDBOTO3", aws_secret_access_key="boto3")
    retries = {"mode": "adaptive"}
    if args.max_attempts:
        retries["total_max_attempts"] = args.max_attempts
    config = Config(retries=retries, max_pool_connections=args.threads)
    counters = Counters()
    clients = {}
    for region in sorted({region for region, _, _ in fleets}):
        clients[region] = session.client("gamelift", region_name=region, endpoint_url=args.endpoint_url,
                                         config=config)
        counters.attach(clients[region])

    failures = {}  # (region, fleet id) -> the error it failed with
    location_errors = [0]
    lock = threading.Lock()

    def fail(key, error):
        with lock:
            failures.setdefault(key, f"{type(error).__name__}: {error}")

    with ThreadPoolExecutor(args.threads) as pool:
        # 1. Attributes, in batches of 50 per Region.
        batches = []
        for region in clients:
            ids = [fleet_id for r, fleet_id, _ in fleets if r == region]
            batches += [(region, ids[i:i + BATCH]) for i in range(0, len(ids), BATCH)]

        def batch(job):
            region, ids = job
            try:
                return region, read_attributes(clients[region], ids)
            except Exception as error:  # the batch's fleets fail
                for fleet_id in ids:
                    fail((region, fleet_id), error)
                return region, {}

        attributes = {}
        for region, found in pool.map(batch, batches):
            attributes.update({(region, fleet_id): a for fleet_id, a in found.items()})

        # 2. and 3. Per fleet: read, compare, update.
        def reconcile(fleet):
            region, fleet_id, desired = fleet
            key = (region, fleet_id)
            if key in failures:
                return None
            if key not in attributes:
                fail(key, LookupError("not found by DescribeFleetAttributes"))
                return None
            client = clients[region]
            try:
                live = client.describe_runtime_configuration(FleetId=fleet_id).get("RuntimeConfiguration", {})
            except Exception as error:
                fail(key, error)
                return None
            if attributes[key].get("ComputeType", "EC2") == "EC2":
                try:
                    read_locations(client, fleet_id)
                except Exception:
                    with lock:
                        location_errors[0] += 1
            wanted = update_for(desired, live)
            if wanted is None:
                return False
            try:
                client.update_runtime_configuration(FleetId=fleet_id, RuntimeConfiguration=wanted)
            except Exception as error:
                fail(key, error)
                return None
            return True

        outcomes = list(pool.map(reconcile, fleets))
    wall, cpu = time.monotonic() - start, time.process_time() - cpu

    for (region, fleet_id), error in sorted(failures.items())[:5]:
        print(f"failed: {fleet_id} ({region}): {error}", file=sys.stderr)
    fields = [
        f"wall={wall:.2f}", f"load={loaded:.2f}", f"cpu={cpu:.3f}", f"requests={counters.requests}",
        f"calls={counters.calls}", f"retries={counters.requests - counters.calls}",
        f"throttled={counters.throttled}", f"fleets={len(fleets)}", f"updated={outcomes.count(True)}",
        f"unchanged={outcomes.count(False)}", f"failed={len(failures)}", f"location_errors={location_errors[0]}",
    ]
    print("boto3 " + " ".join(fields), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
