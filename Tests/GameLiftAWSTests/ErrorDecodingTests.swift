import Foundation
import GameLiftAPI
import GameLiftAWS
import Testing

@Suite("AWS JSON 1.1 error decoding")
struct ErrorDecodingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var status: Int
        var headers: [(String, String)] = []
        var body: String
        var code: String
        var message: String
    }

    static let cases: [Case] = [
        Case(
            testDescription: "code from x-amzn-ErrorType wins over the body", status: 400,
            headers: [("X-Amzn-ErrorType", "NotFoundException:http://internal.amazon.com/coral/")],
            body: #"{"__type":"com.amazonaws.gamelift#InvalidRequestException","message":"no fleet"}"#,
            code: "NotFoundException", message: "no fleet"),
        Case(
            testDescription: "body code wins over __type", status: 400,
            body: #"{"code":"LimitExceededException","__type":"Other","message":"too many"}"#,
            code: "LimitExceededException", message: "too many"),
        Case(
            testDescription: "__type with namespace", status: 400,
            body: #"{"__type":"com.amazonaws.gamelift#InvalidFleetStatusException","message":"ACTIVATING"}"#,
            code: "InvalidFleetStatusException", message: "ACTIVATING"),
        Case(
            testDescription: "__type with namespace and : suffix", status: 400,
            body:
                #"{"__type":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/","Message":"capital M"}"#,
            code: "FooError", message: "capital M"),
        Case(
            testDescription: "plain __type and Message", status: 400,
            body: #"{"__type":"ThrottlingException","Message":"Rate exceeded"}"#, code: "ThrottlingException",
            message: "Rate exceeded"),
        Case(
            testDescription: "message preferred over Message", status: 400,
            body: #"{"__type":"X","message":"lower","Message":"upper"}"#, code: "X", message: "lower"),
        Case(
            testDescription: "empty 503 body", status: 503, body: "", code: "ServiceUnavailable",
            message: "HTTP 503 Service Unavailable with an empty body"),
        Case(
            testDescription: "HTML 502 body", status: 502, body: "<html><body>Bad Gateway</body></html>",
            code: "HTTP 502", message: "HTTP 502 Bad Gateway: <html><body>Bad Gateway</body></html>"),
        Case(
            testDescription: "empty 500 body", status: 500, body: "", code: "InternalServiceException",
            message: "HTTP 500 Internal Server Error with an empty body"),
        Case(
            testDescription: "JSON without a code", status: 400, body: #"{"message":"odd"}"#, code: "HTTP 400",
            message: "odd"),
    ]

    @Test(arguments: cases)
    func decodes(_ c: Case) {
        let error = AWSErrorDecoder.decode(status: c.status, headers: c.headers, body: Array(c.body.utf8))
        #expect(error.code.rawValue == c.code)
        #expect(error.message == c.message)
        #expect(error.httpStatus == c.status)
    }

    @Test func requestIdAndRetryAfterInMilliseconds() {
        let error = AWSErrorDecoder.decode(
            status: 400,
            headers: [("x-amzn-RequestId", "req-123"), ("x-amz-retry-after", "1500")],
            body: Array(#"{"__type":"ThrottlingException","message":"slow down"}"#.utf8))
        #expect(error.requestId == "req-123")
        #expect(error.retryAfter == 1.5)
        #expect(ErrorDisposition.of(error) == .throttle)
        #expect(error.description.contains("req-123"))
    }

    @Test func unreadableRetryAfterIsIgnored() {
        let error = AWSErrorDecoder.decode(status: 500, headers: [("x-amz-retry-after", "soon")], body: [])
        #expect(error.retryAfter == nil)
        #expect(ErrorDisposition.of(error) == .retry)
    }

    @Test func limitExceededIsFinal() {
        let error = AWSErrorDecoder.decode(
            status: 400, headers: [], body: Array(#"{"__type":"LimitExceededException","message":"x"}"#.utf8))
        #expect(ErrorDisposition.of(error) == .fail)
    }
}
