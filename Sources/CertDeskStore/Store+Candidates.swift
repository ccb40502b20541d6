import CertDeskCore
import Foundation
import GRDB

extension Store {
    /// Adds a candidate and gives them the next candidate number.
    ///
    /// - Throws: `candidate.duplicate-document` when a candidate with the same ID document
    ///   number (ignoring case, spaces and punctuation) exists.
    public func addCandidate(_ new: NewCandidate, by operatorName: String, at date: Date) throws -> Candidate {
        try perform(AuditAction("candidate.add", subject: "", by: .staff(operatorName), at: date)) { db, action in
            if let existing = try String.fetchOne(
                db, sql: "SELECT number FROM candidates WHERE id_document_key = ?", arguments: [new.idDocumentKey])
            {
                throw ProblemsError.error("candidate.duplicate-document", ["number": existing])
            }
            let next = (try Int.fetchOne(db, sql: "SELECT max(id) FROM candidates") ?? 0) + 1
            let number = CandidateNumber.make(next)
            action.subject = number
            try db.execute(
                sql: """
                    INSERT INTO candidates (id, number, family_name, given_name, other_family_name, other_given_name,
                        id_document, id_document_key, email, language, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    next, number, new.name.family, new.name.given, new.otherName?.family, new.otherName?.given, new.idDocument,
                    new.idDocumentKey, new.email, new.language.rawValue, Self.timestamp(date), operatorName,
                ])
            return Candidate(
                number: number, name: new.name, otherName: new.otherName, idDocument: new.idDocument, email: new.email,
                language: new.language, createdAt: date)
        }
    }

    /// Corrects a candidate's name, keeping the names before and after with the reason.
    ///
    /// - Throws: `candidate.unknown`, `candidate.rename.same` (nothing would change).
    public func renameCandidate(
        _ number: String, name: PersonName, otherName: PersonName?, reason: String, by operatorName: String, at date: Date
    ) throws -> (before: Candidate, after: Candidate) {
        try perform(AuditAction("candidate.rename", subject: number, by: .staff(operatorName), reason: reason, at: date)) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE number = ?", arguments: [number]) else {
                throw ProblemsError.error("candidate.unknown", ["number": number])
            }
            let before = Self.candidate(row)
            guard before.name != name || before.otherName != otherName else {
                throw ProblemsError.error("candidate.rename.same", ["number": number])
            }
            try db.execute(
                sql: """
                    UPDATE candidates SET family_name = ?, given_name = ?, other_family_name = ?, other_given_name = ?
                    WHERE number = ?
                    """, arguments: [name.family, name.given, otherName?.family, otherName?.given, number])
            try db.execute(
                sql: """
                    INSERT INTO candidate_name_changes (candidate_id, before, after, reason, changed_at, changed_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row["id"] as Int64, try json([before.name, before.otherName].compactMap { $0 }),
                    try json([name, otherName].compactMap { $0 }), reason, Self.timestamp(date), operatorName,
                ])
            var after = before
            after.name = name
            after.otherName = otherName
            return (before, after)
        }
    }

    /// Erases a candidate's personal data on request: names (the number stands in for them),
    /// ID document, email and the history of name corrections. Registrations, attempts and
    /// results stay, under the candidate number only.
    ///
    /// - Throws: `candidate.unknown`, `candidate.erase.already`, `candidate.erase.credentials`
    ///   (the register of issued credentials keeps its holders' names).
    public func eraseCandidate(_ number: String, reason: String, by operatorName: String, at date: Date) throws {
        try perform(AuditAction("candidate.erase", subject: number, by: .staff(operatorName), reason: reason, at: date)) { db in
            let candidateID = try Self.candidateID(number, db)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM erasures WHERE candidate_id = ?", arguments: [candidateID]) != nil {
                throw ProblemsError.error("candidate.erase.already", ["number": number])
            }
            let held = try String.fetchAll(
                db, sql: "SELECT number FROM credentials WHERE candidate_id = ? ORDER BY id", arguments: [candidateID])
            if !held.isEmpty {
                throw ProblemsError.error("candidate.erase.credentials", ["number": number, "credentials": held.joined(separator: ", ")])
            }
            try db.execute(
                sql: "INSERT INTO erasures (candidate_id, reason, erased_at, erased_by) VALUES (?, ?, ?, ?)",
                arguments: [candidateID, reason, Self.timestamp(date), operatorName])
            try db.execute(
                sql: """
                    UPDATE candidates SET family_name = number, given_name = '', other_family_name = NULL, other_given_name = NULL,
                        id_document = 'erased', id_document_key = 'erased:' || number, email = NULL WHERE id = ?
                    """, arguments: [candidateID])
            try db.execute(
                sql: "UPDATE candidate_name_changes SET before = '[]', after = '[]' WHERE candidate_id = ?", arguments: [candidateID])
        }
    }

    /// Every candidate, in number order.
    public func candidates() throws -> [Candidate] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM candidates ORDER BY id").map(Self.candidate) }
    }

    /// The candidate with this (canonical) number.
    public func candidate(number: String) throws -> Candidate? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE number = ?", arguments: [number]).map(Self.candidate)
        }
    }

    static func candidate(_ row: Row) -> Candidate {
        let other: PersonName? = (row["other_family_name"] as String?).map {
            PersonName(family: $0, given: row["other_given_name"] ?? "")
        }
        return Candidate(
            number: row["number"], name: PersonName(family: row["family_name"], given: row["given_name"]), otherName: other,
            idDocument: row["id_document"], email: row["email"], language: Language(rawValue: row["language"]) ?? .english,
            createdAt: parseTimestamp(row["created_at"]))
    }

    /// Records training hours a candidate completed in a module.
    ///
    /// - Throws: `candidate.unknown`, `training.unknown-module`.
    public func recordTraining(
        candidate number: String, module: String, hours: Double, note: String?, by operatorName: String, at date: Date
    ) throws -> TrainingTotal {
        let action = AuditAction(
            "training.record", subject: number, by: .staff(operatorName), reason: note,
            details: ["module": module, "hours": NumericText.compact(hours)], at: date)
        return try perform(action) { db in
            let candidateID = try Self.candidateID(number, db)
            guard let track = try String.fetchOne(db, sql: "SELECT track FROM track_modules WHERE module_id = ?", arguments: [module])
            else {
                throw ProblemsError.error("training.unknown-module", ["module": module])
            }
            try db.execute(
                sql: """
                    INSERT INTO training_records (candidate_id, track, module_id, hours, note, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [candidateID, track, module, hours, note, Self.timestamp(date), operatorName])
            let total =
                try Double.fetchOne(
                    db, sql: "SELECT sum(hours) FROM training_records WHERE candidate_id = ? AND module_id = ?",
                    arguments: [candidateID, module]) ?? hours
            return TrainingTotal(track: track, module: module, hours: total)
        }
    }

    /// Training hours per module recorded for a candidate.
    public func trainingTotals(candidate number: String) throws -> [TrainingTotal] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.track, t.module_id, sum(t.hours) AS hours FROM training_records t
                    JOIN candidates c ON c.id = t.candidate_id WHERE c.number = ?
                    GROUP BY t.track, t.module_id ORDER BY t.track, t.module_id
                    """, arguments: [number]
            ).map { TrainingTotal(track: $0["track"], module: $0["module_id"], hours: $0["hours"]) }
        }
    }

    /// A candidate's registrations, earliest sitting first.
    public func registrations(candidate number: String) throws -> [RegistrationSummary] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*, r.registered_at, a.id AS attempt_id,
                        EXISTS (SELECT 1 FROM attempt_events e WHERE e.attempt_id = a.id
                                AND e.kind IN ('submitted', 'auto-submitted', 'expired')) AS submitted
                    FROM registrations r JOIN candidates c ON c.id = r.candidate_id
                    JOIN sittings s ON s.id = r.sitting_id LEFT JOIN attempts a ON a.registration_id = r.id
                    WHERE c.number = ? ORDER BY s.starts_ms
                    """, arguments: [number]
            ).map { row in
                RegistrationSummary(
                    sitting: Self.sitting(row), registeredAt: row["registered_at"], attemptID: row["attempt_id"],
                    submitted: row["submitted"])
            }
        }
    }

    static func candidateID(_ number: String, _ db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM candidates WHERE number = ?", arguments: [number]) else {
            throw ProblemsError.error("candidate.unknown", ["number": number])
        }
        return id
    }
}

/// Reads a timestamp written by `Store.timestamp`.
func parseTimestamp(_ text: String) -> Date {
    (try? Date(
        text,
        strategy: .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
            .timeSeparator(.colon).timeZone(separator: .omitted))) ?? Date(timeIntervalSince1970: 0)
}

extension Date {
    /// Milliseconds since 1970, as exam times are stored.
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
