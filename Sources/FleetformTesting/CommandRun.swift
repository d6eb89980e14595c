import Foundation

/// One run of a built executable: its exit status and what it printed.
public struct CommandRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// Runs `executable` with `arguments` in `directory` with exactly `environment` (nothing inherited but PATH),
    /// and waits for it on a thread of its own (see `offPool`). Output goes through files, so a chatty command
    /// cannot fill a pipe and stall.
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]
    ) async throws -> CommandRun {
        try await offPool { try runBlocking(executable, arguments, in: directory, environment: environment) }
    }

    private static func runBlocking(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]
    ) throws -> CommandRun {
        let outFile = directory.appendingPathComponent(".out-\(UUID().uuidString)")
        let errFile = directory.appendingPathComponent(".err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CommandRun(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }
}
