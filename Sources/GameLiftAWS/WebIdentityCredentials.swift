import AsyncHTTPClient
import Foundation
import SigV4

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`), as CI OIDC sets up.
public struct WebIdentityCredentialSource: CredentialSource {
    public let environment: [String: String]
    let exchange: WebIdentityExchange
    public var name: String { "web identity" }

    init(environment: [String: String], exchange: WebIdentityExchange) {
        self.environment = environment
        self.exchange = exchange
    }

    /// Exchanges the token file's token at STS when both variables are set.
    public func resolve() async throws -> CredentialSourceResult {
        let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let role = environment["AWS_ROLE_ARN"].flatMap { $0.isEmpty ? nil : $0 }
        switch (tokenFile, role) {
        case (nil, nil): return .notApplicable("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set")
        case (nil, .some):
            throw CredentialsError(source: name, message: "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not")
        case (.some, nil):
            throw CredentialsError(source: name, message: "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        case (.some(let file), .some(let role)):
            return .found(
                try await exchange.assumeRole(
                    roleArn: role, tokenFile: file, sessionName: environment["AWS_ROLE_SESSION_NAME"], source: name))
        }
    }
}

/// Reads a web identity token file and exchanges it at STS (`AssumeRoleWithWebIdentity`).
struct WebIdentityExchange: Sendable {
    let sts: STSClient
    let now: @Sendable () -> Date

    func assumeRole(roleArn: String, tokenFile: String, sessionName: String?, source: String) async throws
        -> AWSCredentials
    {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
        } catch {
            throw CredentialsError(source: source, message: "cannot read the web identity token file \(tokenFile)")
        }
        guard !token.isEmpty else {
            throw CredentialsError(source: source, message: "the web identity token file \(tokenFile) is empty")
        }
        let session = sessionName.flatMap { $0.isEmpty ? nil : $0 } ?? "fleetform-\(Int(now().timeIntervalSince1970))"
        do {
            return try await sts.assumeRoleWithWebIdentity(roleArn: roleArn, sessionName: session, token: token)
        } catch let error as STSError {
            throw CredentialsError(source: source, message: error.description, transient: error.isTransient)
        }
    }
}
