#!/usr/bin/env python3
"""Writes gamelift-botocore.json: GameLift JSON 1.1 requests signed by botocore, an independent SigV4
implementation, so fleetform's signer is checked against more than its own reading of the spec.

Run by hand (not in CI) when the cases change:  python3 botocore_gamelift_vectors.py > gamelift-botocore.json
"""
import datetime
import json
from unittest import mock

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

WHEN = datetime.datetime(2026, 11, 24, 9, 30, 15, tzinfo=datetime.timezone.utc)
CASES = [
    {
        "name": "describe-runtime-configuration-session-token",
        "region": "us-west-2",
        "operation": "DescribeRuntimeConfiguration",
        "body": '{"FleetId":"fleet-2222bbbb-33cc-44dd-55ee-6666ffff7777"}',
        "accessKeyId": "ASIAFLEETFORMEXAMPLE",
        "secretAccessKey": "fleetformSecretKeyEXAMPLE/0123456789abcdef",
        "sessionToken": "IQoJb3JpZ2luX2VjEXAMPLE//////////session+token==",
    },
    {
        "name": "describe-runtime-configuration-long-term-key",
        "region": "eu-central-1",
        "operation": "DescribeRuntimeConfiguration",
        "body": '{"FleetId":"fleet-0000aaaa-1111-2222-3333-444455556666"}',
        "accessKeyId": "AKIAFLEETFORMEXAMPLE",
        "secretAccessKey": "anotherSecretKeyEXAMPLE+/abcdefghijklmnop",
        "sessionToken": None,
    },
    {
        "name": "list-fleets-empty-input",
        "region": "ap-northeast-1",
        "operation": "ListFleets",
        "body": "{}",
        "accessKeyId": "AKIAFLEETFORMEXAMPLE",
        "secretAccessKey": "anotherSecretKeyEXAMPLE+/abcdefghijklmnop",
        "sessionToken": None,
    },
]


def sign(case):
    host = f"gamelift.{case['region']}.amazonaws.com"
    headers = {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": f"GameLift.{case['operation']}",
    }
    request = AWSRequest(method="POST", url=f"https://{host}/", data=case["body"].encode(), headers=headers)
    credentials = Credentials(case["accessKeyId"], case["secretAccessKey"], case["sessionToken"])
    signer = botocore.auth.SigV4Auth(credentials, "gamelift", case["region"])
    with mock.patch("botocore.auth.get_current_datetime", return_value=WHEN.replace(tzinfo=None)):
        # The same steps add_auth takes, kept to record the intermediate values; add_auth then signs for real.
        request.context["timestamp"] = WHEN.strftime("%Y%m%dT%H%M%SZ")
        signer._modify_request_before_signing(request)
        canonical_request = signer.canonical_request(request)
        string_to_sign = signer.string_to_sign(request, canonical_request)
        signer.add_auth(request)
    return {
        "name": case["name"],
        "service": "gamelift",
        "region": case["region"],
        "date": WHEN.strftime("%Y%m%dT%H%M%SZ"),
        "accessKeyId": case["accessKeyId"],
        "secretAccessKey": case["secretAccessKey"],
        "sessionToken": case["sessionToken"],
        "method": "POST",
        "path": "/",
        "query": "",
        "headers": [["Host", host]] + [[k, v] for k, v in headers.items()],
        "body": case["body"],
        "canonicalRequest": canonical_request,
        "stringToSign": string_to_sign,
        "authorization": request.headers["Authorization"],
        "producedBy": f"botocore {botocore.__version__}",
    }


print(json.dumps([sign(c) for c in CASES], indent=2))
