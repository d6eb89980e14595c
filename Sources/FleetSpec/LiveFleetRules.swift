import GameLiftAPI

/// Rules that need facts from outside the file: the fleet's operating system (known once the fleet is read)
/// and the build's file list.
public enum LiveFleetRules {
    /// A container fleet (it has no runtime configuration), a declared `ComputeType` that disagrees with the
    /// live one, launch paths for the wrong operating system and launch paths missing from the build, each
    /// located where it is written. `computeType` is the live fleet's, when known; it decides over an
    /// undeclared one.
    public static func checkAgainstFleet(
        _ document: FleetDocument, operatingSystem: OperatingSystem?, buildManifest: BuildManifest?,
        computeType liveComputeType: ComputeType? = nil
    ) -> [Diagnostic] {
        if FleetIdentifier(unchecked: document.fleetIdOrArn).isContainerFleet {
            return [
                Diagnostic(
                    .error, .containerFleet,
                    "\(document.fleetId) is a container fleet: it has no runtime configuration; manage it with its "
                        + "container group definition",
                    hint: "remove this fleet file; fleetform manages the runtime configuration of EC2 and Anywhere "
                        + "fleets", at: document.location)
            ]
        }
        if let declared = document.computeType, let live = liveComputeType, declared != live {
            return [
                Diagnostic(
                    .error, .computeTypeMismatch,
                    "ComputeType is \(declared) but the live fleet \(document.fleetId) is \(live)",
                    hint: "write `ComputeType: \(live)`, or remove the key and let the live fleet decide",
                    at: document.computeTypeLocation ?? document.location)
            ]
        }
        let computeType = liveComputeType ?? document.computeType ?? .ec2
        var diagnostics: [Diagnostic] = []
        for process in document.runtimeConfiguration.serverProcesses ?? [] {
            let location = document.location(ofProcess: process.key)
            let path = process.launchPath
            let isWindowsPath = FleetRules.isWindowsPath(path, computeType: computeType)
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
            if let buildManifest, computeType.hasInstallRoot, isWindowsPath != nil,
                !buildManifest.contains(launchPath: path)
            {
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
