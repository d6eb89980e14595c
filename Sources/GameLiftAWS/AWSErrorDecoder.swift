import Foundation
import GameLiftAPI

/// Turns a non-2xx AWS JSON 1.1 answer into a `GameLiftServiceError`, the way Smithy's awsJson1_1 protocol
/// specifies: the code from `x-amzn-ErrorType`, else the body's `code`, else `__type`; cut at the first `:`
/// and keep what follows `#`; the message from `message` or `Message`; the request id from `x-amzn-RequestId`.
public enum AWSErrorDecoder {
    /// Decodes an error answer. Never fails: an empty or non-JSON body still yields a code from the status.
    public static func decode(status: Int, headers: [(String, String)], body: [UInt8]) -> GameLiftServiceError {
        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name }.map(\.1)
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        let rawCode =
            header("x-amzn-errortype").flatMap(nonEmpty)
            ?? (object?["code"] as? String).flatMap(nonEmpty)
            ?? (object?["__type"] as? String).flatMap(nonEmpty)
        let code = rawCode.map(sanitize) ?? fallbackCode(status: status)
        let message =
            (object?["message"] as? String) ?? (object?["Message"] as? String)
            ?? fallbackMessage(status: status, body: body, parsed: object != nil)
        return GameLiftServiceError(
            code: GameLiftErrorCode(rawValue: code), message: message,
            requestId: header("x-amzn-requestid") ?? header("x-amz-request-id"), httpStatus: status,
            retryAfter: header("x-amz-retry-after").flatMap(retryAfterSeconds))
    }

    /// `aws.protocoltests#FooError:http://internal/` → `FooError`.
    public static func sanitize(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    /// `x-amz-retry-after` is in milliseconds (AWS SDK retry behaviour); returned in seconds.
    public static func retryAfterSeconds(_ value: String) -> Double? {
        guard let millis = Double(value.trimmingCharacters(in: .whitespaces)), millis >= 0, millis.isFinite else {
            return nil
        }
        return millis / 1000
    }

    /// A code for answers without one: the usual AWS code for the status, else `HTTP <status>`.
    static func fallbackCode(status: Int) -> String {
        switch status {
        case 500: GameLiftErrorCode.internalService.rawValue
        case 503: GameLiftErrorCode.serviceUnavailable.rawValue
        case 429: GameLiftErrorCode.throttling.rawValue
        case 403: GameLiftErrorCode.accessDenied.rawValue
        case 404: "UnknownOperationException"
        default: "HTTP \(status)"
        }
    }

    static func fallbackMessage(status: Int, body: [UInt8], parsed: Bool) -> String {
        let reason = HTTPStatusText.reason(status)
        if body.isEmpty { return "HTTP \(status) \(reason) with an empty body" }
        if parsed { return "HTTP \(status) \(reason)" }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return "HTTP \(status) \(reason): \(text)\(body.count > 200 ? "…" : "")"
    }

    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}

/// Reason phrases for the statuses AWS answers with.
enum HTTPStatusText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}
