import Foundation

/// Asks for the current code of an MFA device (`mfa_serial`) named by a profile; nil when nobody can be asked.
public typealias MFACodeProvider = @Sendable (_ serial: String, _ profile: String) async throws -> String

/// What the profile-based credential sources share: settings, the network, the clock and how to reach STS.
struct CredentialContext: Sendable {
    let settings: AWSSettings
    let environment: [String: String]
    let transport: AWSTransport
    let endpoints: CredentialEndpoints
    let now: @Sendable () -> Date
    let mfaCode: MFACodeProvider?
    let processTimeout: Double

    var sts: STSClient { STSClient(settings: settings, transport: transport, now: now) }
    var webIdentity: WebIdentityExchange { WebIdentityExchange(sts: sts, now: now) }
}
