import CertDeskCore
import CertDeskExam
import CertDeskStore
import Crypto
import Foundation

/// The exam room's door: checks a candidate's login and opens their attempt.
public struct ExamDesk: Sendable {
    /// Failed logins allowed within ``lockWindow`` before the candidate number is locked.
    public static let maxFailures = 5
    public static let lockWindow: TimeInterval = 15 * 60

    /// What opening the room led to.
    public enum Outcome: Sendable {
        case opened(OpenedAttempt, resumed: Bool, tookOver: Bool)
        /// The attempt was already over.
        case closed(Submission, sittingID: String)
    }

    let store: Store
    let now: @Sendable () -> Date

    public init(store: Store, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.now = now
    }

    /// Checks the candidate number and access code and opens (or resumes) the attempt.
    ///
    /// - Parameters:
    ///   - sitting: the sitting this terminal serves, if it is set up for one; a code for
    ///     another sitting is then refused.
    ///   - language: the language to start in; the candidate's preferred language when `nil`.
    ///   - takeOver: take the attempt from another terminal that has it open.
    /// - Throws: `room.login.bad-number`, `room.login.wrong`, `room.login.locked`,
    ///   `room.login.other-session`, `room.not-open`, `room.entry-closed`, `room.held-elsewhere`.
    public func open(
        candidate typed: String, code: String, sitting: String? = nil, language: Language? = nil, terminal: TerminalIdentity,
        takeOver: Bool = false
    ) throws -> Outcome {
        guard let number = CandidateNumber.normalize(typed) else {
            throw ProblemsError.error("room.login.bad-number", ["value": typed])
        }
        let date = now()
        let check = try store.checkLogin(
            number: number, terminal: terminal.name, at: date, maxFailures: Self.maxFailures, window: Self.lockWindow,
            matches: { AccessCode.matches(code, $0) })
        let registrations = try Self.accepted(check, number: number)
        var choices = registrations
        if let sitting {
            choices = registrations.filter { $0.sitting.id == sitting }
            if choices.isEmpty {
                throw ProblemsError.error(
                    "room.login.other-session", ["session": sitting, "other": registrations.map(\.sitting.id).joined(separator: ", ")])
            }
        }
        // The sitting under way (latest started), else the next one.
        let chosen =
            choices.filter { $0.sitting.startsAt <= date }.max { $0.sitting.startsAt < $1.sitting.startsAt }
            ?? choices.min { $0.sitting.startsAt < $1.sitting.startsAt }!
        let outcome = try store.openAttempt(
            registration: chosen.registrationID, terminal: terminal, language: language, takeOver: takeOver, at: date,
            isAlive: TerminalIdentity.isAlive, draw: Self.draw)
        switch outcome {
        case .closed(let submission):
            return .closed(submission, sittingID: chosen.sitting.id)
        case .opened(let stored, let resumed, let tookOver):
            let backend = AttemptBackend(store: store, attemptID: stored.id, terminal: terminal, now: now)
            let opened = OpenedAttempt(
                sheet: Self.sheet(stored), answers: stored.answers, flags: stored.flags, deadline: stored.deadline,
                resumeSlot: stored.lastSlot, isResumed: resumed, language: language ?? stored.language, itemLanguages: stored.itemLanguages,
                backend: backend)
            return .opened(opened, resumed: resumed, tookOver: tookOver)
        }
    }

    /// The registrations a login check accepted, or the refusal as a problem to show.
    ///
    /// - Throws: `room.login.locked`, `room.login.wrong`.
    static func accepted(_ check: LoginCheck, number: String) throws -> [(registrationID: Int64, sitting: Sitting)] {
        switch check {
        case .refused(_, _, let lockedUntil?):
            throw ProblemsError.error("room.login.locked", ["until": ClockText.format(lockedUntil, "HH:mm"), "number": number])
        case .refused(_, let failures, nil):
            throw ProblemsError.error("room.login.wrong", ["left": String(Self.maxFailures - failures)])
        case .accepted(let found):
            return found
        }
    }

    /// Draws a paper with a fresh random seed.
    @Sendable static func draw(curriculum: Curriculum, pool: StoredPool) throws -> DrawnPaper {
        var generator = SystemRandomNumberGenerator()
        let seed = generator.next() & 0x7FFF_FFFF_FFFF_FFFF
        do {
            let paper = try PaperAssembler(blueprint: curriculum.exam.blueprint).assemble(from: pool, seed: seed)
            return DrawnPaper(
                paper: paper, assembler: PaperAssembler.name, poolDigest: poolDigest(pool.digest, seen: pool.seen), seen: Array(pool.seen))
        } catch let error as AssemblyError {
            throw ProblemsError(error.shortfalls.map { BankSupply.problem($0, track: curriculum.track, severity: .error, at: nil) })
        }
    }

    /// SHA-256 over the pool index's digest (of its sorted `id@version` lines) and the sorted seen ids.
    public static func poolDigest(_ poolDigest: String, seen: Set<String>) -> String {
        let text = poolDigest + "\n--\n" + seen.sorted().joined(separator: "\n")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The sheet the room shows for a stored attempt.
    public static func sheet(_ stored: StoredAttempt) -> ExamSheet {
        let items = stored.items.map { item in
            SheetItem(
                slot: item.slot, questionID: item.question.id, version: item.version, type: item.question.type,
                points: item.question.points, moduleTitle: item.moduleTitle, stem: item.question.stem,
                options: SheetItem.options(for: item.question, order: item.optionOrder))
        }
        return ExamSheet(
            attemptID: stored.id, candidateNumber: stored.candidate.number,
            candidateName: stored.candidate.displayName(for: stored.language), track: stored.sitting.track,
            trackTitle: stored.trackTitle, sittingID: stored.sitting.id, centre: stored.sitting.centre,
            durationMinutes: stored.durationMinutes, startedAt: stored.startedAt, items: items)
    }
}

/// Saves what a candidate does in the room, durably, for one attempt and one terminal.
public struct AttemptBackend: ExamBackend {
    /// How late an answer typed before the deadline may arrive and still count.
    public static let grace: TimeInterval = 5

    let store: Store
    let attemptID: Int64
    let terminal: TerminalIdentity
    let now: @Sendable () -> Date

    public func saveAnswer(_ answer: Answer?, slot: Int) throws -> Date {
        let date = now()
        try store.appendAnswer(answer, attempt: attemptID, slot: slot, terminal: terminal, at: date, grace: Self.grace)
        return date
    }

    public func saveFlag(_ flagged: Bool, slot: Int) throws {
        try store.appendFlag(flagged, attempt: attemptID, slot: slot, terminal: terminal, at: now(), grace: Self.grace)
    }

    public func recordLanguage(_ language: Language, slot: Int) throws {
        try store.recordEvent("language", attempt: attemptID, slot: slot, detail: language.rawValue, terminal: terminal, at: now())
    }

    public func recordPosition(slot: Int) throws {
        try store.recordEvent("position", attempt: attemptID, slot: slot, detail: nil, terminal: terminal, at: now())
    }

    /// Submits the paper, then grades it. A grading failure leaves the submission standing:
    /// the attempt is graded again by `results`, `release` or `regrade`.
    public func submit(automatic: Bool) throws {
        try store.submitAttempt(attemptID, automatic: automatic, terminal: terminal, at: now())
        _ = try? GradingDesk(store: store, operatorName: GradingDesk.systemName, now: now).gradeSubmitted(attempt: attemptID)
    }

    public func currentDeadline() throws -> Date { try store.deadline(attempt: attemptID) }

    public func stillHeld() throws -> Bool { try store.holds(attemptID, terminal: terminal) }

    public func release() { try? store.releaseHold(attemptID, terminal: terminal) }
}
