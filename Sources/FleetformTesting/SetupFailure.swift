/// A test could not set up what it needs (a binary not built, a server that did not start).
public struct SetupFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
