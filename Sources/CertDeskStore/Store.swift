import CertDeskCore
import Foundation
import GRDB

/// The one door to a CertDesk database: every read and write of the SQLite file goes through it.
///
/// Each write method is one transaction that keeps the data's invariants; SQLite's constraints
/// and triggers guard them a second time. The file runs in WAL mode with `synchronous=FULL`,
/// so a commit that returned survives a power cut.
public struct Store: Sendable {
    let writer: any DatabaseWriter
    /// Where the database lives, or `:memory:`.
    public let path: String
    /// Queues CertDesk's writers to a file; none for a database in memory.
    let writers: WriterQueue?

    init(writer: any DatabaseWriter, path: String) {
        self.writer = writer
        self.path = path
        writers = path == ":memory:" ? nil : WriterQueue(database: path)
    }

    /// Creates a new database at `path` with the current schema.
    ///
    /// - Throws: `ProblemsError` `store.exists` when a file is already there.
    public static func create(at path: String) throws -> Store {
        if FileManager.default.fileExists(atPath: path) {
            throw ProblemsError.error("store.exists", ["path": path])
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw ProblemsError.error("store.no-folder", ["path": path, "folder": directory])
        }
        return try openMigrated(path: path)
    }

    /// Opens an existing CertDesk database, upgrading an older schema.
    ///
    /// The file is first checked through a read-only connection, so a file that is not ours is
    /// never modified (not even switched to WAL mode).
    ///
    /// - Throws: `ProblemsError` with `store.missing`, `store.not-certdesk` or `store.newer-schema`.
    public static func open(at path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ProblemsError.error("store.missing", ["path": path])
        }
        try checkIdentity(path: path)
        return try openMigrated(path: path)
    }

    /// Opens the file in WAL mode and brings its schema up to date.
    private static func openMigrated(path: String) throws -> Store {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            // Most opens find the schema current: check with a read, so that many candidates'
            // terminals opening at once do not queue for the write lock.
            if try !pool.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) {
                try Schema.migrator.migrate(pool)
            }
            return Store(writer: pool, path: path)
        } catch let error as DatabaseError {
            throw ProblemsError.error("store.open-failed", ["path": path, "detail": error.message ?? "\(error.resultCode)"])
        }
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws -> Store {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: configuration)
        try Schema.migrator.migrate(queue)
        return Store(writer: queue, path: ":memory:")
    }

    static func checkIdentity(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        // Many candidates' processes open the file at once; a writer's lock is waited for, not taken for a foreign file.
        configuration.busyMode = .callback(Self.retryWhileBusy)
        let applicationID: Int32
        let superseded: Bool
        let hasTables: Bool
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            (applicationID, superseded, hasTables) = try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                let newer = id == Schema.applicationID ? try Schema.migrator.hasBeenSuperseded(db) : false
                return (id, newer, tables > 0)
            }
            try queue.close()
        } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) {
            throw problem(error, path: path)
        } catch {
            throw ProblemsError.error("store.not-certdesk", ["path": path])
        }
        if applicationID != Schema.applicationID {
            throw ProblemsError.error(hasTables || applicationID != 0 ? "store.not-certdesk" : "store.not-initialized", ["path": path])
        }
        if superseded {
            throw ProblemsError.error("store.newer-schema", ["path": path])
        }
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .callback(Self.retryWhileBusy)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// How long a write waits for another process's transaction before giving up.
    public static let busyLimit: TimeInterval = 10

    /// SQLite's own busy timeout sleeps in growing steps of up to 100 ms and lets newcomers
    /// overtake; with many candidates' processes writing at once that, not the disk, makes the
    /// slow saves. This handler retries every 0.5–2 ms (with jitter, so waiting processes do not
    /// wake in step) until ``busyLimit`` has passed.
    static func retryWhileBusy(_ tries: Int) -> Bool {
        // Each try sleeps 1.25 ms on average, so the number of tries measures the time waited.
        guard Double(tries) * 0.001_25 < busyLimit else { return false }
        usleep(useconds_t(500 + UInt32.random(in: 0..<1500)))
        return true
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Checks SQLite's integrity and the foreign keys; returns what is wrong.
    public func integrityProblems() throws -> [String] {
        try writer.read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += rows.map { row in
                "foreign key: \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) -> \(row[2] as String? ?? "?")"
            }
            return problems
        }
    }
}
