import AsyncHTTPClient
import Foundation
import GameLiftAPI
import SigV4

/// EC2 instance metadata, as botocore reads it (see docs/aws.md, "Instance metadata"): an IMDSv2 session
/// token from `PUT /latest/api/token`, then the role name and its credentials. Where the token cannot be had
/// (HTTP 403, 404 or 405, or no answer in time: a container on an instance whose hop limit is 1), the reads go
/// on without one (IMDSv1) unless `ec2_metadata_v1_disabled` forbids it. `AWS_EC2_METADATA_DISABLED=true`
/// turns the source off. No metadata service (a laptop, a CI runner) is "not applicable", not an error.
public struct InstanceMetadataCredentialSource: CredentialSource {
    public let environment: [String: String]
    let transport: AWSTransport
    let endpoints: CredentialEndpoints
    let settings: InstanceMetadataSettings
    public var name: String { "instance metadata" }
    static let tokenTTLSeconds = "21600"

    init(
        environment: [String: String], transport: AWSTransport, endpoints: CredentialEndpoints,
        settings: InstanceMetadataSettings
    ) {
        self.environment = environment
        self.transport = transport
        self.endpoints = endpoints
        self.settings = settings
    }

    /// What the token request came to.
    enum TokenOutcome: Equatable {
        case token(String)
        /// No token, but the service is there: read without one (IMDSv1).
        case withoutToken(String)
        /// No service, or one that refuses tokens: the source does not apply.
        case notApplicable(String)
    }

    /// Token, role name, then the role's credentials; not applicable without a metadata service.
    public func resolve() async throws -> CredentialSourceResult {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            return .notApplicable("AWS_EC2_METADATA_DISABLED is true")
        }
        let base = settings.baseURL(endpoints)
        let http = HTTPExchange(transport: transport)
        let token: String?
        var withoutToken: String?
        switch await fetchToken(base: base, http: http) {
        case .token(let value): token = value
        case .notApplicable(let reason): return .notApplicable(reason)
        case .withoutToken(let reason):
            guard !settings.v1Disabled else {
                throw CredentialsError(
                    source: name,
                    message: "\(reason), and IMDSv1 is disabled (ec2_metadata_v1_disabled / "
                        + "AWS_EC2_METADATA_V1_DISABLED)")
            }
            token = nil
            withoutToken = reason
        }
        let rolesURL = base + "/latest/meta-data/iam/security-credentials/"
        let roles: HTTPExchange.Answer
        do {
            roles = try await get(rolesURL, token: token, http: http) { answer in
                answer.status != 200 || answer.body.isEmpty
            }
        } catch let error as CredentialsError where withoutToken != nil {
            // Neither the token nor a read without one was answered: there is no metadata service here.
            return .notApplicable("no instance metadata service at \(base) (\(withoutToken ?? ""); \(error.message))")
        }
        if roles.status == 404 { return .notApplicable("the instance has no IAM role") }
        guard roles.status == 200,
            let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
                .map({ $0.trimmingCharacters(in: .whitespaces) }), !role.isEmpty
        else {
            throw CredentialsError(
                source: name, message: "\(rolesURL) answered HTTP \(roles.status) without a role name")
        }
        let credentialsURL = rolesURL + role
        let document = try await get(credentialsURL, token: token, http: http) { answer in
            answer.status != 200 || (try? JSONSerialization.jsonObject(with: Data(answer.body))) == nil
        }
        guard document.status == 200 else {
            throw CredentialsError(
                source: name, message: "\(credentialsURL) answered HTTP \(document.status)",
                transient: document.status >= 500)
        }
        return .found(try CredentialDocument.decode(document.body, source: name, url: credentialsURL))
    }

    /// botocore's token rules: 200 is the token; 403, 404, 405 or no answer in time mean "go on without one";
    /// 400 is a refusal; anything else, or a connection error, is tried again up to the attempt limit.
    func fetchToken(base: String, http: HTTPExchange) async -> TokenOutcome {
        let url = base + "/latest/api/token"
        var last = TokenOutcome.notApplicable("no instance metadata service at \(base)")
        for _ in 0..<settings.attempts {
            do {
                let answer = try await http.send(
                    method: .PUT, url: url, headers: [("X-aws-ec2-metadata-token-ttl-seconds", Self.tokenTTLSeconds)],
                    body: nil, timeout: Double(settings.timeout))
                switch answer.status {
                case 200: return .token(String(decoding: answer.body, as: UTF8.self))
                case 403, 404, 405: return .withoutToken("\(url) answered HTTP \(answer.status) for a token")
                case 400: return .notApplicable("\(base) refused an IMDSv2 token: HTTP 400")
                default: last = .withoutToken("\(url) answered HTTP \(answer.status) for a token")
                }
            } catch let error as GameLiftTransportError where error.kind == .timeout {
                return .withoutToken("\(url) gave no token within \(settings.timeout) s")
            } catch {
                last = .notApplicable("no instance metadata service at \(base) (\(error))")
            }
        }
        return last
    }

    /// A GET tried up to the attempt limit while `retry` says the answer is not usable; the last answer.
    private func get(
        _ url: String, token: String?, http: HTTPExchange, retry: (HTTPExchange.Answer) -> Bool
    ) async throws -> HTTPExchange.Answer {
        var answer: HTTPExchange.Answer?
        var failure: (any Error)?
        for _ in 0..<settings.attempts {
            do {
                let next = try await http.send(
                    method: .GET, url: url, headers: token.map { [("X-aws-ec2-metadata-token", $0)] } ?? [],
                    body: nil, timeout: Double(settings.timeout))
                answer = next
                if !retry(next) { return next }
            } catch {
                failure = error
            }
        }
        if let answer { return answer }
        throw CredentialsError(
            source: name, message: "\(url) did not answer: \(failure.map { "\($0)" } ?? "no attempt")",
            transient: true)
    }
}
