import Foundation

/// What a benchmark reports about the process itself.
enum ResourceUsage {
    /// Peak resident set size in bytes (`VmHWM` in /proc/self/status), or `nil` where there is no /proc.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// `12.3 MB`
    static func megabytes(_ bytes: Int?) -> String {
        guard let bytes else { return "unknown" }
        return String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    /// Seconds in a `Duration`, as a Double.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
