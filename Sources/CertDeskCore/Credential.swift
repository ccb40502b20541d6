import Foundation

/// A credential as its life cycle sees it: when it is valid and whether it was withdrawn.
public struct CredentialStatus: Sendable, Hashable, Codable {
    /// How a credential came to be issued.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Awarded for passing the track's exam.
        case initial
        /// Issued by `renew`, extending an earlier credential's validity.
        case renewal
        /// Issued by `reissue`, replacing a lost or misspelt certificate with the same validity.
        case reissue
    }

    /// A revocation: when, by whom and why.
    public struct Revocation: Sendable, Hashable, Codable {
        public var at: Date
        public var by: String
        public var reason: String

        public init(at: Date, by: String, reason: String) {
            self.at = at
            self.by = by
            self.reason = reason
        }
    }

    /// A replacement by a renewal or a reissue.
    public struct Supersession: Sendable, Hashable, Codable {
        public var at: Date
        /// The number of the credential that replaced this one.
        public var successor: String
        public var reason: String

        public init(at: Date, successor: String, reason: String) {
            self.at = at
            self.successor = successor
            self.reason = reason
        }
    }

    /// What a credential is on a given date.
    public enum State: String, Sendable, Hashable, Codable {
        case valid
        /// Before its `validFrom` (only for a renewal issued ahead of time).
        case notYetValid = "not-yet-valid"
        case expired
        case revoked
        case superseded
    }

    public var number: String
    public var track: String
    public var kind: Kind
    public var validFrom: Date
    public var validUntil: Date
    public var revocation: Revocation?
    public var supersession: Supersession?

    public init(
        number: String, track: String, kind: Kind, validFrom: Date, validUntil: Date, revocation: Revocation? = nil,
        supersession: Supersession? = nil
    ) {
        self.number = number
        self.track = track
        self.kind = kind
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revocation = revocation
        self.supersession = supersession
    }

    /// The state on `date`: a revocation made later does not reach back, a replacement does
    /// not matter (the replacement is valid in its place), and expiry is by the validity dates.
    public func state(on date: Date) -> State {
        if let revocation, revocation.at <= date { return .revoked }
        if let supersession, supersession.at <= date { return .superseded }
        if date < validFrom { return .notYetValid }
        if date > validUntil { return .expired }
        return .valid
    }

    /// Whether the credential vouches for its holder on `date`: within its validity dates and
    /// neither revoked nor replaced by then. From its replacement on, the renewal or reissue
    /// vouches in its place, so revoking the replacement leaves nothing that vouches.
    public func vouches(on date: Date) -> Bool { state(on: date) == .valid }
}

/// Everything the credential rules look at for one registration of a sitting.
public struct EligibilityFacts: Sendable {
    public var candidate: Candidate
    public var sitting: Sitting
    public var curriculum: Curriculum
    /// The candidate's attempt, if they started one.
    public var attemptID: Int64?
    /// Whether the attempt was submitted (by the candidate, at time-out, or closed as expired).
    public var submitted: Bool
    /// The attempt's current result.
    public var grade: AttemptGrade?
    /// When the sitting's results were released.
    public var releasedAt: Date?
    /// Hours recorded per module of the sitting's track.
    public var trainingHours: [String: Double]
    /// Every credential the candidate holds or held, any track.
    public var credentials: [CredentialStatus]
    /// The credential already issued for this attempt, if any.
    public var issued: CredentialStatus?

    public init(
        candidate: Candidate, sitting: Sitting, curriculum: Curriculum, attemptID: Int64?, submitted: Bool, grade: AttemptGrade?,
        releasedAt: Date?, trainingHours: [String: Double], credentials: [CredentialStatus], issued: CredentialStatus?
    ) {
        self.candidate = candidate
        self.sitting = sitting
        self.curriculum = curriculum
        self.attemptID = attemptID
        self.submitted = submitted
        self.grade = grade
        self.releasedAt = releasedAt
        self.trainingHours = trainingHours
        self.credentials = credentials
        self.issued = issued
    }
}
