import Foundation

/// The seam between fleetform and GameLift. The planner and applier know nothing else of the network.
///
/// Two kinds of implementation meet here (docs/architecture.md, "How to add a GameLift operation"):
/// - *forwarders* (the AWS HTTP client, the resilience decorator) treat every operation alike and implement
///   only `send`, generically;
/// - *answerers* (the simulation, test doubles) give each operation its behaviour: they conform to
///   `GameLiftService`, whose `send` hands each request to the `answer` for its type.
///
/// Every call names the AWS region it is for: one fleetform run may touch fleets in several regions.
public protocol GameLift: Sendable {
    /// Sends one request to `region` and returns GameLift's answer to it.
    func send<Request: GameLiftRequest>(_ request: Request, region: String) async throws -> Request.Output

    /// Which of its connections answers for `fleetId`: a request that names several fleets (a batch) must name
    /// fleets of one connection. One connection (group 0) unless a router sends each fleet's requests with its
    /// own account's credentials (fleetform's environments); a forwarder answers its base's.
    func connectionGroup(of fleetId: String) -> Int
}

extension GameLift {
    public func connectionGroup(of fleetId: String) -> Int { 0 }
}

/// An operation's input: it names the operation and its output, and finds its answer on a `GameLiftService`.
/// Each operation fleetform uses conforms in GameLiftRequests.swift, its one table.
public protocol GameLiftRequest: Codable, Hashable, Sendable {
    associatedtype Output: Codable, Hashable, Sendable
    static var operation: GameLiftOperation { get }
    /// The service's answer to this request (the `answer` overload for this type).
    func answer(from service: some GameLiftService, region: String) async throws -> Output
}

extension GameLiftService {
    /// Hands the request to the `answer` for its type.
    public func send<Request: GameLiftRequest>(_ request: Request, region: String) async throws -> Request.Output {
        try await request.answer(from: self, region: region)
    }

    /// What GameLift answers a request for an operation it does not know: answerers that do not implement an
    /// operation (test doubles written for others) answer it this way.
    public func unanswered<Request: GameLiftRequest>(_ request: Request) -> GameLiftServiceError {
        GameLiftServiceError(
            code: "UnknownOperationException",
            message: "\(Request.operation.rawValue) is not answered by \(type(of: self))", httpStatus: 400)
    }
}

/// JSON encoders for GameLift's wire format: AWS JSON 1.1 writes timestamps as epoch seconds.
public enum GameLiftJSON {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        e.outputFormatting = [.sortedKeys]
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }
}
