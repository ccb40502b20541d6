import CertDeskCore
import Foundation
import GRDB

extension Store {
    /// Schedules a sitting of a track's current curriculum; its id is `TRACK-YYMMDD-NN`.
    ///
    /// - Throws: `session.unknown-track`.
    public func createSitting(_ new: NewSitting, by operatorName: String, at date: Date) throws -> Sitting {
        try perform(AuditAction("session.create", subject: new.track, by: .staff(operatorName), at: date)) { db, action in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT t.current_version, v.duration_minutes FROM tracks t
                        JOIN curriculum_versions v ON v.track = t.code AND v.version = t.current_version WHERE t.code = ?
                        """, arguments: [new.track])
            else { throw ProblemsError.error("session.unknown-track", ["track": new.track]) }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: new.timeZone) ?? .current
            let day = calendar.dateComponents([.year, .month, .day], from: new.startsAt)
            let prefix = String(format: "%@-%02d%02d%02d-", new.track, (day.year ?? 0) % 100, day.month ?? 0, day.day ?? 0)
            let taken = try Int.fetchOne(db, sql: "SELECT count(*) FROM sittings WHERE id LIKE ?", arguments: [prefix + "%"]) ?? 0
            let sitting = Sitting(
                id: prefix + String(format: "%02d", taken + 1), track: new.track, curriculumVersion: row["current_version"],
                startsAt: new.startsAt, timeZone: new.timeZone, durationMinutes: new.durationMinutes ?? row["duration_minutes"],
                lateEntryMinutes: new.lateEntryMinutes, centre: new.centre, capacity: new.capacity)
            action.subject = sitting.id
            action.details = ["centre": sitting.centre, "starts": Self.timestamp(sitting.startsAt)]
            try db.execute(
                sql: """
                    INSERT INTO sittings (id, track, curriculum_version, starts_ms, time_zone, duration_minutes,
                        late_entry_minutes, centre, capacity, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    sitting.id, sitting.track, sitting.curriculumVersion, sitting.startsAt.milliseconds, sitting.timeZone,
                    sitting.durationMinutes, sitting.lateEntryMinutes, sitting.centre, sitting.capacity, Self.timestamp(date),
                    operatorName,
                ])
            return sitting
        }
    }

    /// Sittings with their counts, earliest first; optionally of one track.
    public func sittings(track: String? = nil) throws -> [SittingSummary] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*,
                        (SELECT count(*) FROM registrations r WHERE r.sitting_id = s.id) AS registered,
                        (SELECT count(*) FROM attempts a JOIN registrations r ON r.id = a.registration_id
                            WHERE r.sitting_id = s.id) AS started,
                        (SELECT count(*) FROM attempt_events e JOIN attempts a ON a.id = e.attempt_id
                            JOIN registrations r ON r.id = a.registration_id
                            WHERE r.sitting_id = s.id AND e.kind IN ('submitted', 'auto-submitted', 'expired')) AS submitted
                    FROM sittings s WHERE ?1 IS NULL OR s.track = ?1 ORDER BY s.starts_ms, s.id
                    """, arguments: [track]
            ).map { row in
                SittingSummary(
                    sitting: Self.sitting(row), registered: row["registered"], started: row["started"], submitted: row["submitted"])
            }
        }
    }

    /// The sitting with this id.
    public func sitting(id: String) throws -> Sitting? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM sittings WHERE id = ?", arguments: [id]).map(Self.sitting) }
    }

    static func sitting(_ row: Row) -> Sitting {
        Sitting(
            id: row["id"], track: row["track"], curriculumVersion: row["curriculum_version"],
            startsAt: Date(milliseconds: row["starts_ms"]), timeZone: row["time_zone"], durationMinutes: row["duration_minutes"],
            lateEntryMinutes: row["late_entry_minutes"], centre: row["centre"], capacity: row["capacity"])
    }

    /// Registers a candidate for a sitting if `rules` accept the facts, and stores the access code.
    ///
    /// The facts are read and the registration written in one transaction, so two operators
    /// registering at once cannot overfill a sitting.
    /// - Throws: `candidate.unknown`, `session.unknown`, or whatever `rules` throw.
    public func register(
        candidate number: String, sitting sittingID: String, code: AccessCodeHash, by operatorName: String, at date: Date,
        rules: @Sendable (RegistrationFacts) throws -> Void
    ) throws {
        try perform(AuditAction("registration.add", subject: number, by: .staff(operatorName), details: ["session": sittingID], at: date)) {
            db in
            let facts = try Self.registrationFacts(number, sittingID, date, db)
            try rules(facts)
            let candidateID = try Self.candidateID(number, db)
            try db.execute(
                sql: "INSERT INTO registrations (candidate_id, sitting_id, registered_at, registered_by) VALUES (?, ?, ?, ?)",
                arguments: [candidateID, sittingID, Self.timestamp(date), operatorName])
            try Self.insertCode(db.lastInsertedRowID, code, operatorName, date, db)
        }
    }

    /// Replaces the access code of a registration (a lost code, or a lockout to clear).
    ///
    /// - Throws: `register.not-registered`.
    public func reissueCode(
        candidate number: String, sitting sittingID: String, code: AccessCodeHash, by operatorName: String, at date: Date
    )
        throws
    {
        let action = AuditAction("registration.code", subject: number, by: .staff(operatorName), details: ["session": sittingID], at: date)
        try perform(action) { db in
            guard
                let registrationID = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT r.id FROM registrations r JOIN candidates c ON c.id = r.candidate_id
                        WHERE c.number = ? AND r.sitting_id = ?
                        """, arguments: [number, sittingID])
            else { throw ProblemsError.error("register.not-registered", ["number": number, "session": sittingID]) }
            try Self.insertCode(registrationID, code, operatorName, date, db)
        }
    }

    private static func insertCode(_ registrationID: Int64, _ code: AccessCodeHash, _ operatorName: String, _ date: Date, _ db: Database)
        throws
    {
        try db.execute(
            sql: "INSERT INTO access_codes (registration_id, salt, code_hash, issued_at_ms, issued_by) VALUES (?, ?, ?, ?, ?)",
            arguments: [registrationID, code.salt, code.hash, date.milliseconds, operatorName])
    }

    private static func registrationFacts(_ number: String, _ sittingID: String, _ date: Date, _ db: Database) throws
        -> RegistrationFacts
    {
        guard let candidateRow = try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE number = ?", arguments: [number]) else {
            throw ProblemsError.error("candidate.unknown", ["number": number])
        }
        guard let sittingRow = try Row.fetchOne(db, sql: "SELECT * FROM sittings WHERE id = ?", arguments: [sittingID]) else {
            throw ProblemsError.error("session.unknown", ["session": sittingID])
        }
        let candidateID: Int64 = candidateRow["id"]
        let sitting = sitting(sittingRow)
        let curriculum = try Self.curriculum(sitting.track, version: sitting.curriculumVersion, db)
        let registered = try Int.fetchOne(db, sql: "SELECT count(*) FROM registrations WHERE sitting_id = ?", arguments: [sittingID]) ?? 0
        let others = try Row.fetchAll(
            db,
            sql: "SELECT s.* FROM sittings s JOIN registrations r ON r.sitting_id = s.id WHERE r.candidate_id = ?",
            arguments: [candidateID]
        ).map(Self.sitting)
        var hours: [String: Double] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT module_id, sum(hours) AS hours FROM training_records WHERE candidate_id = ? AND track = ? GROUP BY module_id",
            arguments: [candidateID, sitting.track])
        {
            hours[row["module_id"]] = row["hours"]
        }
        return RegistrationFacts(
            candidate: candidate(candidateRow), sitting: sitting, curriculum: curriculum, registered: registered,
            alreadyRegistered: others.contains { $0.id == sittingID }, otherSittings: others.filter { $0.id != sittingID },
            trainingHours: hours, heldCredentials: try heldCredentials(candidateID, on: sitting.startsAt, db))
    }

    /// Tracks whose credential vouches for the candidate on `date`: within its validity and not revoked by then.
    static func heldCredentials(_ candidateID: Int64, on date: Date, _ db: Database) throws -> Set<String> {
        Set(try credentialRecords("candidate_id = ?", [candidateID], db).filter { $0.status.vouches(on: date) }.map(\.track))
    }

    /// Grants extra minutes to one registration (accommodation) or to a whole sitting (incident).
    ///
    /// - Throws: `session.unknown`, `register.not-registered`.
    public func grantExtraTime(
        sitting sittingID: String, candidate number: String?, minutes: Int, reason: String, by operatorName: String, at date: Date
    ) throws {
        var details = ["minutes": String(minutes)]
        if let number { details["candidate"] = number }
        let action = AuditAction(
            "session.extra-time", subject: sittingID, by: .staff(operatorName), reason: reason, details: details, at: date)
        try perform(action) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sittings WHERE id = ?", arguments: [sittingID]) != nil else {
                throw ProblemsError.error("session.unknown", ["session": sittingID])
            }
            var registrationID: Int64?
            if let number {
                registrationID = try Int64.fetchOne(
                    db,
                    sql:
                        "SELECT r.id FROM registrations r JOIN candidates c ON c.id = r.candidate_id WHERE c.number = ? AND r.sitting_id = ?",
                    arguments: [number, sittingID])
                if registrationID == nil {
                    throw ProblemsError.error("register.not-registered", ["number": number, "session": sittingID])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO extra_time (sitting_id, registration_id, minutes, reason, granted_at, granted_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [sittingID, registrationID, minutes, reason, Self.timestamp(date), operatorName])
        }
    }
}
