#!/usr/bin/env python3
"""An independent Amazon GameLift (and STS GetCallerIdentity) server, to test fleetform's AWS path against.

It knows GameLift only through botocore's service model: requests are routed, validated and answered by the
model's shapes, signatures are checked with botocore's SigV4 signer, and faults (internal errors, throttling,
dropped connections, slow answers) are injected from a fault file. It listens on 127.0.0.1 only and exits by
itself after --lifetime seconds, or when the process that started it goes away.

    python3 gamelift_server.py --state state.json [--faults faults.json] [--seed 7] \\
        [--port-file port.txt] [--stats stats.json] [--lifetime 600]
"""

import argparse
import json
import os
import signal
import sys
import threading

sys.dont_write_bytecode = True

from counters import Counters, RequestJournal  # noqa: E402 - after dont_write_bytecode, so the repository stays clean
from faults import FaultInjector, Throttler, load_fault_plan  # noqa: E402
from fleet_state import FleetStore  # noqa: E402
from handler import ConformanceHTTPServer  # noqa: E402
from operations import GameLiftOperations  # noqa: E402
from service import ConformanceService  # noqa: E402
from sigv4_check import SignatureChecker  # noqa: E402
from wire_model import load_models  # noqa: E402

DEFAULT_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
DEFAULT_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
PARENT_POLL_SECONDS = 1.0


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--state", required=True, help="JSON file of the fleets (see fleet_state.py)")
    parser.add_argument("--faults", help="JSON file of the faults to inject (see faults.py)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the fault choices")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--port-file", help="write the port here once listening")
    parser.add_argument("--stats", help="write the counters here as JSON on exit")
    parser.add_argument("--requests", help="append one JSON line per request here (see counters.RequestJournal)")
    parser.add_argument("--lifetime", type=float, default=600, help="exit after this many seconds")
    parser.add_argument("--access-key", default=DEFAULT_ACCESS_KEY)
    parser.add_argument("--secret-key", default=DEFAULT_SECRET_KEY)
    parser.add_argument("--region", action="append", default=[],
                        help="a region requests may be signed for (repeatable; the fleets' regions always are)")
    return parser.parse_args(argv)


def build_server(arguments, counters, journal):
    """The HTTP server with its service, from the command line's files."""
    gamelift_model, sts_model = load_models()
    store = FleetStore.load(arguments.state)
    plan = load_fault_plan(arguments.faults)
    regions = store.regions | set(arguments.region)
    service = ConformanceService(
        gamelift_model, sts_model,
        SignatureChecker(arguments.access_key, arguments.secret_key, regions),
        GameLiftOperations(store, counters),
        Throttler(plan.get("throttling", {})),
        FaultInjector(plan, arguments.seed),
        counters,
        journal,
    )
    return ConformanceHTTPServer(arguments.port, service, counters, store)


def write_atomically(path, text):
    """Writes ``text`` to ``path`` through a temporary file, so a reader never sees half of it."""
    temporary = f"{path}.tmp{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def wait_for_end(lifetime, stop):
    """Returns after ``lifetime`` seconds, when ``stop`` is set, or when the parent process has gone."""
    parent = os.getppid()
    remaining = lifetime
    while remaining > 0 and not stop.is_set():
        stop.wait(min(PARENT_POLL_SECONDS, remaining))
        remaining -= PARENT_POLL_SECONDS
        if os.getppid() != parent:
            print("conformance: parent process gone, exiting", file=sys.stderr)
            return


def main(argv=None):
    arguments = parse_arguments(argv)
    counters = Counters()
    journal = RequestJournal(arguments.requests)
    server = build_server(arguments, counters, journal)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, name="serve", daemon=True).start()
    port = server.server_address[1]
    if arguments.port_file:
        write_atomically(arguments.port_file, f"{port}\n")
    print(f"conformance: listening on 127.0.0.1:{port}", file=sys.stderr, flush=True)
    try:
        wait_for_end(arguments.lifetime, stop)
    finally:
        server.shutdown()
        server.server_close()
        journal.close()
        if arguments.stats:
            write_atomically(arguments.stats, json.dumps(counters.snapshot(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
