"""The server checked by botocore and boto3, not by fleetform: ``run_scenarios.py --self-test``.

Every operation is called with boto3 and its answers compared with the state; invalid input, bad signatures
and protocol violations are sent through botocore's own pipeline and must come back as the right errors and
be counted; every fault kind is triggered, and each error encoding must be read by botocore's parsers as the
right code; the proxy's three modes are exercised; the server's lifetime and stats file are checked.
"""

import datetime
import http.client
import json
import math
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from botocore_client import boto3_client, raw_call, raw_sts
from harness import REGION, Proxy, Server, Workspace, make_fleets, state_document

FILLER_FLEETS = 55
REMOTE_LOCATIONS = ["us-east-1", "eu-west-1"]
EVENT_COUNT = 120
BAD_INSTANCE_TYPE = "x9.mega"


class Checks:
    """Named checks, printed as they run; ``failed`` counts the failures."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'ok  ' if condition else 'FAIL'} {name}" + (f": {detail}" if detail and not condition else ""))

    def error(self, name, code, call, *args, **kwargs):
        """``call`` must raise a ClientError with ``code``, read as Smithy's awsJson1_1 says: from the
        x-amzn-ErrorType header first (botocore's JSON parser reads only the body), else botocore's code."""
        try:
            call(*args, **kwargs)
        except ClientError as error:
            header = error.response["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-errortype")
            got = header.split(":")[0] if header else error.response["Error"]["Code"]
            return self.check(name, got == code, f"got {got}, expected {code}")
        self.check(name, False, f"succeeded, expected {code}")


def _special_fleets(fleets):
    """Adds a DELETING, a Windows, an Anywhere and a multi-location fleet with many events to the state."""
    document = state_document(fleets)
    special = document["fleets"][:4]
    special[0]["Status"] = "DELETING"
    special[1].update(OperatingSystem="WINDOWS_2022", RuntimeConfiguration={
        "ServerProcesses": [{"LaunchPath": "C:\\game\\Server.exe", "ConcurrentExecutions": 1}]})
    special[2].update(ComputeType="ANYWHERE")
    special[2].pop("InstanceType")
    special[3].update(Locations=[{"Location": name, "Status": "ACTIVE"} for name in REMOTE_LOCATIONS],
                      Events=[{"EventCode": "FLEET_SCALING_EVENT", "Message": f"event {i}", "EventTime": 1700000000 + i}
                              for i in range(EVENT_COUNT)])
    return document


def check_operations(checks, server, fleets):
    """Every operation fleetform calls, through boto3, against the state."""
    gamelift = boto3_client("gamelift", server.url)
    deleting, windows, anywhere, located, active = (f.fleet_id for f in fleets[:5])
    configuration = gamelift.describe_runtime_configuration(FleetId=active)["RuntimeConfiguration"]
    checks.check("DescribeRuntimeConfiguration answers the state", configuration == fleets[4].live)
    arn = f"arn:aws:gamelift:{REGION}:123456789012:fleet/{active}"
    checks.check("a fleet ARN names the fleet",
                 gamelift.describe_runtime_configuration(FleetId=arn)["RuntimeConfiguration"] == fleets[4].live)
    checks.error("an ARN of another region is not found", "NotFoundException", gamelift.describe_runtime_configuration,
                 FleetId=arn.replace(REGION, "eu-west-1"))
    checks.error("an unknown fleet is not found", "NotFoundException", gamelift.describe_runtime_configuration,
                 FleetId="fleet-00000000-0000-4000-8000-000000000000")
    answer = gamelift.update_runtime_configuration(FleetId=active, RuntimeConfiguration=fleets[4].desired)
    checks.check("UpdateRuntimeConfiguration answers the new configuration",
                 answer["RuntimeConfiguration"] == fleets[4].desired)
    checks.check("the update is stored", server.live_configurations()[active] == fleets[4].desired)
    checks.error("a DELETING fleet is not updated", "InvalidFleetStatusException",
                 gamelift.update_runtime_configuration, FleetId=deleting, RuntimeConfiguration=fleets[4].desired)
    checks.error("a Linux launch path outside /local/game/ is refused", "InvalidRequestException",
                 gamelift.update_runtime_configuration, FleetId=active,
                 RuntimeConfiguration={"ServerProcesses": [{"LaunchPath": "/opt/game/server", "ConcurrentExecutions": 1}]})
    for fleet_id, path in ((windows, "C:\\game\\Other.exe"), (anywhere, "/home/player/server")):
        gamelift.update_runtime_configuration(FleetId=fleet_id, RuntimeConfiguration={
            "ServerProcesses": [{"LaunchPath": path, "ConcurrentExecutions": 2}]})
    checks.check("Windows and Anywhere launch paths are accepted", True)
    check_batches_and_pages(checks, gamelift, fleets)
    check_locations_and_events(checks, gamelift, located, active)
    identity = boto3_client("sts", server.url).get_caller_identity()
    checks.check("STS GetCallerIdentity answers account 123456789012", identity["Account"] == "123456789012")


def check_batches_and_pages(checks, gamelift, fleets):
    ids = [f.fleet_id for f in fleets]
    checks.check("DescribeFleetAttributes takes 50 fleet ids",
                 len(gamelift.describe_fleet_attributes(FleetIds=ids[:50])["FleetAttributes"]) == 50)
    checks.error("DescribeFleetAttributes refuses 51", "InvalidRequestException",
                 gamelift.describe_fleet_attributes, FleetIds=ids[:51])
    for operation, key in (("describe_fleet_attributes", "FleetAttributes"), ("list_fleets", "FleetIds"),
                           ("describe_fleet_capacity", "FleetCapacity"), ("describe_fleet_utilization", "FleetUtilization")):
        pages = list(gamelift.get_paginator(operation).paginate(PaginationConfig={"PageSize": 7}))
        items = [item for page in pages for item in page[key]]
        named = {item if isinstance(item, str) else item["FleetId"] for item in items}
        checks.check(f"{operation} pages through every fleet", named == set(ids) and len(pages) == math.ceil(len(ids) / 7),
                     f"{len(named)} fleets in {len(pages)} pages")
    capacity = gamelift.describe_fleet_capacity(FleetIds=ids[:2])["FleetCapacity"]
    checks.check("DescribeFleetCapacity answers for the fleets named", [c["FleetId"] for c in capacity] == ids[:2])


def check_locations_and_events(checks, gamelift, located, active):
    attributes = gamelift.describe_fleet_location_attributes(FleetId=located)["LocationAttributes"]
    checks.check("DescribeFleetLocationAttributes lists the remote locations",
                 [a["LocationState"]["Location"] for a in attributes] == REMOTE_LOCATIONS)
    one = gamelift.describe_fleet_location_attributes(FleetId=located, Locations=["eu-west-1"])["LocationAttributes"]
    checks.check("DescribeFleetLocationAttributes answers the locations named", len(one) == 1)
    for location in (REGION, *REMOTE_LOCATIONS):
        capacity = gamelift.describe_fleet_location_capacity(FleetId=located, Location=location)["FleetCapacity"]
        usage = gamelift.describe_fleet_location_utilization(FleetId=located, Location=location)["FleetUtilization"]
        checks.check(f"location capacity and utilization in {location}",
                     capacity["Location"] == location and usage["Location"] == location)
    checks.error("an unknown location is not found", "NotFoundException",
                 gamelift.describe_fleet_location_capacity, FleetId=active, Location="ap-south-1")
    pages = list(gamelift.get_paginator("describe_fleet_events").paginate(FleetId=located, PaginationConfig={"PageSize": 25}))
    checks.check("DescribeFleetEvents pages through every event",
                 sum(len(p["Events"]) for p in pages) == EVENT_COUNT and len(pages) == math.ceil(EVENT_COUNT / 25))
    start, end = (datetime.datetime.fromtimestamp(1700000000 + s, datetime.timezone.utc) for s in (10, 29))
    window = gamelift.describe_fleet_events(FleetId=located, StartTime=start, EndTime=end)["Events"]
    checks.check("DescribeFleetEvents keeps StartTime..EndTime", len(window) == 20, f"{len(window)} events")
    checks.error("StartTime after EndTime is refused", "InvalidRequestException",
                 gamelift.describe_fleet_events, FleetId=located, StartTime=end, EndTime=start)
    first = gamelift.describe_fleet_events(FleetId=located, Limit=5)
    checks.error("a NextToken of another query is refused", "InvalidRequestException",
                 gamelift.describe_fleet_events, FleetId=active, NextToken=first["NextToken"])


def check_refusals(checks, server, fleets):
    """Invalid input, bad signatures and protocol violations: the right error, and counted."""
    active = fleets[4].fleet_id
    lax = boto3_client("gamelift", server.url, validate=False)
    checks.error("a FleetId off the model's pattern", "ValidationException",
                 lax.describe_runtime_configuration, FleetId="no fleet here")
    checks.error("Limit 0", "ValidationException", lax.describe_fleet_attributes, Limit=0)
    checks.error("ConcurrentExecutions 0", "ValidationException", lax.update_runtime_configuration, FleetId=active,
                 RuntimeConfiguration={"ServerProcesses": [{"LaunchPath": "/local/game/x", "ConcurrentExecutions": 0}]})
    port = server.port
    for name, body in (("a number for a string", b'{"FleetId": 5}'), ("an unknown member", b'{"FleetId": "fleet-a", "Fleet": 1}'),
                       ("a timestamp as text", b'{"FleetId": "fleet-a", "StartTime": "2024-01-01T00:00:00Z"}')):
        code = raw_call(port, "DescribeFleetEvents", {}, body=body).error_code()
        checks.check(f"{name} is a SerializationException", code == "SerializationException", code)
    bad_signatures = {
        "a wrong secret": {"secret": "not-the-secret"},
        "a region outside the scope": {"region": "eu-central-1"},
        "the wrong service name": {"service": "ec2"},
        "an X-Amz-Date an hour old": {"signed_at": datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)},
        "a header changed after signing": {"after_signing": {"X-Amz-Target": "GameLift.DescribeFleetCapacity"}},
    }
    for name, how in bad_signatures.items():
        answer = raw_call(port, "DescribeRuntimeConfiguration", {"FleetId": active}, **how)
        checks.check(f"{name} fails the signature check", answer.status == 403, f"{answer.status} {answer.body[:120]}")
    sts_answer = raw_sts(port, {"Action": "GetCallerIdentity", "Version": "2011-06-15"}, service="gamelift")
    checks.check("STS signed for gamelift is refused", sts_answer.error_code("query") == "SignatureDoesNotMatch",
                 sts_answer.body[:200])
    wrong_type = raw_call(port, "ListFleets", {}, headers={"Content-Type": "application/json"})
    checks.check("a JSON 1.0 Content-Type is a protocol violation", wrong_type.status == 400)
    stats = server.get("/__stats")
    checks.check("bad signatures are counted", sum(stats["bad_signatures"].values()) == len(bad_signatures) + 1,
                 stats["bad_signatures"])
    checks.check("invalid requests are counted", sum(stats["invalid_requests"].values()) == 6, stats["invalid_requests"])
    checks.check("protocol violations are counted", sum(stats["protocol_violations"].values()) == 1,
                 stats["protocol_violations"])


def check_concurrency(checks, server, fleets):
    gamelift = boto3_client("gamelift", server.url)
    ids = [f.fleet_id for f in fleets[4:36]]
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda i: gamelift.describe_runtime_configuration(FleetId=i), ids * 5))
    checks.check("160 concurrent reads all answer", len(answers) == 160)
    checks.check("connections are kept alive", server.get("/__stats")["connections"].get("reused", 0) > 0)


def check_faults(checks, workspace, fleets):
    """Each fault kind, read back through botocore."""
    document = state_document(fleets)
    document["fleets"][5]["InstanceType"] = BAD_INSTANCE_TYPE
    faults = {
        "internal_errors": {"rate": 1.0, "operations": ["DescribeFleetUtilization"], "first_calls": [
            {"operation": "UpdateRuntimeConfiguration", "fleets": [fleets[4].fleet_id], "count": 2}]},
        "drops": {"rate": 1.0, "operations": ["DescribeFleetLocationCapacity"]},
        "slow": {"rate": 1.0, "seconds": 0.3, "operations": ["DescribeFleetLocationAttributes"]},
        "throttling": {"operations": {"ListFleets": 5}},
    }
    state = workspace.write_json("state.json", document)
    with Server(workspace, state, workspace.write_json("faults.json", faults), lifetime=120) as server:
        check_error_encodings(checks, server.port, fleets)
        gamelift = boto3_client("gamelift", server.url)
        update = {"FleetId": fleets[4].fleet_id, "RuntimeConfiguration": fleets[4].desired}
        for attempt in (1, 2):
            checks.error(f"the first_calls update {attempt} fails", "InternalServiceException",
                         gamelift.update_runtime_configuration, **update)
        checks.check("the third update succeeds", "RuntimeConfiguration" in gamelift.update_runtime_configuration(**update))
        codes = [raw_call(server.port, "ListFleets", {}).error_code("rest-json") for _ in range(10)]
        checks.check("ListFleets at 5/s: 5 pass, then ThrottlingException",
                     codes[:5] == [None] * 5 and "ThrottlingException" in codes[5:], codes)
        time.sleep(1.1)
        checks.check("the bucket refills", raw_call(server.port, "ListFleets", {}).status == 200)
        try:
            raw_call(server.port, "DescribeFleetLocationCapacity", {"FleetId": fleets[4].fleet_id, "Location": REGION})
            checks.check("a dropped connection answers nothing", False)
        except (http.client.RemoteDisconnected, ConnectionError):
            checks.check("a dropped connection answers nothing", True)
        started = time.monotonic()
        gamelift.describe_fleet_location_attributes(FleetId=fleets[4].fleet_id)
        checks.check("a slow answer waits", time.monotonic() - started >= 0.3)
        bug = raw_call(server.port, "DescribeFleetAttributes", {"FleetIds": [fleets[5].fleet_id]})
        checks.check("an answer breaking the output shape is not sent",
                     bug.status == 500 and bug.json()["__type"] == "ConformanceServerBug", bug.body[:200])
        stats = server.get("/__stats")
    checks.check("faults are counted", stats["faults"].get("internal_error") == 10 and stats["faults"].get("dropped") == 1
                 and stats["faults"].get("slow") == 1 and stats["faults"].get("throttled_operation", 0) >= 1, stats["faults"])
    checks.check("the server bug is counted", len(stats["server_bugs"]) == 1, stats["server_bugs"])
    with open(server.stats_path, encoding="utf-8") as file:
        checks.check("the stats file is written on SIGTERM", json.load(file)["faults"] == stats["faults"])


def check_error_encodings(checks, port, fleets):
    """Eight internal errors: each encoding twice, each read by botocore as InternalServiceException."""
    seen = {}
    for _ in range(8):
        answer = raw_call(port, "DescribeFleetUtilization", {"FleetIds": [fleets[4].fleet_id]})
        body = answer.json()
        message_key = next(key for key in body if key != "__type")
        variant = ("x-amzn-ErrorType header" if "x-amzn-ErrorType" in answer.headers else "no header",
                   f"__type {body['__type']!r}" if "__type" in body else "no __type", message_key)
        seen[variant] = answer
    checks.check("errors rotate through 4 encodings", len(seen) == 4, list(seen))
    for variant, answer in seen.items():
        error = answer.parsed("rest-json")["Error"]
        checks.check(f"botocore reads {', '.join(variant)}",
                     answer.status == 500 and error["Code"] == "InternalServiceException" and error["Message"],
                     (answer.status, error))
        if variant[1] == "no __type":
            print(f"     note: botocore's JSON parser (boto3's for GameLift) does not read x-amzn-ErrorType: "
                  f"it makes code {answer.error_code('json')!r} of the header-only encoding")
        else:
            checks.check(f"botocore's JSON parser reads {', '.join(variant)}",
                         answer.error_code("json") == "InternalServiceException", answer.error_code("json"))


def check_proxy(checks, workspace, server_port):
    """The proxy's modes: refuse and close turn a CONNECT away; forward relays to the server only."""
    for mode in ("refuse", "close"):
        with Proxy(workspace, mode) as proxy:
            connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
            connection.set_tunnel("gamelift.us-west-2.amazonaws.com", 443)
            try:
                connection.connect()
                checks.check(f"proxy {mode} refuses CONNECT", False)
            except OSError as error:
                checks.check(f"proxy {mode} refuses CONNECT", True, str(error))
            finally:
                connection.close()
    with Proxy(workspace, "forward", forward_port=server_port) as proxy:
        connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
        connection.request("GET", f"http://127.0.0.1:{server_port}/__stats")
        checks.check("proxy forward relays absolute-form requests", connection.getresponse().status == 200)
        connection.close()
        checks.check("proxy forward records the request line",
                     proxy.requests()[0]["line"] == f"GET http://127.0.0.1:{server_port}/__stats HTTP/1.1")


def check_lifetime(checks, workspace, state):
    """A server left alone exits after its lifetime and writes its stats file."""
    started = time.monotonic()
    with Server(workspace, state, lifetime=2) as server:
        server.wait_for_exit(timeout=15)
    checks.check("the server exits after --lifetime", time.monotonic() - started < 10 and os.path.exists(server.stats_path))


def main():
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    checks = Checks()
    fleets = make_fleets(FILLER_FLEETS + 5, seed=99)
    with tempfile.TemporaryDirectory(prefix="fleetform-conformance-self-test-") as root:
        workspace = Workspace(os.path.join(root, "functional"))
        state = workspace.write_json("state.json", _special_fleets(fleets))
        with Server(workspace, state, lifetime=300) as server:
            check_operations(checks, server, fleets)
            check_refusals(checks, server, fleets)
            check_concurrency(checks, server, fleets)
            check_proxy(checks, workspace, server.port)
            checks.check("no server bug", not server.get("/__stats")["server_bugs"])
        check_faults(checks, Workspace(os.path.join(root, "faults")), fleets)
        check_lifetime(checks, Workspace(os.path.join(root, "lifetime")), state)
    print(f"self-test: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0
