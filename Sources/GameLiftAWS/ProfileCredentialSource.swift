import Foundation
import SigV4

/// The profile's credentials, from `~/.aws/credentials` and `~/.aws/config` merged as botocore merges them:
/// `role_arn` with `source_profile` (chains of any length) or `credential_source`, `role_arn` with
/// `web_identity_token_file`, SSO (`sso_session` or legacy `sso_start_url`), keys, `credential_process`.
/// A profile that is configured but broken is an error naming the profile, never skipped.
public struct ProfileCredentialSource: CredentialSource {
    let context: CredentialContext
    /// `profile NAME (kind)`: what kind of profile it is, read from the files, never a value.
    public let name: String

    init(context: CredentialContext) {
        self.context = context
        let profile = context.settings.profile
        name = "profile \(profile) (\(Self.kind(of: profile, settings: context.settings)))"
    }

    /// The kind of credentials a profile holds, in the order they are tried.
    static func kind(of profile: String, settings: AWSSettings) -> String {
        let values = settings.profileValues(profile)
        if let role = values["role_arn"] {
            if values["web_identity_token_file"] != nil { return "web identity for \(role)" }
            if let source = values["source_profile"] { return "assume role \(role) from profile \(source)" }
            if let source = values["credential_source"] { return "assume role \(role) from \(source)" }
            return "assume role \(role)"
        }
        if values["sso_session"] != nil || values["sso_start_url"] != nil { return "SSO" }
        if values["aws_access_key_id"] != nil { return "keys" }
        if values["credential_process"] != nil { return "credential_process" }
        return "no credentials"
    }

    /// The profile's credentials, or not applicable when it holds none.
    public func resolve() async throws -> CredentialSourceResult {
        let settings = context.settings
        guard settings.profileExists(settings.profile) else {
            let files = [
                settings.credentialsFile == nil ? "\(settings.credentialsFilePath) does not exist" : nil,
                settings.configFile == nil ? "\(settings.configFilePath) does not exist" : nil,
            ].compactMap { $0 }
            return .notApplicable(
                files.count == 2 ? files.joined(separator: ", ") : "there is no profile \(settings.profile)")
        }
        guard let credentials = try await credentials(profile: settings.profile, visited: []) else {
            return .notApplicable("profile \(settings.profile) has no credentials")
        }
        return .found(credentials)
    }

    /// An assumed role when the profile has `role_arn` (and no token file), else its other credentials.
    func credentials(profile: String, visited: [String]) async throws -> AWSCredentials? {
        let values = context.settings.profileValues(profile)
        if let role = values["role_arn"], values["web_identity_token_file"] == nil {
            return try await assumeRole(role, profile: profile, values: values, visited: visited + [profile])
        }
        return try await nonRoleCredentials(profile: profile, values: values)
    }

    /// Web identity, SSO, credentials-file keys, `credential_process`, config-file keys: botocore's profile
    /// providers in their order.
    private func nonRoleCredentials(profile: String, values: [String: String]) async throws -> AWSCredentials? {
        let settings = context.settings
        let source = "profile \(profile)"
        if let role = values["role_arn"], let tokenFile = values["web_identity_token_file"] {
            return try await context.webIdentity.assumeRole(
                roleArn: role, tokenFile: tokenFile, sessionName: values["role_session_name"], source: source)
        }
        if values["sso_session"] != nil || values["sso_start_url"] != nil {
            return try await SSOCredentialSource(context: context).credentials(profile: profile, values: values)
        }
        let fromCredentials = settings.credentialsFile?.credentialsProfile(profile)?.values ?? [:]
        if let keys = try keys(in: fromCredentials, path: settings.credentialsFilePath, profile: profile) {
            return keys
        }
        if let command = values["credential_process"] {
            return try await ProcessCredentialSource(timeout: context.processTimeout, now: context.now)
                .credentials(command: command, profile: profile)
        }
        let fromConfig = settings.configFile?.configProfile(profile)?.values ?? [:]
        return try keys(in: fromConfig, path: settings.configFilePath, profile: profile)
    }

    private func assumeRole(_ role: String, profile: String, values: [String: String], visited: [String]) async throws
        -> AWSCredentials
    {
        let source = "profile \(profile)"
        let sourceCredentials: AWSCredentials
        switch (values["source_profile"], values["credential_source"]) {
        case (.some, .some):
            throw CredentialsError(
                source: source, message: "profile \(profile) sets both source_profile and credential_source; keep one")
        case (nil, nil):
            throw CredentialsError(
                source: source,
                message: "profile \(profile) has role_arn but no source_profile, credential_source or "
                    + "web_identity_token_file to assume it with")
        case (.some(let parent), nil):
            sourceCredentials = try await sourceProfileCredentials(parent, of: profile, visited: visited)
        case (nil, .some(let kind)):
            sourceCredentials = try await credentialSource(kind, profile: profile)
        }
        let parameters = try await assumeRoleParameters(role, profile: profile, values: values)
        do {
            return try await context.sts.assumeRole(parameters, source: sourceCredentials)
        } catch let error as STSError {
            throw CredentialsError(source: source, message: error.description, transient: error.isTransient)
        }
    }

    /// The credentials of `parent`, checked for cycles as botocore checks them: a profile may name itself only
    /// when it holds keys.
    private func sourceProfileCredentials(_ parent: String, of profile: String, visited: [String]) async throws
        -> AWSCredentials
    {
        let source = "profile \(profile)"
        guard context.settings.profileExists(parent) else {
            throw CredentialsError(source: source, message: "source_profile \(parent) is not a profile")
        }
        let parentValues = context.settings.profileValues(parent)
        let hasKeys = parentValues["aws_access_key_id"] != nil && parentValues["aws_secret_access_key"] != nil
        if visited.contains(parent), !(parent == profile && hasKeys) {
            throw CredentialsError(
                source: source,
                message: "source_profile forms a cycle: \((visited + [parent]).joined(separator: " → "))")
        }
        let found: AWSCredentials?
        if hasKeys || parentValues["role_arn"] == nil || parentValues["web_identity_token_file"] != nil {
            found = try await nonRoleCredentials(profile: parent, values: parentValues)
        } else {
            found = try await credentials(profile: parent, visited: visited)
        }
        guard let found else {
            throw CredentialsError(source: source, message: "source_profile \(parent) has no credentials")
        }
        return found
    }

    private func credentialSource(_ kind: String, profile: String) async throws -> AWSCredentials {
        let source: any CredentialSource
        switch kind {
        case "Environment": source = EnvironmentCredentialSource(environment: context.environment)
        case "Ec2InstanceMetadata":
            source = InstanceMetadataCredentialSource(
                environment: context.environment, transport: context.transport, endpoints: context.endpoints,
                settings: context.settings.instanceMetadata)
        case "EcsContainer":
            source = ContainerCredentialSource(
                environment: context.environment, transport: context.transport, endpoints: context.endpoints)
        default:
            throw CredentialsError(
                source: "profile \(profile)",
                message: "credential_source \(kind) is none of Environment, Ec2InstanceMetadata, EcsContainer")
        }
        switch try await source.resolve() {
        case .found(let credentials): return credentials
        case .notApplicable(let reason):
            throw CredentialsError(
                source: "profile \(profile)", message: "credential_source \(kind) has no credentials: \(reason)")
        }
    }

    private func assumeRoleParameters(_ role: String, profile: String, values: [String: String]) async throws
        -> STSClient.AssumeRoleParameters
    {
        let source = "profile \(profile)"
        var duration: Int?
        if let text = values["duration_seconds"] {
            guard let seconds = Int(text), (900...43200).contains(seconds) else {
                throw CredentialsError(
                    source: source, message: "duration_seconds must be a whole number from 900 to 43200 seconds")
            }
            duration = seconds
        }
        var code: String?
        if let serial = values["mfa_serial"] {
            guard let ask = context.mfaCode else {
                throw CredentialsError(
                    source: source,
                    message: "profile \(profile) needs an MFA code for \(serial) and there is no terminal to ask on; "
                        + "run on a terminal or use credentials that need no MFA")
            }
            code = try await ask(serial, profile).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let session = values["role_session_name"] ?? "fleetform-\(Int(context.now().timeIntervalSince1970))"
        return STSClient.AssumeRoleParameters(
            roleArn: role, sessionName: session, externalId: values["external_id"], durationSeconds: duration,
            mfaSerial: values["mfa_serial"], mfaCode: code)
    }

    private func keys(in values: [String: String], path: String, profile: String) throws -> AWSCredentials? {
        switch (values["aws_access_key_id"], values["aws_secret_access_key"]) {
        case (nil, nil): return nil
        case (.some(let id), .some(let secret)):
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: values["aws_session_token"])
        default:
            throw CredentialsError(
                source: "profile \(profile)",
                message: "\(path): profile \(profile) has only one of aws_access_key_id and aws_secret_access_key")
        }
    }
}
