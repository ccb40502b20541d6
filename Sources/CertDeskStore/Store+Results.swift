import CertDeskCore
import Foundation
import GRDB

extension Store {
    // MARK: Voiding

    /// Withdraws a question as faulty. Results change when the affected sittings are regraded.
    ///
    /// - Throws: `item.unknown`, `item.void.already`, `item.void.no-reason`.
    public func voidQuestion(_ questionID: String, reason: String, by operatorName: String, at now: Date) throws -> VoidImpact {
        try perform(AuditAction("item.void", subject: questionID, by: .staff(operatorName), reason: reason, at: now)) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM questions WHERE id = ?", arguments: [questionID]) != nil else {
                throw ProblemsError.error("item.unknown", ["id": questionID])
            }
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM voided_questions WHERE question_id = ?", arguments: [questionID]) {
                throw ProblemsError.error(
                    "item.void.already",
                    [
                        "id": questionID, "at": ClockText.format(parseTimestamp(row["voided_at"]), "yyyy-MM-dd HH:mm"),
                        "by": row["voided_by"], "reason": row["reason"],
                    ])
            }
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ProblemsError.error("item.void.no-reason", ["id": questionID])
            }
            try db.execute(
                sql: "INSERT INTO voided_questions (question_id, reason, voided_at, voided_by) VALUES (?, ?, ?, ?)",
                arguments: [questionID, reason, Self.timestamp(now), operatorName])
            try Self.refreshPools(db)
            let sittings = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.sitting_id, count(*) AS papers FROM paper_items p JOIN attempts a ON a.id = p.attempt_id
                    JOIN registrations r ON r.id = a.registration_id JOIN sittings s ON s.id = r.sitting_id
                    WHERE p.question_id = ? GROUP BY r.sitting_id ORDER BY min(s.starts_ms), r.sitting_id
                    """, arguments: [questionID]
            ).map { (sittingID: $0["sitting_id"] as String, papers: $0["papers"] as Int) }
            return VoidImpact(questionID: questionID, sittings: sittings)
        }
    }

    // MARK: Release

    /// Releases a sitting's results to its candidates, once every result is final.
    ///
    /// Abandoned attempts are closed and every attempt graded again first (a grade is stored
    /// only where it changed, e.g. after a void), in the same transaction.
    /// - Returns: each released result, with whether grading it again changed it.
    /// - Throws: `session.unknown`, `release.already`, `release.in-progress`, `release.nothing`,
    ///   `release.provisional`.
    public func release(sitting sittingID: String, grace: TimeInterval, by operatorName: String, at now: Date, grader: Grader) throws
        -> [GradeChange]
    {
        try perform(AuditAction("result.release", subject: sittingID, by: .staff(operatorName), at: now)) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sittings WHERE id = ?", arguments: [sittingID]) != nil else {
                throw ProblemsError.error("session.unknown", ["session": sittingID])
            }
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM releases WHERE sitting_id = ?", arguments: [sittingID]) {
                throw ProblemsError.error(
                    "release.already",
                    [
                        "session": sittingID, "at": ClockText.format(parseTimestamp(row["released_at"]), "yyyy-MM-dd HH:mm"),
                        "by": row["released_by"],
                    ])
            }
            try Self.closeExpired(sittingID, grace: grace, now: now, db)
            let attempts = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, EXISTS (SELECT 1 FROM attempt_events e WHERE e.attempt_id = a.id
                        AND e.kind IN ('submitted', 'auto-submitted', 'expired')) AS submitted
                    FROM attempts a JOIN registrations r ON r.id = a.registration_id WHERE r.sitting_id = ?
                    """, arguments: [sittingID])
            let running = attempts.filter { !($0["submitted"] as Bool) }.count
            if running > 0 {
                throw ProblemsError.error("release.in-progress", ["session": sittingID, "count": String(running)])
            }
            if attempts.isEmpty { throw ProblemsError.error("release.nothing", ["session": sittingID]) }
            // Graded again with the voids and marks of now, so what is released is current.
            let changes = try attempts.map { row in
                let input = try Self.gradingInput(row["id"], db)
                return try Self.storeGrade(
                    input, cause: input.current == nil ? .submitted : .regraded, by: operatorName, at: now, grader: grader, db)
            }
            let provisional = changes.filter(\.current.provisional).count
            if provisional > 0 {
                throw ProblemsError.error("release.provisional", ["session": sittingID, "count": String(provisional)])
            }
            try db.execute(
                sql: "INSERT INTO releases (sitting_id, released_at, released_by) VALUES (?, ?, ?)",
                arguments: [sittingID, Self.timestamp(now), operatorName])
            return changes
        }
    }

    // MARK: Reading results

    /// Every registration of a sitting with its attempt's current result.
    ///
    /// - Throws: `session.unknown`.
    public func results(sitting sittingID: String) throws -> SittingResults {
        try writer.read { db in
            guard let sittingRow = try Row.fetchOne(db, sql: "SELECT * FROM sittings WHERE id = ?", arguments: [sittingID]) else {
                throw ProblemsError.error("session.unknown", ["session": sittingID])
            }
            let sitting = Self.sitting(sittingRow)
            let release = try Row.fetchOne(db, sql: "SELECT * FROM releases WHERE sitting_id = ?", arguments: [sittingID])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.*, a.id AS attempt_id FROM registrations r JOIN candidates c ON c.id = r.candidate_id
                    LEFT JOIN attempts a ON a.registration_id = r.id WHERE r.sitting_id = ? ORDER BY c.number
                    """, arguments: [sittingID])
            let entries = try rows.map { row in
                let attemptID: Int64? = row["attempt_id"]
                guard let attemptID else {
                    return ResultEntry(candidate: Self.candidate(row), attemptID: nil, submission: nil, grade: nil, answers: [:])
                }
                let grade = try Row.fetchOne(
                    db, sql: "SELECT * FROM grades WHERE attempt_id = ? ORDER BY id DESC LIMIT 1", arguments: [attemptID])
                return ResultEntry(
                    candidate: Self.candidate(row), attemptID: attemptID, submission: try Self.submission(attemptID, db),
                    grade: try grade.map(Self.storedGrade), answers: try Self.latestAnswers(attemptID, db))
            }
            return SittingResults(
                sitting: sitting, curriculum: try Self.curriculum(sitting.track, version: sitting.curriculumVersion, db),
                released: release.map { (at: parseTimestamp($0["released_at"]), by: $0["released_by"] as String) },
                entries: entries)
        }
    }

    /// The ids of a track's sittings, oldest first.
    public func sittingIDs(track: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM sittings WHERE track = ? ORDER BY starts_ms, id", arguments: [track])
        }
    }

    /// When a sitting's results were released, if they were.
    public func release(of sittingID: String) throws -> (at: Date, by: String)? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM releases WHERE sitting_id = ?", arguments: [sittingID]).map {
                (at: parseTimestamp($0["released_at"]), by: $0["released_by"] as String)
            }
        }
    }

    /// The questions voided, with why, when and by whom.
    public func voidedQuestions() throws -> [(id: String, reason: String, at: Date, by: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM voided_questions ORDER BY voided_at, question_id").map {
                (id: $0["question_id"], reason: $0["reason"], at: parseTimestamp($0["voided_at"]), by: $0["voided_by"])
            }
        }
    }

    /// Answered essays of submitted papers (voided questions left out), with their marks so far.
    ///
    /// Nothing here names the candidate: markers work blind.
    public func essays(sitting sittingID: String?) throws -> [EssayAnswer] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.attempt_id, p.slot, r.sitting_id, s.track, s.curriculum_version, v.*, e.at_ms AS submitted_ms,
                        (SELECT value FROM responses x WHERE x.attempt_id = p.attempt_id AND x.slot = p.slot AND x.kind = 'answer'
                            ORDER BY x.id DESC LIMIT 1) AS typed_answer
                    FROM paper_items p
                    JOIN question_versions v ON v.question_id = p.question_id AND v.version = p.version AND v.type = 'essay'
                    JOIN attempts a ON a.id = p.attempt_id JOIN registrations r ON r.id = a.registration_id
                    JOIN sittings s ON s.id = r.sitting_id
                    JOIN attempt_events e ON e.attempt_id = a.id AND e.kind IN ('submitted', 'auto-submitted', 'expired')
                    WHERE (?1 IS NULL OR r.sitting_id = ?1)
                    AND p.question_id NOT IN (SELECT question_id FROM voided_questions)
                    ORDER BY e.at_ms, p.attempt_id, p.slot
                    """, arguments: [sittingID])
            var rules: [String: MarkingRules] = [:]
            var essays: [EssayAnswer] = []
            for row in rows {
                guard let value = row["typed_answer"] as String?, case .text(let text) = try decode(Answer.self, value),
                    !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                else { continue }
                let key = "\(row["track"] as String)@\(row["curriculum_version"] as Int)"
                if rules[key] == nil {
                    rules[key] = try Self.curriculum(row["track"], version: row["curriculum_version"], db).exam.marking
                }
                let marks = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM marks WHERE id IN (SELECT max(id) FROM marks WHERE attempt_id = ? AND slot = ? GROUP BY round)
                        ORDER BY round
                        """, arguments: [row["attempt_id"], row["slot"]]
                ).map(Self.essayMark)
                essays.append(
                    EssayAnswer(
                        attemptID: row["attempt_id"], sittingID: row["sitting_id"], slot: row["slot"], question: try Self.question(row),
                        version: row["version"], answer: text, submittedAt: Date(milliseconds: row["submitted_ms"]), marks: marks,
                        marking: rules[key]!))
            }
            return essays
        }
    }

    /// Question versions by `id@version`, for reading stored grades against what candidates saw.
    public func questions(versions keys: Set<String>) throws -> [String: Question] {
        try writer.read { db in
            var found: [String: Question] = [:]
            for key in keys {
                guard let at = key.lastIndex(of: "@"), let version = Int(key[key.index(after: at)...]) else { continue }
                if let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM question_versions WHERE question_id = ? AND version = ?",
                    arguments: [String(key[..<at]), version])
                {
                    found[key] = try Self.question(row)
                }
            }
            return found
        }
    }

    /// The curriculum version a sitting was scheduled under.
    static func curriculum(_ track: String, version: Int, _ db: Database) throws -> Curriculum {
        let document = try String.fetchOne(
            db, sql: "SELECT document FROM curriculum_versions WHERE track = ? AND version = ?", arguments: [track, version])
        return try decode(Curriculum.self, document ?? "{}")
    }

    static func latestAnswers(_ attemptID: Int64, _ db: Database) throws -> [Int: Answer] {
        var answers: [Int: Answer] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT slot, value FROM responses WHERE id IN
                    (SELECT max(id) FROM responses WHERE attempt_id = ? AND kind = 'answer' GROUP BY slot)
                """, arguments: [attemptID])
        {
            if let value = row["value"] as String?, let answer = try? decode(Answer.self, value), !answer.isBlank {
                answers[row["slot"]] = answer
            }
        }
        return answers
    }
}
