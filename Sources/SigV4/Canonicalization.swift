import Crypto
import Foundation

/// The pieces SigV4 builds from a request: canonical URI, query and headers, and the hashes and keys.
/// Shared by the signer and the verifier so both compute exactly the same bytes.
enum Canonicalization {
    static let algorithm = "AWS4-HMAC-SHA256"
    static let terminator = "aws4_request"

    /// Headers never signed: the signature itself, and ones proxies or the HTTP stack may add or change.
    static let unsignableHeaders: Set<String> = [
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "content-length", "connection",
        "transfer-encoding",
    ]

    /// The canonical request: method, URI, query, headers, signed header names, payload hash.
    static func canonicalRequest(_ request: SigV4Request, signedHeaders: [String], payloadHash: String) -> String {
        [
            request.method.uppercased(),
            canonicalURI(request.path),
            canonicalQuery(request.query),
            canonicalHeaders(request, signedHeaders: signedHeaders),
            signedHeaders.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// The lowercase, sorted, de-duplicated names of the headers the signer signs.
    static func signableHeaderNames(_ request: SigV4Request) -> [String] {
        Array(Set(request.headers.map { $0.name.lowercased() }).subtracting(unsignableHeaders)).sorted()
    }

    /// Removes `.` and `..` segments and empty segments, keeps a trailing slash, then percent-encodes.
    static func canonicalURI(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        var normalized = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/") && normalized != "/" { normalized += "/" }
        return uriEncode(Array(normalized.utf8), keepSlash: true)
    }

    /// Parameters decoded then re-encoded the SigV4 way, sorted by name then value.
    static func canonicalQuery(_ query: String) -> String {
        var pairs: [(String, String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let eq = part.firstIndex(of: "=") {
                name = part[..<eq]
                value = part[part.index(after: eq)...]
            } else {
                name = part
                value = ""
            }
            pairs.append(
                (uriEncode(percentDecode(name), keepSlash: false), uriEncode(percentDecode(value), keepSlash: false)))
        }
        pairs.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// `name:value\n` for each signed header; repeated headers joined by commas, values trimmed and collapsed.
    static func canonicalHeaders(_ request: SigV4Request, signedHeaders: [String]) -> String {
        var result = ""
        for name in signedHeaders {
            let values = request.values(of: name).map(normalizeValue)
            result += name + ":" + values.joined(separator: ",") + "\n"
        }
        return result
    }

    /// Trims a header value and collapses every run of whitespace inside it to one space.
    static func normalizeValue(_ value: String) -> String {
        // `isNewline` rather than "\n": Swift reads "\r\n" as one Character.
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline })
            .joined(separator: " ")
    }

    static func credentialScope(day: String, region: String, service: String) -> String {
        "\(day)/\(region)/\(service)/\(terminator)"
    }

    static func stringToSign(timestamp: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, timestamp, scope, hexSHA256(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request").
    static func signingKey(secret: String, day: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in [day, region, service, terminator] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    static func signature(stringToSign: String, key: SymmetricKey) -> String {
        hex(Array(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)))
    }

    static func hexSHA256(_ bytes: [UInt8]) -> String { hex(Array(SHA256.hash(data: bytes))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 3986 encoding: unreserved characters stay, everything else becomes `%XX` (uppercase hex).
    static func uriEncode(_ bytes: [UInt8], keepSlash: Bool) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in bytes {
            let unreserved =
                (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39)
                || b == 0x2d || b == 0x2e || b == 0x5f || b == 0x7e
            if unreserved || (keepSlash && b == 0x2f) {
                out.append(b)
            } else {
                out += [0x25, digits[Int(b >> 4)], digits[Int(b & 0x0f)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is.
    static func percentDecode(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x37
            case 0x61...0x66: return c - 0x57
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == 0x25, i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// Compares two strings in time independent of where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}
