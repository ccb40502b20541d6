import BenchKit
import Foundation

/// The floors of the multi-process cases: the same rows, written by the same number of
/// processes with the same durability (WAL, `synchronous=FULL`), through SQLite's C API with
/// its default busy handler (`sqlite3_busy_timeout`) and nothing of CertDesk around them.
enum FloorWorker {
    /// `start-floor db= spawned=NS items=N paper=100`: samples `paper` question rows in memory,
    /// reads them by key, and commits an attempt row, its paper rows and a start event in one
    /// transaction; then reads the first question's text.
    static func start(_ options: [String: String]) throws {
        let spawned = UInt64(options["spawned"] ?? "") ?? Processes.now()
        let items = Int(try value("items", options))!
        let size = Int(options["paper"] ?? "100")!
        let db = try RawSQLite(path: try value("db", options))
        let pressed = Processes.now()
        var rowids: Set<Int64> = []
        while rowids.count < size { rowids.insert(Int64.random(in: 1...Int64(items))) }
        let read = try db.prepare("SELECT question_id, version, options FROM question_versions WHERE rowid = ?")
        let attempt = try db.prepare("INSERT INTO floor_attempts (seed, started_ms) VALUES (?, ?)")
        let paper = try db.prepare(
            "INSERT INTO floor_paper_items (attempt_id, slot, question_id, version, option_order) VALUES (?, ?, ?, ?, ?)")
        let event = try db.prepare("INSERT INTO floor_events (attempt_id, kind, at_ms) VALUES (?, 'started', ?)")
        try db.transaction {
            try attempt.run(.integer(Int64.random(in: 0...Int64.max)), .integer(Int64(Date().timeIntervalSince1970 * 1000)))
            let id = db.lastInsertRowID
            for (slot, rowid) in rowids.enumerated() {
                try read.bind(1, rowid)
                guard try read.step() else { throw BenchError("no question row \(rowid)") }
                let (question, version, order) = (read.text(0) ?? "", read.int64(1), read.text(2) ?? "")
                read.reset()
                try paper.run(.integer(id), .integer(Int64(slot + 1)), .text(question), .integer(version), .text(order))
            }
            try event.run(.integer(id), .integer(Int64(Date().timeIntervalSince1970 * 1000)))
        }
        let stem = try db.prepare("SELECT stem FROM question_versions WHERE rowid = ?")
        try stem.bind(1, rowids.first!)
        _ = try stem.step()
        let ready = Processes.now()
        print("start \(milliseconds(ready - pressed)) \(milliseconds(ready - spawned))")
    }

    /// `answer-floor db= clients=K first=ATTEMPT go=NS end=NS think=SECONDS`: K threads, each
    /// with its own connection, commit one response row per answer.
    static func answer(_ options: [String: String]) throws {
        let path = try value("db", options)
        let clients = Int(try value("clients", options))!
        let first = Int64(try value("first", options))!
        let go = UInt64(try value("go", options))!
        let end = UInt64(try value("end", options))!
        let think = Double(options["think"] ?? "0") ?? 0
        let group = DispatchGroup()
        let output = NSLock()
        for client in 0..<clients {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var lines: [String] = []
                let attempt = first + Int64(client)
                do {
                    let db = try RawSQLite(path: path)
                    let insert = try db.prepare(
                        "INSERT INTO floor_responses (attempt_id, slot, kind, value, at_ms, terminal) VALUES (?, ?, 'answer', ?, ?, ?)")
                    var random = SystemRandomNumberGenerator()
                    var next = go + (think > 0 ? UInt64(Double.random(in: 0..<think, using: &random) * 1e9) : 0)
                    var acknowledged = 0
                    while true {
                        Processes.sleep(until: next)
                        let started = Processes.now()
                        guard started < end else { break }
                        do {
                            try insert.run(
                                .integer(attempt), .integer(Int64(acknowledged % 100 + 1)), .text("{\"choices\":[\"b\"]}"),
                                .integer(Int64(Date().timeIntervalSince1970 * 1000)), .text("/dev/pts/\(client)"))
                            acknowledged += 1
                            lines.append("save \(milliseconds(Processes.now() - started))")
                        } catch {
                            insert.reset()
                            lines.append("error save: \(error)")
                        }
                        next = think > 0 ? started + UInt64(Double.random(in: 0.5 * think..<1.5 * think, using: &random) * 1e9) : 0
                    }
                    lines.append("acked \(attempt) \(acknowledged)")
                } catch {
                    lines.append("error open: \(error)")
                }
                output.lock()
                print(lines.joined(separator: "\n"))
                output.unlock()
            }
        }
        group.wait()
    }
}
