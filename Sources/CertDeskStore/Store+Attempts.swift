import CertDeskCore
import Foundation
import GRDB

/// The outcome of checking a candidate number and access code.
public enum LoginCheck: Sendable {
    /// The code opens these registrations (normally one), with their sittings.
    case accepted([(registrationID: Int64, sitting: Sitting)])
    /// Refused and recorded; `failures` counts the recent failures, this one included.
    case refused(LoginFailure, failures: Int, lockedUntil: Date?)
}

/// A freshly drawn paper and how it was drawn, for the record.
public struct DrawnPaper: Sendable {
    public var paper: Paper
    /// The name and version of the rules that drew it.
    public var assembler: String
    /// SHA-256 of the pool drawn from, so a rebuild can tell it used the same pool.
    public var poolDigest: String
    public var seen: [String]

    public init(paper: Paper, assembler: String, poolDigest: String, seen: [String]) {
        self.paper = paper
        self.assembler = assembler
        self.poolDigest = poolDigest
        self.seen = seen
    }
}

/// What opening an attempt led to.
public enum OpenOutcome: Sendable {
    case opened(StoredAttempt, resumed: Bool, tookOver: Bool)
    /// The attempt is over (now recorded as expired if time ran out while away).
    case closed(Submission)
}

extension Store {
    /// Checks a login against the registrations' latest access codes, recording a failure.
    ///
    /// After `maxFailures` failures within `window` (counted since the latest code was issued)
    /// the candidate number is locked until the window has passed.
    public func checkLogin(
        number: String, terminal: String, at now: Date, maxFailures: Int, window: TimeInterval,
        matches: @Sendable @escaping (AccessCodeHash) -> Bool
    ) throws -> LoginCheck {
        try perform(AuditAction("room.login-failed", subject: number, by: .candidate(number), details: ["terminal": terminal], at: now)) {
            db, action in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id AS registration_id, s.*, k.salt, k.code_hash, k.issued_at_ms
                    FROM registrations r JOIN candidates c ON c.id = r.candidate_id JOIN sittings s ON s.id = r.sitting_id
                    JOIN access_codes k ON k.id = (SELECT max(id) FROM access_codes WHERE registration_id = r.id)
                    WHERE c.number = ? ORDER BY s.starts_ms
                    """, arguments: [number])
            let since = max(now.milliseconds - Int64(window * 1000), rows.map { $0["issued_at_ms"] as Int64 }.max() ?? 0)
            let failureTimes = try Int64.fetchAll(
                db,
                sql: "SELECT at_ms FROM login_failures WHERE candidate_number = ? AND at_ms > ? AND reason <> 'locked' ORDER BY at_ms",
                arguments: [number, since])
            func refuse(_ reason: LoginFailure) throws -> LoginCheck {
                action.details["reason"] = reason.rawValue
                try db.execute(
                    sql: "INSERT INTO login_failures (candidate_number, reason, at_ms, terminal) VALUES (?, ?, ?, ?)",
                    arguments: [number, reason.rawValue, now.milliseconds, terminal])
                let counted = reason == .locked ? failureTimes : failureTimes + [now.milliseconds]
                // The number stays locked while `maxFailures` failures fall within the window: until
                // one window after the oldest of the latest `maxFailures`, not after this one.
                let locked = counted.count >= maxFailures
                let lockStart = locked ? counted[counted.count - maxFailures] : now.milliseconds
                return .refused(
                    reason, failures: counted.count,
                    lockedUntil: locked ? Date(milliseconds: lockStart).addingTimeInterval(window) : nil)
            }
            if failureTimes.count >= maxFailures { return try refuse(.locked) }
            if rows.isEmpty { return try refuse(.unknownCandidate) }
            let accepted = rows.filter { matches(AccessCodeHash(salt: $0["salt"], hash: $0["code_hash"])) }
            if accepted.isEmpty { return try refuse(.wrongCode) }
            return .accepted(accepted.map { (registrationID: $0["registration_id"], sitting: Self.sitting($0)) })
        }
    }

    /// Opens (starting or resuming) the attempt of a registration for a terminal.
    ///
    /// A new attempt draws its paper with `draw`, in the same transaction. An attempt held by a
    /// live process elsewhere is refused unless `takeOver`; a hold whose process has died
    /// (`isAlive` false) is taken over silently, as after a crash. An attempt whose time ran
    /// out while nobody had it open is recorded as expired at its deadline.
    /// - Throws: `room.not-open`, `room.entry-closed`, `room.held-elsewhere`.
    public func openAttempt(
        registration registrationID: Int64, terminal: TerminalIdentity, language: Language?, takeOver: Bool, at now: Date,
        isAlive: @Sendable @escaping (String, Int32) -> Bool,
        draw: @Sendable @escaping (_ curriculum: Curriculum, _ pool: StoredPool) throws -> DrawnPaper
    ) throws -> OpenOutcome {
        let action = AuditAction("attempt.start", subject: "", by: .system, details: ["terminal": terminal.name], at: now)
        return try perform(action) { db, action in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.*, r.candidate_id, c.number AS candidate_number, c.language AS candidate_language,
                            a.id AS attempt_id FROM registrations r
                        JOIN sittings s ON s.id = r.sitting_id JOIN candidates c ON c.id = r.candidate_id
                        LEFT JOIN attempts a ON a.registration_id = r.id WHERE r.id = ?
                        """, arguments: [registrationID])
            else { throw ProblemsError.error("room.not-registered") }
            let sitting = Self.sitting(row)
            action.actor = .candidate(row["candidate_number"])
            action.subject = sitting.id
            if now < sitting.startsAt {
                let minutes = Int((sitting.startsAt.timeIntervalSince(now) / 60).rounded(.up))
                throw ProblemsError.error(
                    "room.not-open", ["session": sitting.id, "starts": sitting.localTime(sitting.startsAt), "minutes": String(minutes)])
            }
            var attemptID: Int64? = row["attempt_id"]
            var resumed = true
            var tookOver = false
            if let existing = attemptID {
                if let submission = try Self.submission(existing, db) { return .closed(submission) }
                let deadline = try Self.deadline(existing, db)
                if now >= deadline {
                    try Self.event(existing, "expired", slot: nil, detail: nil, at: deadline, terminal: terminal.name, db)
                    action.action = "attempt.expire"
                    return .closed(Submission(kind: .expired, at: deadline))
                }
                if let hold = try Row.fetchOne(db, sql: "SELECT * FROM attempt_holds WHERE attempt_id = ?", arguments: [existing]),
                    hold["token"] as String != terminal.token, isAlive(hold["host"], hold["pid"])
                {
                    guard takeOver else {
                        throw ProblemsError.error(
                            "room.held-elsewhere",
                            ["terminal": hold["terminal"], "since": sitting.localTime(Date(milliseconds: hold["since_ms"]))])
                    }
                    tookOver = true
                }
                try Self.event(existing, tookOver ? "taken-over" : "resumed", slot: nil, detail: nil, at: now, terminal: terminal.name, db)
                action.action = tookOver ? "attempt.take-over" : "attempt.resume"
            } else {
                if now > sitting.entryClosesAt {
                    throw ProblemsError.error(
                        "room.entry-closed", ["session": sitting.id, "closed": sitting.localTime(sitting.entryClosesAt)])
                }
                let chosen = language ?? Language(rawValue: row["candidate_language"]) ?? .english
                attemptID = try Self.startAttempt(registrationID, row["candidate_id"], sitting, chosen, now, terminal, draw, db)
                resumed = false
            }
            let id = attemptID!
            action.details["attempt"] = String(id)
            try db.execute(
                sql: """
                    INSERT INTO attempt_holds (attempt_id, token, host, pid, terminal, since_ms) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (attempt_id) DO UPDATE SET token = excluded.token, host = excluded.host, pid = excluded.pid,
                        terminal = excluded.terminal, since_ms = excluded.since_ms
                    """, arguments: [id, terminal.token, terminal.host, terminal.pid, terminal.name, now.milliseconds])
            return .opened(try Self.loadAttempt(id, db), resumed: resumed, tookOver: tookOver)
        }
    }

    private static func startAttempt(
        _ registrationID: Int64, _ candidateID: Int64, _ sitting: Sitting, _ language: Language, _ now: Date, _ terminal: TerminalIdentity,
        _ draw: @Sendable (Curriculum, StoredPool) throws -> DrawnPaper, _ db: Database
    ) throws -> Int64 {
        let curriculum = try Self.curriculum(sitting.track, version: sitting.curriculumVersion, db)
        let pool = try StoredPool(track: sitting.track, candidateID: candidateID, db)
        let drawn = try draw(curriculum, pool)
        try db.execute(
            sql: """
                INSERT INTO attempts (registration_id, seed, assembler, pool_digest, seen, started_ms, duration_minutes, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                registrationID, Int64(bitPattern: drawn.paper.seed), drawn.assembler, drawn.poolDigest, try json(drawn.seen.sorted()),
                now.milliseconds, sitting.durationMinutes, language.rawValue,
            ])
        let attemptID = db.lastInsertedRowID
        for item in drawn.paper.items {
            try db.execute(
                sql: "INSERT INTO paper_items (attempt_id, slot, question_id, version, option_order) VALUES (?, ?, ?, ?, ?)",
                arguments: [attemptID, item.slot, item.questionID, item.version, try json(item.optionOrder)])
        }
        try event(attemptID, "started", slot: nil, detail: nil, at: now, terminal: terminal.name, db)
        return attemptID
    }

    // MARK: Saving

    /// Appends an answer (or a cleared answer) for a slot, if this terminal holds the attempt and time remains.
    ///
    /// - Parameter grace: how long after the deadline an answer sent before it may still arrive.
    /// - Throws: `room.taken-over`, `room.submitted`, `room.time-up`.
    public func appendAnswer(_ answer: Answer?, attempt: Int64, slot: Int, terminal: TerminalIdentity, at now: Date, grace: TimeInterval)
        throws
    {
        let value = try answer.map(json)
        try appendResponse(kind: "answer", value: value, attempt: attempt, slot: slot, terminal: terminal, at: now, grace: grace)
    }

    /// Appends a flag change for a slot; same checks as ``appendAnswer(_:attempt:slot:terminal:at:grace:)``.
    public func appendFlag(_ flagged: Bool, attempt: Int64, slot: Int, terminal: TerminalIdentity, at now: Date, grace: TimeInterval) throws
    {
        try appendResponse(
            kind: "flag", value: flagged ? "true" : "false", attempt: attempt, slot: slot, terminal: terminal, at: now, grace: grace)
    }

    private func appendResponse(
        kind: String, value: String?, attempt: Int64, slot: Int, terminal: TerminalIdentity, at now: Date, grace: TimeInterval
    ) throws {
        let action = AuditAction(
            kind == "answer" ? "attempt.answer" : "attempt.flag", subject: String(attempt), by: .attempt(attempt),
            details: ["slot": String(slot)], at: now)
        try perform(action) { db in
            try Self.checkOpen(attempt, terminal, now, grace, db)
            try db.execute(
                sql: "INSERT INTO responses (attempt_id, slot, kind, value, at_ms, terminal) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [attempt, slot, kind, value, now.milliseconds, terminal.name])
        }
    }

    /// Records a room event (`position`, `language`) for this terminal's attempt.
    public func recordEvent(_ kind: String, attempt: Int64, slot: Int?, detail: String?, terminal: TerminalIdentity, at now: Date) throws {
        let action = AuditAction(
            "attempt.\(kind)", subject: String(attempt), by: .attempt(attempt),
            details: ["slot": slot.map(String.init) ?? "-", "detail": detail ?? "-"], at: now)
        try perform(action) { db in
            try Self.checkOpen(attempt, terminal, now, .infinity, db)
            try Self.event(attempt, kind, slot: slot, detail: detail, at: now, terminal: terminal.name, db)
        }
    }

    /// Submits the attempt; `automatic` when the clock ran out. Submitting twice is refused.
    ///
    /// - Throws: `room.taken-over`, `room.submitted`.
    public func submitAttempt(_ attempt: Int64, automatic: Bool, terminal: TerminalIdentity, at now: Date) throws {
        let action = AuditAction(
            automatic ? "attempt.auto-submit" : "attempt.submit", subject: String(attempt), by: .attempt(attempt), at: now)
        try perform(action) { db in
            try Self.checkOpen(attempt, terminal, now, .infinity, db)
            let deadline = try Self.deadline(attempt, db)
            try Self.event(
                attempt, automatic ? "auto-submitted" : "submitted", slot: nil, detail: nil, at: min(now, deadline),
                terminal: terminal.name, db)
            try db.execute(sql: "DELETE FROM attempt_holds WHERE attempt_id = ? AND token = ?", arguments: [attempt, terminal.token])
        }
    }

    /// Lets go of an attempt this terminal holds.
    public func releaseHold(_ attempt: Int64, terminal: TerminalIdentity) throws {
        try performUnrecorded { db in
            try db.execute(sql: "DELETE FROM attempt_holds WHERE attempt_id = ? AND token = ?", arguments: [attempt, terminal.token])
        }
    }

    /// Whether `terminal` still holds the attempt.
    public func holds(_ attempt: Int64, terminal: TerminalIdentity) throws -> Bool {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT token FROM attempt_holds WHERE attempt_id = ?", arguments: [attempt]) == terminal.token
        }
    }

    /// The attempt's deadline now, extra time included.
    public func deadline(attempt: Int64) throws -> Date {
        try writer.read { db in try Self.deadline(attempt, db) }
    }

    private static func checkOpen(_ attempt: Int64, _ terminal: TerminalIdentity, _ now: Date, _ grace: TimeInterval, _ db: Database) throws
    {
        let token = try String.fetchOne(db, sql: "SELECT token FROM attempt_holds WHERE attempt_id = ?", arguments: [attempt])
        if try submission(attempt, db) != nil { throw ProblemsError.error("room.submitted.closed") }
        guard token == terminal.token else { throw ProblemsError.error("room.taken-over") }
        if now.timeIntervalSince(try deadline(attempt, db)) > grace { throw ProblemsError.error("room.time-up") }
    }

    static func deadline(_ attempt: Int64, _ db: Database) throws -> Date {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT a.started_ms, a.duration_minutes,
                    (SELECT coalesce(sum(x.minutes), 0) FROM extra_time x WHERE x.sitting_id = r.sitting_id
                        AND (x.registration_id IS NULL OR x.registration_id = r.id)) AS extra
                FROM attempts a JOIN registrations r ON r.id = a.registration_id WHERE a.id = ?
                """, arguments: [attempt])
        guard let row else { throw ProblemsError.error("room.not-registered") }
        let minutes: Int = (row["duration_minutes"] as Int) + (row["extra"] as Int)
        return Date(milliseconds: row["started_ms"]).addingTimeInterval(Double(minutes) * 60)
    }

    static func submission(_ attempt: Int64, _ db: Database) throws -> Submission? {
        try Row.fetchOne(
            db,
            sql: "SELECT kind, at_ms FROM attempt_events WHERE attempt_id = ? AND kind IN ('submitted', 'auto-submitted', 'expired')",
            arguments: [attempt]
        ).map { Submission(kind: Submission.Kind(rawValue: $0["kind"]) ?? .submitted, at: Date(milliseconds: $0["at_ms"])) }
    }

    static func event(_ attempt: Int64, _ kind: String, slot: Int?, detail: String?, at date: Date, terminal: String, _ db: Database) throws
    {
        try db.execute(
            sql: "INSERT INTO attempt_events (attempt_id, kind, slot, detail, at_ms, terminal) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [attempt, kind, slot, detail, date.milliseconds, terminal])
    }

    // MARK: Reading

    /// The stored attempt with this id.
    public func attempt(id: Int64) throws -> StoredAttempt? {
        try writer.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM attempts WHERE id = ?", arguments: [id]) != nil else { return nil }
            return try Self.loadAttempt(id, db)
        }
    }

    static func loadAttempt(_ id: Int64, _ db: Database) throws -> StoredAttempt {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT a.*, r.candidate_id, r.sitting_id, v.title AS track_title FROM attempts a
                    JOIN registrations r ON r.id = a.registration_id JOIN sittings s ON s.id = r.sitting_id
                    JOIN curriculum_versions v ON v.track = s.track AND v.version = s.curriculum_version WHERE a.id = ?
                    """, arguments: [id]),
            let candidateRow = try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE id = ?", arguments: [row["candidate_id"]]),
            let sittingRow = try Row.fetchOne(db, sql: "SELECT * FROM sittings WHERE id = ?", arguments: [row["sitting_id"]])
        else { throw ProblemsError.error("room.not-registered") }
        let sitting = Self.sitting(sittingRow)
        let items = try Row.fetchAll(
            db,
            sql: """
                SELECT p.slot, p.option_order, v.*, m.title AS module_title FROM paper_items p
                JOIN question_versions v ON v.question_id = p.question_id AND v.version = p.version
                LEFT JOIN modules m ON m.track = v.track AND m.version = ? AND m.module_id = v.module_id
                WHERE p.attempt_id = ? ORDER BY p.slot
                """, arguments: [sitting.curriculumVersion, id]
        ).map { row in
            StoredPaperItem(
                slot: row["slot"], question: try Self.question(row), version: row["version"],
                optionOrder: try decode([String].self, row["option_order"]),
                moduleTitle: try (row["module_title"] as String?).map { try decode(LocalizedText.self, $0) }
                    ?? LocalizedText([.english: row["module_id"]]))
        }
        var answers: [Int: Answer] = [:]
        var flags: Set<Int> = []
        for response in try Row.fetchAll(
            db,
            sql: """
                SELECT slot, kind, value FROM responses WHERE id IN
                    (SELECT max(id) FROM responses WHERE attempt_id = ? GROUP BY slot, kind)
                """, arguments: [id])
        {
            let slot: Int = response["slot"]
            let value: String? = response["value"]
            if response["kind"] as String == "flag" {
                if value == "true" { flags.insert(slot) }
            } else if let value, let answer = try? decode(Answer.self, value), !answer.isBlank {
                answers[slot] = answer
            }
        }
        let lastSlot = try Int.fetchOne(
            db, sql: "SELECT slot FROM attempt_events WHERE attempt_id = ? AND kind = 'position' ORDER BY id DESC LIMIT 1",
            arguments: [id])
        var itemLanguages: [Int: Language] = [:]
        for event in try Row.fetchAll(
            db,
            sql: """
                SELECT slot, detail FROM attempt_events WHERE id IN
                    (SELECT max(id) FROM attempt_events WHERE attempt_id = ? AND kind = 'language' GROUP BY slot)
                """, arguments: [id])
        {
            if let slot = event["slot"] as Int?, let language = Language(rawValue: event["detail"] ?? "") { itemLanguages[slot] = language }
        }
        let deadline = try Self.deadline(id, db)
        let started = Date(milliseconds: row["started_ms"])
        let duration: Int = row["duration_minutes"]
        return StoredAttempt(
            id: id, candidate: candidate(candidateRow), sitting: sitting, trackTitle: try decode(LocalizedText.self, row["track_title"]),
            seed: UInt64(bitPattern: row["seed"]), startedAt: started, durationMinutes: duration,
            extraMinutes: Int((deadline.timeIntervalSince(started) / 60).rounded()) - duration,
            language: Language(rawValue: row["language"]) ?? .english, items: items, answers: answers, flags: flags, lastSlot: lastSlot,
            submission: try submission(id, db), itemLanguages: itemLanguages)
    }

    static func question(_ row: Row) throws -> Question {
        Question(
            id: row["question_id"], track: row["track"], module: row["module_id"],
            type: QuestionType(rawValue: row["type"]) ?? .single, difficulty: row["difficulty"], points: row["points"],
            shuffle: row["shuffle"], scoring: MultipleScoring(rawValue: row["scoring"]) ?? .partial,
            stem: try decode(LocalizedText.self, row["stem"]), options: try decode([AnswerOption].self, row["options"]),
            answer: try (row["answer"] as String?).map { try decode(AnswerKey.self, $0) },
            explanation: try (row["explanation"] as String?).map { try decode(LocalizedText.self, $0) },
            rubric: try (row["rubric"] as String?).map { try decode(LocalizedText.self, $0) })
    }

    /// Every answer, flag and event of an attempt in the order they happened, for replay.
    public func history(attempt: Int64) throws -> [AttemptHistoryEntry] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT at_ms, kind, slot, value, terminal, 0 AS source, id FROM responses WHERE attempt_id = ?1
                    UNION ALL
                    SELECT at_ms, kind, slot, detail, terminal, 1 AS source, id FROM attempt_events WHERE attempt_id = ?1
                    ORDER BY at_ms, source DESC, id
                    """, arguments: [attempt]
            ).map { row in
                AttemptHistoryEntry(
                    at: Date(milliseconds: row["at_ms"]), kind: row["kind"], slot: row["slot"], value: row["value"],
                    terminal: row["terminal"])
            }
        }
    }

    /// The attempt of a candidate at a sitting, if begun.
    public func attemptID(candidate number: String, sitting sittingID: String) throws -> Int64? {
        try writer.read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT a.id FROM attempts a JOIN registrations r ON r.id = a.registration_id
                    JOIN candidates c ON c.id = r.candidate_id WHERE c.number = ? AND r.sitting_id = ?
                    """, arguments: [number, sittingID])
        }
    }
}
