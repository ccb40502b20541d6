import CertDeskCore
import CertDeskGrading
import CertDeskStore
import Foundation

/// Grading, marking, voiding, regrading and release: turning submitted papers into results.
public struct GradingDesk: Sendable {
    /// The name recorded for grades CertDesk makes by itself, on submission.
    public static let systemName = AuditActor.systemName

    let store: Store
    let operatorName: String
    let now: @Sendable () -> Date

    public init(store: Store, operatorName: String, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.operatorName = operatorName
        self.now = now
    }

    /// Grades an attempt from its stored paper, answers, marks and voids.
    ///
    /// Essays count once their marking is settled under the track's marking rules.
    @Sendable public static func grade(_ input: GradingInput) -> AttemptGrade {
        let items = input.attempt.items.map { item in
            AttemptGrader.Item(slot: item.slot, question: item.question, version: item.version, answer: input.attempt.answers[item.slot])
        }
        var settled: [Int: SettledMark] = [:]
        for (slot, marks) in input.marks {
            if case .settled(let mark) = EssayMarking.state(marks, rules: input.exam.marking) { settled[slot] = mark }
        }
        return AttemptGrader.grade(items, marks: settled, voided: input.voided, passMark: input.exam.passMark)
    }

    /// Grades a just-submitted attempt.
    public func gradeSubmitted(attempt id: Int64) throws -> GradeChange {
        try store.gradeAttempt(id, cause: .submitted, by: operatorName, at: now(), grader: Self.grade)
    }

    /// Closes a sitting's abandoned attempts and grades the submitted ones not yet graded.
    public func gradePending(sitting: String) throws -> [GradeChange] {
        try store.gradeSitting(sitting, all: false, grace: AttemptBackend.grace, by: operatorName, at: now(), grader: Self.grade)
    }

    // MARK: Regrading

    /// What a regrade changed.
    public struct RegradeReport: Sendable {
        public var sittingID: String
        /// Submitted attempts graded.
        public var graded: Int
        /// Results that changed, with before and after.
        public var changed: [GradeChange]
        /// Results whose pass/fail changed (provisional counts as neither).
        public var outcomeChanged: [GradeChange]
        /// Results still waiting for essay marks.
        public var provisional: Int
        /// When the sitting's results were released, if they were: changed results are visible now.
        public var releasedAt: Date?
    }

    /// Grades every submitted attempt of a sitting again with the current voids and marks.
    ///
    /// Earlier results stay in each attempt's history.
    public func regrade(sitting: String) throws -> RegradeReport {
        let changes = try store.gradeSitting(
            sitting, all: true, grace: AttemptBackend.grace, by: operatorName, at: now(), grader: Self.grade)
        let changed = changes.filter { $0.stored && $0.previous != nil }
        return RegradeReport(
            sittingID: sitting, graded: changes.count, changed: changed,
            outcomeChanged: changed.filter { $0.previous?.passed != $0.current.passed && $0.previous?.passed != nil },
            provisional: changes.filter(\.current.provisional).count, releasedAt: try store.release(of: sitting)?.at)
    }

    /// Withdraws a faulty question; results change when the sittings listed are regraded.
    public func void(question id: String, reason: String) throws -> VoidImpact {
        try store.voidQuestion(id.uppercased(), reason: reason, by: operatorName, at: now())
    }

    // MARK: Marking

    /// An essay as a marker sees it: no candidate name or number.
    public struct EssayToMark: Sendable {
        public var essay: EssayAnswer
        /// The round this marker's mark would be.
        public var round: Int
    }

    /// Essays this marker can mark now, oldest submission first.
    ///
    /// An essay they have already marked is left out (it waits for another marker), so
    /// second marking stays blind and independent.
    /// - Returns: the essays, and how many others wait for other markers.
    public func markingQueue(sitting: String?) throws -> (mine: [EssayToMark], others: Int) {
        if let sitting { _ = try gradePending(sitting: sitting) }
        var mine: [EssayToMark] = []
        var others = 0
        for essay in try store.essays(sitting: sitting) {
            guard case .needs(let round) = EssayMarking.state(essay.marks, rules: essay.marking) else { continue }
            if essay.marks.contains(where: { $0.marker == operatorName }) {
                others += 1
            } else {
                mine.append(EssayToMark(essay: essay, round: round))
            }
        }
        return (mine, others)
    }

    /// One essay of an attempt for marking, by slot or question id.
    ///
    /// - Throws: `attempt.unknown`, `mark.no-item`, `mark.not-essay`, `mark.not-submitted`.
    public func essay(attempt id: Int64, item: String) throws -> EssayToMark {
        guard let input = try store.gradingInput(attempt: id) else { throw ProblemsError.error("attempt.unknown", ["id": String(id)]) }
        guard let found = input.attempt.items.first(where: { String($0.slot) == item || $0.question.id == item.uppercased() }) else {
            throw ProblemsError.error("mark.no-item", ["id": String(id), "item": item])
        }
        guard found.question.type == .essay else {
            throw ProblemsError.error(
                "mark.not-essay",
                ["id": String(id), "item": found.question.id, "slot": String(found.slot), "type": found.question.type.rawValue])
        }
        guard let submission = input.attempt.submission else { throw ProblemsError.error("mark.not-submitted", ["id": String(id)]) }
        let marks = input.marks[found.slot] ?? []
        let text: String
        if case .text(let typed)? = input.attempt.answers[found.slot] { text = typed } else { text = "" }
        let essay = EssayAnswer(
            attemptID: id, sittingID: input.attempt.sitting.id, slot: found.slot, question: found.question, version: found.version,
            answer: text, submittedAt: submission.at, marks: marks, marking: input.exam.marking)
        let round: Int
        switch EssayMarking.round(for: operatorName, marks: marks, rules: input.exam.marking) {
        case .success(let chosen): round = chosen
        case .failure: round = 0
        }
        return EssayToMark(essay: essay, round: round)
    }

    /// What marking an essay did.
    public struct MarkOutcome: Sendable {
        public var slot: Int
        public var round: Int
        /// The essay's marking after this mark.
        public var state: EssayMarking.State
        public var change: GradeChange
        /// When the attempt's sitting results were released, if they were: the change is visible now.
        public var releasedAt: Date?
    }

    /// Records this marker's mark of an essay and grades the attempt again.
    ///
    /// - Throws: `mark.no-comment`, `mark.complete`, and the store's `mark.*` refusals.
    public func mark(attempt id: Int64, item: String, score: Double, comment: String) throws -> MarkOutcome {
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty else { throw ProblemsError.error("mark.no-comment", ["id": String(id), "item": item]) }
        let marker = operatorName
        let result = try store.mark(
            attempt: id, item: item, marker: marker, score: score, comment: comment, at: now(),
            round: { input, slot in
                switch EssayMarking.round(for: marker, marks: input.marks[slot] ?? [], rules: input.exam.marking) {
                case .success(let round):
                    return round
                case .failure(.complete(let markers)):
                    let question = input.attempt.items.first { $0.slot == slot }?.question.id ?? item
                    throw ProblemsError.error(
                        "mark.complete",
                        ["id": String(id), "item": question, "slot": String(slot), "markers": markers.joined(separator: ", ")])
                }
            }, grader: Self.grade)
        let input = try store.gradingInput(attempt: id)
        let marks = input?.marks[result.slot] ?? []
        return MarkOutcome(
            slot: result.slot, round: result.round, state: EssayMarking.state(marks, rules: input?.exam.marking ?? MarkingRules()),
            change: result.change, releasedAt: try input.flatMap { try store.release(of: $0.attempt.sitting.id)?.at })
    }

    // MARK: Results

    /// Releases a sitting's results once every one is final.
    ///
    /// - Returns: the results released; those that changed when graded again (a void or a
    ///   mark since the last grading) have `stored` set and their previous grade.
    public func release(sitting: String) throws -> [GradeChange] {
        try store.release(sitting: sitting, grace: AttemptBackend.grace, by: operatorName, at: now(), grader: Self.grade)
    }

    /// A sitting's results, grading what is pending first.
    public func results(sitting: String) throws -> SittingResults {
        _ = try gradePending(sitting: sitting)
        return try store.results(sitting: sitting)
    }

    /// An attempt's result history, oldest first, and whether its sitting's results are released.
    public func result(attempt id: Int64) throws -> (input: GradingInput, history: [StoredGrade], released: Date?) {
        guard let input = try store.gradingInput(attempt: id) else { throw ProblemsError.error("attempt.unknown", ["id": String(id)]) }
        if input.attempt.submission == nil || input.current == nil { _ = try gradePending(sitting: input.attempt.sitting.id) }
        guard let fresh = try store.gradingInput(attempt: id) else { throw ProblemsError.error("attempt.unknown", ["id": String(id)]) }
        return (fresh, try store.grades(attempt: id), try store.release(of: fresh.attempt.sitting.id)?.at)
    }
}

extension GradingDesk {
    /// A candidate's sitting, as they may see it.
    public struct CandidateSitting: Sendable {
        public var sitting: Sitting
        public var attemptID: Int64?
        public var released: Bool
    }

    /// The sittings of a candidate who proves who they are with their access code.
    ///
    /// The code is checked as at the exam room's door, and a wrong one counts toward the same lockout.
    /// - Throws: `room.login.bad-number`, `room.login.wrong`, `room.login.locked`.
    public func candidateSittings(number typed: String, code: String, terminal: String) throws -> [CandidateSitting] {
        guard let number = CandidateNumber.normalize(typed) else { throw ProblemsError.error("room.login.bad-number", ["value": typed]) }
        let check = try store.checkLogin(
            number: number, terminal: terminal, at: now(), maxFailures: ExamDesk.maxFailures, window: ExamDesk.lockWindow,
            matches: { AccessCode.matches(code, $0) })
        return try ExamDesk.accepted(check, number: number).map { registration in
            CandidateSitting(
                sitting: registration.sitting, attemptID: try store.attemptID(candidate: number, sitting: registration.sitting.id),
                released: try store.release(of: registration.sitting.id) != nil)
        }
    }
}
