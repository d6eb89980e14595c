"""Clients for the self-test: boto3 as users call it, and a raw botocore pipeline for what boto3 hides.

The raw pipeline is botocore's own pieces in order (serializer, SigV4Auth, http.client, response parser),
with the signing time, key, region and service under the caller's control, and no retries.
"""

import datetime
import http.client
import json

import boto3
from botocore import parsers, serialize
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.config import Config
from botocore.credentials import Credentials

from harness import ACCESS_KEY, REGION, SECRET_KEY
from wire_model import load_models

GAMELIFT_MODEL, STS_MODEL = load_models()
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def boto3_client(service, url, region=REGION, secret=SECRET_KEY, validate=True):
    """A boto3 client for ``service`` at ``url`` that never retries (so every fault is seen)."""
    config = NO_RETRIES.merge(Config(parameter_validation=validate))
    return boto3.session.Session().client(
        service, endpoint_url=url, region_name=region, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=secret, config=config)


class RawAnswer:
    """An HTTP answer, and what botocore's parsers make of it."""

    def __init__(self, status, headers, body, operation_model):
        self.status = status
        self.headers = headers
        self.body = body
        self._operation_model = operation_model

    def parsed(self, protocol="json"):
        """The answer as botocore's parser for ``protocol`` reads it (``json`` is what boto3 uses for
        GameLift; ``rest-json`` also reads the ``x-amzn-ErrorType`` header)."""
        response = {"status_code": self.status, "headers": self.headers, "body": self.body,
                    "context": {"operation_name": self._operation_model.name}}
        return parsers.create_parser(protocol).parse(response, self._operation_model.output_shape)

    def error_code(self, protocol="json"):
        return self.parsed(protocol).get("Error", {}).get("Code")

    def json(self):
        return json.loads(self.body or b"{}")


def raw_call(port, operation, params, *, secret=SECRET_KEY, region=REGION, service="gamelift", signed_at=None,
             body=None, headers=None, after_signing=None):
    """Sends one GameLift operation signed with botocore, as told: ``body`` replaces the serialized one,
    ``headers`` are set before signing and ``after_signing`` headers after it."""
    operation_model = GAMELIFT_MODEL.operation_model(operation)
    serialized = serialize.create_serializer("json", include_validation=False).serialize_to_request(
        params, operation_model)
    request = AWSRequest(method="POST", url=f"http://127.0.0.1:{port}/",
                         data=serialized["body"] if body is None else body, headers=serialized["headers"])
    _replace_headers(request, headers)
    sign(request, secret=secret, region=region, service=service, signed_at=signed_at)
    _replace_headers(request, after_signing)
    return send(port, request, operation_model)


def _replace_headers(request, headers):
    for name, value in (headers or {}).items():
        del request.headers[name]
        request.headers[name] = value


def raw_sts(port, fields, *, service="sts"):
    """Sends an STS Query form, signed with botocore."""
    body = "&".join(f"{key}={value}" for key, value in fields.items()).encode()
    request = AWSRequest(method="POST", url=f"http://127.0.0.1:{port}/", data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    sign(request, service=service)
    return send(port, request, STS_MODEL.operation_model("GetCallerIdentity"))


def sign(request, *, secret=SECRET_KEY, region=REGION, service="gamelift", signed_at=None):
    """Signs like ``SigV4Auth.add_auth``, at ``signed_at`` (default: now)."""
    signed_at = signed_at or datetime.datetime.now(datetime.timezone.utc)
    signer = SigV4Auth(Credentials(ACCESS_KEY, secret), service, region)
    request.context["timestamp"] = signed_at.strftime("%Y%m%dT%H%M%SZ")
    request.headers["Host"] = request.url.split("/")[2]
    request.headers["X-Amz-Date"] = request.context["timestamp"]
    signed_headers = signer.signed_headers(signer.headers_to_sign(request))
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    request.headers["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={signer.scope(request)}, SignedHeaders={signed_headers}, Signature={signature}")


def send(port, request, operation_model):
    """Sends a botocore request over a fresh connection; raises what http.client raises on a dropped one."""
    prepared = request.prepare()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(prepared.method, "/", body=prepared.body, headers=dict(prepared.headers.items()))
        response = connection.getresponse()
        headers = HTTPHeaders()
        for name, value in response.getheaders():
            headers[name] = value
        return RawAnswer(response.status, headers, response.read(), operation_model)
    finally:
        connection.close()
