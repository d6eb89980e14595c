"""STS over the Query protocol: a form-encoded POST answered in XML. Only GetCallerIdentity is served."""

import urllib.parse
from xml.sax.saxutils import escape

from fleet_state import ACCOUNT_ID
from wire_model import Answer, ShapeChecker, ServerBug

STS_VERSION = "2011-06-15"
STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"
SERVED_ACTIONS = ("GetCallerIdentity",)
CALLER = {"UserId": "AIDACONFORMANCEEXAMPLE", "Account": ACCOUNT_ID, "Arn": f"arn:aws:iam::{ACCOUNT_ID}:user/conformance"}
# STS's names for the signature problems GameLift calls InvalidSignatureException and so on.
SIGNATURE_CODES = {
    "InvalidSignatureException": "SignatureDoesNotMatch",
    "UnrecognizedClientException": "InvalidClientTokenId",
    "IncompleteSignatureException": "IncompleteSignature",
}


def parse_form(body):
    """The form's fields as a dict of single values; None when the body is not a form with unique keys."""
    try:
        pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
    except (UnicodeDecodeError, ValueError):
        return None
    fields = dict(pairs)
    return fields if len(fields) == len(pairs) else None


class STSService:
    """Answers STS Query requests whose signature has been checked."""

    def __init__(self, sts_model, counters):
        self._model = sts_model
        self._counters = counters

    def answer(self, fields, request_id):
        """The answer to a form ``fields`` (with Action and Version)."""
        action = fields.get("Action", "")
        if action not in SERVED_ACTIONS or action not in self._model.operation_names:
            self._counters.add("protocol_violations", f"sts: unknown Action {action!r}")
            return error_answer(400, "InvalidAction", f"Could not find operation {action}", request_id)
        if fields.get("Version") != STS_VERSION:
            self._counters.add("invalid_requests", f"sts:{action}")
            return error_answer(400, "InvalidParameterValue", f"Version must be {STS_VERSION}", request_id)
        operation = self._model.operation_model(action)
        unknown = sorted(set(fields) - {"Action", "Version"} - set(operation.input_shape.members))
        if unknown:
            self._counters.add("invalid_requests", f"sts:{action}")
            return error_answer(400, "InvalidParameterValue", f"Unknown parameters {unknown}", request_id)
        self._check_output(operation, CALLER)
        self._counters.add("succeeded", f"sts:{action}")
        return Answer(200, _result_xml(action, CALLER, request_id), {"Content-Type": "text/xml"})

    @staticmethod
    def _check_output(operation, output):
        problems = ShapeChecker().check(operation.output_shape, output, operation.name)
        if problems:
            raise ServerBug(f"{operation.name} output breaks its shape: {problems}")


def signature_error(code, message, request_id):
    """The STS answer for a request refused for its signature (``code`` in GameLift's naming)."""
    return error_answer(403, SIGNATURE_CODES.get(code, "SignatureDoesNotMatch"), message, request_id)


def error_answer(status, code, message, request_id):
    """An STS error document, as botocore's QueryParser reads it."""
    body = (
        f'<ErrorResponse xmlns="{STS_NAMESPACE}"><Error><Type>Sender</Type><Code>{escape(code)}</Code>'
        f"<Message>{escape(message)}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>"
    )
    return Answer(status, body.encode(), {"Content-Type": "text/xml"})


def _result_xml(action, output, request_id):
    members = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in output.items())
    return (
        f'<{action}Response xmlns="{STS_NAMESPACE}"><{action}Result>{members}</{action}Result>'
        f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{action}Response>"
    ).encode()
