import CSQLite
import Foundation

/// A thin wrapper over SQLite's C API, for the floors: the same rows committed with nothing of
/// CertDesk (no GRDB, no audit log, no Codable) around them.
///
/// ```swift
/// let db = try RawSQLite(path: "/tmp/floor.sqlite")        // WAL, synchronous=FULL
/// try db.exec("CREATE TABLE t (x INTEGER, y TEXT)")
/// let insert = try db.prepare("INSERT INTO t VALUES (?, ?)")
/// try db.transaction {
///     for i in 0..<1000 { try insert.run(Int64(i), "row \(i)") }
/// }
/// ```
///
/// A connection is used by one thread at a time, as SQLite's default threading mode requires.
/// `@unchecked Sendable`: it only owns the `sqlite3` handle, which benchmarks hand between tasks, never share.
public final class RawSQLite: @unchecked Sendable {
    /// How the connection journals and syncs.
    public struct Options: Sendable {
        /// `WAL` (CertDesk's mode), `DELETE`, `MEMORY`, `OFF`, ...
        public var journalMode: String
        /// `FULL` (CertDesk's setting), `NORMAL`, `OFF`.
        public var synchronous: String
        public var foreignKeys: Bool
        public var readOnly: Bool
        /// How long a statement waits for another connection's lock, in milliseconds.
        public var busyTimeout: Int32

        public init(
            journalMode: String = "WAL", synchronous: String = "FULL", foreignKeys: Bool = false, readOnly: Bool = false,
            busyTimeout: Int32 = 10_000
        ) {
            self.journalMode = journalMode
            self.synchronous = synchronous
            self.foreignKeys = foreignKeys
            self.readOnly = readOnly
            self.busyTimeout = busyTimeout
        }

        /// CertDesk's own settings: WAL and `synchronous=FULL`.
        public static let durable = Options()
    }

    /// An error SQLite reported, with its result code and message.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var code: Int32
        public var message: String
        /// The statement or operation that failed.
        public var context: String

        public var description: String { "SQLite error \(code) (\(message)) in: \(context)" }
    }

    /// One prepared statement: bind, step, read columns, reset.
    public final class Statement {
        let handle: OpaquePointer
        let connection: RawSQLite
        let sql: String

        init(handle: OpaquePointer, connection: RawSQLite, sql: String) {
            self.handle = handle
            self.connection = connection
            self.sql = sql
        }

        deinit { sqlite3_finalize(handle) }

        /// A value a statement can bind.
        public enum Value: Sendable {
            case integer(Int64)
            case real(Double)
            case text(String)
            case blob([UInt8])
            case null
        }

        /// Binds one parameter (1-based).
        public func bind(_ index: Int32, _ value: Value) throws {
            let code: Int32
            switch value {
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                code = text.utf8CString.withUnsafeBufferPointer { buffer in
                    sqlite3_bind_text(handle, index, buffer.baseAddress, Int32(buffer.count - 1), RawSQLite.transient)
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), RawSQLite.transient)
                }
            case .null: code = sqlite3_bind_null(handle, index)
            }
            try connection.check(code, sql)
        }

        public func bind(_ index: Int32, _ number: Int64) throws { try bind(index, .integer(number)) }
        public func bind(_ index: Int32, _ number: Int) throws { try bind(index, .integer(Int64(number))) }
        public func bind(_ index: Int32, _ number: Double) throws { try bind(index, .real(number)) }
        public func bind(_ index: Int32, _ text: String?) throws { try bind(index, text.map(Value.text) ?? .null) }

        /// Binds every parameter in order.
        public func bind(_ values: [Value]) throws {
            for (offset, value) in values.enumerated() { try bind(Int32(offset + 1), value) }
        }

        /// Steps once: `true` when a row is ready to read, `false` when done.
        @discardableResult
        public func step() throws -> Bool {
            let code = sqlite3_step(handle)
            if code == SQLITE_ROW { return true }
            if code == SQLITE_DONE { return false }
            throw connection.failure(code, sql)
        }

        /// Resets the statement for another run and clears its bindings.
        public func reset() {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }

        /// Binds `values`, steps to the end and resets: one INSERT, UPDATE or DELETE.
        public func run(_ values: Value...) throws {
            defer { reset() }
            try bind(values)
            while try step() {}
        }

        /// Binds `values` and calls `row` for each result row, then resets.
        public func forEachRow(_ values: [Value] = [], _ row: (Statement) throws -> Void) throws {
            defer { reset() }
            try bind(values)
            while try step() { try row(self) }
        }

        public var columnCount: Int32 { sqlite3_column_count(handle) }
        public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
        public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
        public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
        public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

        /// A text column, or `nil` for NULL.
        public func text(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }

        /// A text column's bytes, without making a `String`; valid until the next step or reset.
        public func withTextBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
            let bytes = sqlite3_column_text(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            return try body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
        }

        /// A column as a bindable value, whatever its type.
        public func value(_ column: Int32) -> Value {
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: return .integer(int64(column))
            case SQLITE_FLOAT: return .real(double(column))
            case SQLITE_TEXT: return .text(text(column) ?? "")
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(handle, column))
                guard let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
                return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
            default: return .null
            }
        }
    }

    /// `SQLITE_TRANSIENT`: SQLite copies bound text and blobs before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    let handle: OpaquePointer
    public let path: String

    /// Opens (creating when allowed) the database at `path` with `options`.
    ///
    /// - Throws: ``Failure`` when SQLite cannot open it or refuses a setting.
    public init(path: String, options: Options = .durable) throws {
        var connection: OpaquePointer?
        let flags = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let code = sqlite3_open_v2(path, &connection, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw Failure(code: code, message: message, context: "open \(path)")
        }
        handle = connection
        self.path = path
        sqlite3_busy_timeout(handle, options.busyTimeout)
        if !options.readOnly { try exec("PRAGMA journal_mode = \(options.journalMode)") }
        try exec("PRAGMA synchronous = \(options.synchronous)")
        try exec("PRAGMA foreign_keys = \(options.foreignKeys ? "ON" : "OFF")")
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return nothing worth reading.
    public func exec(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw Failure(code: code, message: text, context: sql)
        }
    }

    /// Prepares a statement for repeated runs.
    public func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw failure(code, sql) }
        return Statement(handle: statement, connection: self, sql: sql)
    }

    /// The first column of the first row of `sql` as an integer (`count(*)` and the like).
    public func scalar(_ sql: String, _ values: Statement.Value...) throws -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int64(0)
    }

    public func begin() throws { try exec("BEGIN IMMEDIATE") }
    public func commit() throws { try exec("COMMIT") }
    public func rollback() throws { try exec("ROLLBACK") }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin()
        do {
            let value = try body()
            try commit()
            return value
        } catch {
            try? rollback()
            throw error
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows changed by the latest INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Copies this database, consistently, to a new file at `destination` with SQLite's online
    /// backup; WAL content not yet checkpointed is included.
    public func backup(to destination: String) throws {
        var target: OpaquePointer?
        let opened = sqlite3_open_v2(destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard opened == SQLITE_OK, let target else {
            sqlite3_close_v2(target)
            throw Failure(code: opened, message: "cannot open", context: "backup to \(destination)")
        }
        defer { sqlite3_close_v2(target) }
        guard let backup = sqlite3_backup_init(target, "main", handle, "main") else {
            throw Failure(
                code: sqlite3_errcode(target), message: String(cString: sqlite3_errmsg(target)), context: "backup to \(destination)")
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE, finished == SQLITE_OK else {
            throw Failure(code: stepped == SQLITE_DONE ? finished : stepped, message: "backup failed", context: "backup to \(destination)")
        }
    }

    /// Moves everything in the WAL into the main file and empties the WAL, so the file alone is the database.
    public func checkpoint() throws { try exec("PRAGMA wal_checkpoint(TRUNCATE)") }

    func check(_ code: Int32, _ context: String) throws {
        if code != SQLITE_OK { throw failure(code, context) }
    }

    func failure(_ code: Int32, _ context: String) -> Failure {
        Failure(code: code, message: String(cString: sqlite3_errmsg(handle)), context: context)
    }
}
