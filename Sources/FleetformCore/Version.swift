/// The tool's version, recorded in saved plans and journals and printed by `--version`.
public enum FleetformVersion {
    public static let current = "0.1.0"
}
