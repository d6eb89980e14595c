"""Checks each request's Signature Version 4 with botocore's own signer.

The request is rebuilt as a botocore ``AWSRequest`` from the method, path, query, body and exactly the headers
the client listed in ``SignedHeaders``; botocore's ``SigV4Auth`` computes the canonical request, the string to
sign and the signature for the client's ``X-Amz-Date``, and the result must equal the client's signature.
"""

import datetime
import hashlib
import hmac
import re
from dataclasses import dataclass

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

AMZ_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
MAX_CLOCK_SKEW = datetime.timedelta(minutes=15)
CREDENTIAL_RE = re.compile(r"^(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request$")


class _ClientChosenHeaders(SigV4Auth):
    """botocore's SigV4 over the headers the client signed.

    ``SigV4Auth.headers_to_sign`` leaves out a few headers (User-Agent, Expect, ...) and adds Host when it is
    missing; the request rebuilt here holds exactly the client's signed headers, so they are taken as they are.
    """

    def headers_to_sign(self, request):
        chosen = HTTPHeaders()
        for name, value in request.headers.items():
            chosen[name.lower()] = value
        return chosen


@dataclass
class Verdict:
    """The outcome of a check: ``reason`` is None for a good signature; ``region`` is the scope's region."""

    reason: str = None
    region: str = None
    code: str = "InvalidSignatureException"

    @property
    def ok(self):
        return self.reason is None


class SignatureChecker:
    """Verifies requests signed with one fixed key pair, for one service name and a set of regions."""

    def __init__(self, access_key, secret_key, regions, clock=None):
        self._access_key = access_key
        self._credentials = Credentials(access_key, secret_key)
        self._regions = set(regions)
        self._clock = clock or (lambda: datetime.datetime.now(datetime.timezone.utc))

    def verify(self, method, target, headers, body, service):
        """Checks a request. ``target`` is the request line's path and query; ``headers`` a list of
        ``(name, value)`` as received; ``service`` the signing name the operation requires."""
        authorization = _header(headers, "authorization")
        if authorization is None:
            return Verdict("no Authorization header", code="IncompleteSignatureException")
        fields = _authorization_fields(authorization)
        if fields is None:
            return Verdict("Authorization is not AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature",
                           code="IncompleteSignatureException")
        scope = CREDENTIAL_RE.match(fields["Credential"])
        if scope is None:
            return Verdict(f"malformed credential scope {fields['Credential']!r}", code="IncompleteSignatureException")
        problem = self._scope_problem(scope, service) or self._date_problem(headers, scope)
        if problem is not None:
            return problem
        signed_names = fields["SignedHeaders"].split(";")
        problem = _signed_headers_problem(signed_names, headers, body)
        if problem is not None:
            return Verdict(problem, scope["region"])
        expected = self._signature(method, target, headers, signed_names, body, scope)
        if not hmac.compare_digest(expected, fields["Signature"]):
            return Verdict("signature does not match botocore's for the same request", scope["region"])
        return Verdict(region=scope["region"])

    def _scope_problem(self, scope, service):
        if scope["key"] != self._access_key:
            return Verdict(f"unknown access key {scope['key']!r}", code="UnrecognizedClientException")
        if scope["service"] != service:
            return Verdict(f"signed for service {scope['service']!r}, not {service!r}", scope["region"])
        if scope["region"] not in self._regions:
            return Verdict(f"signed for region {scope['region']!r}, not one of {sorted(self._regions)}")
        return None

    def _date_problem(self, headers, scope):
        amz_date = _header(headers, "x-amz-date")
        try:
            signed_at = datetime.datetime.strptime(amz_date or "", AMZ_DATE_FORMAT)
        except ValueError:
            return Verdict(f"X-Amz-Date {amz_date!r} is not YYYYMMDDTHHMMSSZ", scope["region"])
        if amz_date[:8] != scope["date"]:
            return Verdict(f"scope date {scope['date']} is not X-Amz-Date's day {amz_date[:8]}", scope["region"])
        skew = abs(self._clock() - signed_at.replace(tzinfo=datetime.timezone.utc))
        if skew > MAX_CLOCK_SKEW:
            return Verdict(f"signature expired: X-Amz-Date {amz_date} is {skew} off", scope["region"])
        return None

    def _signature(self, method, target, headers, signed_names, body, scope):
        path, _, query = target.partition("?")
        host = _header(headers, "host")
        request = AWSRequest(method=method, url=f"http://{host}{path}" + (f"?{query}" if query else ""), data=body)
        request.headers = HTTPHeaders()
        for name, value in headers:
            if name.lower() in signed_names:
                request.headers[name] = value
        request.context["timestamp"] = _header(headers, "x-amz-date")
        signer = _ClientChosenHeaders(self._credentials, scope["service"], scope["region"])
        canonical = signer.canonical_request(request)
        return signer.signature(signer.string_to_sign(request, canonical), request)


def _header(headers, name):
    """The first value of header ``name`` (lowercase), or None."""
    return next((value for key, value in headers if key.lower() == name), None)


def _authorization_fields(authorization):
    algorithm, _, rest = authorization.partition(" ")
    if algorithm != "AWS4-HMAC-SHA256":
        return None
    fields = {}
    for part in rest.split(","):
        key, _, value = part.strip().partition("=")
        fields[key] = value
    if not all(fields.get(key) for key in ("Credential", "SignedHeaders", "Signature")):
        return None
    return fields


def _signed_headers_problem(signed_names, headers, body):
    """Why the signed header list cannot stand, or None: it must be sorted lowercase names, include host and
    x-amz-date, name only headers that were sent, and any x-amz-content-sha256 must be the body's hash."""
    if signed_names != sorted(name.lower() for name in signed_names):
        return f"SignedHeaders {';'.join(signed_names)} is not sorted lowercase names"
    for required in ("host", "x-amz-date"):
        if required not in signed_names:
            return f"SignedHeaders leaves out {required}"
    sent = {name.lower() for name, _ in headers}
    missing = [name for name in signed_names if name not in sent]
    if missing:
        return f"SignedHeaders names headers that were not sent: {missing}"
    declared = _header(headers, "x-amz-content-sha256")
    if declared is not None and declared != hashlib.sha256(body).hexdigest():
        return "X-Amz-Content-SHA256 is not the SHA-256 of the body"
    return None
