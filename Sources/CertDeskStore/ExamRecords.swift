import CertDeskCore
import Foundation

/// A candidate to add.
public struct NewCandidate: Sendable {
    public var name: PersonName
    public var otherName: PersonName?
    public var idDocument: String
    public var email: String?
    public var language: Language

    public init(name: PersonName, otherName: PersonName?, idDocument: String, email: String?, language: Language) {
        self.name = name
        self.otherName = otherName
        self.idDocument = idDocument
        self.email = email
        self.language = language
    }

    /// The ID document number reduced to letters and digits, upper case, for spotting duplicates.
    public var idDocumentKey: String {
        String(idDocument.uppercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}

/// A sitting to schedule.
public struct NewSitting: Sendable {
    public var track: String
    public var startsAt: Date
    public var timeZone: String
    public var durationMinutes: Int?
    public var lateEntryMinutes: Int
    public var centre: String
    public var capacity: Int

    public init(
        track: String, startsAt: Date, timeZone: String, durationMinutes: Int?, lateEntryMinutes: Int, centre: String, capacity: Int
    ) {
        self.track = track
        self.startsAt = startsAt
        self.timeZone = timeZone
        self.durationMinutes = durationMinutes
        self.lateEntryMinutes = lateEntryMinutes
        self.centre = centre
        self.capacity = capacity
    }
}

/// A sitting with how full it is and how far its exams have got.
public struct SittingSummary: Sendable {
    public var sitting: Sitting
    public var registered: Int
    public var started: Int
    public var submitted: Int
}

/// One registration of a candidate, as listed on the candidate's record.
public struct RegistrationSummary: Sendable {
    public var sitting: Sitting
    public var registeredAt: String
    /// `nil` before the candidate starts.
    public var attemptID: Int64?
    public var submitted: Bool
}

/// Training hours recorded for a candidate in one module.
public struct TrainingTotal: Sendable, Hashable {
    public var track: String
    public var module: String
    public var hours: Double
}

/// A stored access code: the salt and SHA-256 of the code, never the code.
public struct AccessCodeHash: Sendable {
    public var salt: String
    public var hash: String

    public init(salt: String, hash: String) {
        self.salt = salt
        self.hash = hash
    }
}

/// The terminal and process that opens an attempt.
public struct TerminalIdentity: Sendable, Hashable {
    /// Unique for this opening of the room.
    public var token: String
    public var host: String
    public var pid: Int32
    /// e.g. `/dev/pts/3`, or `stdin` when not a terminal.
    public var name: String

    public init(token: String, host: String, pid: Int32, name: String) {
        self.token = token
        self.host = host
        self.pid = pid
        self.name = name
    }
}

/// The stored state of an attempt, enough to rebuild the room.
public struct StoredAttempt: Sendable {
    public var id: Int64
    public var candidate: Candidate
    public var sitting: Sitting
    public var trackTitle: LocalizedText
    public var seed: UInt64
    public var startedAt: Date
    public var durationMinutes: Int
    public var extraMinutes: Int
    public var language: Language
    public var items: [StoredPaperItem]
    public var answers: [Int: Answer]
    public var flags: Set<Int>
    public var lastSlot: Int?
    public var submission: Submission?
    /// The language the candidate last chose per slot, where they switched.
    public var itemLanguages: [Int: Language] = [:]

    /// When the attempt ends, extra time included.
    public var deadline: Date { startedAt.addingTimeInterval(Double(durationMinutes + extraMinutes) * 60) }
}

/// How an attempt ended.
public struct Submission: Sendable, Hashable {
    public enum Kind: String, Sendable { case submitted, autoSubmitted = "auto-submitted", expired }
    public var kind: Kind
    public var at: Date
}

/// One item of a stored paper with its question version.
public struct StoredPaperItem: Sendable {
    public var slot: Int
    public var question: Question
    public var version: Int
    public var optionOrder: [String]
    public var moduleTitle: LocalizedText
}

/// One row of an attempt's history: an answer, a flag or an event, in time order.
public struct AttemptHistoryEntry: Sendable, Encodable {
    public var at: Date
    /// `answer`, `flag`, or an event kind (`started`, `language`, `submitted`...).
    public var kind: String
    public var slot: Int?
    /// The answer as JSON, the flag (`true`/`false`), or the event's detail.
    public var value: String?
    public var terminal: String
}

/// Why a login was refused, recorded as a failure.
public enum LoginFailure: String, Sendable {
    case unknownCandidate = "unknown-candidate"
    case wrongCode = "wrong-code"
    case locked
}
