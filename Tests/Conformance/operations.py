"""What each GameLift operation fleetform calls does, on the fleets of a FleetStore.

Each operation takes the request's region and its (already model-checked) input, and returns its output as
a dict with the model's member names, or raises ServiceError. Behaviour beyond the model follows GameLift's
documentation: updates only on ACTIVE fleets, at most 50 fleet ids per batch, launch paths under the game's
install folder on EC2 fleets, at most 50 concurrent processes per instance.
"""

from fleet_state import ACCOUNT_ID, Pager, fleet_arn
from wire_model import ServiceError

MAX_FLEET_IDS = 50
MAX_PROCESSES_PER_INSTANCE = 50
LAUNCH_ROOTS = {"WINDOWS": "C:\\game\\", "AMAZON_LINUX": "/local/game/"}


class GameLiftOperations:
    """The operations, by name: ``operations.call("DescribeRuntimeConfiguration", region, params)``."""

    def __init__(self, store, counters):
        self._store = store
        self._counters = counters
        self._pager = Pager()

    def supports(self, name):
        return callable(getattr(self, f"_op_{name}", None))

    def call(self, name, region, params):
        return getattr(self, f"_op_{name}")(region, params)

    # Runtime configuration

    def _op_DescribeRuntimeConfiguration(self, region, params):
        fleet = self._store.resolve(region, params["FleetId"])
        return {"RuntimeConfiguration": fleet["RuntimeConfiguration"]}

    def _op_UpdateRuntimeConfiguration(self, region, params):
        fleet = self._store.resolve(region, params["FleetId"])
        if fleet["Status"] != "ACTIVE":
            self._counters.add("held_updates", fleet["Status"])
            raise ServiceError(
                "InvalidFleetStatusException",
                f"Fleet {fleet['FleetId']} is {fleet['Status']}: the runtime configuration can only be updated "
                "when the fleet is ACTIVE",
            )
        configuration = params["RuntimeConfiguration"]
        _check_runtime_configuration(fleet, configuration)
        stored = self._store.replace_runtime_configuration(region, fleet["FleetId"], configuration)
        return {"RuntimeConfiguration": stored}

    # Fleet-wide reads, batched by fleet id or paged over the region

    def _op_DescribeFleetAttributes(self, region, params):
        fleets, token = self._batch_or_page("DescribeFleetAttributes", region, params)
        return _with_token({"FleetAttributes": [_attributes(f) for f in fleets]}, token)

    def _op_DescribeFleetCapacity(self, region, params):
        fleets, token = self._batch_or_page("DescribeFleetCapacity", region, params)
        return _with_token({"FleetCapacity": [_capacity(f, f["Region"], f["InstanceCounts"]) for f in fleets]}, token)

    def _op_DescribeFleetUtilization(self, region, params):
        fleets, token = self._batch_or_page("DescribeFleetUtilization", region, params)
        return _with_token({"FleetUtilization": [_utilization(f, f["Region"]) for f in fleets]}, token)

    def _op_ListFleets(self, region, params):
        fleets = self._store.all_in(region)
        if params.get("BuildId"):
            fleets = [f for f in fleets if params["BuildId"] in (f.get("BuildId"), _build_arn(f))]
        if params.get("ScriptId"):
            fleets = [f for f in fleets if params["ScriptId"] == f.get("ScriptId")]
        page, token = self._pager.page("ListFleets", fleets, params)
        answer = {"FleetIds": [f["FleetId"] for f in page]} if page else {}
        return _with_token(answer, token)

    def _op_DescribeFleetEvents(self, region, params):
        fleet = self._store.resolve(region, params["FleetId"])
        start, end = params.get("StartTime"), params.get("EndTime")
        if start is not None and end is not None and start > end:
            raise ServiceError("InvalidRequestException", "StartTime must not be after EndTime")
        events = [
            _event(fleet, index, event) for index, event in enumerate(sorted(fleet["Events"], key=lambda e: e["EventTime"]))
            if (start is None or event["EventTime"] >= start) and (end is None or event["EventTime"] <= end)
        ]
        page, token = self._pager.page("DescribeFleetEvents", events, params)
        return _with_token({"Events": page}, token)

    # Locations

    def _op_DescribeFleetLocationAttributes(self, region, params):
        fleet = self._store.resolve(region, params["FleetId"])
        remote = {location["Location"]: location for location in fleet["Locations"]}
        if params.get("Locations"):
            chosen, token = [remote[name] for name in params["Locations"] if name in remote], None
        else:
            chosen, token = self._pager.page("DescribeFleetLocationAttributes", list(remote.values()), params)
        answer = {
            "FleetId": fleet["FleetId"], "FleetArn": fleet_arn(fleet["Region"], fleet["FleetId"]),
            "LocationAttributes": [
                {"LocationState": {"Location": loc["Location"], "Status": loc.get("Status", "ACTIVE")}} for loc in chosen
            ],
        }
        return _with_token(answer, token)

    def _op_DescribeFleetLocationCapacity(self, region, params):
        fleet, counts = self._location(region, params)
        return {"FleetCapacity": _capacity(fleet, params["Location"], counts)}

    def _op_DescribeFleetLocationUtilization(self, region, params):
        fleet, _ = self._location(region, params)
        return {"FleetUtilization": _utilization(fleet, params["Location"])}

    # Helpers

    def _batch_or_page(self, operation, region, params):
        """The fleets named by FleetIds (Limit and NextToken ignored, as GameLift documents), else a page of
        every fleet in the region."""
        if params.get("FleetIds") is None:
            return self._pager.page(operation, self._store.all_in(region), params)
        if len(params["FleetIds"]) > MAX_FLEET_IDS:
            raise ServiceError(
                "InvalidRequestException",
                f"{len(params['FleetIds'])} fleet IDs requested; the maximum allowed is {MAX_FLEET_IDS}",
            )
        return self._store.find_many(region, params["FleetIds"]), None

    def _location(self, region, params):
        fleet = self._store.resolve(region, params["FleetId"])
        if params["Location"] == fleet["Region"]:
            return fleet, fleet["InstanceCounts"]
        for location in fleet["Locations"]:
            if location["Location"] == params["Location"]:
                return fleet, location.get("InstanceCounts", fleet["InstanceCounts"])
        raise ServiceError("NotFoundException", f"Fleet {fleet['FleetId']} has no location {params['Location']}")


def _check_runtime_configuration(fleet, configuration):
    """GameLift's own rules for a runtime configuration, beyond its shape."""
    processes = configuration.get("ServerProcesses") or []
    if not processes:
        raise ServiceError("InvalidRequestException", "RuntimeConfiguration must have at least one server process")
    total = sum(process["ConcurrentExecutions"] for process in processes)
    if total > MAX_PROCESSES_PER_INSTANCE:
        raise ServiceError(
            "InvalidRequestException",
            f"{total} concurrent server processes per instance; the maximum is {MAX_PROCESSES_PER_INSTANCE}",
        )
    if fleet.get("ComputeType", "EC2") != "EC2":
        return
    root = next(root for prefix, root in LAUNCH_ROOTS.items() if fleet["OperatingSystem"].startswith(prefix))
    for process in processes:
        if not process["LaunchPath"].startswith(root):
            raise ServiceError("InvalidRequestException", f"LaunchPath {process['LaunchPath']} is not under {root}")


def _with_token(answer, token):
    if token is not None:
        answer["NextToken"] = token
    return answer


def _build_arn(fleet):
    return fleet.get("BuildId") and f"arn:aws:gamelift:{fleet['Region']}:{ACCOUNT_ID}:build/{fleet['BuildId']}"


def _attributes(fleet):
    attributes = {
        "FleetId": fleet["FleetId"], "FleetArn": fleet_arn(fleet["Region"], fleet["FleetId"]),
        "FleetType": "ON_DEMAND", "Name": fleet.get("Name", fleet["FleetId"]),
        "CreationTime": fleet["CreationTime"], "Status": fleet["Status"],
        "OperatingSystem": fleet["OperatingSystem"], "ComputeType": fleet.get("ComputeType", "EC2"),
        "NewGameSessionProtectionPolicy": "NoProtection",
    }
    if attributes["ComputeType"] == "EC2":
        attributes["InstanceType"] = fleet["InstanceType"]
    if fleet.get("BuildId"):
        attributes["BuildId"] = fleet["BuildId"]
    return attributes


def _capacity(fleet, location, counts):
    capacity = {"FleetId": fleet["FleetId"], "FleetArn": fleet_arn(fleet["Region"], fleet["FleetId"]),
                "InstanceCounts": counts, "Location": location}
    if fleet.get("InstanceType"):
        capacity["InstanceType"] = fleet["InstanceType"]
    return capacity


def _utilization(fleet, location):
    processes = sum(p["ConcurrentExecutions"] for p in fleet["RuntimeConfiguration"].get("ServerProcesses", []))
    utilization = {
        "ActiveServerProcessCount": processes * fleet["InstanceCounts"]["ACTIVE"],
        "ActiveGameSessionCount": 1, "CurrentPlayerSessionCount": 0, "MaximumPlayerSessionCount": 0,
    }
    utilization.update(fleet.get("Utilization", {}))
    utilization.update({"FleetId": fleet["FleetId"], "FleetArn": fleet_arn(fleet["Region"], fleet["FleetId"]),
                        "Location": location})
    return utilization


def _event(fleet, index, event):
    return {"EventId": f"{fleet['FleetId']}-event-{index}", "ResourceId": fleet["FleetId"], **event}
