import Foundation
import GameLiftAPI

/// A live fleet as `import` read it: enough to write its fleet file.
public struct ImportedFleet: Sendable, Hashable {
    public var key: FleetKey
    public var attributes: FleetAttributes?
    public var configuration: RuntimeConfiguration

    public init(key: FleetKey, attributes: FleetAttributes? = nil, configuration: RuntimeConfiguration) {
        self.key = key
        self.attributes = attributes
        self.configuration = configuration
    }
}

/// Renders a live fleet as a fleet file (docs/fleet-files.md): a schema line for editors, a comment naming the fleet, and
/// the runtime configuration with every live value written out, so that planning the file changes nothing.
/// Pure: returns text.
public struct FleetFileWriter: Sendable {
    /// Where editors find `schemas/fleet.schema.json`: a path relative to the file, or a URL.
    public var schemaReference: String

    public init(schemaReference: String) { self.schemaReference = schemaReference }

    /// The fleet file for `fleet`, ending with a newline. Server processes are in canonical order, so
    /// importing twice gives the same bytes.
    public func render(_ fleet: ImportedFleet) -> String {
        var lines = ["# yaml-language-server: $schema=\(schemaReference)"]
        lines += headerComment(fleet).map { "# " + $0 }
        lines.append("FleetId: \(YAMLScalar.string(fleet.key.fleetId))")
        lines.append("Region: \(YAMLScalar.string(fleet.key.region))")
        // EC2 is what an undeclared compute type means; other types are written so validate checks them right.
        if let computeType = fleet.attributes?.computeType, computeType != .ec2 {
            lines.append("ComputeType: \(YAMLScalar.string(computeType.rawValue))")
        }
        lines.append("RuntimeConfiguration:")
        let configuration = fleet.configuration.normalized
        let processes = configuration.serverProcesses ?? []
        if processes.isEmpty {
            lines.append("  ServerProcesses: []")
        } else {
            lines.append("  ServerProcesses:")
            for process in processes {
                lines.append("    - LaunchPath: \(YAMLScalar.string(process.launchPath))")
                if let parameters = process.parameters, !parameters.isEmpty {
                    lines.append("      Parameters: \(YAMLScalar.quoted(parameters))")
                }
                lines.append("      ConcurrentExecutions: \(process.concurrentExecutions)")
            }
        }
        if let limit = configuration.maxConcurrentGameSessionActivations {
            lines.append("  MaxConcurrentGameSessionActivations: \(limit)")
        }
        if let timeout = configuration.gameSessionActivationTimeoutSeconds {
            lines.append("  GameSessionActivationTimeoutSeconds: \(timeout)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Imported from <name> — <OS>, build <id>`, one line per fact that is known, each made safe for a comment.
    func headerComment(_ fleet: ImportedFleet) -> [String] {
        let a = fleet.attributes
        var facts: [String] = []
        if let os = a?.operatingSystem { facts.append(os.rawValue) }
        if let build = a?.buildId { facts.append("build \(build)") }
        if let type = a?.instanceType { facts.append(type) }
        var lines = [
            "Imported from the live fleet \(Self.oneLine(a?.name ?? fleet.key.fleetId))"
                + (facts.isEmpty ? "." : " (\(facts.map(Self.oneLine).joined(separator: ", "))).")
        ]
        if let description = a?.description, !description.isEmpty { lines.append(Self.oneLine(description)) }
        return lines
    }

    /// Text with every line break or control character turned into a space, so it cannot end the comment.
    static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { s in
                    s.value < 0x20 || s.value == 0x7F || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029
                        ? " " : s
                })
        ).trimmingCharacters(in: .whitespaces)
    }
}
