"""One request in, one answer out: protocol checks, signature, model validation, faults, operation, output check.

The order is the one AWS applies: a request that is not AWS JSON 1.1 (or STS Query) at all, then the
signature, then the body against the model, then throttling, then the operation. Faults come after the body
check, so every request is judged on its shape whatever fault it meets.
"""

import json
import sys
import traceback
import uuid

import sts
from wire_model import Answer, ErrorEncoder, ServerBug, ServiceError, ShapeChecker, input_error

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
TARGET_PREFIX = "GameLift."


def _header(headers, name):
    return next((value for key, value in headers if key.lower() == name), None)


class ConformanceService:
    """The GameLift and STS endpoint behind the HTTP handler."""

    def __init__(self, gamelift_model, sts_model, checker, operations, throttler, injector, counters, journal):
        self._model = gamelift_model
        self._journal = journal
        self._checker = checker
        self._operations = operations
        self._throttler = throttler
        self._injector = injector
        self._counters = counters
        self._encoder = ErrorEncoder(gamelift_model, counters)
        self._sts = sts.STSService(sts_model, counters)
        self._shapes = ShapeChecker()

    def handle(self, method, target, headers, body):
        """The answer to one request. A bug of this server is logged, counted and answered with a 500."""
        request_id = str(uuid.uuid4())
        try:
            if _header(headers, "x-amz-target") is not None:
                answer = self._gamelift(method, target, headers, body, request_id)
            elif (_header(headers, "content-type") or "").startswith(FORM_CONTENT_TYPE):
                answer = self._sts_request(method, target, headers, body, request_id)
            else:
                answer = self._refuse("neither X-Amz-Target nor a form body", None)
        except Exception as error:  # noqa: BLE001 - any failure here is a bug of the server, reported loudly
            answer = self._server_bug(error)
        answer.headers["x-amzn-RequestId"] = request_id
        self._journal.record(**_journal_entry(headers, body, answer))
        return answer

    # GameLift, AWS JSON 1.1

    def _gamelift(self, method, target, headers, body, request_id):
        operation = _header(headers, "x-amz-target").removeprefix(TARGET_PREFIX)
        if not _header(headers, "x-amz-target").startswith(TARGET_PREFIX) or not self._operations.supports(operation):
            return self._refuse(f"unknown X-Amz-Target {_header(headers, 'x-amz-target')!r}", None)
        self._counters.add("requests", operation)
        verdict = self._checker.verify(method, target, headers, body, "gamelift")
        if not verdict.ok:
            self._counters.add("bad_signatures", verdict.reason)
            return self._error(operation, ServiceError(verdict.code, verdict.reason))
        problem = _json_protocol_problem(method, target, headers)
        if problem is not None:
            return self._refuse(problem, operation)
        try:
            params = json.loads(body or b"{}")
        except (UnicodeDecodeError, ValueError):
            params = None
        if not isinstance(params, dict):
            return self._refuse("body is not a JSON object", operation, "SerializationException")
        return self._operation(operation, verdict.region, params)

    def _operation(self, operation, region, params):
        operation_model = self._model.operation_model(operation)
        problems = self._shapes.check(operation_model.input_shape, params, operation)
        if problems:
            self._counters.add("invalid_requests", operation)
            print(f"conformance: invalid {operation} request: {problems}", file=sys.stderr)
            return self._error(operation, input_error(problems))
        throttled = self._throttler.admit(region, operation)
        if throttled is not None:
            self._counters.add("faults", throttled)
            return self._error(operation, ServiceError("ThrottlingException", "Rate exceeded"))
        decision = self._injector.decide(operation, params.get("FleetId", ""))
        if decision.internal_error:
            self._counters.add("faults", "internal_error")
            answer = self._error(operation, ServiceError("InternalServiceException", "Internal service error"))
        else:
            answer = self._call(operation_model, region, params, decision.drop)
        if decision.delay:
            self._counters.add("faults", "slow")
            answer.delay = decision.delay
        return answer

    def _call(self, operation_model, region, params, drop):
        operation = operation_model.name
        try:
            output = self._operations.call(operation, region, params)
        except ServiceError as error:
            return self._error(operation, error)
        problems = self._shapes.check(operation_model.output_shape, output, operation)
        if problems:
            raise ServerBug(f"{operation} output breaks its shape: {problems}")
        if drop:
            self._counters.add("faults", "dropped")
            return Answer(0, drop=True)
        self._counters.add("succeeded", operation)
        return Answer(200, json.dumps(output).encode(), {"Content-Type": JSON_CONTENT_TYPE})

    def _error(self, operation, error):
        self._counters.add("errors", error.code)
        status, headers, body = self._encoder.encode(operation, error)
        return Answer(status, body, {"Content-Type": JSON_CONTENT_TYPE, **headers})

    def _refuse(self, reason, operation, code="UnknownOperationException"):
        self._counters.add("protocol_violations", reason)
        print(f"conformance: protocol violation: {reason}", file=sys.stderr)
        return self._error(operation, ServiceError(code, reason))

    # STS, Query protocol

    def _sts_request(self, method, target, headers, body, request_id):
        fields = sts.parse_form(body)
        if method != "POST" or target != "/" or fields is None or "Action" not in fields:
            self._counters.add("protocol_violations", "sts: not a form POST / with an Action")
            return sts.error_answer(400, "MalformedQueryString", "not a form POST with an Action", request_id)
        self._counters.add("requests", f"sts:{fields['Action']}")
        verdict = self._checker.verify(method, target, headers, body, "sts")
        if not verdict.ok:
            self._counters.add("bad_signatures", f"sts: {verdict.reason}")
            return sts.signature_error(verdict.code, verdict.reason, request_id)
        return self._sts.answer(fields, request_id)

    def _server_bug(self, error):
        self._counters.add("server_bugs", f"{type(error).__name__}: {error}")
        print("conformance: SERVER BUG (the answer was not sent):", file=sys.stderr)
        traceback.print_exception(error, file=sys.stderr)
        body = json.dumps({"__type": "ConformanceServerBug", "message": str(error)}).encode()
        return Answer(500, body, {"Content-Type": JSON_CONTENT_TYPE})


def _json_protocol_problem(method, target, headers):
    """Why a request with X-Amz-Target is not an AWS JSON 1.1 request, or None."""
    if method != "POST" or target != "/":
        return f"{method} {target}: AWS JSON 1.1 is POST /"
    content_type = _header(headers, "content-type")
    if content_type != JSON_CONTENT_TYPE:
        return f"Content-Type {content_type!r} is not {JSON_CONTENT_TYPE}"
    return None


def _journal_entry(headers, body, answer):
    """What the request journal keeps of one exchange."""
    target = _header(headers, "x-amz-target")
    entry = {"op": target.removeprefix(TARGET_PREFIX) if target else "sts", "status": answer.status}
    try:
        params = json.loads(body) if target else {}
    except (UnicodeDecodeError, ValueError):
        params = {}
    if isinstance(params, dict) and params.get("FleetId"):
        entry["fleet"] = params["FleetId"]
    elif isinstance(params, dict) and isinstance(params.get("FleetIds"), list):
        entry["fleets"] = len(params["FleetIds"])
    if answer.drop:
        entry["dropped"] = True
    error_type = answer.headers.get("x-amzn-ErrorType")
    if answer.status >= 300 and answer.body.startswith(b"{"):
        entry["code"] = (error_type or json.loads(answer.body).get("__type", "")).split(":")[0].split("#")[-1]
    return entry
