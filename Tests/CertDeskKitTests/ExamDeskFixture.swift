import CertDeskCore
import CertDeskExam
import CertDeskKit
import CertDeskStore
import Foundation
import GRDB

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {  // `current` is only read and written under `lock`
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }

    func set(_ date: Date) { lock.withLock { current = date } }
}

/// A database file with the test track (TEST: 30-minute exam, modules T-01 of 4 h and T-02 of
/// 3.5 h) and its bank, a registrar and an exam desk on a manual clock.
struct ExamDeskFixture {
    let folder: String
    let store: Store
    let clock: ManualClock
    let registrar: Registrar
    let desk: ExamDesk

    /// When the fixture's sittings start by default: one hour after the clock's start.
    static let opens = Fixtures.fixedDate.addingTimeInterval(3600)

    init() throws {
        folder = try Fixtures.temporaryFolder()
        store = try Store.create(at: folder + "/certdesk.sqlite")
        try Fixtures.loader(store).load(paths: [Fixtures.path("curriculum-valid.yaml")])
        try Fixtures.importer(store).importBanks(paths: [Fixtures.path("bank-valid.yaml")])
        let clock = ManualClock(Fixtures.fixedDate)
        self.clock = clock
        registrar = Registrar(store: store, operatorName: "registrar", now: { clock.now })
        desk = ExamDesk(store: store, now: { clock.now })
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// Adds a candidate, trained for every TEST module unless `trained` is false.
    func candidate(_ family: String, document: String, trained: Bool = true) throws -> Candidate {
        let candidate = try registrar.addCandidate(
            NewCandidate(
                name: PersonName(family: family, given: "Tai Man"), otherName: nil, idDocument: document, email: nil, language: .english))
        if trained {
            _ = try registrar.recordTraining(candidate: candidate.number, module: "T-01", hours: 4, note: nil)
            _ = try registrar.recordTraining(candidate: candidate.number, module: "T-02", hours: 3.5, note: nil)
        }
        return candidate
    }

    /// Schedules a TEST sitting (30 minutes, late entry 15 minutes unless said otherwise).
    func sitting(startsAt: Date = opens, capacity: Int = 10, lateEntry: Int = 15) throws -> Sitting {
        try registrar.createSitting(
            NewSitting(
                track: "TEST", startsAt: startsAt, timeZone: "Asia/Hong_Kong", durationMinutes: nil, lateEntryMinutes: lateEntry,
                centre: "Kowloon", capacity: capacity))
    }

    /// A candidate registered for a new sitting, with their access code.
    func registered(lateEntry: Int = 15) throws -> (candidate: Candidate, sitting: Sitting, code: String) {
        let candidate = try candidate("Chan", document: "A1234567")
        let sitting = try sitting(lateEntry: lateEntry)
        let code = try registrar.register(candidate: candidate.number, sitting: sitting.id).code
        return (candidate, sitting, code)
    }

    /// A terminal of this process (alive) or of `pid`.
    static func terminal(_ name: String, pid: Int32 = getpid()) -> TerminalIdentity {
        TerminalIdentity(token: name + "-" + UUID().uuidString, host: ProcessInfo.processInfo.hostName, pid: pid, name: name)
    }

    /// Opens the room and expects it to open.
    func open(_ number: String, _ code: String, terminal: TerminalIdentity, takeOver: Bool = false) throws -> OpenedAttempt {
        switch try desk.open(candidate: number, code: code, terminal: terminal, takeOver: takeOver) {
        case .opened(let opened, _, _): return opened
        case .closed(let submission, _): throw ProblemsError.error("test.unexpectedly-closed", ["kind": submission.kind.rawValue])
        }
    }

    /// The number of rows in each of `tables`, read behind the store's back.
    func rowCounts(_ tables: [String]) throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in tables { counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
            return counts
        }
    }

    /// The first column of a query's rows, as text, read behind the store's back.
    func column(_ sql: String) throws -> [String] {
        try read { db in try String.fetchAll(db, sql: sql) }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: folder + "/certdesk.sqlite", configuration: configuration)
        return try queue.read(body)
    }
}

/// Every problem `body` throws (empty when it does not throw), for matching refusals.
func refusals(_ body: () throws -> Void) -> [Problem] {
    do {
        try body()
        return []
    } catch let error as ProblemsError {
        return error.problems
    } catch {
        return [Problem.error("test.other-error", ["error": "\(error)"])]
    }
}

/// The first problem `body` throws.
func refusal(_ body: () throws -> Void) -> Problem? { refusals(body).first }
