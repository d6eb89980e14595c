import Foundation
import SigV4

/// The profile's keys in `~/.aws/credentials` or `~/.aws/config`, or its `role_arn` +
/// `web_identity_token_file`. Profile kinds fleetform cannot use (SSO, `credential_process`, role chaining
/// through `source_profile`) are reported as errors rather than skipped, so the user learns why.
public struct SharedFilesCredentialSource: CredentialSource {
    public let settings: AWSSettings
    let exchange: WebIdentityExchange
    public var name: String { "shared files (profile \(settings.profile))" }

    init(settings: AWSSettings, exchange: WebIdentityExchange) {
        self.settings = settings
        self.exchange = exchange
    }

    /// Keys from the credentials file, then the config file, then the profile's web identity role.
    public func resolve() async throws -> CredentialSourceResult {
        let profile = settings.profile
        let fromCredentials = settings.credentialsFile?.credentialsProfile(profile)?.values ?? [:]
        let fromConfig = settings.configFile?.configProfile(profile)?.values ?? [:]
        for (values, path) in [(fromCredentials, settings.credentialsFilePath), (fromConfig, settings.configFilePath)] {
            if let keys = try keys(in: values, path: path) { return .found(keys) }
        }
        if let role = fromConfig["role_arn"] {
            if let tokenFile = fromConfig["web_identity_token_file"] {
                return .found(
                    try await exchange.assumeRole(
                        roleArn: role, tokenFile: tokenFile, sessionName: fromConfig["role_session_name"], source: name)
                )
            }
            throw CredentialsError(
                source: name,
                message: "profile \(profile) assumes \(role) through source_profile or credential_source, "
                    + "which fleetform does not support; export credentials or use web identity")
        }
        for unsupported in ["credential_process", "sso_session", "sso_start_url"] where fromConfig[unsupported] != nil {
            throw CredentialsError(
                source: name,
                message: "profile \(profile) uses \(unsupported), which fleetform does not support; "
                    + "export credentials (e.g. `aws configure export-credentials --format env`)")
        }
        let files = [
            settings.credentialsFile == nil ? "\(settings.credentialsFilePath) does not exist" : nil,
            settings.configFile == nil ? "\(settings.configFilePath) does not exist" : nil,
        ].compactMap { $0 }
        return .notApplicable(
            files.count == 2 ? files.joined(separator: ", ") : "profile \(profile) has no aws_access_key_id")
    }

    private func keys(in values: [String: String], path: String) throws -> AWSCredentials? {
        let id = values["aws_access_key_id"]
        let secret = values["aws_secret_access_key"]
        switch (id, secret) {
        case (nil, nil): return nil
        case (.some(let id), .some(let secret)):
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: values["aws_session_token"])
        default:
            throw CredentialsError(
                source: name,
                message:
                    "\(path): profile \(settings.profile) has only one of aws_access_key_id and aws_secret_access_key")
        }
    }
}
