import CertDeskCore
import Foundation
import GRDB

/// A table, index or trigger CertDesk's migrations create that the file lacks or has changed.
public struct SchemaDifference: Sendable, Codable, Equatable, CustomStringConvertible {
    /// `table`, `index` or `trigger`.
    public var type: String
    public var name: String
    /// `missing` or `changed`.
    public var kind: String

    public var description: String { "\(type) \(name) \(kind)" }
}

/// What `doctor` (and `restore`, before it copies anything) found in a database file.
public struct Diagnosis: Sendable, Codable {
    /// The migrations applied, oldest first.
    public var migrations: [String]
    /// Lines of `PRAGMA integrity_check` other than `ok`, or why it could not run.
    public var integrity: [String]
    /// Rows whose foreign key points at nothing: table, row and the table it should point into.
    public var foreignKeys: [String]
    /// Triggers, tables and indexes of CertDesk's schema that are missing or differ.
    public var schema: [SchemaDifference]
    public var audit: AuditReport?
    /// Attempts open in a terminal now (held and not submitted).
    public var openAttempts: Int

    /// Whether the file has the audit log (schema v5 or later); older files get it when CertDesk next opens them.
    public var hasAuditLog: Bool { migrations.contains("v5-accounts") }

    public var isHealthy: Bool {
        integrity.isEmpty && foreignKeys.isEmpty && schema.isEmpty && (audit?.isIntact ?? !hasAuditLog)
    }
}

extension Store {
    /// Checks a database file without changing it: SQLite's integrity, foreign keys, CertDesk's
    /// schema objects (the triggers that keep history append-only) and the audit log.
    ///
    /// - Throws: `store.missing`, `store.not-certdesk`, `store.newer-schema`.
    public static func diagnose(path: String) throws -> Diagnosis {
        guard FileManager.default.fileExists(atPath: path) else { throw ProblemsError.error("store.missing", ["path": path]) }
        try checkIdentity(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .callback(Self.retryWhileBusy)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            return Diagnosis(
                migrations: [], integrity: [(error as? DatabaseError)?.message ?? "\(error)"], foreignKeys: [], schema: [], audit: nil,
                openAttempts: 0)
        }
        defer { try? queue.close() }
        return try queue.read { db in
            var diagnosis = Diagnosis(migrations: [], integrity: [], foreignKeys: [], schema: [], audit: nil, openAttempts: 0)
            do {
                diagnosis.integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            } catch let error as DatabaseError {
                diagnosis.integrity = [error.message ?? "\(error.resultCode)"]
                return diagnosis
            }
            diagnosis.migrations = (try? Schema.migrator.appliedMigrations(db)) ?? []
            diagnosis.foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                "\(row[0] as String? ?? "?") \(row[1] as Int64? ?? 0) → \(row[2] as String? ?? "?")"
            }
            diagnosis.schema = try schemaDifferences(db, migrations: diagnosis.migrations)
            if diagnosis.migrations.contains("v5-accounts") {
                diagnosis.audit = try? verifyAudit(db)
            }
            diagnosis.openAttempts = try openAttempts(db)
            return diagnosis
        }
    }

    /// Compares the file's tables, indexes and triggers with what its migrations create.
    private static func schemaDifferences(_ db: Database, migrations: [String]) throws -> [SchemaDifference] {
        let reference = try DatabaseQueue()
        try Schema.migrator.migrate(reference, upTo: migrations.last ?? "v1-content")
        let query =
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"
        let expected = try reference.read { db in try Row.fetchAll(db, sql: query) }
        let actual = Dictionary(try Row.fetchAll(db, sql: query).map { ($0["name"] as String, $0["sql"] as String) }) { $1 }
        var differences: [SchemaDifference] = []
        for row in expected {
            let name: String = row["name"]
            let type: String = row["type"]
            guard let sql = actual[name] else {
                differences.append(SchemaDifference(type: type, name: name, kind: "missing"))
                continue
            }
            if sql != row["sql"] as String { differences.append(SchemaDifference(type: type, name: name, kind: "changed")) }
        }
        return differences
    }

    static func openAttempts(_ db: Database) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM attempt_holds h WHERE NOT EXISTS (SELECT 1 FROM attempt_events e WHERE e.attempt_id = h.attempt_id
                    AND e.kind IN ('submitted', 'auto-submitted', 'expired'))
                """) ?? 0
    }

    /// Copies the database into a new file with SQLite's online backup, while candidates keep
    /// answering: the copy is the database as of one moment, every committed answer included.
    ///
    /// The copy is written beside `destination`, checked (integrity and audit log) and only
    /// then renamed into place, so a failed backup never leaves a file that looks whole.
    /// - Throws: `backup.exists`, `backup.failed`.
    public func backup(to destination: String) throws -> Diagnosis {
        if FileManager.default.fileExists(atPath: destination) {
            throw ProblemsError.error("backup.exists", ["path": destination])
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            // A backup holds personal data and password hashes: only its owner may read it.
            let created = Foundation.open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard created >= 0 else {
                throw ProblemsError.error("backup.failed", ["path": destination, "detail": String(cString: strerror(errno))])
            }
            close(created)
            let target = try DatabaseQueue(path: partial)
            try writer.backup(to: target)
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: partial)
            throw ProblemsError.error("backup.failed", ["path": destination, "detail": error.message ?? "\(error.resultCode)"])
        }
        let diagnosis = try Self.diagnose(path: partial)
        // A copy of a database changed behind CertDesk's back is still worth keeping; a broken copy is not.
        guard diagnosis.integrity.isEmpty else {
            try? FileManager.default.removeItem(atPath: partial)
            throw ProblemsError.error("backup.failed", ["path": destination, "detail": diagnosis.integrity[0]])
        }
        guard rename(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw ProblemsError.error("backup.failed", ["path": destination, "detail": reason])
        }
        return diagnosis
    }

    /// Replaces this database's content with a backup's, after checking the backup whole.
    ///
    /// - Throws: `restore.damaged` (integrity, foreign keys or schema), `restore.audit` (the
    ///   backup's audit log is broken or does not match its rows), `restore.exams-running`.
    public func restore(from source: String, by operatorName: String, at date: Date) throws -> Diagnosis {
        let diagnosis = try Self.checkRestorable(source)
        let open = try writer.read { db in try Self.openAttempts(db) }
        if open > 0 { throw ProblemsError.error("restore.exams-running", ["count": String(open), "path": path]) }
        try Self.copy(from: source, into: writer, path: path)
        try Schema.migrator.migrate(writer)
        try perform(
            AuditAction(
                "store.restore", subject: (source as NSString).lastPathComponent, by: .staff(operatorName),
                details: ["entries": String(diagnosis.audit?.entries ?? 0)], at: date, always: true)
        ) { _ in }
        return diagnosis
    }

    /// Creates a database at `path` from a backup.
    ///
    /// - Throws: `store.exists`, or what ``restore(from:by:at:)`` throws about the backup.
    public static func restoreNew(from source: String, to path: String, osUser: String, at date: Date) throws -> (Store, Diagnosis) {
        if FileManager.default.fileExists(atPath: path) { throw ProblemsError.error("store.exists", ["path": path]) }
        let diagnosis = try checkRestorable(source)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch let error as DatabaseError {
            throw ProblemsError.error("store.open-failed", ["path": path, "detail": error.message ?? "\(error.resultCode)"])
        }
        try copy(from: source, into: pool, path: path)
        try Schema.migrator.migrate(pool)
        let store = Store(writer: pool, path: path)
        try store.perform(
            AuditAction(
                "store.restore", subject: (source as NSString).lastPathComponent, by: .system,
                details: ["entries": String(diagnosis.audit?.entries ?? 0), "os-user": osUser], at: date, always: true)
        ) { _ in }
        return (store, diagnosis)
    }

    private static func checkRestorable(_ source: String) throws -> Diagnosis {
        let diagnosis: Diagnosis
        do {
            diagnosis = try diagnose(path: source)
        } catch let error as ProblemsError where error.problems.first?.key == "store.missing" {
            throw ProblemsError.error("restore.missing", ["path": source])
        } catch let error as ProblemsError where error.problems.first?.key == "store.not-certdesk" {
            throw ProblemsError.error("restore.not-certdesk", ["path": source])
        }
        if let first = (diagnosis.integrity + diagnosis.foreignKeys + diagnosis.schema.map(\.description)).first {
            throw ProblemsError.error("restore.damaged", ["path": source, "detail": first])
        }
        guard diagnosis.audit?.isIntact ?? !diagnosis.hasAuditLog else {
            // Name where: the first broken link, else the first row that differs.
            let link = diagnosis.audit?.brokenLink.map { "#\($0.seq) \($0.kind.rawValue)" }
            let row = diagnosis.audit?.rowFindings.first.map { "\($0.table) \($0.row) \($0.kind.rawValue)" }
            throw ProblemsError.error("restore.audit", ["path": source, "detail": link ?? row ?? "-"])
        }
        return diagnosis
    }

    private static func copy(from source: String, into target: any DatabaseWriter, path: String) throws {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: source, configuration: configuration)
            defer { try? queue.close() }
            try queue.backup(to: target)
        } catch let error as DatabaseError {
            throw problem(error, path: path)
        }
    }
}
