/// A GameLift that cannot be reached: the message says why (a missing or broken credential source, say).
public struct ConnectionError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
