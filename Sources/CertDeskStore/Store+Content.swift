import CertDeskCore
import Foundation
import GRDB

extension Store {
    // MARK: Writing

    /// Stores new curriculum versions and the import record, in one transaction.
    ///
    /// Unchanged curricula (same hash as the current version) are skipped.
    /// - Returns: the version number given to each track written.
    @discardableResult
    public func writeCurricula(_ items: [CurriculumWrite], record: ImportRecord) throws -> [String: Int] {
        try perform(Self.importAction("curriculum.load", record)) { db in
            let importID = try insert(record, db)
            var versions: [String: Int] = [:]
            for item in items {
                let curriculum = item.curriculum
                let current = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT v.version, v.content_hash FROM tracks t
                        JOIN curriculum_versions v ON v.track = t.code AND v.version = t.current_version
                        WHERE t.code = ?
                        """, arguments: [curriculum.track])
                if let current, current["content_hash"] as String == item.contentHash { continue }
                let version = ((current?["version"] as Int?) ?? 0) + 1
                try db.execute(
                    sql: """
                        INSERT INTO curriculum_versions (track, version, content_hash, level, title, prerequisites,
                            duration_minutes, pass_mark, valid_years, renewal_cpd_hours, document, source, import_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        curriculum.track, version, item.contentHash, curriculum.level, try json(curriculum.title),
                        try json(curriculum.prerequisites), curriculum.exam.durationMinutes, curriculum.exam.passMark,
                        curriculum.credential.validYears, curriculum.credential.renewalCPDHours, try json(curriculum),
                        item.source, importID,
                    ])
                if current == nil {
                    try db.execute(sql: "INSERT INTO tracks (code, current_version) VALUES (?, ?)", arguments: [curriculum.track, version])
                } else {
                    try db.execute(sql: "UPDATE tracks SET current_version = ? WHERE code = ?", arguments: [version, curriculum.track])
                }
                for (index, module) in curriculum.modules.enumerated() {
                    try db.execute(
                        sql: """
                            INSERT INTO modules (track, version, module_id, position, title, hours, objectives)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            curriculum.track, version, module.id, index + 1, try json(module.title), module.hours,
                            try json(module.objectives),
                        ])
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO track_modules (track, module_id) VALUES (?, ?)",
                        arguments: [curriculum.track, module.id])
                }
                for entry in curriculum.exam.blueprint {
                    let mix = Dictionary(uniqueKeysWithValues: entry.difficulty.map { (String($0.key), $0.value) })
                    try db.execute(
                        sql: """
                            INSERT INTO blueprint_entries (track, version, module_id, questions, difficulty_mix) VALUES (?, ?, ?, ?, ?)
                            """, arguments: [curriculum.track, version, entry.module, entry.questions, try json(mix)])
                }
                versions[curriculum.track] = version
            }
            try Self.refreshPools(db)
            return versions
        }
    }

    /// Stores new question versions and the import record, in one transaction.
    ///
    /// A question whose hash equals its current version's is skipped.
    /// - Returns: the version number given to each question written.
    @discardableResult
    public func writeQuestions(_ items: [QuestionWrite], record: ImportRecord) throws -> [String: Int] {
        try perform(Self.importAction("bank.import", record)) { db in
            let importID = try insert(record, db)
            var versions: [String: Int] = [:]
            for item in items {
                let question = item.question
                let current = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT q.current_version, v.content_hash, q.track FROM questions q
                        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version WHERE q.id = ?
                        """, arguments: [question.id])
                if let current, current["content_hash"] as String == item.contentHash { continue }
                if let current, current["track"] as String != question.track {
                    throw ProblemsError.error(
                        "content.question.track-changed",
                        [
                            "id": question.id, "old": current["track"] as String, "new": question.track,
                        ], subject: question.id)
                }
                let version = ((current?["current_version"] as Int?) ?? 0) + 1
                try db.execute(
                    sql: """
                        INSERT INTO question_versions (question_id, version, content_hash, track, module_id, type, difficulty,
                            points, shuffle, scoring, stem, options, answer, explanation, rubric, languages, derived_fields,
                            source, import_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        question.id, version, item.contentHash, question.track, question.module, question.type.rawValue,
                        question.difficulty, question.points, question.shuffle, question.scoring.rawValue,
                        try json(question.stem), try json(question.options), try question.answer.map(json),
                        try question.explanation.map(json), try question.rubric.map(json),
                        try json(question.completeLanguages.map(\.rawValue)), try json(item.derivedFields), item.source,
                        importID,
                    ])
                if current == nil {
                    try db.execute(
                        sql: "INSERT INTO questions (id, track, current_version) VALUES (?, ?, ?)",
                        arguments: [question.id, question.track, version])
                } else {
                    try db.execute(sql: "UPDATE questions SET current_version = ? WHERE id = ?", arguments: [version, question.id])
                }
                versions[question.id] = version
            }
            try Self.refreshPools(db)
            return versions
        }
    }

    private func insert(_ record: ImportRecord, _ db: Database) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO imports (kind, imported_at, operator, paths, added, changed, unchanged, warnings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.kind.rawValue, Self.timestamp(record.date), record.operatorName, try json(record.paths),
                record.added, record.changed, record.unchanged, record.warnings,
            ])
        return db.lastInsertedRowID
    }

    // MARK: Reading

    /// The current curriculum of every track.
    public func currentCurricula() throws -> [StoredCurriculum] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.track, v.version, v.content_hash, v.document, v.source FROM tracks t
                    JOIN curriculum_versions v ON v.track = t.code AND v.version = t.current_version ORDER BY v.level, v.track
                    """
            ).map { row in
                StoredCurriculum(
                    curriculum: try decode(Curriculum.self, row["document"]), version: row["version"],
                    contentHash: row["content_hash"], source: row["source"])
            }
        }
    }

    /// The latest version and hash of every question.
    public func questionStates() throws -> [String: QuestionState] {
        try writer.read { db in
            var states: [String: QuestionState] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT q.id, q.track, q.current_version, v.content_hash FROM questions q
                    JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
                    """)
            for row in rows {
                states[row["id"]] = QuestionState(track: row["track"], version: row["current_version"], contentHash: row["content_hash"])
            }
            return states
        }
    }

    /// Summaries of the current version of every question, optionally of one track.
    public func questionSummaries(track: String? = nil) throws -> [QuestionSummary] {
        try writer.read { db in
            var sql = """
                SELECT q.id, q.track, v.module_id, v.type, v.difficulty, v.version, v.languages, v.derived_fields
                FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
                """
            var arguments: StatementArguments = []
            if let track {
                sql += " WHERE q.track = ?"
                arguments = [track]
            }
            sql += " ORDER BY q.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let languages = try decode([String].self, row["languages"]).compactMap(Language.init(rawValue:))
                let derived = try decode([String].self, row["derived_fields"])
                let derivedLanguages = Language.allCases.filter { language in derived.contains { $0.hasSuffix("." + language.rawValue) } }
                return QuestionSummary(
                    id: row["id"], track: row["track"], module: row["module_id"],
                    type: QuestionType(rawValue: row["type"]) ?? .single, difficulty: row["difficulty"],
                    version: row["version"], languages: languages, derivedLanguages: derivedLanguages)
            }
        }
    }

    /// Every stored version of a question, oldest first; empty when the id is unknown.
    public func questionVersions(id: String) throws -> [StoredQuestionVersion] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.*, i.imported_at, q.current_version FROM question_versions v
                    JOIN imports i ON i.id = v.import_id JOIN questions q ON q.id = v.question_id
                    WHERE v.question_id = ? ORDER BY v.version
                    """, arguments: [id]
            ).map { row in
                let question = try Self.question(row)
                return StoredQuestionVersion(
                    question: question, version: row["version"], contentHash: row["content_hash"], source: row["source"],
                    derivedFields: try decode([String].self, row["derived_fields"]), importedAt: row["imported_at"],
                    isCurrent: (row["version"] as Int) == (row["current_version"] as Int))
            }
        }
    }

    /// The current version of every question of a track, optionally of one module, in id order.
    public func currentQuestions(track: String, module: String? = nil) throws -> [Question] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.* FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
                    WHERE q.track = ?1 AND (?2 IS NULL OR v.module_id = ?2) ORDER BY q.id
                    """, arguments: [track, module]
            ).map(Self.question)
        }
    }

    /// Question ids that resemble `id`, for suggestions when one is not found.
    public func questionIDs(like pattern: String, limit: Int = 5) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM questions WHERE id LIKE ? ORDER BY id LIMIT ?", arguments: ["%\(pattern)%", limit])
        }
    }

    /// The number of loader runs recorded.
    public func importCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM imports") ?? 0 }
    }

    // MARK: Helpers

    static func importAction(_ action: String, _ record: ImportRecord) -> AuditAction {
        AuditAction(
            action, subject: record.paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "),
            by: .staff(record.operatorName),
            details: ["added": String(record.added), "changed": String(record.changed), "unchanged": String(record.unchanged)],
            at: record.date)
    }

    /// One write transaction, without an audit entry: only for the raw steps of audited writes.
    func transaction<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            guard let writers else { return try writer.write(body) }
            return try writers.serialize { try writer.write(body) }
        } catch let error as DatabaseError {
            throw Self.problem(error, path: path)
        }
    }

    /// A database error as a problem a person can act on.
    static func problem(_ error: DatabaseError, path: String) -> ProblemsError {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .error("store.busy", ["path": path, "seconds": String(Int(busyLimit))])
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return .error("store.read-only", ["path": path, "detail": detail])
        case .SQLITE_FULL, .SQLITE_IOERR:
            return .error("store.disk", ["path": path, "detail": detail])
        default:
            return .error("store.write-failed", ["path": path, "detail": detail])
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(
                separator: .omitted))
    }
}

func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(text.utf8))
}
