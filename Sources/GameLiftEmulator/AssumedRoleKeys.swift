import Foundation

/// The temporary keys gamelift-local's `AssumeRole` hands out (docs/local-gamelift.md, "Accounts"). The access
/// key id names the account the role is in — `ASIA`, the 12 digits, `LOCL`, twenty characters like AWS's — so every
/// later request signed with it is answered as that account, with no session table to keep. Local only: the
/// secret follows from the id, which is fine for a stand-in and never for anything real.
enum AssumedRoleKeys {
    static let prefix = "ASIA"
    static let suffix = "LOCL"

    static func accessKeyId(account: String) -> String { prefix + account + suffix }

    /// The account an access key id of this kind names; `nil` for any other key.
    static func account(ofAccessKey id: String) -> String? {
        let bytes = Array(id.utf8)
        guard bytes.count == 20, id.hasPrefix(prefix), id.hasSuffix(suffix) else { return nil }
        let digits = bytes[4..<16]
        guard digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    static func secret(account: String) -> String { "gamelift-local/assumed-role/\(account)" }

    /// The session token: it carries the role's name and the session's, so `GetCallerIdentity` signed with the
    /// keys answers the assumed role's ARN as STS does (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`).
    static func sessionToken(role: String, session: String) -> String {
        "gamelift-local-session/" + [role, session].map { Data($0.utf8).base64EncodedString() }.joined(separator: "/")
    }

    /// The role and session names a session token of this kind carries.
    static func session(ofToken token: String) -> (role: String, session: String)? {
        let parts = token.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "gamelift-local-session", token.count <= 1024,
            let role = Data(base64Encoded: String(parts[1])), let session = Data(base64Encoded: String(parts[2]))
        else { return nil }
        return (String(decoding: role, as: UTF8.self), String(decoding: session, as: UTF8.self))
    }

    /// The access key id of a SigV4 `Authorization` header (`Credential=ID/…`).
    static func accessKeyId(inAuthorization authorization: String) -> String? {
        guard let range = authorization.range(of: "Credential=") else { return nil }
        let id = authorization[range.upperBound...].prefix { $0 != "/" && $0 != "," && $0 != " " }
        return id.isEmpty || id.count > 128 ? nil : String(id)
    }
}
