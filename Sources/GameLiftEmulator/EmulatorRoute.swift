import Foundation
import GameLiftAPI
import Hummingbird

/// Where a request is going: the wire protocol its path selects and the operation it names.
///
/// `POST /` is AWS JSON 1.1 with the operation in `X-Amz-Target: GameLift.<Operation>`;
/// `POST /service/GameLift/operation/<Operation>` is Smithy RPC v2 CBOR, announced by `smithy-protocol: rpc-v2-cbor`.
struct EmulatorRoute {
    let path: String
    let method: HTTPRequest.Method
    let wireProtocol: WireProtocol
    /// The operation name the request gives, known or not; nil when it gives none.
    let operationName: String?
    private let smithyProtocolHeader: String?
    private let target: String?

    static let rpcV2Prefix = "/service/GameLift/operation/"
    static let targetPrefix = "GameLift."

    init(_ request: Request) {
        path = request.uri.path
        method = request.method
        smithyProtocolHeader = request.headers.value(named: "smithy-protocol")
        target = request.headers.value(named: "x-amz-target")
        if path.hasPrefix(Self.rpcV2Prefix) {
            wireProtocol = .rpcV2CBOR
            operationName = String(path.dropFirst(Self.rpcV2Prefix.count))
        } else {
            wireProtocol = .awsJSON11
            operationName = target.map {
                $0.hasPrefix(Self.targetPrefix) ? String($0.dropFirst(Self.targetPrefix.count)) : $0
            }
        }
    }

    /// The operation to run, or the error GameLift's front end would answer with.
    func operation() throws(EmulatorError) -> GameLiftOperation {
        switch wireProtocol {
        case .awsJSON11:
            guard path == "/" else {
                throw .unknownOperation("no GameLift operation at \(path)", httpStatus: 404)
            }
            guard method == .post else { throw .unknownOperation("GameLift operations are POST requests") }
            guard let target else { throw .unknownOperation("missing X-Amz-Target header") }
            guard target.hasPrefix(Self.targetPrefix), let operation = operationName.flatMap(GameLiftOperation.init)
            else { throw .unknownOperation("unknown operation \(target)") }
            return operation
        case .rpcV2CBOR:
            guard let operation = operationName.flatMap(GameLiftOperation.init) else {
                throw .unknownOperation("unknown operation \(operationName ?? "")", httpStatus: 404)
            }
            guard method == .post else { throw .unknownOperation("GameLift operations are POST requests") }
            guard smithyProtocolHeader == "rpc-v2-cbor" else {
                throw .serialization("Smithy RPC v2 requests need the header smithy-protocol: rpc-v2-cbor")
            }
            return operation
        }
    }
}
