import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftEmulator

/// RFC 8949 Appendix A: items whose preferred serialization is the listed bytes, so they decode and re-encode.
private let roundTrips: [(String, CBORValue)] = [
    ("00", .unsigned(0)), ("01", .unsigned(1)), ("0a", .unsigned(10)), ("17", .unsigned(23)),
    ("1818", .unsigned(24)), ("1819", .unsigned(25)), ("1864", .unsigned(100)), ("1903e8", .unsigned(1000)),
    ("1a000f4240", .unsigned(1_000_000)), ("1b000000e8d4a51000", .unsigned(1_000_000_000_000)),
    ("1bffffffffffffffff", .unsigned(18_446_744_073_709_551_615)),
    ("3bffffffffffffffff", .negative(18_446_744_073_709_551_615)),
    ("20", .int(-1)), ("29", .int(-10)), ("3863", .int(-100)), ("3903e7", .int(-1000)),
    ("f90000", .float(0.0)), ("f98000", .float(-0.0)), ("f93c00", .float(1.0)), ("fb3ff199999999999a", .float(1.1)),
    ("f93e00", .float(1.5)), ("f97bff", .float(65504.0)), ("fa47c35000", .float(100000.0)),
    ("fa7f7fffff", .float(3.4028234663852886e+38)), ("fb7e37e43c8800759c", .float(1.0e+300)),
    ("f90001", .float(5.960464477539063e-8)), ("f90400", .float(0.00006103515625)), ("f9c400", .float(-4.0)),
    ("fbc010666666666666", .float(-4.1)), ("f97c00", .float(.infinity)), ("f9fc00", .float(-.infinity)),
    ("f4", .bool(false)), ("f5", .bool(true)), ("f6", .null), ("f7", .undefined), ("f0", .simple(16)),
    ("f8ff", .simple(255)),
    ("c074323031332d30332d32315432303a30343a30305a", .tag(0, .text("2013-03-21T20:04:00Z"))),
    ("c11a514b67b0", .tag(1, .unsigned(1_363_896_240))), ("c1fb41d452d9ec200000", .tag(1, .float(1363896240.5))),
    ("d74401020304", .tag(23, .bytes([1, 2, 3, 4]))),
    ("40", .bytes([])), ("4401020304", .bytes([1, 2, 3, 4])), ("60", .text("")), ("6161", .text("a")),
    ("6449455446", .text("IETF")), ("62225c", .text("\"\\")), ("62c3bc", .text("\u{00fc}")),
    ("63e6b0b4", .text("\u{6c34}")), ("64f0908591", .text("\u{10151}")),
    ("80", .array([])), ("83010203", .array([.unsigned(1), .unsigned(2), .unsigned(3)])),
    (
        "8301820203820405",
        .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])])
    ),
    ("a0", .map([])),
    ("a201020304", .map([CBORMapEntry(.unsigned(1), .unsigned(2)), CBORMapEntry(.unsigned(3), .unsigned(4))])),
    (
        "a26161016162820203",
        .map([CBORMapEntry(.text("a"), .unsigned(1)), CBORMapEntry(.text("b"), .array([.unsigned(2), .unsigned(3)]))])
    ),
    ("826161a161626163", .array([.text("a"), .map([CBORMapEntry(.text("b"), .text("c"))])])),
]

/// RFC 8949 Appendix A items in non-preferred or indefinite-length forms: they decode, to these values.
private let decodeOnly: [(String, CBORValue)] = [
    ("5f42010243030405ff", .bytes([1, 2, 3, 4, 5])),
    ("7f657374726561646d696e67ff", .text("streaming")),
    ("9fff", .array([])),
    (
        "9f018202039f0405ffff",
        .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])])
    ),
    (
        "83018202039f0405ff",
        .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])])
    ),
    (
        "bf61610161629f0203ffff",
        .map([CBORMapEntry(.text("a"), .unsigned(1)), CBORMapEntry(.text("b"), .array([.unsigned(2), .unsigned(3)]))])
    ),
    (
        "bf6346756ef563416d7421ff",
        .map([CBORMapEntry(.text("Fun"), .bool(true)), CBORMapEntry(.text("Amt"), .int(-2))])
    ),
    ("fa3fc00000", .float(1.5)), ("fb3ff8000000000000", .float(1.5)), ("1900ff", .unsigned(255)),
]

private func bytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
        index = next
    }
    return out
}

private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

@Suite("CBOR codec (RFC 8949)")
struct CBORCodecTests {
    @Test("Appendix A items decode and re-encode to the same bytes", arguments: roundTrips)
    func roundTrip(hexText: String, value: CBORValue) throws {
        #expect(try CBORDecoder().decode(bytes(hexText)) == value)
        #expect(hex(CBOREncoder.encode(value)) == hexText)
    }

    @Test("indefinite-length and non-preferred forms decode", arguments: decodeOnly)
    func decodeVariants(hexText: String, value: CBORValue) throws {
        #expect(try CBORDecoder().decode(bytes(hexText)) == value)
    }

    @Test("NaN decodes from every width and encodes as half precision")
    func notANumber() throws {
        for text in ["f97e00", "fa7fc00000", "fb7ff8000000000000"] {
            guard case .float(let d) = try CBORDecoder().decode(bytes(text)) else {
                Issue.record("\(text) did not decode to a float")
                continue
            }
            #expect(d.isNaN)
        }
        #expect(hex(CBOREncoder.encode(.float(.nan))) == "f97e00")
    }

    @Test(
        "malformed input is rejected with the offset",
        arguments: [
            ("", 0, "unexpected end"), ("18", 1, "unexpected end"), ("1c", 1, "reserved"),
            ("62c3", 1, "exceeds"), ("820118", 3, "unexpected end"), ("0001", 1, "trailing"),
            ("5f01ff", 1, "chunk"), ("7f4161ff", 1, "chunk"), ("ff", 1, "unexpected break"),
            ("62c328", 3, "UTF-8"), ("1f", 1, "indefinite length on an integer"), ("f818", 2, "one-byte form"),
            ("9bffffffffffffffff", 9, "exceeds"),
        ])
    func malformed(hexText: String, offset: Int, reason: String) {
        #expect {
            try CBORDecoder().decode(bytes(hexText))
        } throws: { error in
            guard let error = error as? CBORDecodingError else { return false }
            return error.offset == offset && error.reason.contains(reason)
        }
    }

    @Test("nesting beyond the limit is rejected")
    func depthLimit() {
        let deep = [UInt8](repeating: 0x81, count: 100) + [0x00]
        #expect(throws: CBORDecodingError.self) { try CBORDecoder(maxDepth: 64).decode(deep) }
        #expect((try? CBORDecoder(maxDepth: 200).decode(deep)) != nil)
    }
}
