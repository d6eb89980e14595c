"""The fleets the conformance server pretends to host, loaded from the driver's --state file.

A state file is JSON::

    {"fleets": [{
        "FleetId": "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc", "Region": "us-west-2", "Status": "ACTIVE",
        "ComputeType": "EC2", "OperatingSystem": "AMAZON_LINUX_2023", "InstanceType": "c5.large",
        "RuntimeConfiguration": {...},
        # optional:
        "Name": "...", "BuildId": "build-...", "CreationTime": 1700000000,
        "InstanceCounts": {"DESIRED": 2, ...}, "Utilization": {"ActiveGameSessionCount": 1, ...},
        "Locations": [{"Location": "us-east-1", "Status": "ACTIVE", "InstanceCounts": {...}}],
        "Events": [{"EventCode": "FLEET_STATE_ACTIVE", "Message": "...", "EventTime": 1700000000}]
    }]}
"""

import base64
import binascii
import copy
import hashlib
import json
import re
import threading

from wire_model import ServiceError

ACCOUNT_ID = "123456789012"
DEFAULT_PAGE_SIZE = 50
ARN_RE = re.compile(r"^arn:aws[a-z-]*:gamelift:(?P<region>[^:]+):(?P<account>\d{12}):fleet/(?P<id>fleet-[a-zA-Z0-9-]+)$")
DEFAULT_INSTANCE_COUNTS = {"DESIRED": 2, "MINIMUM": 0, "MAXIMUM": 10, "PENDING": 0, "ACTIVE": 2, "IDLE": 1,
                           "TERMINATING": 0}


def fleet_arn(region, fleet_id):
    """The ARN GameLift gives a fleet of this server's account."""
    return f"arn:aws:gamelift:{region}:{ACCOUNT_ID}:fleet/{fleet_id}"


class FleetStore:
    """The fleets by region and id, behind one lock; every read hands out copies."""

    def __init__(self, document):
        self._fleets = {}
        for fleet in document.get("fleets", []):
            fleet = copy.deepcopy(fleet)
            fleet.setdefault("CreationTime", 1700000000)
            fleet.setdefault("InstanceCounts", dict(DEFAULT_INSTANCE_COUNTS))
            fleet.setdefault("Locations", [])
            fleet.setdefault("Events", _creation_events(fleet))
            fleet["UpdateCount"] = 0
            self._fleets[(fleet["Region"], fleet["FleetId"])] = fleet
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path):
        with open(path, encoding="utf-8") as file:
            return cls(json.load(file))

    @property
    def regions(self):
        return {region for region, _ in self._fleets}

    def resolve(self, region, fleet_id_or_arn):
        """A copy of the fleet named by id or ARN in ``region``; NotFoundException when there is none."""
        with self._lock:
            return copy.deepcopy(self._find(region, fleet_id_or_arn))

    def find_many(self, region, fleet_ids_or_arns):
        """Copies of the fleets that exist among those named, in the order named, each once."""
        found, seen = [], set()
        with self._lock:
            for name in fleet_ids_or_arns:
                try:
                    fleet = self._find(region, name)
                except ServiceError:
                    continue
                if fleet["FleetId"] not in seen:
                    seen.add(fleet["FleetId"])
                    found.append(copy.deepcopy(fleet))
        return found

    def all_in(self, region):
        """Copies of every fleet of ``region``, by fleet id."""
        with self._lock:
            fleets = [copy.deepcopy(f) for (r, _), f in self._fleets.items() if r == region]
        return sorted(fleets, key=lambda fleet: fleet["FleetId"])

    def replace_runtime_configuration(self, region, fleet_id, configuration):
        """Stores a fleet's new runtime configuration; returns a copy of what was stored."""
        with self._lock:
            fleet = self._fleets[(region, fleet_id)]
            fleet["RuntimeConfiguration"] = copy.deepcopy(configuration)
            fleet["UpdateCount"] += 1
            return copy.deepcopy(fleet["RuntimeConfiguration"])

    def snapshot(self):
        """Every fleet's id, region, status, live configuration and update count, for GET /__state."""
        with self._lock:
            return {
                "fleets": [
                    {key: copy.deepcopy(fleet[key]) for key in
                     ("FleetId", "Region", "Status", "RuntimeConfiguration", "UpdateCount")}
                    for fleet in self._fleets.values()
                ]
            }

    def _find(self, region, name):
        fleet_id = name
        match = ARN_RE.match(name)
        if match is not None:
            if match["region"] != region or match["account"] != ACCOUNT_ID:
                raise ServiceError("NotFoundException", f"No fleet found for {name} in {region}")
            fleet_id = match["id"]
        fleet = self._fleets.get((region, fleet_id))
        if fleet is None:
            raise ServiceError("NotFoundException", f"No fleet found with ID {fleet_id} in {region}")
        return fleet


def _creation_events(fleet):
    created = fleet["CreationTime"]
    return [
        {"EventCode": "FLEET_CREATED", "Message": "Fleet created.", "EventTime": created},
        {"EventCode": "FLEET_STATE_ACTIVE", "Message": "Fleet is active.", "EventTime": created + 600},
    ]


class Pager:
    """Pages results with opaque NextTokens that only work for the operation and query that made them."""

    def page(self, operation, items, params):
        """``(page, next_token or None)`` for ``params``' Limit and NextToken."""
        limit = params.get("Limit") or DEFAULT_PAGE_SIZE
        start = self._offset(operation, params) if params.get("NextToken") else 0
        end = start + limit
        next_token = self._token(operation, params, end) if end < len(items) else None
        return items[start:end], next_token

    @staticmethod
    def _fingerprint(operation, params):
        query = {key: value for key, value in params.items() if key not in ("Limit", "NextToken")}
        return hashlib.sha256(json.dumps([operation, query], sort_keys=True).encode()).hexdigest()[:16]

    def _token(self, operation, params, offset):
        text = json.dumps({"offset": offset, "query": self._fingerprint(operation, params)})
        return base64.urlsafe_b64encode(text.encode()).decode()

    def _offset(self, operation, params):
        token = params["NextToken"]
        try:
            decoded = json.loads(base64.urlsafe_b64decode(token.encode()))
            offset, query = decoded["offset"], decoded["query"]
        except (binascii.Error, ValueError, KeyError, TypeError):
            raise ServiceError("InvalidRequestException", f"Invalid NextToken {token!r}") from None
        if query != self._fingerprint(operation, params):
            raise ServiceError("InvalidRequestException", "NextToken was issued for another request")
        return offset
