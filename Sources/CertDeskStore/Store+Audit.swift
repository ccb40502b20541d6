import CertDeskCore
import Foundation
import GRDB

/// What `audit verify` found.
public struct AuditReport: Sendable, Codable {
    /// Where the chain first breaks.
    public struct BrokenLink: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable {
            /// An entry's number is not the one after its predecessor (entries removed or renumbered).
            case missing
            /// An entry does not name its predecessor's hash.
            case previous
            /// An entry's content (or its recorded rows) no longer matches its hash.
            case hash
            /// Recorded rows belong to no entry.
            case orphanChanges = "orphan-changes"
        }
        public var seq: Int64
        public var kind: Kind
    }

    /// A row that differs from the last digest the log recorded for it.
    public struct RowFinding: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable {
            /// The row changed since the entry that last wrote it.
            case changed
            /// The row exists but no entry wrote it.
            case added
            /// The row was recorded but is gone.
            case deleted
        }
        public var table: String
        public var row: Int64
        public var kind: Kind
        /// The entry that last recorded the row.
        public var lastEntry: Int64?
    }

    public var entries: Int
    public var rowsChecked: Int
    public var brokenLink: BrokenLink?
    /// The first findings, in table and row order (at most ``findingLimit``).
    public var rowFindings: [RowFinding]
    public var rowFindingCount: Int

    public static let findingLimit = 50
    public var isIntact: Bool { brokenLink == nil && rowFindingCount == 0 }
}

extension Store {
    /// One write transaction recorded in the audit log with the rows it changed.
    ///
    /// The body may refine the action (its subject or details) once it knows them.
    func perform<T: Sendable>(_ action: AuditAction, _ body: @Sendable (Database, inout AuditAction) throws -> T) throws -> T {
        try transaction { db in
            let collector = ChangeCollector()
            db.add(transactionObserver: collector, extent: .observerLifetime)
            defer { db.remove(transactionObserver: collector) }
            var action = action
            let result = try body(db, &action)
            db.remove(transactionObserver: collector)
            try AuditLedger.append(action, rows: collector.rows, db)
            return result
        }
    }

    func perform<T: Sendable>(_ action: AuditAction, _ body: @Sendable (Database) throws -> T) throws -> T {
        try perform(action) { db, _ in try body(db) }
    }

    /// A write transaction that must not change any row the audit log covers (the exam room's holds).
    func performUnrecorded<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try transaction { db in
            let collector = ChangeCollector()
            db.add(transactionObserver: collector, extent: .observerLifetime)
            defer { db.remove(transactionObserver: collector) }
            let result = try body(db)
            precondition(collector.rows.isEmpty, "an unrecorded write changed \(collector.rows.map(\.table))")
            return result
        }
    }

    /// Audit entries, oldest first.
    ///
    /// - Parameters:
    ///   - since: only entries at or after this time.
    ///   - actor: only entries by this staff name or candidate number.
    ///   - action: only actions equal to this, or starting with it and a dot (`credential` → `credential.issue`).
    ///   - last: only the latest `last` of those.
    public func auditEntries(since: Date? = nil, actor: String? = nil, action: String? = nil, last: Int? = nil) throws -> [AuditEntry] {
        try writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let since {
                conditions.append("at >= ?")
                _ = arguments.append(contentsOf: [Self.timestamp(since)])
            }
            if let actor {
                conditions.append("actor = ?")
                _ = arguments.append(contentsOf: [actor])
            }
            if let action {
                conditions.append("(action = ? OR substr(action, 1, ?) = ?)")
                _ = arguments.append(contentsOf: [action, action.count + 1, action + "."])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let limit = last.map { "LIMIT \($0)" } ?? ""
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT l.*, (SELECT count(*) FROM audit_changes c WHERE c.seq = l.seq) AS change_count
                        FROM audit_log l \(filter) ORDER BY seq DESC \(limit)
                    ) ORDER BY seq
                    """, arguments: arguments)
            return try rows.map { row in
                AuditEntry(
                    seq: row["seq"], at: parseTimestamp(row["at"]), actorKind: row["actor_kind"], actor: row["actor"],
                    action: row["action"],
                    subject: row["subject"], reason: row["reason"], details: try decode([String: String].self, row["details"]),
                    changes: row["change_count"], hash: row["hash"])
            }
        }
    }

    /// The hash of entry `seq`, or `nil` when there is no such entry.
    public func auditHash(seq: Int64) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE seq = ?", arguments: [seq]) }
    }

    /// Checks the chain of entries and every covered row against its last recorded digest.
    public func verifyAudit() throws -> AuditReport {
        try writer.read { db in try Self.verifyAudit(db) }
    }

    static func verifyAudit(_ db: Database) throws -> AuditReport {
        var report = AuditReport(entries: 0, rowsChecked: 0, brokenLink: nil, rowFindings: [], rowFindingCount: 0)
        report.brokenLink = try firstBrokenLink(db, entries: &report.entries)
        for table in try AuditLedger.coveredTables(db) {
            try compareRows(of: table, db, into: &report)
        }
        // Rows recorded for a table that is gone.
        let tables = Set(try AuditLedger.coveredTables(db))
        for table in try String.fetchAll(db, sql: "SELECT DISTINCT tbl FROM audit_changes") where !tables.contains(table) {
            try compareRows(of: table, db, into: &report, tableExists: false)
        }
        return report
    }

    private static func firstBrokenLink(_ db: Database, entries: inout Int) throws -> AuditReport.BrokenLink? {
        let changes = try Row.fetchCursor(db, sql: "SELECT seq, tbl, row, digest FROM audit_changes ORDER BY seq, tbl, row")
        var pending = try changes.next()
        var previous = AuditLedger.genesis
        var expected: Int64 = 1
        let log = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
        while let entry = try log.next() {
            entries += 1
            let seq: Int64 = entry["seq"]
            var recorded: [AuditLedger.Change] = []
            while let change = pending, (change["seq"] as Int64) <= seq {
                if (change["seq"] as Int64) < seq { return .init(seq: change["seq"], kind: .orphanChanges) }
                recorded.append(.init(table: change["tbl"], row: change["row"], digest: change["digest"]))
                pending = try changes.next()
            }
            if seq != expected { return .init(seq: seq, kind: .missing) }
            if entry["prev_hash"] as String != previous { return .init(seq: seq, kind: .previous) }
            let hash = AuditLedger.hash(
                previous: previous, seq: seq, at: entry["at"], actorKind: entry["actor_kind"], actor: entry["actor"],
                action: entry["action"], subject: entry["subject"], reason: entry["reason"], details: entry["details"], changes: recorded)
            if hash != entry["hash"] as String { return .init(seq: seq, kind: .hash) }
            previous = hash
            expected += 1
        }
        if let orphan = pending { return .init(seq: orphan["seq"], kind: .orphanChanges) }
        return nil
    }

    /// Walks a table's rows and its recorded digests side by side, both in row order.
    private static func compareRows(of table: String, _ db: Database, into report: inout AuditReport, tableExists: Bool = true) throws {
        func note(_ row: Int64, _ kind: AuditReport.RowFinding.Kind, _ last: Int64?) {
            report.rowFindingCount += 1
            if report.rowFindings.count < AuditReport.findingLimit {
                report.rowFindings.append(.init(table: table, row: row, kind: kind, lastEntry: last))
            }
        }
        // SQLite returns the digest of the row holding max(seq) for each group.
        let recorded = try Row.fetchCursor(
            db, sql: "SELECT row, digest, max(seq) AS seq FROM audit_changes WHERE tbl = ? GROUP BY row ORDER BY row", arguments: [table])
        let actual =
            tableExists
            ? try Row.fetchCursor(db, sql: "SELECT rowid, * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid") : nil
        var record = try recorded.next()
        var current = try actual?.next()
        while record != nil || current != nil {
            let recordRow: Int64? = record?["row"]
            let currentRow: Int64? = current.map { $0[0] as Int64 }
            if let currentRow, recordRow == nil || currentRow < recordRow! {
                report.rowsChecked += 1
                note(currentRow, .added, nil)
                current = try actual?.next()
            } else if let recordRow, currentRow == nil || recordRow < currentRow! {
                if (record?["digest"] as Data?) != nil { note(recordRow, .deleted, record?["seq"]) }
                record = try recorded.next()
            } else if let currentRow, let stored = record, let row = current {
                report.rowsChecked += 1
                let expected: Data? = stored["digest"]
                if expected == nil {
                    note(currentRow, .added, stored["seq"])
                } else if expected != AuditLedger.digest(row, skippingFirst: true) {
                    note(currentRow, .changed, stored["seq"])
                }
                (record, current) = (try recorded.next(), try actual?.next())
            }
        }
    }
}
