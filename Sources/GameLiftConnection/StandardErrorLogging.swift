import Logging

/// Sends swift-log output to standard error (swift-log's default is standard output, which belongs to
/// plans and reports). Bootstrapping twice is a crash in swift-log, so it happens once per process.
enum StandardErrorLogging {
    private static let once: Void = LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
    static func bootstrap() { once }
}
