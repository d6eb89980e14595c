/// A role to assume (STS `AssumeRole`) with credentials already resolved: `role_arn` and its companions, as the
/// AWS config files spell them. An environment of `fleetform.yaml` names one; a connection assumes it.
public struct AssumedRole: Sendable, Hashable {
    public var roleARN: String
    public var externalID: String?
    /// The session's name; `fleetform-<time>` when `nil`, as the AWS CLI names its sessions.
    public var sessionName: String?
    public var durationSeconds: Int?

    public init(roleARN: String, externalID: String? = nil, sessionName: String? = nil, durationSeconds: Int? = nil) {
        self.roleARN = roleARN
        self.externalID = externalID
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
    }

    /// The account the role is in (its ARN's fifth field).
    public var account: String? {
        let fields = roleARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return fields.count == 6 ? String(fields[4]) : nil
    }

    /// STS's limits on `DurationSeconds`: 15 minutes to 12 hours.
    public static let durationRange = 900...43_200
}
