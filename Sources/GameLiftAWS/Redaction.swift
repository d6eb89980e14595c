import Foundation

/// Hides secrets before anything is printed: every place that could show a header goes through here.
public enum Redaction {
    /// What a hidden value is replaced with.
    public static let placeholder = "<redacted>"

    /// Header names (lowercase) whose values are secret: signatures, session tokens, metadata tokens.
    public static let sensitiveHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "x-amz-security-token", "x-aws-ec2-metadata-token",
        "cookie", "set-cookie", "x-amz-sso_bearer_token",
    ]

    /// The headers with every sensitive value replaced by `placeholder`; names and order are kept.
    public static func redact(headers: [(String, String)]) -> [(String, String)] {
        headers.map { sensitiveHeaderNames.contains($0.0.lowercased()) ? ($0.0, placeholder) : $0 }
    }

    /// The headers as one line, `name: value; …`, redacted, for trace logging.
    public static func describe(headers: [(String, String)]) -> String {
        redact(headers: headers).map { "\($0.0): \($0.1)" }.joined(separator: "; ")
    }
}
