import Foundation

/// A GameLift error code. A struct rather than an enum: AWS adds codes, and unknown ones must pass through intact.
public struct GameLiftErrorCode: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let internalService: Self = "InternalServiceException"
    public static let invalidRequest: Self = "InvalidRequestException"
    public static let notFound: Self = "NotFoundException"
    public static let unauthorized: Self = "UnauthorizedException"
    public static let invalidFleetStatus: Self = "InvalidFleetStatusException"
    public static let limitExceeded: Self = "LimitExceededException"
    public static let unsupportedRegion: Self = "UnsupportedRegionException"
    public static let throttling: Self = "ThrottlingException"
    public static let invalidSignature: Self = "InvalidSignatureException"
    public static let accessDenied: Self = "AccessDeniedException"
    public static let serviceUnavailable: Self = "ServiceUnavailable"

    /// Codes AWS uses for throttling across services. `LimitExceededException` is deliberately absent:
    /// generic SDKs count it as throttling, but for GameLift it means a service limit was reached.
    public static let throttlingCodes: Set<GameLiftErrorCode> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    public var isThrottling: Bool { Self.throttlingCodes.contains(self) }

    /// The HTTP status GameLift answers this code with: 500 for `InternalServiceException`, 503 for
    /// `ServiceUnavailable`, 400 for every other error (AWS JSON 1.1 sends client errors, throttling
    /// included, as 400).
    public var httpStatus: Int {
        switch self {
        case .internalService: 500
        case .serviceUnavailable: 503
        default: 400
        }
    }
}

/// An error answered by GameLift (or the simulation): its code, message and request id.
public struct GameLiftServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: GameLiftErrorCode
    public var message: String
    public var requestId: String?
    /// The HTTP status, where the error came over HTTP.
    public var httpStatus: Int?
    /// A server-suggested delay before retrying (`x-amz-retry-after`), in seconds.
    public var retryAfter: Double?

    public init(
        code: GameLiftErrorCode, message: String, requestId: String? = nil, httpStatus: Int? = nil,
        retryAfter: Double? = nil
    ) {
        self.code = code
        self.message = message
        self.requestId = requestId
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    public var description: String {
        var s = "\(code): \(message)"
        if let requestId { s += " (request id \(requestId))" }
        return s
    }
}

/// A failure to get any answer from GameLift: the connection failed, was dropped, or timed out; or the proxy in
/// the way never let a request through (`proxy`: final, since retrying through it would only repeat the refusal).
public struct GameLiftTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable { case connection, timeout, proxy }
    public var kind: Kind
    public var message: String
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String {
        switch kind {
        case .timeout: "timed out: \(message)"
        case .connection: "connection error: \(message)"
        case .proxy: message
        }
    }

    /// The code a transport error is reported under, where a service error would give its own.
    public var code: String {
        switch kind {
        case .timeout: "Timeout"
        case .connection: "ConnectionError"
        case .proxy: "ProxyError"
        }
    }
}

/// An error of a service other than GameLift (STS, say) that knows whether another attempt may succeed.
public protocol TransientClassifying: Error {
    /// True for no answer, a 5xx or throttling: worth another try.
    var isTransient: Bool { get }
}

/// How the resilience layer treats an error. One place decides it, for every backend.
public enum ErrorDisposition: Sendable, Hashable {
    /// Transient: retry with backoff.
    case retry
    /// Throttled: retry with backoff and slow the region's request rate.
    case throttle
    /// The fleet's status forbids the operation now: hold, don't retry blindly.
    case hold
    /// Final for this request.
    case fail

    public static func of(_ error: any Error) -> ErrorDisposition {
        switch error {
        case let e as GameLiftServiceError:
            if e.code.isThrottling || e.httpStatus == 429 { return .throttle }
            if e.code == .invalidFleetStatus { return .hold }
            if e.code == .internalService || e.code == .serviceUnavailable { return .retry }
            if let status = e.httpStatus, status >= 500 { return .retry }
            return .fail
        case let e as GameLiftTransportError:
            return e.kind == .proxy ? .fail : .retry
        case let e as TransientClassifying:
            return e.isTransient ? .retry : .fail
        default:
            return .fail
        }
    }
}
