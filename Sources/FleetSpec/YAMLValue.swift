import Yams

extension Node {
    /// 1-based line and column of the node, as Yams marks it.
    var place: (line: Int, column: Int) {
        guard let mark else { return (1, 1) }
        return (mark.line, mark.column)
    }

    /// The scalar text when this is a scalar, for echoing a wrong value back in a message.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }
}
