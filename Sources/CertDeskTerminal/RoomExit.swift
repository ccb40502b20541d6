/// How a candidate left the exam room.
public enum RoomExit: Sendable, Equatable {
    /// Submitted by the candidate, or by the clock (`automatic`).
    case submitted(automatic: Bool)
    /// Left without submitting; answers are saved and the clock keeps running.
    case left
    /// Another terminal took the attempt over.
    case takenOver
    /// Input ended (stdin closed) before submission.
    case inputClosed

    /// The process exit status: 0 submitted, 4 left with the exam still open, 5 taken over.
    public var status: Int32 {
        switch self {
        case .submitted: 0
        case .left, .inputClosed: 4
        case .takenOver: 5
        }
    }
}
