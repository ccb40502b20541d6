import CertDeskCore
import Foundation

/// What an exam room needs from the store, for one attempt.
///
/// Every method that saves returns only after the change is committed durably; a room shows
/// "saved" only after it returns. Failures are `ProblemsError`s whose keys the room explains
/// to the candidate (`room.taken-over`, `room.time-up`, `store.write-failed`, ...).
public protocol ExamBackend: Sendable {
    /// Appends an answer (or `nil`: the answer was cleared) for a slot; returns when it was saved.
    func saveAnswer(_ answer: Answer?, slot: Int) throws -> Date
    /// Appends a flag change for a slot.
    func saveFlag(_ flagged: Bool, slot: Int) throws
    /// Records that the candidate switched the language of an item.
    func recordLanguage(_ language: Language, slot: Int) throws
    /// Records where the candidate is, so a resumed room opens there.
    func recordPosition(slot: Int) throws
    /// Submits the attempt; `automatic` when the clock ran out.
    func submit(automatic: Bool) throws
    /// The deadline now, including extra time granted since the room opened.
    func currentDeadline() throws -> Date
    /// Whether this terminal still holds the attempt (another terminal may have taken it over).
    func stillHeld() throws -> Bool
    /// Lets go of the attempt when the room closes without submitting.
    func release()
}

/// An attempt opened for a candidate: what to show and where to send what they do.
public struct OpenedAttempt: Sendable {
    public var sheet: ExamSheet
    public var answers: [Int: Answer]
    public var flags: Set<Int>
    public var deadline: Date
    /// The slot the candidate was at when the room last closed, if resuming.
    public var resumeSlot: Int?
    /// Whether the room resumes an attempt begun earlier.
    public var isResumed: Bool
    public var language: Language
    /// Languages the candidate chose for particular items before the room last closed.
    public var itemLanguages: [Int: Language]
    public var backend: any ExamBackend

    public init(
        sheet: ExamSheet, answers: [Int: Answer], flags: Set<Int>, deadline: Date, resumeSlot: Int?, isResumed: Bool,
        language: Language, itemLanguages: [Int: Language] = [:], backend: any ExamBackend
    ) {
        self.itemLanguages = itemLanguages
        self.sheet = sheet
        self.answers = answers
        self.flags = flags
        self.deadline = deadline
        self.resumeSlot = resumeSlot
        self.isResumed = isResumed
        self.language = language
        self.backend = backend
    }

    /// A room positioned where the candidate left off.
    public func room(now: Date) -> ExamRoom {
        var room = ExamRoom(sheet: sheet, answers: answers, flags: flags, language: language, deadline: deadline, resumeAt: resumeSlot)
        room.markWarned(at: now)
        for (slot, language) in itemLanguages { room.restoreLanguage(language, slot: slot) }
        return room
    }
}
