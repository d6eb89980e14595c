"""Thread-safe records the conformance server keeps: counters (GET /__stats, --stats) and a request journal."""

import json
import threading
import time
from collections import defaultdict


class Counters:
    """Named groups of counts, e.g. ``requests[DescribeRuntimeConfiguration]`` or ``faults[throttled]``.

    Every group the driver asserts on exists from the start (with no keys), so a zero is reported as an
    empty group rather than a missing one.
    """

    GROUPS = (
        "requests",  # every request received, per operation (GameLift operations, sts:GetCallerIdentity)
        "succeeded",  # 2xx answers, per operation
        "errors",  # error answers, per error code
        "faults",  # injected faults, per kind (internal_error, throttled_operation, throttled_shared, ...)
        "error_encodings",  # error answers per JSON 1.1 encoding variant
        "bad_signatures",  # requests refused for their signature, per reason
        "invalid_requests",  # requests whose body the model refuses, per operation
        "protocol_violations",  # requests that are not AWS JSON 1.1 / Query at all, per reason
        "held_updates",  # UpdateRuntimeConfiguration refused with InvalidFleetStatusException, per fleet status
        "server_bugs",  # answers of ours that failed the model's output check (the server's own bugs)
        "connections",  # TCP connections accepted, and requests served on an already used one (keep_alive)
    )

    def __init__(self):
        self._lock = threading.Lock()
        self._groups = {name: defaultdict(int) for name in self.GROUPS}

    def add(self, group, key, amount=1):
        """Adds ``amount`` to ``group[key]``; ``group`` must be one of ``GROUPS``."""
        with self._lock:
            self._groups[group][key] += amount

    def snapshot(self):
        """A plain, JSON-ready copy of every group, keys sorted."""
        with self._lock:
            return {name: dict(sorted(counts.items())) for name, counts in self._groups.items()}


class RequestJournal:
    """One JSON line per request (seconds since start, operation, fleet, status, error code), or nothing
    when it has no file. For reading what a client did, request by request."""

    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8") if path else None
        self._started = time.monotonic()
        self._lock = threading.Lock()

    def record(self, **entry):
        if self._file is None:
            return
        line = json.dumps({"t": round(time.monotonic() - self._started, 4), **entry})
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self):
        if self._file is not None:
            self._file.close()
