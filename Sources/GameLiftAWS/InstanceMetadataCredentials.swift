import AsyncHTTPClient
import Foundation
import SigV4

/// EC2 instance metadata with IMDSv2: `PUT /latest/api/token`, then the role name and its credentials.
/// `AWS_EC2_METADATA_DISABLED=true` turns it off; `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it.
/// No metadata service (a laptop, a CI runner) is "not applicable", not an error.
public struct InstanceMetadataCredentialSource: CredentialSource {
    public let environment: [String: String]
    let transport: AWSTransport
    let endpoints: CredentialEndpoints
    public var name: String { "instance metadata" }
    /// Short: on machines without IMDS the connection attempt must not hold up the error message.
    static let timeout = 1.0
    static let tokenTTLSeconds = "21600"

    init(environment: [String: String], transport: AWSTransport, endpoints: CredentialEndpoints) {
        self.environment = environment
        self.transport = transport
        self.endpoints = endpoints
    }

    /// Token, role name, then the role's credentials; not applicable without a metadata service.
    public func resolve() async throws -> CredentialSourceResult {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            return .notApplicable("AWS_EC2_METADATA_DISABLED is true")
        }
        var base =
            environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? endpoints.instanceMetadata
        while base.hasSuffix("/") { base.removeLast() }
        let http = HTTPExchange(transport: transport)
        let tokenAnswer: HTTPExchange.Answer
        do {
            tokenAnswer = try await http.send(
                method: .PUT, url: base + "/latest/api/token",
                headers: [("X-aws-ec2-metadata-token-ttl-seconds", Self.tokenTTLSeconds)], body: nil,
                timeout: Self.timeout)
        } catch {
            return .notApplicable("no instance metadata service at \(base) (\(error))")
        }
        guard tokenAnswer.status == 200 else {
            return .notApplicable("\(base) refused an IMDSv2 token: HTTP \(tokenAnswer.status)")
        }
        let token = String(decoding: tokenAnswer.body, as: UTF8.self)
        let rolesURL = base + "/latest/meta-data/iam/security-credentials/"
        let roles = try await get(rolesURL, token: token, http: http)
        if roles.status == 404 { return .notApplicable("the instance has no IAM role") }
        guard roles.status == 200,
            let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
                .map({ $0.trimmingCharacters(in: .whitespaces) }), !role.isEmpty
        else {
            throw CredentialsError(
                source: name, message: "\(rolesURL) answered HTTP \(roles.status) without a role name")
        }
        let credentialsURL = rolesURL + role
        let document = try await get(credentialsURL, token: token, http: http)
        guard document.status == 200 else {
            throw CredentialsError(
                source: name, message: "\(credentialsURL) answered HTTP \(document.status)",
                transient: document.status >= 500)
        }
        return .found(try CredentialDocument.decode(document.body, source: name, url: credentialsURL))
    }

    private func get(_ url: String, token: String, http: HTTPExchange) async throws -> HTTPExchange.Answer {
        do {
            return try await http.send(
                method: .GET, url: url, headers: [("X-aws-ec2-metadata-token", token)], body: nil, timeout: Self.timeout
            )
        } catch {
            throw CredentialsError(source: name, message: "\(url) did not answer: \(error)", transient: true)
        }
    }
}
