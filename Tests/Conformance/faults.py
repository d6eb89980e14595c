"""Faults the conformance server injects: internal errors, throttling, dropped connections, slow answers.

A fault file is JSON; every part is optional::

    {
      "internal_errors": {
        "rate": 0.2,                                   # probability per call
        "operations": ["UpdateRuntimeConfiguration"],  # which operations the rate applies to (default: all)
        "first_calls": [                               # the first N calls per fleet fail, then they succeed
          {"operation": "UpdateRuntimeConfiguration", "fleets": ["fleet-..."], "count": 2}
        ]
      },
      "throttling": {
        "operations": {"Describe*": 30, "List*": 30, "UpdateRuntimeConfiguration": 20},
        "shared": 20,            # one bucket over all operations: other clients of the same account
        "burst_seconds": 1.0     # bucket capacity, in seconds of its rate
      },
      "drops": {"rate": 0.02},                  # close the connection instead of answering
      "slow": {"rate": 0.05, "seconds": 0.5}    # wait before answering
    }

"internal_errors", "drops" and "slow" each take an "operations" list that limits them to those operations.

Random choices are a hash of the seed, the fault kind, the operation, the fleet and how many calls that fleet
has had: the same seed gives the same faults for the same calls, whatever order concurrent requests arrive in.
"""

import fnmatch
import hashlib
import json
import threading
import time
from dataclasses import dataclass


def load_fault_plan(path):
    """The fault plan in file ``path``, or an empty plan (no faults) when ``path`` is None."""
    if path is None:
        return {}
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def chance(seed, kind, operation, key, call):
    """A number in [0, 1) fixed by its arguments."""
    digest = hashlib.sha256(f"{seed}|{kind}|{operation}|{key}|{call}".encode()).hexdigest()
    return int(digest[:13], 16) / 16**13


class TokenBucket:
    """A token bucket: ``rate`` tokens a second, holding at most ``capacity``; starts full."""

    def __init__(self, rate, capacity, clock):
        self.rate = rate
        self.capacity = capacity
        self._tokens = capacity
        self._clock = clock
        self._updated = clock()

    def has_token(self):
        """Refills for the time passed; True when a whole token is there."""
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        return self._tokens >= 1

    def take(self):
        """Takes one token; call only after ``has_token`` said True."""
        self._tokens -= 1


class Throttler:
    """Per-operation buckets (per region) and one shared bucket (per region) over all operations.

    A request is admitted only when every bucket that applies to it has a token; it then takes one from each,
    so a request throttled by one bucket costs the others nothing.
    """

    def __init__(self, plan, clock=time.monotonic):
        self._rates = plan.get("operations", {})
        self._shared_rate = plan.get("shared")
        self._burst = plan.get("burst_seconds", 1.0)
        self._clock = clock
        self._buckets = {}
        self._lock = threading.Lock()

    def rate_for(self, operation):
        """The operation's own rate (requests a second), or None when it is not throttled on its own."""
        return next((rate for pattern, rate in self._rates.items() if fnmatch.fnmatchcase(operation, pattern)), None)

    @property
    def shared_rate(self):
        return self._shared_rate

    def admit(self, region, operation):
        """None when the request may go on, else the fault kind: ``throttled_operation`` or ``throttled_shared``."""
        wanted = [("throttled_operation", (region, operation), self.rate_for(operation)),
                  ("throttled_shared", (region, "*"), self._shared_rate)]
        with self._lock:
            buckets = [(kind, self._bucket(key, rate)) for kind, key, rate in wanted if rate is not None]
            for kind, bucket in buckets:
                if not bucket.has_token():
                    return kind
            for _, bucket in buckets:
                bucket.take()
        return None

    def _bucket(self, key, rate):
        if key not in self._buckets:
            self._buckets[key] = TokenBucket(rate, max(1.0, rate * self._burst), self._clock)
        return self._buckets[key]


@dataclass
class Decision:
    """What to do to one admitted call."""

    internal_error: bool = False
    drop: bool = False
    delay: float = 0.0


class FaultInjector:
    """Decides, per call, on internal errors, dropped connections and slow answers."""

    def __init__(self, plan, seed):
        self._seed = seed
        self._kinds = {kind: plan.get(kind, {}) for kind in ("internal_errors", "drops", "slow")}
        self._first_calls = {
            (rule["operation"], fleet): rule["count"]
            for rule in self._kinds["internal_errors"].get("first_calls", [])
            for fleet in rule["fleets"]
        }
        self._calls = {}
        self._lock = threading.Lock()

    def decide(self, operation, fleet_key):
        """The faults for this call of ``operation`` on ``fleet_key`` (a fleet id, or "" for batch calls)."""
        with self._lock:
            call = self._calls.get((operation, fleet_key), 0) + 1
            self._calls[(operation, fleet_key)] = call
        forced = call <= self._first_calls.get((operation, fleet_key), 0)
        return Decision(
            internal_error=forced or self._happens("internal_errors", operation, fleet_key, call),
            drop=self._happens("drops", operation, fleet_key, call),
            delay=self._kinds["slow"].get("seconds", 0.0) if self._happens("slow", operation, fleet_key, call) else 0.0,
        )

    def _happens(self, kind, operation, fleet_key, call):
        """Whether fault ``kind`` hits this call, by its rate and its operations."""
        config = self._kinds[kind]
        if config.get("operations") is not None and operation not in config["operations"]:
            return False
        return chance(self._seed, kind, operation, fleet_key, call) < config.get("rate", 0.0)
