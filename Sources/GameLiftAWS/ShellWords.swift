/// Splits a command line into words the way a POSIX shell (and Python's `shlex.split`, which botocore uses for
/// `credential_process`) does: whitespace separates, single quotes are literal, double quotes allow `\"` and
/// `\\`, a backslash outside quotes escapes the next character. Nothing is expanded.
enum ShellWords {
    /// An unterminated quote or a trailing backslash.
    struct SplitError: Error, CustomStringConvertible {
        var description: String
    }

    static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = Array(text).makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "'" {
                        closed = true
                        break
                    }
                    current.append(q)
                }
                guard closed else { throw SplitError(description: "a single quote is not closed") }
            case "\"":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "\"" {
                        closed = true
                        break
                    }
                    if q == "\\" {
                        guard let next = iterator.next() else { break }
                        if next != "\"" && next != "\\" { current.append("\\") }
                        current.append(next)
                        continue
                    }
                    current.append(q)
                }
                guard closed else { throw SplitError(description: "a double quote is not closed") }
            case "\\":
                guard let next = iterator.next() else {
                    throw SplitError(description: "the command ends with a backslash")
                }
                inWord = true
                current.append(next)
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
