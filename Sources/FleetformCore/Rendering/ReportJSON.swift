import Foundation
import SigV4

/// The JSON encoder for plans and reports: pretty, sorted keys, ISO 8601 dates, stable across runs.
public enum ReportJSON {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = dateEncoding
        return e
    }

    /// Dates as `2026-12-07T11:16:29Z`, what `.iso8601` writes, computed in UTC. `.iso8601` looks up the
    /// machine's time zone on first use, which maps in ICU's zone data: a couple of megabytes of every apply
    /// (the journal writes dates too).
    public static let dateEncoding = JSONEncoder.DateEncodingStrategy.custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(AmzDate.iso8601(date))
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

extension ReportJSON {
    /// `value` as the JSON text fleetform prints.
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }
}
