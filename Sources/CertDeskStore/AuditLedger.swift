import CertDeskCore
import Crypto
import Foundation
import GRDB

/// The mechanics of the audit log: which rows it covers, how a row and an entry are hashed,
/// and how an entry is appended inside the transaction whose changes it records.
///
/// Every covered row's digest after each change is kept in `audit_changes`, and each entry's
/// hash covers its changes and the previous entry's hash. So an edit made behind CertDesk's
/// back either leaves a row that no longer matches its last recorded digest, or breaks the
/// chain where someone rewrote the record.
enum AuditLedger {
    /// The previous hash of the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// Tables whose rows the log does not cover: the log itself, SQLite's and GRDB's own
    /// bookkeeping, and the exam room's holds (a lock on an attempt, not a record).
    static let uncovered: Set<String> = [
        "audit_log", "audit_changes", "attempt_holds", "grdb_migrations", "pools", "pool_items", "pool_levels",
    ]

    static func isCovered(_ table: String) -> Bool {
        !uncovered.contains(table) && !table.hasPrefix("sqlite_")
    }

    static func coveredTables(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").filter(isCovered)
    }

    // MARK: Digests

    /// A row's digest: SHA-256 over its values in column order, each with its type, cut to 16 bytes.
    static func digest(_ row: Row, skippingFirst skip: Bool = false) -> Data {
        var hasher = SHA256()
        for (index, value) in row.databaseValues.enumerated() where !(skip && index == 0) {
            switch value.storage {
            case .null:
                hasher.update(data: Data("n;".utf8))
            case .int64(let number):
                hasher.update(data: Data("i\(number);".utf8))
            case .double(let number):
                hasher.update(data: Data("r\(String(number.bitPattern, radix: 16));".utf8))
            case .string(let text):
                let bytes = Data(text.utf8)
                hasher.update(data: Data("t\(bytes.count):".utf8))
                hasher.update(data: bytes)
            case .blob(let bytes):
                hasher.update(data: Data("b\(bytes.count):".utf8))
                hasher.update(data: bytes)
            }
        }
        return Data(hasher.finalize().prefix(16))
    }

    /// The digest of one row as it is now, or `nil` when it no longer exists.
    static func digest(table: String, row: Int64, _ db: Database) throws -> Data? {
        try Row.fetchOne(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) WHERE rowid = ?", arguments: [row]).map { digest($0) }
    }

    /// One recorded change: a row and its digest after the change (`nil`: deleted).
    struct Change: Sendable, Equatable {
        var table: String
        var row: Int64
        var digest: Data?
    }

    /// The hash of an entry, from the previous entry's hash, its fields and its changes (sorted by table and row).
    static func hash(
        previous: String, seq: Int64, at: String, actorKind: String, actor: String, action: String, subject: String,
        reason: String?, details: String, changes: [Change]
    ) -> String {
        var hasher = SHA256()
        func field(_ text: String) {
            let bytes = Data(text.utf8)
            hasher.update(data: Data("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        field("certdesk-audit-1")
        field(previous)
        field(String(seq))
        for text in [at, actorKind, actor, action, subject] { field(text) }
        field(reason.map { "+" + $0 } ?? "-")
        field(details)
        field(String(changes.count))
        for change in changes {
            field(change.table)
            field(String(change.row))
            field(change.digest.map { $0.map { String(format: "%02x", $0) }.joined() } ?? "-")
        }
        return Store.hex(hasher.finalize())
    }

    // MARK: Appending

    /// Appends an entry recording `rows` (as they are now) for `action`.
    ///
    /// Nothing is written when no covered row changed, unless the action says `always`.
    static func append(_ action: AuditAction, rows: [(table: String, row: Int64)], _ db: Database) throws {
        guard !rows.isEmpty || action.always else { return }
        var changes: [Change] = []
        for (table, row) in rows.sorted(by: { ($0.table, $0.row) < ($1.table, $1.row) }) {
            changes.append(Change(table: table, row: row, digest: try digest(table: table, row: row, db)))
        }
        let (kind, actor) = try resolve(action.actor, db)
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let seq = (last?["seq"] as Int64? ?? 0) + 1
        let previous = last?["hash"] as String? ?? genesis
        let at = Store.timestamp(action.at)
        let details = try json(action.details)
        let hash = hash(
            previous: previous, seq: seq, at: at, actorKind: kind, actor: actor, action: action.action, subject: action.subject,
            reason: action.reason, details: details, changes: changes)
        try db.execute(
            sql: """
                INSERT INTO audit_log (seq, at, actor_kind, actor, action, subject, reason, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [seq, at, kind, actor, action.action, action.subject, action.reason, details, previous, hash])
        let insert = try db.makeStatement(sql: "INSERT INTO audit_changes (seq, tbl, row, digest) VALUES (?, ?, ?, ?)")
        for change in changes {
            try insert.execute(arguments: [seq, change.table, change.row, change.digest])
        }
    }

    private static func resolve(_ actor: AuditActor, _ db: Database) throws -> (kind: String, name: String) {
        switch actor {
        case .staff(let name): return ("staff", name)
        case .candidate(let number): return ("candidate", number)
        case .system: return ("system", "certdesk")
        case .attempt(let id):
            let number = try String.fetchOne(
                db,
                sql: """
                    SELECT c.number FROM attempts a JOIN registrations r ON r.id = a.registration_id
                    JOIN candidates c ON c.id = r.candidate_id WHERE a.id = ?
                    """, arguments: [id])
            return ("candidate", number ?? "attempt \(id)")
        }
    }

    /// Records every row the database holds in one `audit.begin` entry: the start of the chain.
    static func seal(_ db: Database) throws {
        var rows: [(table: String, row: Int64)] = []
        for table in try coveredTables(db) {
            let ids = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table.quotedDatabaseIdentifier)")
            rows += ids.map { (table, $0) }
        }
        try append(
            AuditAction("audit.begin", subject: "", by: .system, details: ["rows": String(rows.count)], always: true), rows: rows, db)
    }
}

/// Collects the rows a transaction inserts, updates or deletes in covered tables.
final class ChangeCollector: TransactionObserver {
    private(set) var rows: [(table: String, row: Int64)] = []
    private var seen: Set<String> = []

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        AuditLedger.isCovered(eventKind.tableName)
    }

    func databaseDidChange(with event: DatabaseEvent) {
        let key = "\(event.tableName)\u{1f}\(event.rowID)"
        if seen.insert(key).inserted { rows.append((event.tableName, event.rowID)) }
    }

    func databaseDidCommit(_ db: Database) {}
    func databaseDidRollback(_ db: Database) {}
}
