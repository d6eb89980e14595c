import AsyncHTTPClient
import Foundation
import SigV4

/// ECS/EKS container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (against 169.254.170.2) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `_TOKEN`.
public struct ContainerCredentialSource: CredentialSource {
    public let environment: [String: String]
    let transport: AWSTransport
    let endpoints: CredentialEndpoints
    public var name: String { "container" }

    init(environment: [String: String], transport: AWSTransport, endpoints: CredentialEndpoints) {
        self.environment = environment
        self.transport = transport
        self.endpoints = endpoints
    }

    /// Plain-http full URIs are only trusted on loopback and the container agents' own addresses.
    static let trustedHTTPHosts: Set<String> = [
        "127.0.0.1", "localhost", "::1", "[::1]", "169.254.170.2", "169.254.170.23",
        "fd00:ec2::23", "[fd00:ec2::23]",
    ]

    /// Fetches the container credentials when either URI variable is set.
    public func resolve() async throws -> CredentialSourceResult {
        func env(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        let url: String
        if let relative = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            url = endpoints.containerBase + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            guard let parsed = URL(string: full), let scheme = parsed.scheme?.lowercased(), let host = parsed.host
            else {
                throw CredentialsError(
                    source: name, message: "AWS_CONTAINER_CREDENTIALS_FULL_URI '\(full)' is not a URL")
            }
            guard
                scheme == "https"
                    || (scheme == "http" && (Self.trustedHTTPHosts.contains(host) || host.hasPrefix("127.")))
            else {
                throw CredentialsError(
                    source: name,
                    message: "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https or a loopback or container-agent "
                        + "address, not \(host)")
            }
            url = full
        } else {
            return .notApplicable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set")
        }
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token = try authorizationToken() { headers.append(("Authorization", token)) }
        let answer: HTTPExchange.Answer
        do {
            answer = try await HTTPExchange(transport: transport).send(
                method: .GET, url: url, headers: headers, body: nil, timeout: endpoints.containerTimeout)
        } catch {
            throw CredentialsError(source: name, message: "\(url) did not answer: \(error)", transient: true)
        }
        guard answer.status == 200 else {
            throw CredentialsError(
                source: name, message: "\(url) answered HTTP \(answer.status)", transient: answer.status >= 500)
        }
        return .found(try CredentialDocument.decode(answer.body, source: name, url: url))
    }

    private func authorizationToken() throws -> String? {
        var token: String?
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
            do {
                token = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            } catch {
                throw CredentialsError(
                    source: name, message: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
            }
        } else if let value = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !value.isEmpty {
            token = value
        }
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw CredentialsError(source: name, message: "the container authorization token contains a line break")
        }
        return token
    }
}

/// The JSON credential document container and instance metadata endpoints answer with.
enum CredentialDocument {
    private struct Body: Decodable {
        var code: String?
        var message: String?
        var accessKeyId: String?
        var secretAccessKey: String?
        var token: String?
        var expiration: String?

        enum CodingKeys: String, CodingKey {
            case code = "Code"
            case message = "Message"
            case accessKeyId = "AccessKeyId"
            case secretAccessKey = "SecretAccessKey"
            case token = "Token"
            case expiration = "Expiration"
        }
    }

    static func decode(_ bytes: [UInt8], source: String, url: String) throws -> AWSCredentials {
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(bytes)) else {
            throw CredentialsError(
                source: source, message: "\(url) answered something that is not a credential document")
        }
        if let code = body.code, code != "Success" {
            throw CredentialsError(source: source, message: "\(url) answered \(code): \(body.message ?? "no message")")
        }
        guard let id = body.accessKeyId, let secret = body.secretAccessKey else {
            throw CredentialsError(source: source, message: "\(url) answered without AccessKeyId and SecretAccessKey")
        }
        var expiration: Date?
        if let text = body.expiration {
            guard let date = parseCredentialExpiration(text) else {
                throw CredentialsError(source: source, message: "\(url) answered an unreadable Expiration '\(text)'")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: id, secretAccessKey: secret, sessionToken: body.token, expiration: expiration)
    }
}
