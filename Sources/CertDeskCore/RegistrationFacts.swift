/// Everything the registration rules look at, read in the transaction that registers.
public struct RegistrationFacts: Sendable {
    public var candidate: Candidate
    public var sitting: Sitting
    public var curriculum: Curriculum
    public var registered: Int
    public var alreadyRegistered: Bool
    /// The candidate's other sittings.
    public var otherSittings: [Sitting]
    /// Hours recorded per module of the sitting's track.
    public var trainingHours: [String: Double]
    /// Tracks whose credential the candidate holds, valid on the sitting's date.
    public var heldCredentials: Set<String>

    public init(
        candidate: Candidate, sitting: Sitting, curriculum: Curriculum, registered: Int, alreadyRegistered: Bool,
        otherSittings: [Sitting], trainingHours: [String: Double], heldCredentials: Set<String>
    ) {
        self.candidate = candidate
        self.sitting = sitting
        self.curriculum = curriculum
        self.registered = registered
        self.alreadyRegistered = alreadyRegistered
        self.otherSittings = otherSittings
        self.trainingHours = trainingHours
        self.heldCredentials = heldCredentials
    }
}
