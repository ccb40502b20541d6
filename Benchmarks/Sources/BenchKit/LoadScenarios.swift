import Foundation

/// The multi-process cases: candidate processes started on a schedule or answering together,
/// first through the raw SQLite floor, then through CertDesk, on copies of the same database.
public enum LoadScenarios {
    /// What one scenario measured for CertDesk and for its floor.
    public struct Outcome: Sendable {
        public var certDesk: LoadRecord
        public var floor: LoadRecord
        /// Answers CertDesk acknowledged that are not in the database afterwards.
        public var lost: Int
        /// Seconds from the first process started to the last one finished, CertDesk's run.
        public var elapsed: Double
    }

    /// Copies `fixture`'s database beside it with the floor's own tables added.
    public static func floorCopy(of path: String) throws -> String {
        let copy = path + ".floor.sqlite"
        try? FileManager.default.removeItem(atPath: copy)
        try RawSQLite(path: path).backup(to: copy)
        let db = try RawSQLite(path: copy)
        try db.exec(
            """
            CREATE TABLE IF NOT EXISTS floor_attempts (id INTEGER PRIMARY KEY, seed INTEGER NOT NULL, started_ms INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS floor_paper_items (attempt_id INTEGER NOT NULL, slot INTEGER NOT NULL, question_id TEXT NOT NULL,
                version INTEGER NOT NULL, option_order TEXT NOT NULL, PRIMARY KEY (attempt_id, slot));
            CREATE TABLE IF NOT EXISTS floor_events (id INTEGER PRIMARY KEY, attempt_id INTEGER NOT NULL, kind TEXT NOT NULL,
                at_ms INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS floor_responses (id INTEGER PRIMARY KEY, attempt_id INTEGER NOT NULL, slot INTEGER NOT NULL,
                kind TEXT NOT NULL, value TEXT, at_ms INTEGER NOT NULL, terminal TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS floor_responses_by_attempt ON floor_responses(attempt_id, slot, id);
            """)
        return copy
    }

    /// `logins.count` candidate processes, each started at a random moment within `window`
    /// seconds, press Start at once: the paper is drawn, stored and its first question read.
    /// The floor runs the same schedule first, on `floorPath`.
    public static func synchronisedStart(_ fixture: ExamFixture, floorPath: String, window: Double) throws -> Outcome {
        let offsets = fixture.logins.map { _ in Double.random(in: 0..<window) }.sorted()
        let items = try RawSQLite(path: floorPath).scalar("SELECT max(rowid) FROM question_versions") ?? 0
        let (floor, _) = try run(count: fixture.logins.count, offsets: offsets) { index in
            ["start-floor", "db=\(floorPath)", "items=\(items)"]
        }
        let (certDesk, elapsed) = try run(count: fixture.logins.count, offsets: offsets) { index in
            let login = fixture.logins[index]
            return ["start", "db=\(fixture.path)", "login=\(login.number):\(login.code)"]
        }
        return Outcome(certDesk: certDesk, floor: floor, lost: 0, elapsed: elapsed)
    }

    /// `logins.count` candidates whose attempts have started answer from a common moment for
    /// `duration` seconds: one answer after another (`think` 0) or about every `think` seconds,
    /// `perProcess` candidates to a process, each on its own connection. Then every
    /// acknowledged answer is looked for in the database.
    public static func answers(
        _ fixture: ExamFixture, floorPath: String, perProcess: Int, duration: Double, think: Double
    ) throws -> Outcome {
        let groups = stride(from: 0, to: fixture.logins.count, by: perProcess).map {
            Array(fixture.logins[$0..<min($0 + perProcess, fixture.logins.count)])
        }
        let (floor, _) = try together(groups.count, opening: fixture.logins.count, duration: duration) { index, go, end in
            [
                "answer-floor", "db=\(floorPath)", "clients=\(groups[index].count)", "first=\(1_000_000 + index * perProcess)",
                "go=\(go)", "end=\(end)", "think=\(think)",
            ]
        }
        let before = try answerCounts(fixture.path)
        let (certDesk, elapsed) = try together(groups.count, opening: fixture.logins.count, duration: duration) { index, go, end in
            [
                "answer", "db=\(fixture.path)", "logins=" + groups[index].map { "\($0.number):\($0.code)" }.joined(separator: ","),
                "go=\(go)", "end=\(end)", "think=\(think)",
            ]
        }
        let after = try answerCounts(fixture.path)
        let lost = certDesk.acknowledged.reduce(0) { total, entry in
            total + max(0, entry.value - ((after[entry.key] ?? 0) - (before[entry.key] ?? 0)))
        }
        return Outcome(certDesk: certDesk, floor: floor, lost: lost, elapsed: elapsed)
    }

    /// Stored answers per attempt.
    static func answerCounts(_ path: String) throws -> [Int64: Int] {
        let db = try RawSQLite(path: path)
        var counts: [Int64: Int] = [:]
        try db.prepare("SELECT attempt_id, count(*) FROM responses WHERE kind = 'answer' GROUP BY attempt_id").forEachRow { row in
            counts[row.int64(0)] = row.int(1)
        }
        return counts
    }

    /// Starts one worker per offset (seconds from now) and collects their output.
    private static func run(count: Int, offsets: [Double], arguments: (Int) -> [String]) throws -> (LoadRecord, Double) {
        let folder = try scratchFolder()
        let origin = Processes.now() + 200_000_000
        var running: Set<pid_t> = []
        for index in 0..<count {
            let at = origin + UInt64(offsets[index] * 1e9)
            Processes.sleep(until: at)
            let spawned = Processes.now()
            running.insert(
                try Processes.spawn(
                    [Processes.worker] + arguments(index) + ["spawned=\(spawned)"],
                    output: folder.appendingPathComponent("\(index).out").path))
            reap(&running, blocking: false)
        }
        reap(&running, blocking: true)
        return (try collect(folder), Double(Processes.now() - origin) / 1e9)
    }

    /// Starts `count` workers that begin together once all have had time to open their attempts.
    /// (`opening` candidates in all; each opening is a write of some 30 ms, one after another).
    private static func together(
        _ count: Int, opening: Int, duration: Double, arguments: (Int, UInt64, UInt64) -> [String]
    ) throws -> (LoadRecord, Double) {
        let folder = try scratchFolder()
        let go = Processes.now() + UInt64((5 + Double(opening) * 0.06) * 1e9)
        let end = go + UInt64(duration * 1e9)
        var running: Set<pid_t> = []
        for index in 0..<count {
            running.insert(
                try Processes.spawn(
                    [Processes.worker] + arguments(index, go, end), output: folder.appendingPathComponent("\(index).out").path))
        }
        reap(&running, blocking: true)
        var record = try collect(folder)
        if Processes.now() < go { record.errors.append("workers finished before the common start") }
        return (record, Double(Processes.now() - go) / 1e9)
    }

    private static func reap(_ running: inout Set<pid_t>, blocking: Bool) {
        for pid in running {
            var status: Int32 = 0
            let result = blocking ? Processes.wait(pid) : (waitpid(pid, &status, WNOHANG) == pid ? 0 : -1)
            if blocking || result == 0 { running.remove(pid) }
        }
    }

    private static func collect(_ folder: URL) throws -> LoadRecord {
        var record = LoadRecord()
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) {
            record.read(try String(contentsOf: file, encoding: .utf8))
        }
        try? FileManager.default.removeItem(at: folder)
        return record
    }

    private static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("certdesk-load-\(getpid())-\(Processes.now())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
