import GameLiftAPI

/// Rules that need facts from outside the file: the fleet's operating system (known once the fleet is read)
/// and the build's file list.
public enum LiveFleetRules {
    /// Launch paths for the wrong operating system and launch paths missing from the build, each located at
    /// its server-process entry.
    public static func checkAgainstFleet(
        _ document: FleetDocument, operatingSystem: OperatingSystem?, buildManifest: BuildManifest?
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for process in document.runtimeConfiguration.serverProcesses ?? [] {
            let location = document.processLocations[process.key] ?? document.location
            let path = process.launchPath
            let isWindowsPath = FleetRules.isWindowsPath(path)
            if let system = operatingSystem, let isWindowsPath {
                if isWindowsPath, !system.isWindows {
                    diagnostics.append(
                        Diagnostic(
                            .error, .launchPathOperatingSystem,
                            "LaunchPath '\(path)' is a Windows path but fleet \(document.fleetId) runs \(system)",
                            hint: "Linux fleets install the build under \(GameLiftLimits.linuxLaunchPathRoot)",
                            at: location))
                } else if !isWindowsPath, system.isWindows {
                    diagnostics.append(
                        Diagnostic(
                            .error, .launchPathOperatingSystem,
                            "LaunchPath '\(path)' is a Linux path but fleet \(document.fleetId) runs \(system)",
                            hint: "Windows fleets install the build under \(GameLiftLimits.windowsLaunchPathRoot)",
                            at: location))
                }
            }
            if let buildManifest, isWindowsPath != nil, !buildManifest.contains(launchPath: path) {
                let relative = BuildManifest.relativePath(ofLaunchPath: path) ?? path
                diagnostics.append(
                    Diagnostic(
                        .error, .launchPathNotInBuild, "LaunchPath '\(path)' is not in the build ('\(relative)')",
                        hint: "check the path's spelling and case against the build's files", at: location))
            }
        }
        return diagnostics
    }
}
