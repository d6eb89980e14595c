import Foundation
import GameLiftAPI

/// The wire protocols the emulator speaks: what GameLift's own endpoints accept.
public enum WireProtocol: String, Sendable, Hashable, CaseIterable {
    /// AWS JSON 1.1: `POST /` with `X-Amz-Target: GameLift.<Operation>` (fleetform's client, older SDKs).
    case awsJSON11 = "awsJson1_1"
    /// Smithy RPC v2 CBOR: `POST /service/GameLift/operation/<Operation>` (the AWS CLI and newer SDKs).
    case rpcV2CBOR = "rpcv2Cbor"

    /// The `Content-Type` of bodies in this protocol.
    public var contentType: String {
        switch self {
        case .awsJSON11: "application/x-amz-json-1.1"
        case .rpcV2CBOR: "application/cbor"
        }
    }

    /// Decodes an operation's input from a request body.
    func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(EmulatorError) -> T {
        do {
            switch self {
            case .awsJSON11:
                // An empty body is an empty input, as AWS accepts it.
                let data = body.isEmpty ? Data("{}".utf8) : Data(body)
                return try GameLiftJSON.decoder().decode(T.self, from: data)
            case .rpcV2CBOR:
                let value = body.isEmpty ? CBORValue.map([]) : try CBORDecoder().decode(body)
                return try CBORCodableBridge.decode(T.self, from: value)
            }
        } catch let error as CBORDecodingError {
            throw .serialization(error.description)
        } catch let error as CBORCodableBridge.Failure {
            throw .serialization(error.message)
        } catch let error as DecodingError {
            throw .serialization(Self.describe(error))
        } catch {
            throw .serialization("\(error)")
        }
    }

    /// Encodes an operation's output as a response body.
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        switch self {
        case .awsJSON11: Array(try GameLiftJSON.encoder().encode(value))
        case .rpcV2CBOR: CBOREncoder.encode(try CBORCodableBridge.encode(value))
        }
    }

    /// The body of an error response: `__type` and `message`, in JSON or CBOR.
    ///
    /// JSON 1.1 clients read the bare code; Smithy's rpcv2Cbor names the error by its shape id, which botocore and
    /// the Smithy SDKs reduce to the part after `#`.
    func errorBody(code: String, message: String) -> [UInt8] {
        switch self {
        case .awsJSON11:
            let body = ["__type": code, "message": message]
            return Array((try? GameLiftJSON.encoder().encode(body)) ?? Data("{}".utf8))
        case .rpcV2CBOR:
            return CBOREncoder.encode(
                .map([
                    CBORMapEntry(.text("__type"), .text("com.amazonaws.gamelift#\(code)")),
                    CBORMapEntry(.text("message"), .text(message)),
                ]))
        }
    }

    /// A short, located account of a decoding failure, e.g. `RuntimeConfiguration.ServerProcesses[0]: …`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "missing required member \(at.isEmpty ? key.stringValue : at + "." + key.stringValue)"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            return at.isEmpty ? "malformed body: \(context.debugDescription)" : "\(at): \(context.debugDescription)"
        @unknown default:
            return "malformed body"
        }
    }
}
