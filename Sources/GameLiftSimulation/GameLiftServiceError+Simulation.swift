import GameLiftAPI

extension GameLiftServiceError {
    /// An error the simulation answers, built the way GameLift answers it: with a request id and the code's
    /// HTTP status.
    static func answer(_ code: GameLiftErrorCode, _ message: String, requestId: String) -> GameLiftServiceError {
        GameLiftServiceError(code: code, message: message, requestId: requestId, httpStatus: code.httpStatus)
    }
}
