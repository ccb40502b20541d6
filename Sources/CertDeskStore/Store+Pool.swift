import CertDeskCore
import Crypto
import Foundation
import GRDB

extension Store {
    /// Rebuilds the pool index of `track` if its stamp no longer matches the imports and voids
    /// it was built from; returns the index's digest.
    ///
    /// Called by bank imports and voids in their own transaction, and by an attempt's start as a
    /// safety net, so a paper is never drawn from a stale index.
    @discardableResult
    static func refreshPool(track: String, _ db: Database) throws -> String {
        if let digest = try currentPoolDigest(track: track, db) { return digest }
        let stamp = try poolStamp(db)
        try db.execute(sql: "DELETE FROM pool_items WHERE track = ?", arguments: [track])
        try db.execute(sql: "DELETE FROM pool_levels WHERE track = ?", arguments: [track])
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT q.id, v.version, v.module_id, v.difficulty, v.shuffle,
                    (SELECT json_group_array(json_extract(o.value, '$.id')) FROM json_each(v.options) o) AS option_ids
                FROM questions q
                JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
                WHERE q.track = ? AND q.id NOT IN (SELECT question_id FROM voided_questions)
                ORDER BY v.module_id, v.difficulty, q.id
                """, arguments: [track])
        let insertItem = try db.makeStatement(
            sql: """
                INSERT INTO pool_items (track, module_id, rank, question_id, version, difficulty, shuffle, option_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var lines: [String] = []
        var levels: [(module: String, level: PoolLevel)] = []
        var module = ""
        var rank = 0
        while let row = try rows.next() {
            let id: String = row[0]
            let version: Int = row[1]
            let rowModule: String = row[2]
            let difficulty: Int = row[3]
            if rowModule != module {
                module = rowModule
                rank = 0
            }
            if let last = levels.last, last.module == module, last.level.difficulty == difficulty {
                levels[levels.count - 1].level.count += 1
            } else {
                levels.append((module, PoolLevel(difficulty: difficulty, first: rank, count: 1)))
            }
            try insertItem.execute(arguments: [track, module, rank, id, version, difficulty, row[4], row[5]])
            lines.append("\(id)@\(version)")
            rank += 1
        }
        for (module, level) in levels {
            try db.execute(
                sql: "INSERT INTO pool_levels (track, module_id, difficulty, first_rank, items) VALUES (?, ?, ?, ?, ?)",
                arguments: [track, module, level.difficulty, level.first, level.count])
        }
        let digest = hex(SHA256.hash(data: Data(lines.sorted().joined(separator: "\n").utf8)))
        try db.execute(
            sql: """
                INSERT INTO pools (track, stamp, digest, items) VALUES (?, ?, ?, ?)
                ON CONFLICT (track) DO UPDATE SET stamp = excluded.stamp, digest = excluded.digest, items = excluded.items
                """, arguments: [track, stamp, digest, lines.count])
        return digest
    }

    /// The digest of `track`'s pool index if it is up to date.
    static func currentPoolDigest(track: String, _ db: Database) throws -> String? {
        let row = try Row.fetchOne(db, sql: "SELECT stamp, digest FROM pools WHERE track = ?", arguments: [track])
        return try row.flatMap { $0["stamp"] as String == (try poolStamp(db)) ? $0["digest"] : nil }
    }

    /// Reads `track`'s pool index as a paper for `candidate` (a candidate number) would be
    /// drawn from it, without writing: for checks and measurements of the assembler.
    ///
    /// - Throws: `room.pool-changed` when the index is out of date (the next import, void or
    ///   start rebuilds it).
    public func readPool<T>(track: String, candidate number: String, _ body: (StoredPool) throws -> T) throws -> T {
        try writer.read { db in
            let candidateID = try Int64.fetchOne(db, sql: "SELECT id FROM candidates WHERE number = ?", arguments: [number]) ?? -1
            return try body(StoredPool(track: track, candidateID: candidateID, refresh: false, db))
        }
    }

    /// Brings every track's pool index up to date: after an import or a void, in its transaction.
    static func refreshPools(_ db: Database) throws {
        for track in try String.fetchAll(db, sql: "SELECT DISTINCT track FROM questions") {
            try refreshPool(track: track, db)
        }
    }

    /// What the pools were built from: the latest import and the number of voided questions.
    private static func poolStamp(_ db: Database) throws -> String {
        let lastImport = try Int64.fetchOne(db, sql: "SELECT max(id) FROM imports") ?? 0
        let voided = try Int.fetchOne(db, sql: "SELECT count(*) FROM voided_questions") ?? 0
        return "\(lastImport):\(voided)"
    }

    /// A SHA-256 digest in lowercase hex, as the pool index and the audit chain store it.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// A track's pool index as the paper assembler reads it, inside the transaction that starts an
/// attempt: only the levels, the candidate's seen questions and the drawn items are read.
public struct StoredPool: PoolSource {
    /// SHA-256 (hex) of the pool's sorted `ID@VERSION` lines.
    public let digest: String
    /// The ids of the questions in the candidate's earlier papers.
    public let seen: Set<String>
    private let track: String
    private let levelsByModule: [String: [PoolLevel]]
    private let seenByModule: [String: Set<Int>]
    private let db: Database

    /// - Parameter refresh: rebuild a stale index first (in a write transaction); otherwise a
    ///   stale index is refused with `room.pool-changed`.
    init(track: String, candidateID: Int64, refresh: Bool = true, _ db: Database) throws {
        self.track = track
        self.db = db
        if refresh {
            digest = try Store.refreshPool(track: track, db)
        } else {
            guard let current = try Store.currentPoolDigest(track: track, db) else {
                throw ProblemsError.error("room.pool-changed", ["track": track])
            }
            digest = current
        }
        levelsByModule = Dictionary(
            grouping: try Row.fetchAll(
                db, sql: "SELECT module_id, difficulty, first_rank, items FROM pool_levels WHERE track = ? ORDER BY module_id, difficulty",
                arguments: [track]),
            by: { $0["module_id"] as String }
        ).mapValues { rows in rows.map { PoolLevel(difficulty: $0["difficulty"], first: $0["first_rank"], count: $0["items"]) } }
        let seenRows = try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT p.question_id, i.module_id, i.rank FROM paper_items p JOIN attempts a ON a.id = p.attempt_id
                JOIN registrations r ON r.id = a.registration_id
                LEFT JOIN pool_items i ON i.track = ? AND i.question_id = p.question_id
                WHERE r.candidate_id = ?
                """, arguments: [track, candidateID])
        seen = Set(seenRows.map { $0["question_id"] as String })
        seenByModule = Dictionary(grouping: seenRows.filter { $0["module_id"] != nil }, by: { $0["module_id"] as String })
            .mapValues { Set($0.map { $0["rank"] as Int }) }
    }

    public func levels(module: String) -> [PoolLevel] { levelsByModule[module] ?? [] }

    public func seenRanks(module: String) -> Set<Int> { seenByModule[module] ?? [] }

    public func item(module: String, rank: Int) throws -> PoolItem {
        let statement = try db.cachedStatement(
            sql: """
                SELECT question_id, version, difficulty, option_ids, shuffle FROM pool_items
                WHERE track = ? AND module_id = ? AND rank = ?
                """)
        guard let row = try Row.fetchOne(statement, arguments: [track, module, rank]) else {
            throw ProblemsError.error("room.pool-changed", ["track": track])
        }
        return PoolItem(
            id: row[0], version: row[1], module: module, difficulty: row[2], optionIDs: try decode([String].self, row[3]),
            shuffleOptions: row[4])
    }
}
