import Foundation
import SigV4

/// Credentials of a role assumed with another provider's (STS `AssumeRole`): what an environment of
/// `fleetform.yaml` with `role_arn` runs as. Cached and refreshed as botocore refreshes temporary credentials
/// (`RotatingCredentials`, the default chain's windows); the source's own credentials are asked for at each refresh,
/// so they rotate too.
public struct AssumedRoleCredentials: AWSCredentialsProvider {
    private let rotating: RotatingCredentials

    /// Assumes `parameters.roleArn` with `source`'s credentials through `sts`.
    public init(
        _ parameters: STSClient.AssumeRoleParameters, source: any AWSCredentialsProvider, sts: STSClient,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        rotating = RotatingCredentials(
            advisoryWindow: DefaultCredentialChain.advisoryWindow,
            mandatoryWindow: DefaultCredentialChain.mandatoryWindow,
            now: now
        ) { _ in
            let role = parameters.roleArn
            do {
                let assumed = try await sts.assumeRole(parameters, source: try await source.credentials())
                return CredentialSelector.Selected(credentials: assumed, sourceIndex: 0)
            } catch let error as STSError {
                throw CredentialsError(
                    source: "role \(role)", message: error.description, transient: error.isTransient)
            }
        }
    }

    public func credentials() async throws -> AWSCredentials { try await rotating.credentials() }
}
