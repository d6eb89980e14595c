/// Where GameLift installs a build on an EC2 fleet's instances, and the one rule for whether a launch path
/// lies there, shared by the validator and the simulation. The Linux root is `/local/game/`, exactly; the
/// Windows root is `C:\game\` with the drive letter in either case, as GameLift's own documentation writes
/// `c:\game\` and CloudFormation's pattern accepts it.
public enum LaunchPathRoot {
    /// The operating-system style of a path.
    public enum Style: Sendable, Hashable {
        case linux, windows
    }

    /// `.linux` for a path under `/local/game/`, `.windows` for one under `C:\game\` (`c:\game\`), `nil` for a
    /// path under neither root.
    public static func style(of launchPath: String) -> Style? {
        if launchPath.hasPrefix(GameLiftLimits.linuxLaunchPathRoot) { return .linux }
        if isUnderWindowsRoot(launchPath) { return .windows }
        return nil
    }

    /// The part of the launch path inside the install root, or `nil` when it lies under neither root.
    public static func relativePath(of launchPath: String) -> String? {
        switch style(of: launchPath) {
        case .linux: String(launchPath.dropFirst(GameLiftLimits.linuxLaunchPathRoot.count))
        case .windows: String(launchPath.dropFirst(GameLiftLimits.windowsLaunchPathRoot.count))
        case nil: nil
        }
    }

    /// The style a path has by its form alone, wherever it lies: a drive letter (`D:\…`, `D:/…`) or a UNC
    /// path is Windows, a path starting with `/` is Linux, anything else (a relative path) has no style.
    /// Used for Anywhere fleets, whose paths may lie anywhere on the studio's hardware.
    public static func anyStyle(of launchPath: String) -> Style? {
        let characters = Array(launchPath.prefix(3))
        if characters.count == 3, characters[0].isASCII, characters[0].isLetter, characters[1] == ":",
            characters[2] == "\\" || characters[2] == "/"
        {
            return .windows
        }
        if launchPath.hasPrefix("\\\\") { return .windows }
        if launchPath.hasPrefix("/") { return .linux }
        return nil
    }

    private static func isUnderWindowsRoot(_ launchPath: String) -> Bool {
        let root = GameLiftLimits.windowsLaunchPathRoot
        guard launchPath.hasPrefix(root) else {
            // Only the drive letter may differ in case: `c:\game\`.
            let lowerDrive = root.prefix(1).lowercased() + root.dropFirst()
            return launchPath.hasPrefix(lowerDrive)
        }
        return true
    }
}
