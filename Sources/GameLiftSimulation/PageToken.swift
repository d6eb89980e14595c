import Foundation

/// Opaque `NextToken`s: base64url of a tagged, versioned position. A token from another operation, another
/// fleet, or not made here is rejected with `InvalidRequestException`, as GameLift rejects foreign tokens.
enum PageToken {
    private static let prefix = "gls1"

    /// A token for the fleet lists: the offset of the next page in the region's fleet list.
    static func offset(_ offset: Int, kind: String) -> String { encode([kind, String(offset)]) }

    /// A token for a fleet's event log: the (time, id) of the last event returned; the next page continues
    /// strictly after it, so events appended between pages neither repeat nor vanish.
    static func eventAnchor(fleetId: String, time: Date, eventId: String) -> String {
        encode(["events", fleetId, String(time.timeIntervalSince1970.bitPattern, radix: 16), eventId])
    }

    static func decodeOffset(_ token: String, kind: String) -> Int? {
        guard let parts = decode(token), parts.count == 2, parts[0] == kind, let offset = Int(parts[1]), offset >= 0
        else { return nil }
        return offset
    }

    static func decodeEventAnchor(_ token: String, fleetId: String) -> (time: Date, eventId: String)? {
        guard let parts = decode(token), parts.count == 4, parts[0] == "events", parts[1] == fleetId,
            let bits = UInt64(parts[2], radix: 16)
        else { return nil }
        return (Date(timeIntervalSince1970: Double(bitPattern: bits)), parts[3])
    }

    private static func encode(_ parts: [String]) -> String {
        let text = ([prefix] + parts).joined(separator: "\n")
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func decode(_ token: String) -> [String]? {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.components(separatedBy: "\n")
        guard parts.first == prefix else { return nil }
        return Array(parts.dropFirst())
    }
}
