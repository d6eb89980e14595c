"""botocore's service models as the source of truth for what goes over the wire.

The GameLift and STS models come from botocore's data files, not from fleetform. This module checks decoded
AWS JSON 1.1 values against the model's shapes (types, required members, lengths, ranges, patterns, enums),
in both directions: a request that breaks its input shape is answered with an AWS-style validation error, and
an answer of ours that breaks its output shape is a bug in this server and fails loudly.
"""

import json
import re
import threading

from dataclasses import dataclass, field

import botocore.session

GAMELIFT_ERROR_PREFIX = "com.amazonaws.gamelift#"
ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.gamelift/"

# Errors every AWS JSON service may answer although no operation models them.
COMMON_ERRORS = {
    "ThrottlingException": 400,
    "ValidationException": 400,
    "SerializationException": 400,
    "UnknownOperationException": 400,
    "InvalidSignatureException": 403,
    "IncompleteSignatureException": 403,
    "UnrecognizedClientException": 403,
}
# HTTP statuses of GameLift's modeled errors (the model itself has no "error" trait for them).
MODELED_ERROR_STATUS = {"InternalServiceException": 500}

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


@dataclass
class Answer:
    """An HTTP answer to send, or to drop (close the connection instead) after waiting ``delay`` seconds."""

    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    drop: bool = False
    delay: float = 0.0


class ServiceError(Exception):
    """An error answer: its code (e.g. ``NotFoundException``), message and HTTP status."""

    def __init__(self, code, message, status=None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status or COMMON_ERRORS.get(code) or MODELED_ERROR_STATUS.get(code, 400)


class ServerBug(Exception):
    """An answer of this server that does not conform to the model. Never sent."""


def load_models():
    """The GameLift and STS service models, as botocore ships them."""
    session = botocore.session.get_session()
    return session.get_service_model("gamelift"), session.get_service_model("sts")


def _describe(value):
    text = json.dumps(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


class ShapeChecker:
    """Walks a decoded JSON value along a botocore shape and lists every problem.

    Problems are ``(kind, path, message)``: kind ``serialization`` for a value of the wrong JSON type or an
    unknown member (the body cannot be read as the shape), ``validation`` for a constraint broken (required
    member missing, length, range, pattern, enum). Patterns are searched, not anchored, as Smithy specifies.
    """

    def check(self, shape, value, path):
        """All problems of ``value`` as ``shape``, located from ``path``."""
        problems = []
        self._check(shape, value, path, problems)
        return problems

    def _check(self, shape, value, path, problems):
        handler = getattr(self, f"_check_{shape.type_name}", None)
        if handler is None:
            raise ServerBug(f"{path}: shape type {shape.type_name} is not supported by this checker")
        handler(shape, value, path, problems)

    @staticmethod
    def _type_problem(problems, path, value, expected):
        problems.append(("serialization", path, f"expected {expected}, got {_describe(value)}"))

    def _check_structure(self, shape, value, path, problems):
        if not isinstance(value, dict):
            return self._type_problem(problems, path, value, "an object")
        for name, member_value in value.items():
            if name not in shape.members:
                problems.append(("serialization", f"{path}.{name}", "is not a member of " + shape.name))
            elif member_value is not None:
                self._check(shape.members[name], member_value, f"{path}.{name}", problems)
        for name in shape.required_members:
            if value.get(name) is None:
                problems.append(("validation", f"{path}.{name}", "Member must not be null"))

    def _check_list(self, shape, value, path, problems):
        if not isinstance(value, list):
            return self._type_problem(problems, path, value, "an array")
        self._check_length(shape, len(value), value, path, problems)
        for index, item in enumerate(value):
            if item is None:
                problems.append(("validation", f"{path}[{index}]", "Member must not be null"))
            else:
                self._check(shape.member, item, f"{path}[{index}]", problems)

    def _check_map(self, shape, value, path, problems):
        if not isinstance(value, dict):
            return self._type_problem(problems, path, value, "an object")
        self._check_length(shape, len(value), value, path, problems)
        for key, item in value.items():
            self._check(shape.key, key, f"{path}.<key>", problems)
            self._check(shape.value, item, f"{path}.{key}", problems)

    def _check_string(self, shape, value, path, problems):
        if not isinstance(value, str):
            return self._type_problem(problems, path, value, "a string")
        self._check_length(shape, len(value), value, path, problems)
        pattern = shape.metadata.get("pattern")
        if pattern is not None and not re.search(pattern, value):
            problems.append(
                ("validation", path, f"Value '{_describe(value)}' must satisfy regular expression pattern: {pattern}")
            )
        enum = shape.metadata.get("enum")
        if enum and value not in enum:
            problems.append(("validation", path, f"Value '{_describe(value)}' must satisfy enum value set"))

    def _check_integer(self, shape, value, path, problems, bounds=INT32):
        if isinstance(value, bool) or not isinstance(value, int) or not bounds[0] <= value <= bounds[1]:
            return self._type_problem(problems, path, value, f"a {shape.type_name}")
        self._check_range(shape, value, path, problems)

    def _check_long(self, shape, value, path, problems):
        self._check_integer(shape, value, path, problems, bounds=INT64)

    def _check_double(self, shape, value, path, problems):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self._type_problem(problems, path, value, "a number")
        self._check_range(shape, value, path, problems)

    _check_float = _check_double

    def _check_boolean(self, shape, value, path, problems):
        if not isinstance(value, bool):
            self._type_problem(problems, path, value, "true or false")

    def _check_timestamp(self, shape, value, path, problems):
        # AWS JSON 1.1 sends timestamps as epoch seconds unless the shape names another format.
        if shape.serialization.get("timestampFormat", "unixTimestamp") != "unixTimestamp":
            raise ServerBug(f"{path}: timestamp format {shape.serialization['timestampFormat']} not supported")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._type_problem(problems, path, value, "epoch seconds (a number)")

    def _check_blob(self, shape, value, path, problems):
        if not isinstance(value, str):
            self._type_problem(problems, path, value, "base64 text")

    @staticmethod
    def _check_length(shape, length, value, path, problems):
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and length < low:
            problems.append(("validation", path, f"Member must have length greater than or equal to {low}"))
        if high is not None and length > high:
            problems.append(("validation", path, f"Member must have length less than or equal to {high}"))

    @staticmethod
    def _check_range(shape, value, path, problems):
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and value < low:
            problems.append(("validation", path, f"Member must have value greater than or equal to {low}"))
        if high is not None and value > high:
            problems.append(("validation", path, f"Member must have value less than or equal to {high}"))


def input_error(problems):
    """The error AWS answers for a request body with these problems: SerializationException when the body
    cannot be read as the input shape, else a ValidationException listing every broken constraint."""
    unreadable = [p for p in problems if p[0] == "serialization"]
    if unreadable:
        _, path, message = unreadable[0]
        return ServiceError("SerializationException", f"{path}: {message}")
    details = "; ".join(f"Value at '{path}' failed to satisfy constraint: {message}" for _, path, message in problems)
    count = len(problems)
    return ServiceError("ValidationException", f"{count} validation error{'s' if count > 1 else ''} detected: {details}")


class ErrorEncoder:
    """Writes an error answer in one of the encodings AWS JSON 1.1 clients must read, in turn.

    Smithy's awsJson1_1 and botocore (``BaseJSONParser._do_error_parse``) take the code from ``__type``
    (with or without a ``namespace#`` prefix, anything after ``:`` dropped) and the message from ``message``
    or ``Message``; Smithy also takes the code from the ``x-amzn-ErrorType`` header, which AWS sends with a
    ``:http://internal.amazon.com/...`` suffix.
    """

    VARIANTS = ("type-plain/message", "type-prefixed/Message", "header-only/message", "header+type-prefixed/Message")

    def __init__(self, service_model, counters):
        self._model = service_model
        self._counters = counters
        self._turn = 0
        self._lock = threading.Lock()

    def encode(self, operation_name, error):
        """``(status, headers, body bytes)`` for ``error``, after checking the operation may answer it."""
        self._check_allowed(operation_name, error)
        with self._lock:
            variant = self.VARIANTS[self._turn % len(self.VARIANTS)]
            self._turn += 1
        self._counters.add("error_encodings", variant)
        headers, body = {}, {}
        if variant.startswith("header"):
            headers["x-amzn-ErrorType"] = error.code + ERROR_TYPE_SUFFIX
        if variant.startswith("type-plain"):
            body["__type"] = error.code
        elif "type-prefixed" in variant:
            body["__type"] = GAMELIFT_ERROR_PREFIX + error.code
        body["Message" if variant.endswith("Message") else "message"] = error.message
        return error.status, headers, json.dumps(body).encode()

    def _check_allowed(self, operation_name, error):
        if error.code in COMMON_ERRORS:
            if error.status != COMMON_ERRORS[error.code]:
                raise ServerBug(f"{error.code} must be HTTP {COMMON_ERRORS[error.code]}, not {error.status}")
            return
        if operation_name is None:
            raise ServerBug(f"{error.code} answered to a request of no operation")
        modeled = {shape.name: shape for shape in self._model.operation_model(operation_name).error_shapes}
        if error.code not in modeled:
            raise ServerBug(f"{operation_name} cannot answer {error.code}: the model lists {sorted(modeled)}")
        problems = ShapeChecker().check(modeled[error.code], {"Message": error.message}, error.code)
        if problems:
            raise ServerBug(f"{error.code} body breaks its shape: {problems}")
