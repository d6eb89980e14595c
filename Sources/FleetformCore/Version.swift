import FleetformBuildInfo

/// The tool's version, recorded in saved plans and journals and printed by `--version`.
///
/// Both values come from the build (Package.swift, docs/releasing.md): the version has one source, and the
/// commit is the one the release script or git reported when the binary was built.
public enum FleetformVersion {
    public static let current = String(cString: fleetform_build_version())
    /// The git commit the binary was built from, "-dirty" when the tree had uncommitted changes, or "unknown".
    public static let commit = String(cString: fleetform_build_commit())
    /// The `--version` line: "0.1.0 (commit 1a2b…)".
    public static let summary = String(cString: fleetform_build_summary())
}
