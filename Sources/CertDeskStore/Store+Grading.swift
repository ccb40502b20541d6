import CertDeskCore
import Foundation
import GRDB

extension Store {
    /// Grades one attempt from its stored input; supplied by the grading rules.
    public typealias Grader = @Sendable (GradingInput) -> AttemptGrade

    // MARK: Grading

    /// Grades a submitted attempt and stores the grade when it differs from the current one.
    ///
    /// - Throws: `attempt.unknown`, `grading.not-submitted`.
    public func gradeAttempt(_ id: Int64, cause: StoredGrade.Cause, by operatorName: String, at now: Date, grader: Grader) throws
        -> GradeChange
    {
        let action = AuditAction(
            "grade.attempt", subject: String(id), by: .named(operatorName), details: ["cause": cause.rawValue], at: now)
        return try perform(action) { db in
            guard try Self.attemptExists(id, db) else { throw ProblemsError.error("attempt.unknown", ["id": String(id)]) }
            let input = try Self.gradingInput(id, db)
            guard input.attempt.submission != nil else {
                throw ProblemsError.error("grading.not-submitted", ["id": String(id), "session": input.attempt.sitting.id])
            }
            return try Self.storeGrade(input, cause: cause, by: operatorName, at: now, grader: grader, db)
        }
    }

    /// Closes the sitting's abandoned attempts and grades every submitted attempt; one transaction.
    ///
    /// An attempt nobody submitted whose deadline passed more than `grace` ago is recorded as
    /// expired at its deadline. With `all`, every submitted attempt is graded again (`regraded`);
    /// otherwise only those without a grade (`submitted`). A grade is stored only when it
    /// differs from the current one, so running this twice changes nothing.
    /// - Throws: `session.unknown`.
    public func gradeSitting(_ sittingID: String, all: Bool, grace: TimeInterval, by operatorName: String, at now: Date, grader: Grader)
        throws -> [GradeChange]
    {
        let action = AuditAction(all ? "grade.regrade" : "grade.session", subject: sittingID, by: .named(operatorName), at: now)
        return try perform(action) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sittings WHERE id = ?", arguments: [sittingID]) != nil else {
                throw ProblemsError.error("session.unknown", ["session": sittingID])
            }
            try Self.closeExpired(sittingID, grace: grace, now: now, db)
            let condition = all ? "" : "AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.attempt_id = a.id)"
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT a.id FROM attempts a JOIN registrations r ON r.id = a.registration_id
                    WHERE r.sitting_id = ? AND EXISTS (SELECT 1 FROM attempt_events e WHERE e.attempt_id = a.id
                        AND e.kind IN ('submitted', 'auto-submitted', 'expired')) \(condition)
                    ORDER BY a.id
                    """, arguments: [sittingID])
            return try ids.map { id in
                let input = try Self.gradingInput(id, db)
                return try Self.storeGrade(
                    input, cause: input.current == nil ? .submitted : .regraded, by: operatorName, at: now, grader: grader, db)
            }
        }
    }

    /// Records an essay mark and grades the attempt again, in one transaction.
    ///
    /// - Parameters:
    ///   - item: the slot number or the question id of the essay.
    ///   - round: chooses the round of this marker's mark, or throws why they cannot mark.
    /// - Throws: `attempt.unknown`, `mark.not-submitted`, `mark.no-item`, `mark.not-essay`,
    ///   `mark.voided`, `mark.blank`, `mark.out-of-range`, or what `round` throws.
    public func mark(
        attempt id: Int64, item: String, marker: String, score: Double, comment: String, at now: Date,
        round: @Sendable @escaping (GradingInput, Int) throws -> Int, grader: Grader
    ) throws -> (round: Int, slot: Int, change: GradeChange) {
        let action = AuditAction(
            "marking.mark", subject: String(id), by: .staff(marker), details: ["item": item, "score": NumericText.compact(score)],
            at: now)
        return try perform(action) { db in
            guard try Self.attemptExists(id, db) else { throw ProblemsError.error("attempt.unknown", ["id": String(id)]) }
            let input = try Self.gradingInput(id, db)
            guard input.attempt.submission != nil else { throw ProblemsError.error("mark.not-submitted", ["id": String(id)]) }
            let found = input.attempt.items.first { String($0.slot) == item || $0.question.id == item.uppercased() }
            guard let found else { throw ProblemsError.error("mark.no-item", ["id": String(id), "item": item]) }
            let arguments = ["id": String(id), "item": found.question.id, "slot": String(found.slot)]
            guard found.question.type == .essay else {
                throw ProblemsError.error("mark.not-essay", arguments.merging(["type": found.question.type.rawValue]) { $1 })
            }
            if input.voided.contains(found.question.id) { throw ProblemsError.error("mark.voided", arguments) }
            guard let answer = input.attempt.answers[found.slot], !answer.isBlank else {
                throw ProblemsError.error("mark.blank", arguments)
            }
            guard score >= 0, score <= found.question.points, score.isFinite else {
                throw ProblemsError.error(
                    "mark.out-of-range",
                    arguments.merging(["score": Self.number(score), "points": Self.number(found.question.points)]) { $1 })
            }
            let chosen = try round(input, found.slot)
            try db.execute(
                sql: "INSERT INTO marks (attempt_id, slot, round, marker, score, comment, marked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [id, found.slot, chosen, marker, score, comment, Self.timestamp(now)])
            let change = try Self.storeGrade(Self.gradingInput(id, db), cause: .marked, by: marker, at: now, grader: grader, db)
            return (chosen, found.slot, change)
        }
    }

    static func storeGrade(
        _ input: GradingInput, cause: StoredGrade.Cause, by operatorName: String, at now: Date, grader: Grader, _ db: Database
    ) throws -> GradeChange {
        let grade = grader(input)
        let previous = input.current?.grade
        let store = previous != grade
        if store {
            try db.execute(
                sql: """
                    INSERT INTO grades (attempt_id, cause, raw, possible, percentage, pass_mark, provisional, passed, items, modules,
                        graded_at, graded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    input.attempt.id, cause.rawValue, grade.raw, grade.possible, grade.percentage, grade.passMark, grade.provisional,
                    grade.passed, try json(grade.items), try json(grade.modules), timestamp(now), operatorName,
                ])
        }
        return GradeChange(
            attemptID: input.attempt.id, candidateNumber: input.attempt.candidate.number, previous: previous, current: grade,
            stored: store)
    }

    /// Records as expired, at their deadline, the sitting's attempts nobody submitted whose time is over.
    static func closeExpired(_ sittingID: String, grace: TimeInterval, now: Date, _ db: Database) throws {
        let open = try Int64.fetchAll(
            db,
            sql: """
                SELECT a.id FROM attempts a JOIN registrations r ON r.id = a.registration_id WHERE r.sitting_id = ?
                AND NOT EXISTS (SELECT 1 FROM attempt_events e WHERE e.attempt_id = a.id
                    AND e.kind IN ('submitted', 'auto-submitted', 'expired'))
                """, arguments: [sittingID])
        for id in open {
            let deadline = try deadline(id, db)
            guard now.timeIntervalSince(deadline) > grace else { continue }
            try event(id, "expired", slot: nil, detail: nil, at: deadline, terminal: "certdesk", db)
            try db.execute(sql: "DELETE FROM attempt_holds WHERE attempt_id = ?", arguments: [id])
        }
    }

    // MARK: Reading

    /// What grading an attempt needs, or `nil` for an unknown attempt.
    public func gradingInput(attempt id: Int64) throws -> GradingInput? {
        try writer.read { db in try Self.attemptExists(id, db) ? try Self.gradingInput(id, db) : nil }
    }

    /// Every grade an attempt has had, oldest first; the last is its result.
    public func grades(attempt id: Int64) throws -> [StoredGrade] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM grades WHERE attempt_id = ? ORDER BY id", arguments: [id]).map(Self.storedGrade)
        }
    }

    static func attemptExists(_ id: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM attempts WHERE id = ?", arguments: [id]) != nil
    }

    static func gradingInput(_ id: Int64, _ db: Database) throws -> GradingInput {
        let attempt = try loadAttempt(id, db)
        let curriculum = try Self.curriculum(attempt.sitting.track, version: attempt.sitting.curriculumVersion, db)
        var marks: [Int: [EssayMark]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM marks WHERE id IN (SELECT max(id) FROM marks WHERE attempt_id = ? GROUP BY slot, round)
                ORDER BY slot, round
                """, arguments: [id])
        {
            marks[row["slot"], default: []].append(essayMark(row))
        }
        let voided = Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT question_id FROM voided_questions WHERE question_id IN (SELECT question_id FROM paper_items WHERE attempt_id = ?)
                    """, arguments: [id]))
        let current = try Row.fetchOne(db, sql: "SELECT * FROM grades WHERE attempt_id = ? ORDER BY id DESC LIMIT 1", arguments: [id])
        return GradingInput(
            attempt: attempt, exam: curriculum.exam, marks: marks, voided: voided, current: try current.map(storedGrade))
    }

    static func essayMark(_ row: Row) -> EssayMark {
        EssayMark(round: row["round"], marker: row["marker"], score: row["score"], comment: row["comment"], markedAt: row["marked_at"])
    }

    static func storedGrade(_ row: Row) throws -> StoredGrade {
        let passed: Bool? = row["passed"]
        let grade = AttemptGrade(
            items: try decode([GradedItem].self, row["items"]), modules: try decode([ModuleScore].self, row["modules"]),
            raw: row["raw"], possible: row["possible"], percentage: row["percentage"], passMark: row["pass_mark"],
            provisional: row["provisional"], passed: passed)
        return StoredGrade(
            id: row["id"], attemptID: row["attempt_id"], cause: StoredGrade.Cause(rawValue: row["cause"]) ?? .regraded, grade: grade,
            gradedAt: parseTimestamp(row["graded_at"]), gradedBy: row["graded_by"])
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
