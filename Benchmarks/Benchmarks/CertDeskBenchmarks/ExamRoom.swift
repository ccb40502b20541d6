import BenchKit
import Benchmark
import CertDeskCore
import CertDeskExam
import CertDeskKit
import CertDeskStore
import Foundation

/// The exam room under load: the 09:30 start, every answer saved, and the draw of one paper.
func examRoomBenchmarks() {
    let once = Benchmark.Configuration(
        metrics: [.wallClock], warmupIterations: 0, maxDuration: .seconds(3_600), maxIterations: 1)
    Benchmark("Exam day: synchronised start and answer saves", configuration: once) { _ in
        try ExamDay.run()
    }
    Benchmark(
        "Paper assembly", configuration: .init(metrics: [.wallClock], warmupIterations: 0, maxDuration: .seconds(600), maxIterations: 1)
    ) { _ in
        try PaperAssemblyBench.run()
    }
}

/// The three multi-process cases, on one database of 100,000 questions and 1,000 candidates:
/// everyone starts within a minute, then 200 answer without pause, then all 1,000 answer about
/// every ten seconds.
enum ExamDay {
    static let questions = 100_000
    static let candidates = 1_000

    static func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("certdesk-examday-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = try BenchFixture.examDatabase(
            questions: questions, candidates: candidates, at: folder.appendingPathComponent("exam.sqlite").path)
        let floorPath = try LoadScenarios.floorCopy(of: fixture.path)

        let start = try LoadScenarios.synchronisedStart(fixture, floorPath: floorPath, window: 60)
        let ready = start.certDesk.starts
        try BenchResult(
            id: "synchronised-start",
            workload: "1,000 registered candidates, each a separate process started at a random moment within 60 s, press Start: "
                + "paper of 100 drawn from a bank of 100,000 trilingual questions, stored, first question read",
            goal: "every paper ready; p99 start to first question < 100 ms; no error",
            figure: Measure("p99 start to first question", ready.p99, "ms"),
            floor: Measure("p99", start.floor.starts.p99, "ms"),
            floorShape: "raw SQLite C API, same schedule of 1,000 processes: 100 question rows sampled in memory and read by key, "
                + "an attempt row, 100 paper rows and an event committed in one FULL transaction, the first stem read",
            met: ready.count == candidates && start.certDesk.errors.isEmpty && ready.p99 < 100,
            details: [
                Measure("papers ready", Double(ready.count), "count"), Measure("errors", Double(start.certDesk.errors.count), "count"),
                Measure("p50", ready.p50, "ms"), Measure("max", ready.max, "ms"),
                Measure("p99 from process start (database opened, login checked)", start.certDesk.startsFromSpawn.p99, "ms"),
                Measure("all started and finished within", start.elapsed, "s"),
            ] + firstErrors(start.certDesk),
            floorDetails: [
                Measure("p50", start.floor.starts.p50, "ms"), Measure("max", start.floor.starts.max, "ms"),
                Measure("errors", Double(start.floor.errors.count), "count"),
            ]
        ).save()

        var durable = fixture
        durable.logins = Array(fixture.logins.prefix(200))
        let zero = try LoadScenarios.answers(durable, floorPath: floorPath, perProcess: 1, duration: 20, think: 0)
        let saves = zero.certDesk.saves
        try BenchResult(
            id: "answer-save-durable",
            workload: "200 candidates, each its own process, save answers one after another with no think time for 20 s; "
                + "WAL, synchronous=FULL, each answer committed (with its audit entry) before it is acknowledged",
            goal: "p50 < 2 ms, p99 < 25 ms, max < 250 ms, 0 errors, 0 lost",
            figure: Measure("p99 save", saves.p99, "ms"),
            floor: Measure("p99", zero.floor.saves.p99, "ms"),
            floorShape: "raw SQLite C API, 200 processes each inserting one response row per FULL commit, no think time, "
                + "SQLite's default busy handler (sqlite3_busy_timeout)",
            met: saves.p50 < 2 && saves.p99 < 25 && saves.max < 250 && zero.certDesk.errors.isEmpty && zero.lost == 0,
            details: saveDetails(zero),
            floorDetails: floorSaveDetails(zero)
        ).save()

        let realistic = try LoadScenarios.answers(fixture, floorPath: floorPath, perProcess: 10, duration: 60, think: 10)
        try BenchResult(
            id: "answer-save-realistic",
            workload: "1,000 candidates (100 processes of 10, each candidate on its own connection) answer about every 10 s "
                + "(5–15 s) for 60 s",
            goal: "p99 < 10 ms",
            figure: Measure("p99 save", realistic.certDesk.saves.p99, "ms"),
            floor: Measure("p99", realistic.floor.saves.p99, "ms"),
            floorShape: "raw SQLite C API, the same 1,000 clients and schedule, one response row per FULL commit",
            met: realistic.certDesk.saves.p99 < 10 && realistic.certDesk.errors.isEmpty && realistic.lost == 0,
            details: saveDetails(realistic),
            floorDetails: floorSaveDetails(realistic)
        ).save()
    }

    static func saveDetails(_ outcome: LoadScenarios.Outcome) -> [Measure] {
        let saves = outcome.certDesk.saves
        return [
            Measure("p50", saves.p50, "ms"), Measure("max", saves.max, "ms"),
            Measure("answers acknowledged", Double(saves.count), "count"),
            Measure("answers per second", Double(saves.count) / max(outcome.elapsed, 1), "count"),
            Measure("errors", Double(outcome.certDesk.errors.count), "count"), Measure("lost", Double(outcome.lost), "count"),
        ] + firstErrors(outcome.certDesk)
    }

    static func floorSaveDetails(_ outcome: LoadScenarios.Outcome) -> [Measure] {
        let saves = outcome.floor.saves
        return [
            Measure("p50", saves.p50, "ms"), Measure("max", saves.max, "ms"), Measure("rows committed", Double(saves.count), "count"),
            Measure("errors (SQLITE_BUSY after 10 s)", Double(outcome.floor.errors.count), "count"),
        ]
    }

    /// The first few distinct errors, for the reader to see what failed.
    static func firstErrors(_ record: LoadRecord) -> [Measure] {
        Array(Set(record.errors)).sorted().prefix(3).map { Measure("error: \($0.prefix(160))", 1, "count") }
    }
}

/// One 100-item paper drawn for a candidate who has already seen one (exposure rules), from a
/// bank of 100,000, against the floor: the same number of ids sampled from arrays in memory
/// and their rows read by key.
enum PaperAssemblyBench {
    static func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("certdesk-paper-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = try BenchFixture.examDatabase(questions: 100_000, candidates: 2, at: folder.appendingPathComponent("p.sqlite").path)
        let store = try Store.open(at: fixture.path)
        let login = fixture.logins[0]
        let desk = ExamDesk(store: store, now: { Date() })
        _ = try desk.open(candidate: login.number, code: login.code, terminal: .current())
        guard let stored = try store.currentCurricula().first(where: { $0.curriculum.track == SyntheticContent.track }) else {
            throw BenchError("no curriculum")
        }
        let blueprint = stored.curriculum.exam.blueprint
        let assembler = PaperAssembler(blueprint: blueprint)

        // The floor's ids in memory, by module and difficulty, read once.
        let raw = try RawSQLite(path: fixture.path, options: .init(readOnly: true))
        var ids: [String: [Int: [String]]] = [:]
        try raw.prepare(
            """
            SELECT q.id, v.module_id, v.difficulty FROM questions q
            JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version WHERE q.track = ?
            """
        ).forEachRow([.text(SyntheticContent.track)]) { row in
            ids[row.text(1)!, default: [:]][row.int(2), default: []].append(row.text(0)!)
        }
        let fetch = try raw.prepare("SELECT options, shuffle FROM question_versions WHERE question_id = ? AND version = 1")

        var figure = Latencies()
        var floor = Latencies()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seed = generator.next() & 0x7FFF_FFFF_FFFF_FFFF
            let (paper, certDesk) = try Latencies.time {
                try store.readPool(track: SyntheticContent.track, candidate: login.number) { try assembler.assemble(from: $0, seed: seed) }
            }
            guard paper.items.count == SyntheticContent.paperLength else { throw BenchError("paper of \(paper.items.count) items") }
            figure.append(certDesk)
            let (_, sampled) = try Latencies.time {
                var rows = 0
                for entry in blueprint {
                    let levels = ids[entry.module] ?? [:]
                    let wanted = entry.difficulty.isEmpty ? [0: entry.questions] : entry.difficulty
                    for (level, count) in wanted {
                        let pool = level == 0 ? levels.values.flatMap { $0 } : levels[level] ?? []
                        var picked: Set<Int> = []
                        while picked.count < count { picked.insert(Int.random(in: 0..<pool.count, using: &generator)) }
                        for index in picked {
                            try fetch.bind(1, pool[index])
                            if try fetch.step() { rows += 1 }
                            fetch.reset()
                        }
                    }
                }
                precondition(rows == SyntheticContent.paperLength)
            }
            floor.append(sampled)
        }
        try BenchResult(
            id: "paper-assembly",
            workload: "2,000 papers of 100 items from a bank of 100,000 (blueprint of 10 modules, difficulty mixes, balancing, "
                + "unseen first for a candidate who has sat one paper), each read from the database's pool index",
            goal: "≤ 1 ms per paper (median), within 5× of the floor",
            figure: Measure("median per paper", figure.p50, "ms"),
            floor: Measure("median", floor.p50, "ms"),
            floorShape: "the same number of ids sampled at random from arrays in memory, by module and difficulty, "
                + "and their 100 rows read by primary key through the C API",
            met: figure.p50 <= 1 && figure.p50 <= 5 * floor.p50,
            details: [Measure("p99", figure.p99, "ms"), Measure("mean", figure.mean, "ms")],
            floorDetails: [Measure("p99", floor.p99, "ms"), Measure("mean", floor.mean, "ms")]
        ).save()
    }
}
