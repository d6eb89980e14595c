/// A path pattern of `fleetform.yaml`, such as `prod/**` or `**/arena.yaml`, matched against fleet files' paths
/// relative to the settings file's folder.
///
/// Patterns are anchored at that folder and, as in `.gitignore`, match a file when they match its path or any
/// folder that contains it: `prod`, `prod/` and `prod/**` all match `prod/a.yaml`. A pattern compiles to a small
/// automaton that reads a path once, so no pattern, however hostile, makes matching slow.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// The automaton, built back to front: instruction 0 accepts, `start` is where reading begins.
    private let program: [Instruction]
    private let start: Int
    /// Written with a trailing '/': only folders match, never a file of that name.
    private let folderOnly: Bool

    /// The longest pattern, and the most `**` and `{…}` alternatives one may hold: a settings file needs far
    /// fewer, and the limits keep a hostile file's automaton small.
    static let maximumLength = 1024
    static let maximumGlobstars = 16
    static let maximumAlternatives = 64

    /// Parses `pattern`, or says what is wrong with it and where.
    public init(_ pattern: String) throws(GlobError) {
        guard !pattern.isEmpty else {
            throw GlobError(message: "the pattern is empty", hint: "write a path such as 'prod/**' or '**/arena.yaml'")
        }
        guard pattern.prefix(Self.maximumLength + 1).count <= Self.maximumLength else {
            throw GlobError(
                message: "the pattern is longer than \(Self.maximumLength) characters",
                hint: "match a folder ('prod/**') instead of listing files", offset: Self.maximumLength)
        }
        var parser = Parser(pattern)
        let (segments, folderOnly) = try parser.parse()
        var program = [Instruction(kind: .accept, next: 0)]
        self.start = Self.compile(segments, into: &program)
        self.pattern = pattern
        self.program = program
        self.folderOnly = folderOnly
    }

    public var description: String { pattern }

    public static func == (a: Glob, b: Glob) -> Bool { a.pattern == b.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Whether `path` ('/'-separated, relative, no leading "./") matches — the pattern itself, or any folder that
    /// contains the file (like .gitignore: `prod` and `prod/` and `prod/**` all match `prod/a.yaml`).
    ///
    /// Empty segments are ignored, and a trailing '/' marks the path itself as a folder.
    public func matches(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        let endsInFolder = path.hasSuffix("/")
        var run = Run(program, start: start)
        for (index, segment) in segments.enumerated() {
            if index > 0 { run.read("/") }
            for character in segment {
                run.read(character)
                if run.isDead { return false }
            }
            // Every segment but the last ends a folder that contains the file.
            let isFolder = index < segments.count - 1 || endsInFolder
            if run.accepts && (isFolder || !folderOnly) { return true }
        }
        return false
    }

    /// Appends the instructions for `segments`, last segment first so each knows what follows it, and returns
    /// the first instruction. The '/' between two segments belongs to the later one, except around `**`, which
    /// carries its own so that it can stand for no folders at all (`a/**/b` matches `a/b`).
    private static func compile(_ segments: [Segment], into program: inout [Instruction]) -> Int {
        func emit(_ kind: Instruction.Kind, then next: Int) -> Int {
            program.append(Instruction(kind: kind, next: next))
            return program.count - 1
        }
        func emit(_ pieces: [Piece], then next: Int) -> Int {
            var next = next
            for piece in pieces.reversed() {
                switch piece {
                case .character(let character): next = emit(.character(character), then: next)
                case .anyCharacter: next = emit(.anyCharacter, then: next)
                case .anyRun: next = emit(.anyRun, then: next)
                case .characterClass(let set): next = emit(.characterClass(set), then: next)
                case .alternatives(let options): next = emit(.fork(options.map { emit($0, then: next) }), then: next)
                }
            }
            return next
        }
        // `a/**/**/b` means `a/**/b`.
        var collapsed: [Segment] = []
        for segment in segments where !(segment.isAnyFolders && collapsed.last?.isAnyFolders == true) {
            collapsed.append(segment)
        }
        var next = 0
        for index in collapsed.indices.reversed() {
            let isLast = index == collapsed.count - 1
            switch collapsed[index] {
            case .anyFolders where collapsed.count == 1:
                next = emit(.anyPath, then: next)
            case .anyFolders where isLast:
                // Nothing more, or '/' and anything.
                let rest = emit(.character("/"), then: emit(.anyPath, then: next))
                next = emit(.fork([next, rest]), then: next)
            case .anyFolders:
                // Nothing, or anything that ends in '/'.
                let folders = emit(.anyPath, then: emit(.character("/"), then: next))
                next = emit(.fork([next, folders]), then: next)
            case .pieces(let pieces):
                next = emit(pieces, then: next)
            }
            let separated =
                index > 0 && !collapsed[index - 1].isAnyFolders && !(isLast && collapsed[index].isAnyFolders)
            if separated { next = emit(.character("/"), then: next) }
        }
        return next
    }
}

/// Why a pattern is not a glob, in the repository's plain words, and where in the pattern.
public struct GlobError: Error, Sendable, Equatable {
    public var message: String
    public var hint: String?
    /// The offset in the pattern (0-based, in characters) where the problem is, if it has one place.
    public var offset: Int?

    public init(message: String, hint: String? = nil, offset: Int? = nil) {
        self.message = message
        self.hint = hint
        self.offset = offset
    }
}

extension Glob {
    /// One segment of a pattern: `**`, or what one folder or file name must look like.
    fileprivate enum Segment: Sendable {
        case anyFolders
        case pieces([Piece])

        var isAnyFolders: Bool {
            if case .anyFolders = self { return true }
            return false
        }
    }

    /// One element of a segment.
    fileprivate enum Piece: Sendable {
        case character(Character)
        /// `?`
        case anyCharacter
        /// `*`
        case anyRun
        case characterClass(CharacterClass)
        /// `{a,b}`: each option is a run of the other pieces.
        case alternatives([[Piece]])

        /// The option's text when it is plain characters, to spot `.` and `..` segments however they are written.
        static func literal(_ pieces: [Piece]) -> String? {
            var text = ""
            for piece in pieces {
                guard case .character(let character) = piece else { return nil }
                text.append(character)
            }
            return text
        }
    }

    /// `[a-z0-9]` or `[!a-z]`: one character of a name.
    fileprivate struct CharacterClass: Sendable {
        var negated: Bool
        var ranges: [ClosedRange<Character>]

        func contains(_ character: Character) -> Bool {
            character != "/" && ranges.contains { $0.contains(character) } != negated
        }
    }

    /// A step of the automaton. Reading instructions move to `next` on a character they accept; `anyRun` and
    /// `anyPath` stay put on one and may also move to `next` without reading.
    fileprivate struct Instruction: Sendable {
        enum Kind: Sendable {
            case character(Character)
            case anyCharacter
            case characterClass(CharacterClass)
            /// Any characters but '/'.
            case anyRun
            /// Any characters, '/' included: the folders of `**`.
            case anyPath
            case fork([Int])
            case accept
        }

        var kind: Kind
        var next: Int
    }

    /// Reads a path through the automaton, keeping every state it can be in at once (a Thompson simulation):
    /// time grows with the path's length times the pattern's, never exponentially.
    fileprivate struct Run {
        private let program: [Instruction]
        private var current: [Int] = []
        private var upcoming: [Int] = []
        /// The read each instruction was last entered on, so that each is entered once per character.
        private var entered: [Int]
        private var reads = 0
        private var pending: [Int] = []

        init(_ program: [Instruction], start: Int) {
            self.program = program
            entered = Array(repeating: -1, count: program.count)
            enter(start)
            swap(&current, &upcoming)
        }

        var isDead: Bool { current.isEmpty }
        var accepts: Bool { current.contains(0) }

        mutating func read(_ character: Character) {
            reads += 1
            upcoming.removeAll(keepingCapacity: true)
            for state in current {
                let instruction = program[state]
                switch instruction.kind {
                case .character(let expected): if character == expected { enter(instruction.next) }
                case .anyCharacter: if character != "/" { enter(instruction.next) }
                case .characterClass(let set): if set.contains(character) { enter(instruction.next) }
                case .anyRun: if character != "/" { enter(state) }
                case .anyPath: enter(state)
                case .fork, .accept: break
                }
            }
            swap(&current, &upcoming)
        }

        /// Adds `state` and every state it reaches without reading to `upcoming`.
        private mutating func enter(_ state: Int) {
            pending.append(state)
            while let state = pending.popLast() {
                guard entered[state] != reads else { continue }
                entered[state] = reads
                switch program[state].kind {
                case .fork(let targets):
                    pending.append(contentsOf: targets)
                case .anyRun, .anyPath:
                    upcoming.append(state)
                    pending.append(program[state].next)
                default:
                    upcoming.append(state)
                }
            }
        }
    }

    /// Turns a pattern into segments in one pass, rejecting what a settings file should never hold.
    fileprivate struct Parser {
        private let characters: [Character]
        private var index = 0
        private var globstars = 0
        private var alternatives = 0

        init(_ pattern: String) { characters = Array(pattern) }

        private func character(_ ahead: Int = 0) -> Character? {
            index + ahead < characters.count ? characters[index + ahead] : nil
        }

        /// Whether `character` appears from the current place on: tells an unclosed '[' or '{' from one that spans '/'.
        private func appearsLater(_ character: Character) -> Bool { characters[index...].contains(character) }

        mutating func parse() throws(GlobError) -> (segments: [Segment], folderOnly: Bool) {
            guard characters.first != "/" else {
                throw GlobError(
                    message: "the pattern starts with '/'",
                    hint: "patterns are relative to the folder of fleetform.yaml: write 'prod/**', not '/prod/**'",
                    offset: 0)
            }
            var segments: [Segment] = []
            while true {
                let start = index
                let segment = try segment()
                try rejectDots(segment, at: start)
                segments.append(segment)
                guard index < characters.count else { return (segments, false) }
                index += 1  // the '/'
                if index == characters.count { return (segments, true) }
                if character() == "/" {
                    throw GlobError(
                        message: "the pattern has an empty segment ('//')", hint: "remove one '/'", offset: index)
                }
            }
        }

        private mutating func segment() throws(GlobError) -> Segment {
            let start = index
            var pieces: [Piece] = []
            while let next = character(), next != "/" {
                if next == "*", character(1) == "*" {
                    guard index == start, character(2) == nil || character(2) == "/" else {
                        throw Self.partialGlobstar(index)
                    }
                    globstars += 1
                    guard globstars <= Glob.maximumGlobstars else {
                        throw GlobError(
                            message: "the pattern has more than \(Glob.maximumGlobstars) '**'",
                            hint: "one '**' matches any depth of folders", offset: index)
                    }
                    index += 2
                    return .anyFolders
                }
                pieces.append(try piece(inAlternatives: false))
            }
            return .pieces(pieces)
        }

        private mutating func piece(inAlternatives: Bool) throws(GlobError) -> Piece {
            let start = index
            switch character() {
            case "\\":
                return .character(try escaped())
            case "*":
                if inAlternatives && character(1) == "*" { throw Self.partialGlobstar(start) }
                index += 1
                return .anyRun
            case "?":
                index += 1
                return .anyCharacter
            case "[":
                return .characterClass(try characterClass())
            case "{":
                guard !inAlternatives else {
                    throw GlobError(
                        message: "alternatives cannot be nested", hint: "list every alternative in one '{…}'",
                        offset: start)
                }
                return .alternatives(try alternativeOptions())
            case let other?:
                index += 1
                return .character(other)
            case nil:
                throw GlobError(message: "the pattern ends too early", offset: start)
            }
        }

        /// The character after a '\'.
        private mutating func escaped() throws(GlobError) -> Character {
            guard let character = character(1) else {
                throw GlobError(
                    message: "the pattern ends with '\\'", hint: "escape a backslash as '\\\\' or remove it",
                    offset: index)
            }
            guard character != "/" else {
                throw GlobError(
                    message: "'/' cannot be escaped", hint: "'/' always separates folders; remove the '\\'",
                    offset: index)
            }
            index += 2
            return character
        }

        private mutating func characterClass() throws(GlobError) -> CharacterClass {
            let open = index
            let unclosed = GlobError(
                message: "'[' is never closed", hint: "close the class with ']' or escape it as '\\['", offset: open)
            index += 1
            var set = CharacterClass(negated: false, ranges: [])
            if character() == "!" || character() == "^" {
                set.negated = true
                index += 1
            }
            while true {
                guard let next = character() else { throw unclosed }
                if next == "]" {
                    guard !set.ranges.isEmpty else {
                        throw GlobError(
                            message: "the class '[]' is empty", hint: "list characters inside, or escape '[' as '\\['",
                            offset: open)
                    }
                    index += 1
                    return set
                }
                let lowOffset = index
                let low = try classMember(unclosed: unclosed)
                if character() == "-", let after = character(1), after != "]" {
                    index += 1
                    let high = try classMember(unclosed: unclosed)
                    guard low <= high else {
                        throw GlobError(
                            message: "the range '\(low)-\(high)' runs backwards", hint: "write it as '\(high)-\(low)'",
                            offset: lowOffset)
                    }
                    set.ranges.append(low...high)
                } else {
                    set.ranges.append(low...low)
                }
            }
        }

        private mutating func classMember(unclosed: GlobError) throws(GlobError) -> Character {
            switch character() {
            case nil: throw unclosed
            case "/":
                guard appearsLater("]") else { throw unclosed }
                throw GlobError(
                    message: "a class cannot contain '/'", hint: "a class matches one character of a name",
                    offset: index)
            case "\\":
                guard character(1) != nil else { throw unclosed }
                return try escaped()
            case let member?:
                index += 1
                return member
            }
        }

        private mutating func alternativeOptions() throws(GlobError) -> [[Piece]] {
            let open = index
            index += 1
            let unclosed = GlobError(
                message: "'{' is never closed", hint: "close the alternatives with '}' or escape it as '\\{'",
                offset: open)
            var options: [[Piece]] = [[]]
            loop: while true {
                switch character() {
                case nil:
                    throw unclosed
                case "}":
                    index += 1
                    break loop
                case ",":
                    options.append([])
                    index += 1
                case "/":
                    guard appearsLater("}") else { throw unclosed }
                    throw GlobError(
                        message: "alternatives cannot contain '/'",
                        hint: "write one pattern per folder, or put the alternatives in one segment", offset: index)
                default:
                    let piece = try piece(inAlternatives: true)
                    options[options.count - 1].append(piece)
                }
            }
            if options.count == 1 && options[0].isEmpty {
                throw GlobError(message: "'{}' has no alternatives", hint: "write them as '{a,b}'", offset: open)
            }
            alternatives += options.count
            guard alternatives <= Glob.maximumAlternatives else {
                throw GlobError(
                    message: "the pattern has more than \(Glob.maximumAlternatives) alternatives",
                    hint: "match a folder or a wildcard instead", offset: open)
            }
            return options
        }

        /// `.` and `..` name no folder of a relative path as a settings file writes it, whether spelt plainly,
        /// escaped or as the whole of an alternative.
        private func rejectDots(_ segment: Segment, at start: Int) throws(GlobError) {
            guard case .pieces(let pieces) = segment else { return }
            var spellings = [Piece.literal(pieces)]
            if pieces.count == 1, case .alternatives(let options) = pieces[0] {
                spellings += options.map(Piece.literal)
            }
            guard let dots = spellings.compactMap({ $0 }).first(where: { $0 == "." || $0 == ".." }) else { return }
            throw GlobError(
                message: "the pattern has a '\(dots)' segment",
                hint: "patterns are paths from the folder of fleetform.yaml, without '.' or '..'", offset: start)
        }

        private static func partialGlobstar(_ offset: Int) -> GlobError {
            GlobError(
                message: "'**' must be a whole segment",
                hint: "use '*' within a name, or '**' between slashes, as in 'a/**/b.yaml'", offset: offset)
        }
    }
}
