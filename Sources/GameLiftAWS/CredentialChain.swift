import AsyncHTTPClient
import Foundation
import SigV4

/// Supplies credentials for signing; asked before every request, so it must be cheap when cached.
public protocol AWSCredentialsProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}

/// Fixed credentials, for tests and callers that already hold keys.
public struct StaticCredentialsProvider: AWSCredentialsProvider {
    public let value: AWSCredentials
    /// A provider that always answers `value`.
    public init(_ value: AWSCredentials) { self.value = value }
    /// `value`, every time.
    public func credentials() async throws -> AWSCredentials { value }
}

/// What one link of the chain found.
public enum CredentialSourceResult: Sendable, Hashable {
    case found(AWSCredentials)
    /// This source is not set up here; the reason is shown if no source applies.
    case notApplicable(String)
}

/// One place credentials can come from. It answers `notApplicable` when it is not configured and throws
/// `CredentialsError` when it is configured but fails: a broken setup is reported, not skipped.
public protocol CredentialSource: Sendable {
    var name: String { get }
    func resolve() async throws -> CredentialSourceResult
}

/// A configured credential source failed (unreadable token file, STS refused, malformed answer…).
public struct CredentialsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var message: String
    /// True when trying again may work (no answer, a 5xx, throttling): a refresh retries these.
    public var transient: Bool
    /// An error naming the source that failed and why.
    public init(source: String, message: String, transient: Bool = false) {
        self.source = source
        self.message = message
        self.transient = transient
    }
    public var description: String { "credentials from \(source): \(message)" }
}

/// No source had credentials; lists every source tried and why it did not apply.
public struct NoCredentialsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One source tried and why it did not apply.
    public struct Attempt: Hashable, Sendable {
        public var source: String
        public var reason: String
    }
    public var tried: [Attempt]
    public var description: String {
        "no AWS credentials found; tried:\n" + tried.map { "  - \($0.source): \($0.reason)" }.joined(separator: "\n")
    }
}

/// Fixed addresses of the container and instance metadata services, replaceable for tests.
public struct CredentialEndpoints: Sendable, Hashable {
    /// Base for `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`.
    public var containerBase: String
    /// Instance metadata, unless `AWS_EC2_METADATA_SERVICE_ENDPOINT` says otherwise; the IPv6 address is used
    /// when the endpoint mode is IPv6.
    public var instanceMetadata: String
    public var instanceMetadataIPv6: String
    /// Seconds the container credentials endpoint gets to answer.
    public var containerTimeout: Double
    /// Endpoints from base URLs such as `http://127.0.0.1:8080`.
    public init(
        containerBase: String, instanceMetadata: String, instanceMetadataIPv6: String? = nil,
        containerTimeout: Double = 5
    ) {
        self.containerBase = containerBase
        self.instanceMetadata = instanceMetadata
        self.instanceMetadataIPv6 = instanceMetadataIPv6 ?? instanceMetadata
        self.containerTimeout = containerTimeout
    }
    public static let aws = CredentialEndpoints(
        containerBase: "http://169.254.170.2", instanceMetadata: "http://169.254.169.254",
        instanceMetadataIPv6: "http://[fd00:ec2::254]")
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialSource: CredentialSource {
    public let environment: [String: String]
    public var name: String { "environment" }
    /// The source over an environment dictionary (the process environment, or a test's).
    public init(environment: [String: String]) { self.environment = environment }

    /// Keys when both variables are set; one without the other is an error.
    public func resolve() async throws -> CredentialSourceResult {
        let id = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (id, secret) {
        case (nil, nil): return .notApplicable("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (.some, nil):
            throw CredentialsError(source: name, message: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, .some):
            throw CredentialsError(source: name, message: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (.some(let id), .some(let secret)):
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return .found(AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token))
        }
    }
}

/// Parses the timestamps credential endpoints answer with (`2026-11-24T10:30:15Z`, fractions allowed).
func parseCredentialExpiration(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
}
