import Foundation

/// A durable write that failed: the file, and why.
public struct DurableFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    /// The failure `errno` describes, optionally after saying what was being done.
    static func failed(path: String, _ doing: String? = nil) -> Self {
        let reason = String(cString: strerror(errno))
        return Self(path: path, reason: doing.map { "\($0): \(reason)" } ?? reason)
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
