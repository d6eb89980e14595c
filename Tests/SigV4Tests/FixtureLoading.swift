import Foundation
import SigV4
import Testing

/// Reads the copied `Fixtures` folder and parses the test suite's `.req` files.
enum Fixtures {
    static let suiteCredentials = AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    static var root: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        }
    }

    static func suiteCaseNames() -> [String] {
        guard let url = try? root.appendingPathComponent("aws-sig-v4-test-suite"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
        else { return [] }
        return names.filter { !$0.hasSuffix(".md") }.sorted()
    }

    /// The text of `<name>/<name>.<ext>`, or nil when the suite does not reproduce that file.
    static func suiteFile(_ name: String, _ ext: String) throws -> String? {
        let url = try root.appendingPathComponent("aws-sig-v4-test-suite/\(name)/\(name).\(ext)")
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Parses `METHOD URI HTTP/1.1`, `Name:value` lines, a blank line, and the body.
    static func parseRequest(_ text: String) throws -> SigV4Request {
        let parts = text.components(separatedBy: "\n\n")
        let head = parts[0].components(separatedBy: "\n")
        let body = parts.dropFirst().joined(separator: "\n\n")
        let requestLine = head[0].components(separatedBy: " ")
        try #require(requestLine.count >= 3, "bad request line \(head[0])")
        let method = requestLine[0]
        let target = requestLine[1..<(requestLine.count - 1)].joined(separator: " ")
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: [SigV4Request.Header] = []
        for line in head.dropFirst() where !line.isEmpty {
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        return SigV4Request(
            method: method, path: String(pathAndQuery[0]),
            query: pathAndQuery.count > 1 ? String(pathAndQuery[1]) : "", headers: headers, body: Array(body.utf8))
    }
}

/// One case of `gamelift-botocore.json`.
struct BotocoreVector: Decodable, CustomTestStringConvertible {
    var name, service, region, date, accessKeyId, secretAccessKey: String
    var sessionToken: String?
    var method, path, query: String
    var headers: [[String]]
    var body, canonicalRequest, stringToSign, authorization: String

    var testDescription: String { name }

    static func all() throws -> [BotocoreVector] {
        let data = try Data(contentsOf: try Fixtures.root.appendingPathComponent("gamelift-botocore.json"))
        return try JSONDecoder().decode([BotocoreVector].self, from: data)
    }

    var request: SigV4Request {
        SigV4Request(
            method: method, path: path, query: query, headers: headers.map { ($0[0], $0[1]) }, body: Array(body.utf8))
    }

    var credentials: AWSCredentials {
        AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
    }
}
