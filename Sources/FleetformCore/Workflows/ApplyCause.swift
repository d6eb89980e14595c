/// What started an apply run, recorded in the journal: an ordinary apply, or a rollback applied like one.
public enum ApplyCause: String, Sendable, Hashable, Codable {
    case apply, rollback

    /// How reports name a run of this cause: `Apply: …` or `Rollback: …`.
    public var title: String {
        switch self {
        case .apply: "Apply"
        case .rollback: "Rollback"
        }
    }
}
