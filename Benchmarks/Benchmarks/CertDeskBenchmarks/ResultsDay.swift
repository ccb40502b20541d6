import BenchKit
import Benchmark
import CertDeskCore
import CertDeskKit
import CertDeskStore
import Crypto
import Foundation

/// The results-day benchmarks: importing a large bank, grading a sitting, item analysis and
/// issuing credentials, each timed against its floor in the same run.
///
/// Every iteration runs CertDesk's figure, then the floor, each on a fresh copy of the same
/// fixture and each timed with its own clock; the framework's own metrics cover the figure only.
/// After the last iteration the benchmark saves a ``BenchResult``.
func resultsDayBenchmarks() {
    // One run each (each takes up to minutes, floor interleaved) unless `CERTDESK_BENCH_ITERATIONS` asks for more.
    let iterations = ProcessInfo.processInfo.environment["CERTDESK_BENCH_ITERATIONS"].flatMap { Int($0) } ?? 1
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident], warmupIterations: 0, maxDuration: .seconds(3_600), maxIterations: iterations)
    registerBankImport(configuration)
    registerGrading(configuration)
    registerItemAnalysis(configuration)
    registerIssuance(configuration)
}

/// The figures and floors one benchmark collects across its iterations.
///
/// `@unchecked Sendable`: only one benchmark's closures touch it, and the runner calls them one after another.
final class Tally: @unchecked Sendable {
    var figure = Latencies()
    var floor = Latencies()
    /// CPU time (user + system, every thread) of each figure, in milliseconds: on a shared machine it moves less than wall time.
    var cpu = Latencies()
    var details: [String: Double] = [:]
    var floorDetails: [String: Double] = [:]
    /// Work that the floor reuses between iterations (rows to insert, payload sizes).
    var prepared: Any?

    /// Times `body` on a monotonic clock, in seconds.
    static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let (value, milliseconds) = try Latencies.time(body)
        return (value, milliseconds / 1000)
    }

    /// The median of the figure and of the floor, in seconds.
    ///
    /// - Throws: when no iteration completed, so that no result is saved for a run that measured nothing.
    func medians(_ id: String) throws -> (figure: Double, floor: Double) {
        guard !figure.milliseconds.isEmpty, !floor.milliseconds.isEmpty else {
            throw FixtureError("\(id): no iteration completed; no result saved")
        }
        details["median CPU time"] = cpu.p50 / 1000
        return (figure.p50 / 1000, floor.p50 / 1000)
    }

    /// CPU time this process has used so far (user + system, all threads), in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Times `body` on a monotonic clock and counts the process's CPU time it took, both in seconds.
    static func measured<T>(_ body: () throws -> T) rethrows -> (T, seconds: Double, cpu: Double) {
        let cpu = processCPUSeconds()
        let (value, seconds) = try Self.seconds(body)
        return (value, seconds, processCPUSeconds() - cpu)
    }

    func measures(_ values: [String: Double], units: [String: String]) -> [Measure] {
        values.sorted { $0.key < $1.key }.map { Measure($0.key, $0.value, units[$0.key] ?? "count") }
    }
}

/// Where the benchmarks keep the databases they work on: beside the results.
let workFolder = BenchResult.folder.deletingLastPathComponent().appendingPathComponent("work", isDirectory: true)

func workPath(_ name: String) throws -> String {
    try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
    return workFolder.appendingPathComponent(name).path
}

/// Counts rows with the C API, to check what a run wrote.
func rowCount(_ table: String, in path: String, where condition: String = "1") throws -> Int {
    Int(try RawSQLite(path: path).scalar("SELECT count(*) FROM \(table) WHERE \(condition)") ?? 0)
}

// MARK: - Bank import

let importQuestions = 100_000

func registerBankImport(_ configuration: Benchmark.Configuration) {
    let tally = Tally()
    Benchmark(
        "bank-import", configuration: configuration,
        closure: { benchmark in
            do {
                try bankImportIteration(benchmark, tally)
            } catch {
                benchmark.error("bank-import failed: \(error)")
            }
        },
        setup: {
            _ = try BenchFixture.contentFiles(questions: importQuestions)
            _ = try certdeskExecutable()
        },
        teardown: {
            let (figure, floor) = try tally.medians("bank-import")
            let peak = tally.details["peak memory (max RSS)"] ?? .infinity
            try BenchResult(
                id: "bank-import",
                workload:
                    "100,000 trilingual single/multiple-choice questions in 10 YAML files imported by `certdesk bank import` "
                    + "(release build, its own process) into a database with the curriculum loaded; \(tally.figure.count) runs",
                goal: "median < 20 s and peak memory < 1 GiB", figure: Measure("median duration", figure, "s"),
                floor: Measure("median duration", floor, "s"),
                floorShape:
                    "raw SQLite C API: the same 100,000 question_versions and 100,000 questions rows (CertDesk's stored values, "
                    + "same tables and indexes) inserted in one transaction, WAL, synchronous=FULL; no YAML parsing",
                met: figure < 20 && peak < 1_024,
                details: tally.measures(
                    tally.details.merging(["max duration": tally.figure.max / 1000]) { $1 },
                    units: [
                        "max duration": "s", "median CPU time": "s", "peak memory (max RSS)": "MiB", "YAML read": "MiB",
                        "questions imported": "count",
                    ]),
                floorDetails: tally.measures(
                    tally.floorDetails.merging(["max duration": tally.floor.max / 1000]) { $1 },
                    units: ["max duration": "s", "rows inserted": "count"])
            ).save()
            BenchFixture.removeDatabase(at: try workPath("bank-import.sqlite"))
            BenchFixture.removeDatabase(at: try workPath("bank-import-floor.sqlite"))
            try? FileManager.default.removeItem(atPath: try workPath("bank-import.session"))
        })
}

/// The `certdesk` command to import with: `CERTDESK_BIN`, else the release build in the checkout.
func certdeskExecutable() throws -> String {
    let path =
        ProcessInfo.processInfo.environment["CERTDESK_BIN"]
        ?? BenchFixture.home.appendingPathComponent(".build/release/certdesk").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw FixtureError(
            "bank-import runs the release build of certdesk, and \(path) is missing: "
                + "build it with `swift build -c release --product certdesk` in the checkout, or name it with CERTDESK_BIN")
    }
    return path
}

func bankImportIteration(_ benchmark: Benchmark, _ tally: Tally) throws {
    let path = try workPath("bank-import.sqlite")
    let banks = try BenchFixture.curriculumDatabase(questions: importQuestions, at: path)
    // The operator logs in first, as `certdesk login` does; the import runs under that session.
    let session = try workPath("bank-import.session")
    do {
        let store = try Store.open(at: path)
        let opened = try StaffDesk(store: store).login(
            name: BenchFixture.operatorName, password: BenchFixture.password, osUser: OSUser.current())
        try SessionFile(database: SessionFile.absolute(path), staff: BenchFixture.operatorName, token: opened.token).write(to: session)
    }
    var environment = ProcessInfo.processInfo.environment
    environment["LD_PRELOAD"] = nil
    environment["CERTDESK_SESSION_FILE"] = session
    environment["CERTDESK_HOME"] = BenchFixture.home.path
    // English messages whatever the machine's settings, so that the output is the same everywhere.
    environment["CERTDESK_LANG"] = nil

    benchmark.startMeasurement()
    let child = try ChildProcess.run(
        try certdeskExecutable(), ["bank", "import", banks.path, "--db", path, "--lang", "en"], environment: environment,
        standardOutput: try workPath("bank-import.out"), standardError: try workPath("bank-import.err"))
    benchmark.stopMeasurement()
    guard child.exitStatus == 0 else {
        let errors = (try? String(contentsOfFile: try workPath("bank-import.err"), encoding: .utf8)) ?? ""
        throw FixtureError("certdesk bank import exited with \(child.exitStatus): \(errors.prefix(2_000))")
    }
    let imported = try rowCount("question_versions", in: path)
    guard imported == importQuestions else { throw FixtureError("imported \(imported) of \(importQuestions) questions") }
    tally.figure.append(child.seconds * 1000)
    tally.cpu.append(child.cpuSeconds * 1000)
    tally.details["peak memory (max RSS)"] = max(tally.details["peak memory (max RSS)"] ?? 0, child.maxResidentBytes / 1_048_576)
    tally.details["questions imported"] = Double(imported)
    let yaml = try FileManager.default.contentsOfDirectory(at: banks, includingPropertiesForKeys: [.fileSizeKey]).reduce(0) {
        $0 + Double((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
    }
    tally.details["YAML read"] = yaml / 1_048_576

    // The floor inserts exactly the rows CertDesk stored, read back once.
    if tally.prepared == nil { tally.prepared = try ImportRows(from: path) }
    guard let rows = tally.prepared as? ImportRows else { return }
    let floorPath = try workPath("bank-import-floor.sqlite")
    BenchFixture.removeDatabase(at: floorPath)
    let floor = try RawSQLite(path: floorPath)
    for statement in rows.schema { try floor.exec(statement) }
    let (inserted, seconds) = try Tally.seconds { try rows.insert(into: floor) }
    tally.floor.append(seconds * 1000)
    tally.floorDetails["rows inserted"] = Double(inserted)
}

/// The question rows CertDesk stored, and the DDL of their tables, for the floor to insert again.
struct ImportRows {
    var schema: [String]
    var versions: [[RawSQLite.Statement.Value]]
    var questions: [[RawSQLite.Statement.Value]]

    init(from path: String) throws {
        let source = try RawSQLite(path: path)
        var statements: [String] = []
        let ddl = try source.prepare(
            """
            SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND tbl_name IN ('question_versions', 'questions')
            AND sql IS NOT NULL ORDER BY type DESC, tbl_name DESC
            """)
        try ddl.forEachRow { statements.append($0.text(0) ?? "") }
        schema = statements
        versions = try Self.rows("SELECT * FROM question_versions ORDER BY rowid", source)
        questions = try Self.rows("SELECT * FROM questions ORDER BY rowid", source)
    }

    static func rows(_ sql: String, _ db: RawSQLite) throws -> [[RawSQLite.Statement.Value]] {
        var rows: [[RawSQLite.Statement.Value]] = []
        let statement = try db.prepare(sql)
        try statement.forEachRow { row in rows.append((0..<row.columnCount).map(row.value)) }
        return rows
    }

    /// Inserts every row in one transaction, a version then its question, as an import does.
    func insert(into db: RawSQLite) throws -> Int {
        try db.transaction {
            let version = try db.prepare("INSERT INTO question_versions VALUES (\(placeholders(versions.first?.count ?? 1)))")
            let question = try db.prepare("INSERT INTO questions VALUES (\(placeholders(questions.first?.count ?? 1)))")
            for (index, row) in versions.enumerated() {
                try version.bind(row)
                try version.step()
                version.reset()
                if index < questions.count {
                    try question.bind(questions[index])
                    try question.step()
                    question.reset()
                }
            }
            return versions.count + questions.count
        }
    }

    func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}

// MARK: - Grading

let resultsAttempts = 10_000

func registerGrading(_ configuration: Benchmark.Configuration) {
    let tally = Tally()
    Benchmark(
        "grading", configuration: configuration,
        closure: { benchmark in
            do {
                try gradingIteration(benchmark, tally)
            } catch {
                benchmark.error("grading failed: \(error)")
            }
        },
        setup: { _ = try BenchFixture.resultsDatabase(attempts: resultsAttempts, at: try workPath("grading.sqlite")) },
        teardown: {
            let (figure, floor) = try tally.medians("grading")
            try BenchResult(
                id: "grading",
                workload:
                    "one sitting of 10,000 submitted, ungraded 100-item papers (single/multiple choice, realistic answers, ~105 "
                    + "response rows each) graded by GradingDesk.gradePending, as `certdesk results` does; \(tally.figure.count) runs",
                goal: "median < 3 s", figure: Measure("median duration", figure, "s"), floor: Measure("median duration", floor, "s"),
                floorShape:
                    "raw SQLite C API: the same paper items and latest answers read in two ordered scans, each item scored against "
                    + "its key, and 10,000 grade rows of the same shape (per-item and per-module JSON) written in one transaction, "
                    + "WAL, synchronous=FULL",
                met: figure < 3,
                details: tally.measures(
                    tally.details.merging(["max duration": tally.figure.max / 1000]) { $1 },
                    units: ["max duration": "s", "median CPU time": "s"]),
                floorDetails: tally.measures(
                    tally.floorDetails.merging(["max duration": tally.floor.max / 1000]) { $1 }, units: ["max duration": "s"])
            ).save()
            BenchFixture.removeDatabase(at: try workPath("grading.sqlite"))
            BenchFixture.removeDatabase(at: try workPath("grading-floor.sqlite"))
        })
}

func gradingIteration(_ benchmark: Benchmark, _ tally: Tally) throws {
    let fixture = try BenchFixture.resultsDatabase(attempts: resultsAttempts, at: try workPath("grading.sqlite"))
    let desk = GradingDesk(store: try Store.open(at: fixture.path), operatorName: BenchFixture.operatorName, now: { Date() })
    benchmark.startMeasurement()
    let (changes, seconds, cpu) = try Tally.measured { try desk.gradePending(sitting: fixture.sittingID) }
    benchmark.stopMeasurement()
    let grades = try rowCount("grades", in: fixture.path)
    guard changes.count == resultsAttempts, grades == resultsAttempts else {
        throw FixtureError("graded \(changes.count) attempts and stored \(grades) grades, not \(resultsAttempts)")
    }
    tally.figure.append(seconds * 1000)
    tally.cpu.append(cpu * 1000)
    tally.details["attempts graded"] = Double(grades)
    tally.details["passed"] = Double(changes.filter { $0.current.passed == true }.count)
    tally.details["response rows"] = Double(try rowCount("responses", in: fixture.path))

    let floorPath = try workPath("grading-floor.sqlite")
    _ = try BenchFixture.resultsDatabase(attempts: resultsAttempts, at: floorPath)
    let db = try RawSQLite(path: floorPath)
    let (written, floorSeconds) = try Tally.seconds { try FloorGrader.grade(db) }
    tally.floor.append(floorSeconds * 1000)
    tally.floorDetails["grade rows written"] = Double(written)
}

/// The grading floor: the fewest steps from stored answers to stored grade rows.
///
/// Option ids are single letters in these banks, so a set of chosen options is a bit mask.
enum FloorGrader {
    struct Version: Hashable {
        var id: String
        var version: Int64
    }

    struct Key {
        var module: String
        var multiple: Bool
        var correct: UInt64
    }

    static func grade(_ db: RawSQLite) throws -> Int {
        var keys: [Version: Key] = [:]
        let questions = try db.prepare("SELECT question_id, version, module_id, type, options FROM question_versions")
        try questions.forEachRow { row in
            keys[Version(id: row.text(0) ?? "", version: row.int64(1))] = Key(
                module: row.text(2) ?? "", multiple: row.text(3) == "multiple", correct: row.withTextBytes(4) { correctMask($0) })
        }
        let items = try db.prepare("SELECT attempt_id, slot, question_id, version FROM paper_items ORDER BY attempt_id, slot")
        let answers = try db.prepare(
            "SELECT attempt_id, slot, value FROM responses WHERE kind = 'answer' ORDER BY attempt_id, slot, id")
        var answer = try answers.step()
        let insert = try db.prepare(
            """
            INSERT INTO grades (attempt_id, cause, raw, possible, percentage, pass_mark, provisional, passed, items, modules,
                graded_at, graded_by) VALUES (?, 'submitted', ?, ?, ?, 70, 0, ?, ?, ?, ?, 'floor')
            """)
        let now = ISO8601DateFormatter().string(from: Date())
        var written = 0
        try db.transaction {
            var current: Int64 = -1
            var json = ""
            var count = 0
            var modules: [String: (raw: Double, possible: Double)] = [:]
            var raw = 0.0
            func flush() throws {
                guard current >= 0 else { return }
                var moduleJSON = "["
                for (module, score) in modules.sorted(by: { $0.key < $1.key }) {
                    if moduleJSON.count > 1 { moduleJSON += "," }
                    moduleJSON +=
                        "{\"module\":\"" + module + "\",\"possible\":" + String(score.possible) + ",\"raw\":"
                        + String(score.raw) + "}"
                }
                let possible = Double(count)
                try insert.run(
                    .integer(current), .real(raw), .real(possible), .real(raw / possible * 100), .integer(raw / possible >= 0.7 ? 1 : 0),
                    .text(json + "]"), .text(moduleJSON + "]"), .text(now))
                written += 1
                json = "["
                count = 0
                modules.removeAll(keepingCapacity: true)
                raw = 0
            }
            while try items.step() {
                let attempt = items.int64(0)
                let slot = items.int64(1)
                if attempt != current {
                    try flush()
                    current = attempt
                    json = "["
                }
                // The latest answer to this slot: the last of its rows in (attempt, slot, id) order.
                var chosen: UInt64 = 0
                while answer, answers.int64(0) < attempt || (answers.int64(0) == attempt && answers.int64(1) <= slot) {
                    if answers.int64(0) == attempt && answers.int64(1) == slot {
                        chosen = answers.isNull(2) ? 0 : answers.withTextBytes(2) { chosenMask($0) }
                    }
                    answer = try answers.step()
                }
                let question = items.text(2) ?? ""
                let version = items.int64(3)
                let key = keys[Version(id: question, version: version)] ?? Key(module: "", multiple: false, correct: 0)
                let fraction: Double
                if key.multiple {
                    let right = Double((chosen & key.correct).nonzeroBitCount)
                    let wrong = Double((chosen & ~key.correct).nonzeroBitCount)
                    fraction = max(0, (right - wrong) / Double(max(key.correct.nonzeroBitCount, 1)))
                } else {
                    fraction = chosen == key.correct ? 1 : 0
                }
                raw += fraction
                modules[key.module, default: (0, 0)].raw += fraction
                modules[key.module, default: (0, 0)].possible += 1
                if count > 0 { json += "," }
                count += 1
                let mark = String(fraction)
                json += "{\"fraction\":" + mark + ",\"mark\":" + mark + ",\"module\":\"" + key.module + "\",\"points\":1,\"question\":\""
                json += question + (key.multiple ? "\",\"rule\":\"multiple-partial\",\"slot\":" : "\",\"rule\":\"single\",\"slot\":")
                json += String(slot) + ",\"state\":\"scored\",\"version\":" + String(version) + "}"
            }
            try flush()
        }
        items.reset()
        answers.reset()
        return written
    }

    /// The bit of an option id: its first letter.
    static func bit(_ byte: UInt8) -> UInt64 { 1 << UInt64(byte & 63) }

    /// The options marked `"correct":true` in a stored options array (keys sorted: correct, id, text).
    static func correctMask(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let marker = Array("\"correct\":true,\"id\":\"".utf8)
        var mask: UInt64 = 0
        var index = 0
        while index + marker.count < bytes.count {
            if bytes[index] == marker[0], (0..<marker.count).allSatisfy({ bytes[index + $0] == marker[$0] }) {
                mask |= bit(bytes[index + marker.count])
                index += marker.count
            }
            index += 1
        }
        return mask
    }

    /// The options of a stored answer, `{"choices":["a","c"]}`.
    static func chosenMask(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var mask: UInt64 = 0
        var inside = false
        var list = false
        var index = 0
        // Every opening quote inside the list is followed by an id.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") { list = true }
            if list, byte == UInt8(ascii: "\"") {
                if !inside, index + 1 < bytes.count { mask |= bit(bytes[index + 1]) }
                inside.toggle()
            }
            index += 1
        }
        return mask
    }
}

// MARK: - Item analysis

func registerItemAnalysis(_ configuration: Benchmark.Configuration) {
    let tally = Tally()
    Benchmark(
        "item-analysis", configuration: configuration,
        closure: { benchmark in
            do {
                try itemAnalysisIteration(benchmark, tally)
            } catch {
                benchmark.error("item-analysis failed: \(error)")
            }
        },
        setup: { _ = try BenchFixture.gradedResultsDatabase(attempts: resultsAttempts, at: try workPath("item-analysis.sqlite")) },
        teardown: {
            let (figure, floor) = try tally.medians("item-analysis")
            try BenchResult(
                id: "item-analysis",
                workload:
                    "item analysis of one sitting's 10,000 graded 100-item papers drawn from a 2,000-question bank, by "
                    + "ReportDesk.items as `certdesk report items --track CCCP --session S` does; \(tally.figure.count) runs",
                goal: "median < 2 s", figure: Measure("median duration", figure, "s"), floor: Measure("median duration", floor, "s"),
                floorShape:
                    "raw SQLite C API: one scan of the same 10,000 grade rows, each item's question, version, mark and points "
                    + "picked out of the stored JSON, and per-item sums (facility, the p-value) in a loop",
                met: figure < 2,
                details: tally.measures(
                    tally.details.merging(["max duration": tally.figure.max / 1000]) { $1 },
                    units: ["max duration": "s", "median CPU time": "s"]),
                floorDetails: tally.measures(
                    tally.floorDetails.merging(["max duration": tally.floor.max / 1000]) { $1 }, units: ["max duration": "s"])
            ).save()
            BenchFixture.removeDatabase(at: try workPath("item-analysis.sqlite"))
            BenchFixture.removeDatabase(at: try workPath("item-analysis-floor.sqlite"))
        })
}

func itemAnalysisIteration(_ benchmark: Benchmark, _ tally: Tally) throws {
    let fixture = try BenchFixture.gradedResultsDatabase(attempts: resultsAttempts, at: try workPath("item-analysis.sqlite"))
    let desk = ReportDesk(store: try Store.open(at: fixture.path), operatorName: BenchFixture.operatorName, now: { Date() })
    benchmark.startMeasurement()
    let (report, seconds, cpu) = try Tally.measured { try desk.items(track: SyntheticContent.track, sitting: fixture.sittingID) }
    benchmark.stopMeasurement()
    guard report.analysis.attempts == resultsAttempts else {
        throw FixtureError("analysed \(report.analysis.attempts) attempts, not \(resultsAttempts)")
    }
    tally.figure.append(seconds * 1000)
    tally.cpu.append(cpu * 1000)
    tally.details["attempts analysed"] = Double(report.analysis.attempts)
    tally.details["items analysed"] = Double(report.analysis.items.count)
    tally.details["forms"] = Double(report.analysis.forms.count)

    let floorPath = try workPath("item-analysis-floor.sqlite")
    _ = try BenchFixture.gradedResultsDatabase(attempts: resultsAttempts, at: floorPath)
    let db = try RawSQLite(path: floorPath)
    let (facility, floorSeconds) = try Tally.seconds { try FloorAnalysis.facility(db) }
    tally.floor.append(floorSeconds * 1000)
    tally.floorDetails["items summed"] = Double(facility.count)
}

/// The item-analysis floor: per-item facility from the stored grades.
enum FloorAnalysis {
    static func facility(_ db: RawSQLite) throws -> [String: Double] {
        var sums: [String: (mark: Double, points: Double)] = [:]
        let grades = try db.prepare("SELECT items FROM grades ORDER BY attempt_id, id")
        try grades.forEachRow { row in
            row.withTextBytes(0) { bytes in
                scan(bytes) { question, mark, points in
                    sums[question, default: (0, 0)].mark += mark
                    sums[question, default: (0, 0)].points += points
                }
            }
        }
        return sums.mapValues { $0.points > 0 ? $0.mark / $0.points : 0 }
    }

    /// Calls `item` with `question@version`, mark and points of each object of a stored items array.
    ///
    /// The keys of each object are sorted (fraction, mark, module, points, question, rule, slot, state, version).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ item: (String, Double, Double) -> Void) {
        let markKey = Array("\"mark\":".utf8)
        let pointsKey = Array("\"points\":".utf8)
        let questionKey = Array("\"question\":\"".utf8)
        let versionKey = Array("\"version\":".utf8)
        var mark = 0.0
        var points = 0.0
        var question = ""
        var index = 0
        func matches(_ key: [UInt8]) -> Bool {
            guard index + key.count <= bytes.count else { return false }
            for offset in 0..<key.count where bytes[index + offset] != key[offset] { return false }
            return true
        }
        func number() -> Double {
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: "}") { end += 1 }
            let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)) ?? 0
            index = end
            return value
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\"") else {
                index += 1
                continue
            }
            if matches(markKey) {
                index += markKey.count
                mark = number()
            } else if matches(pointsKey) {
                index += pointsKey.count
                points = number()
            } else if matches(questionKey) {
                index += questionKey.count
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
                question = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            } else if matches(versionKey) {
                index += versionKey.count
                item(question + "@" + String(Int(number())), mark, points)
                mark = 0
            } else {
                index += 1
            }
        }
    }
}

// MARK: - Issuance

func registerIssuance(_ configuration: Benchmark.Configuration) {
    let tally = Tally()
    Benchmark(
        "issuance", configuration: configuration,
        closure: { benchmark in
            do {
                try issuanceIteration(benchmark, tally)
            } catch {
                benchmark.error("issuance failed: \(error)")
            }
        },
        setup: { _ = try BenchFixture.issuanceDatabase(credentials: resultsAttempts, at: try workPath("issuance.sqlite")) },
        teardown: {
            let (figure, floor) = try tally.medians("issuance")
            try BenchResult(
                id: "issuance",
                workload:
                    "10,000 credentials (Open Badges 3.0, eddsa-jcs-2022 proofs) issued to the passing candidates of one released "
                    + "sitting by CredentialDesk.issue, as `certdesk issue --session S` does, and stored; \(tally.figure.count) runs",
                goal: "median < 3 s", figure: Measure("median duration", figure, "s"), floor: Measure("median duration", floor, "s"),
                floorShape:
                    "10,000 bare Ed25519 signatures (swift-crypto Curve25519.Signing) of payloads the size of the stored credentials",
                met: figure < 3,
                details: tally.measures(
                    tally.details.merging(["max duration": tally.figure.max / 1000]) { $1 },
                    units: ["max duration": "s", "median CPU time": "s", "credential size": "bytes"]),
                floorDetails: tally.measures(
                    tally.floorDetails.merging(["max duration": tally.floor.max / 1000]) { $1 },
                    units: ["max duration": "s", "payload size": "bytes"])
            ).save()
            BenchFixture.removeDatabase(at: try workPath("issuance.sqlite"))
            try? FileManager.default.removeItem(atPath: try workPath("issuance.sqlite.keys"))
        })
}

func issuanceIteration(_ benchmark: Benchmark, _ tally: Tally) throws {
    let fixture = try BenchFixture.issuanceDatabase(credentials: resultsAttempts, at: try workPath("issuance.sqlite"))
    let desk = BenchFixture.credentialDesk(store: try Store.open(at: fixture.path), keyDirectory: fixture.keyDirectory ?? "")
    benchmark.startMeasurement()
    let (report, seconds, cpu) = try Tally.measured { try desk.issue(sitting: fixture.sittingID) }
    benchmark.stopMeasurement()
    let stored = try rowCount("credentials", in: fixture.path)
    guard report.issued.count == resultsAttempts, stored == resultsAttempts else {
        throw FixtureError("issued \(report.issued.count) credentials and stored \(stored), not \(resultsAttempts)")
    }
    tally.figure.append(seconds * 1000)
    tally.cpu.append(cpu * 1000)
    tally.details["credentials issued"] = Double(stored)
    let size = Int(try RawSQLite(path: fixture.path).scalar("SELECT avg(length(CAST(document AS BLOB))) FROM credentials") ?? 0)
    tally.details["credential size"] = Double(size)

    let key = Curve25519.Signing.PrivateKey()
    var generator = SystemRandomNumberGenerator()
    let payloads = (0..<resultsAttempts).map { _ in Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
    let (signatures, floorSeconds) = try Tally.seconds { try payloads.map { try key.signature(for: $0) } }
    blackHole(signatures)
    tally.floor.append(floorSeconds * 1000)
    tally.floorDetails["signatures"] = Double(signatures.count)
    tally.floorDetails["payload size"] = Double(size)
}

// MARK: - Child processes

/// Runs a command in its own process and reports its time and peak memory (`wait4`'s `ru_maxrss`).
enum ChildProcess {
    struct Outcome {
        var exitStatus: Int32
        var seconds: Double
        var maxResidentBytes: Double
        /// User + system time of the child.
        var cpuSeconds: Double
    }

    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], standardOutput: String, standardError: String
    ) throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw FixtureError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw FixtureError("cannot wait for \(executable): \(String(cString: strerror(errno)))") }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        // WIFEXITED / WEXITSTATUS; a signal shows as 128 + its number.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Outcome(exitStatus: code, seconds: seconds, maxResidentBytes: Double(usage.ru_maxrss) * 1024, cpuSeconds: cpu)
    }
}
