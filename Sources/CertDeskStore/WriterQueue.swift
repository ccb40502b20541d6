import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Makes CertDesk's writers to one database wait their turn in the kernel instead of polling.
///
/// SQLite has no queue for its write lock: a writer that finds it taken sleeps and tries again.
/// With a few hundred candidates' processes saving answers at once, those retries fill both
/// cores while the writer holding the lock waits for a core to finish its transaction, and
/// saves take seconds. Every CertDesk write transaction therefore first takes an exclusive
/// `flock` on `<database>-writers`: waiting processes sleep until it is released, and the
/// holder runs unhindered. SQLite's own lock and the busy handler still guard the file against
/// writers that are not CertDesk. When the lock file cannot be opened (a read-only folder),
/// writes go straight to SQLite as before.
final class WriterQueue: @unchecked Sendable {
    private let path: String
    private let threads = NSLock()
    private var descriptor: Int32 = -1

    init(database: String) { path = database + "-writers" }

    /// Runs `body` as the only CertDesk writer of the database.
    func serialize<T>(_ body: () throws -> T) rethrows -> T {
        threads.lock()
        defer { threads.unlock() }
        if descriptor < 0 { descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666) }
        guard descriptor >= 0 else { return try body() }
        while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
