import Crypto
import Foundation
import GameLiftAPI

/// A stable digest of a runtime configuration as GameLift would treat it: server-process order and empty
/// parameters do not change it. Saved plans use it to detect a configuration changed since the plan.
public enum Fingerprint {
    public static func of(_ configuration: RuntimeConfiguration?) -> String {
        let canonical = configuration?.normalized ?? RuntimeConfiguration()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a plain Codable struct of strings and integers cannot fail.
        let data = (try? encoder.encode(canonical)) ?? Data()
        let digest = SHA256.hash(data: data)
        return "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `text` has the form `of` gives: `sha256:` and 64 lowercase hex digits.
    public static func isWellFormed(_ text: String?) -> Bool {
        guard let text, text.hasPrefix("sha256:") else { return false }
        let hex = text.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
