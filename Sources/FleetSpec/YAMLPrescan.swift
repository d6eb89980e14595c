import CYaml

/// What a pass over a file's YAML events found before any tree is built: whether the text parses, how many
/// nodes it expands to once aliases are followed, and duplicate mapping keys (which Yams' composer rejects
/// without saying where the second one is).
struct YAMLPrescan {
    /// A key that appears a second time in one mapping.
    struct DuplicateKey {
        var key: String
        var first: (line: Int, column: Int)
        var second: (line: Int, column: Int)
        /// Index of the document (0-based) it is in.
        var document: Int
    }

    enum Failure {
        /// YAML syntax error at a 1-based place.
        case syntax(message: String, line: Int, column: Int)
        /// The expanded node count passed the budget at this place (usually an alias).
        case budget(nodes: Int, line: Int, column: Int)
    }

    var failure: Failure?
    var duplicateKeys: [DuplicateKey] = []
    /// Expanded node count (aliases counted as the size of what they point to).
    var nodeCount = 0
    /// 1-based line where each document starts.
    var documentStartLines: [Int] = []

    private struct Frame {
        var isMapping: Bool
        var anchor: String?
        var size = 1
        var expectingKey = true
        var keys: [String: (line: Int, column: Int)] = [:]
    }

    /// Walks the events of `utf8` (bytes of the file), stopping at the first syntax error or once more than
    /// `maxNodes` nodes have been counted. Counting is linear in the text, so an alias bomb costs nothing.
    init(utf8 bytes: [UInt8], maxNodes: Int) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            failure = .syntax(message: "the YAML parser could not start", line: 1, column: 1)
            return
        }
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            walk(&parser, maxNodes: maxNodes)
        }
    }

    private mutating func walk(_ parser: inout yaml_parser_t, maxNodes: Int) {
        var stack: [Frame] = []
        var anchorSizes: [String: Int] = [:]
        var document = -1
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                failure = .syntax(
                    message: Self.problem(parser), line: Int(parser.problem_mark.line) + 1,
                    column: Int(parser.problem_mark.column) + 1)
                return
            }
            defer { yaml_event_delete(&event) }
            let place = (line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            var completed: (size: Int, key: String?)?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                document += 1
                documentStartLines.append(place.line)
                anchorSizes.removeAll(keepingCapacity: true)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = Self.string(scalar.value, length: scalar.length)
                if let anchor = Self.string(scalar.anchor) { anchorSizes[anchor] = 1 }
                nodeCount += 1
                completed = (1, value)
            case YAML_ALIAS_EVENT:
                let size = Self.string(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                nodeCount += size
                completed = (size, nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor =
                    isMapping
                    ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
                nodeCount += 1
                stack.append(Frame(isMapping: isMapping, anchor: anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break }
                if let anchor = frame.anchor { anchorSizes[anchor] = frame.size }
                completed = (frame.size, nil)
            default:
                break
            }
            if nodeCount > maxNodes {
                failure = .budget(nodes: nodeCount, line: place.line, column: place.column)
                return
            }
            guard let (size, scalarKey) = completed, !stack.isEmpty else { continue }
            let top = stack.count - 1
            stack[top].size += size
            guard stack[top].isMapping else { continue }
            if stack[top].expectingKey, let key = scalarKey {
                if let first = stack[top].keys[key] {
                    duplicateKeys.append(DuplicateKey(key: key, first: first, second: place, document: document))
                } else {
                    stack[top].keys[key] = place
                }
            }
            stack[top].expectingKey.toggle()
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// libyaml's problem, with the context it was in and where that context started (an unclosed quote is
    /// found at the end of the file, but started much earlier).
    private static func problem(_ parser: yaml_parser_t) -> String {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        guard let context = parser.context.map({ String(cString: $0) }) else { return problem }
        let start = parser.context_mark
        return "\(problem) \(context) that started at line \(start.line + 1), column \(start.column + 1)"
    }
}
