import Foundation
import GameLiftAPI

/// An error the emulator answers with: code, message and HTTP status, as GameLift would send them.
public struct EmulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: GameLiftErrorCode
    public var message: String
    public var httpStatus: Int
    /// Seconds the client should wait before retrying, sent as `x-amz-retry-after` (in milliseconds) when set.
    public var retryAfter: Double?

    /// An error with the status it is answered with.
    public init(code: GameLiftErrorCode, message: String, httpStatus: Int, retryAfter: Double? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    public var description: String { "\(httpStatus) \(code): \(message)" }

    /// The body could not be read as the operation's input.
    static func serialization(_ message: String) -> Self {
        Self(code: "SerializationException", message: message, httpStatus: 400)
    }

    /// The request names no operation the emulator serves.
    static func unknownOperation(_ message: String, httpStatus: Int = 400) -> Self {
        Self(code: "UnknownOperationException", message: message, httpStatus: httpStatus)
    }

    /// The request carries no SigV4 authorization at all.
    static func missingAuthentication(_ message: String) -> Self {
        Self(code: "MissingAuthenticationTokenException", message: message, httpStatus: 403)
    }

    /// The request's signature does not verify.
    static func invalidSignature(_ message: String) -> Self {
        Self(code: .invalidSignature, message: message, httpStatus: 403)
    }

    /// The answer for an error thrown by the backend: a service error keeps its code and status (the code's
    /// `GameLiftErrorCode.httpStatus` when it came without one); anything else becomes an
    /// `InternalServiceException`.
    public static func from(_ error: any Error) -> Self {
        guard let service = error as? GameLiftServiceError else {
            return Self(
                code: .internalService, message: "internal error: \(error)",
                httpStatus: GameLiftErrorCode.internalService.httpStatus)
        }
        return Self(
            code: service.code, message: service.message, httpStatus: service.httpStatus ?? service.code.httpStatus,
            retryAfter: service.retryAfter)
    }
}
