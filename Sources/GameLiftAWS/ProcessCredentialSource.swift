import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import SigV4

/// `credential_process`: runs the command (split like a POSIX shell splits words, but run without a shell),
/// lets its standard error through to the terminal, and reads the Version 1 JSON it prints. Its standard
/// output holds secrets, so no message ever quotes it.
public struct ProcessCredentialSource: Sendable {
    /// How long the command may run: helpers that wait for a login in a browser need a while.
    public static let defaultTimeout: Double = 120
    /// More output than this is not a credential document.
    static let maximumOutputBytes = 1 << 20
    let timeout: Double
    let now: @Sendable () -> Date

    /// Runs `command` for `profile` and returns its credentials.
    func credentials(command: String, profile: String) async throws -> AWSCredentials {
        let source = "profile \(profile) credential_process"
        let words: [String]
        do {
            words = try ShellWords.split(command)
        } catch let error as ShellWords.SplitError {
            throw CredentialsError(source: source, message: "the command cannot be split into words: \(error)")
        }
        guard let program = words.first else { throw CredentialsError(source: source, message: "the command is empty") }
        guard let executable = Self.locate(program, path: ProcessInfo.processInfo.environment["PATH"] ?? "") else {
            throw CredentialsError(source: source, message: "\(program) is not an executable file on PATH")
        }
        let output = try await run(executable: executable, arguments: Array(words.dropFirst()), source: source)
        return try Self.decode(output, source: source)
    }

    /// Runs the program and collects its standard output; a non-zero exit, a signal or the timeout is an error.
    private func run(executable: String, arguments: [String], source: String) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        let exited = AsyncStream<Void> { continuation in
            process.terminationHandler = { _ in
                continuation.yield(); continuation.finish()
            }
        }
        do {
            try process.run()
        } catch {
            throw CredentialsError(source: source, message: "\(executable) could not be started")
        }
        let reader = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }
        // The watchdog runs on a Dispatch queue, not on Swift's cooperative pool: it must fire on time even
        // while every pool thread is busy.
        let watchdog = ProcessWatchdog(process)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watchdog.fire() }
        for await _ in exited {}
        let timedOut = watchdog.disarm()
        let output = await reader.value
        if timedOut {
            throw CredentialsError(source: source, message: "\(executable) did not finish within \(Int(timeout))s")
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how =
                process.terminationReason == .exit
                ? "exited with status \(process.terminationStatus)"
                : "was killed by signal \(process.terminationStatus)"
            throw CredentialsError(source: source, message: "\(executable) \(how) (its standard error is above)")
        }
        guard output.count <= Self.maximumOutputBytes else {
            throw CredentialsError(source: source, message: "\(executable) printed more than a credential document")
        }
        return output
    }

    private struct Document: Decodable {
        var version: Int?
        var accessKeyId: String?
        var secretAccessKey: String?
        var sessionToken: String?
        var expiration: String?

        enum CodingKeys: String, CodingKey {
            case version = "Version"
            case accessKeyId = "AccessKeyId"
            case secretAccessKey = "SecretAccessKey"
            case sessionToken = "SessionToken"
            case expiration = "Expiration"
        }
    }

    /// The Version 1 document; every complaint names the field, never its value.
    static func decode(_ output: Data, source: String) throws -> AWSCredentials {
        guard let document = try? JSONDecoder().decode(Document.self, from: output) else {
            throw CredentialsError(source: source, message: "the command's output is not a JSON credential document")
        }
        guard document.version == 1 else {
            throw CredentialsError(
                source: source,
                message:
                    "the command's output has Version \(document.version.map(String.init) ?? "missing"); only 1 is understood"
            )
        }
        guard let id = document.accessKeyId, !id.isEmpty, let secret = document.secretAccessKey, !secret.isEmpty else {
            throw CredentialsError(source: source, message: "the command's output lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let text = document.expiration {
            guard let date = parseCredentialExpiration(text) else {
                throw CredentialsError(source: source, message: "the command's Expiration is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: id, secretAccessKey: secret, sessionToken: document.sessionToken, expiration: expiration)
    }

    /// `program` itself when it has a `/`, else the first executable of that name on `path`.
    static func locate(_ program: String, path: String) -> String? {
        let files = FileManager.default
        if program.contains("/") { return files.isExecutableFile(atPath: program) ? program : nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Stops a process that outlives its time: SIGTERM, then SIGKILL after a short grace period (a helper may
/// ignore SIGTERM, or inherit it ignored). `disarm()` says whether it fired.
private final class ProcessWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private let process: Process
    private var fired = false
    private var disarmed = false

    init(_ process: Process) { self.process = process }

    func fire() {
        let stop = lock.withLock {
            guard !disarmed, process.isRunning else { return false }
            fired = true
            return true
        }
        guard stop else { return }
        process.terminate()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [process] in
            if process.isRunning { kill(pid, SIGKILL) }
        }
    }

    /// Called once the process has ended: whether the watchdog had to stop it.
    func disarm() -> Bool {
        lock.withLock {
            disarmed = true
            return fired
        }
    }
}
