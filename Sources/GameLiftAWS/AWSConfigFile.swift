import Foundation

/// A problem with AWS settings: a malformed config file line, a profile that does not exist, a bad URL.
/// Carries the file and line where there is one.
public struct AWSConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// The setting the caller passed in, when its value is the problem: the caller names it (a flag, on the
    /// command line) with `message(naming:)`.
    public var callerSetting: CallerSetting?

    /// An error with its full message, file and line included where there is one.
    public init(_ message: String, callerSetting: CallerSetting? = nil) {
        self.message = message
        self.callerSetting = callerSetting
    }

    /// The error in one line, the setting the caller passed in (if that is the problem) named by `name`.
    public func message(naming name: (CallerSetting) -> String) -> String {
        callerSetting.map { "\(name($0)): \(message)" } ?? message
    }

    public var description: String { message { "the \($0.rawValue) passed in" } }
}

/// One of the shared INI files (`~/.aws/config`, `~/.aws/credentials`), parsed the way the AWS CLI reads
/// them: `[section]` headers, `key = value` or `key: value` lines, `#`/`;` comments, indented sub-properties
/// under a key with no value (as in `[services …]` sections and `s3 =` blocks), and indented continuation
/// lines of a value. Errors name the file and line only, never the line's text: it may hold a secret.
public struct AWSConfigFile: Sendable, Hashable {
    /// One `[section]`.
    public struct Section: Sendable, Hashable {
        public var values: [String: String] = [:]
        public var subsections: [String: [String: String]] = [:]
    }

    /// Sections by their header text with whitespace collapsed, e.g. `default`, `profile ci`, `services local`.
    public var sections: [String: Section]
    /// Where the file was read from, for messages.
    public var path: String

    /// Parses `text`; a line that is none of section, property, comment or blank is an error naming its line.
    public static func parse(_ text: String, path: String) throws -> AWSConfigFile {
        var sections: [String: Section] = [:]
        var current: String?
        var parentKey: String?
        var lastKey: String?
        // `\.isNewline` splits "\r\n" too: Swift reads it as one Character, which a split on "\n" would miss.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let place = "\(path):\(index + 1)"
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else { throw AWSConfigurationError("\(place): section header lacks ']'") }
                let name = trimmed.dropFirst().dropLast().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard !name.isEmpty else { throw AWSConfigurationError("\(place): empty section name") }
                current = name
                parentKey = nil
                lastKey = nil
                if sections[name] == nil { sections[name] = Section() }
                continue
            }
            guard let section = current else {
                throw AWSConfigurationError("\(place): a property comes before any [section] (line not shown)")
            }
            let indented = line.first?.isWhitespace == true
            // The first `=` or `:` splits, as Python's configparser (which botocore uses) does.
            guard let eq = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                if indented, parentKey == nil, let last = lastKey {
                    // A continuation line: configparser appends it to the previous value.
                    sections[section]?.values[last, default: ""] += "\n" + trimmed
                    continue
                }
                throw AWSConfigurationError(
                    "\(place): expected 'key = value' or 'key: value' (line not shown: it may hold a secret)")
            }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = stripInlineComment(trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces))
            guard !key.isEmpty else { throw AWSConfigurationError("\(place): property without a name") }
            if indented, let parent = parentKey {
                sections[section]?.subsections[parent, default: [:]][key] = value
            } else if indented, let last = lastKey {
                sections[section]?.values[last, default: ""] += "\n" + trimmed
            } else if value.isEmpty {
                parentKey = key
                lastKey = nil
                if sections[section]?.subsections[key] == nil { sections[section]?.subsections[key] = [:] }
            } else {
                parentKey = nil
                lastKey = key
                sections[section]?.values[key] = value
            }
        }
        return AWSConfigFile(sections: sections, path: path)
    }

    /// Reads and parses the file at `path`; nil when there is no such file.
    public static func load(path: String) throws -> AWSConfigFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            // Read through a handle, not String(contentsOfFile:), so that /dev/null (a common way to say
            // "no config") reads as empty instead of failing.
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw AWSConfigurationError("\(path): cannot be read: permission denied or not a file")
            }
            defer { try? handle.close() }
            let data = try handle.readToEnd() ?? Data()
            guard let text = String(data: data, encoding: .utf8) else {
                throw AWSConfigurationError("\(path): cannot be read: not UTF-8 text")
            }
            return try parse(text, path: path)
        } catch let error as AWSConfigurationError {
            throw error
        } catch {
            throw AWSConfigurationError("\(path): cannot be read: \(error.localizedDescription)")
        }
    }

    /// The profile's section in a config file: `[profile name]`, or `[default]` for `default`.
    public func configProfile(_ name: String) -> Section? {
        if name == "default" { return sections["default"] ?? sections["profile default"] }
        return sections["profile \(name)"]
    }

    /// The profile's section in a credentials file: `[name]`.
    public func credentialsProfile(_ name: String) -> Section? { sections[name] }

    /// An `[sso-session name]` section.
    public func ssoSession(_ name: String) -> Section? { sections["sso-session \(name)"] }

    /// A `[services name]` section.
    public func services(_ name: String) -> Section? { sections["services \(name)"] }

    /// ` value ; comment` and ` value # comment` lose the comment (only after whitespace, as the CLI does).
    private static func stripInlineComment(_ value: String) -> String {
        for marker in [" #", " ;", "\t#", "\t;"] {
            if let range = value.range(of: marker) {
                return value[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            }
        }
        return value
    }
}
