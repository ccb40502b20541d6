import BenchKit
import CertDeskCore
import CertDeskExam
import CertDeskKit
import CertDeskStore
import Foundation

/// The candidate's side through CertDesk itself: the same calls the exam room makes.
enum LoadWorker {
    /// `start db= login=NUMBER:CODE spawned=NS`: opens the database, then presses Start: logs in,
    /// gets the paper drawn and stored, and reads the first question.
    static func start(_ options: [String: String]) throws {
        let spawned = UInt64(options["spawned"] ?? "") ?? Processes.now()
        let store = try Store.open(at: try value("db", options))
        let login = try logins(options)[0]
        let pressed = Processes.now()
        let opened = try open(login, store: store)
        let first = opened.sheet.items[0]
        let shown = first.stem.best(for: opened.language) + first.options.map { $0.text?.best(for: opened.language) ?? "" }.joined()
        let ready = Processes.now()
        precondition(!shown.isEmpty)
        print("start \(milliseconds(ready - pressed)) \(milliseconds(ready - spawned))")
    }

    /// `answer db= logins=N:C,N:C go=NS end=NS think=SECONDS`: each login's attempt is opened on
    /// its own thread and connection; from `go` to `end` each saves answers, one after the
    /// other (think 0) or about every `think` seconds.
    static func answer(_ options: [String: String]) throws {
        let path = try value("db", options)
        let go = UInt64(try value("go", options))!
        let end = UInt64(try value("end", options))!
        let think = Double(options["think"] ?? "0") ?? 0
        let group = DispatchGroup()
        let output = NSLock()
        for login in try logins(options) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let lines = candidate(login, path: path, go: go, end: end, think: think)
                output.lock()
                print(lines.joined(separator: "\n"))
                output.unlock()
            }
        }
        group.wait()
    }

    /// One candidate answering; returns its output lines.
    private static func candidate(_ login: Login, path: String, go: UInt64, end: UInt64, think: Double) -> [String] {
        var lines: [String] = []
        do {
            let store = try Store.open(at: path)
            let opened = try open(login, store: store)
            var random = SystemRandomNumberGenerator()
            var next = go + (think > 0 ? UInt64(Double.random(in: 0..<think, using: &random) * 1e9) : 0)
            var acknowledged = 0
            var index = 0
            while true {
                Processes.sleep(until: next)
                let started = Processes.now()
                guard started < end else { break }
                let item = opened.sheet.items[index % opened.sheet.items.count]
                let option = item.options[(index / opened.sheet.items.count + login.number.count) % max(item.options.count, 1)]
                index += 1
                do {
                    _ = try opened.backend.saveAnswer(.choices([option.id]), slot: item.slot)
                    acknowledged += 1
                    lines.append("save \(milliseconds(Processes.now() - started))")
                } catch {
                    lines.append("error save: \(error)")
                }
                next = think > 0 ? started + UInt64(Double.random(in: 0.5 * think..<1.5 * think, using: &random) * 1e9) : 0
            }
            lines.append("acked \(opened.sheet.attemptID) \(acknowledged)")
        } catch {
            lines.append("error open \(login.number): \(error)")
        }
        return lines
    }

    private static func open(_ login: Login, store: Store) throws -> OpenedAttempt {
        let desk = ExamDesk(store: store, now: { Date() })
        let outcome = try desk.open(candidate: login.number, code: login.code, terminal: .current())
        guard case .opened(let opened, _, _) = outcome else { throw BenchError("the attempt of \(login.number) is closed") }
        return opened
    }
}

func value(_ key: String, _ options: [String: String]) throws -> String {
    guard let value = options[key] else { throw BenchError("missing \(key)=") }
    return value
}

func logins(_ options: [String: String]) throws -> [Login] {
    try value(options["login"] != nil ? "login" : "logins", options).split(separator: ",").map { pair in
        let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw BenchError("bad login \(pair)") }
        return Login(number: parts[0], code: parts[1])
    }
}

func milliseconds(_ nanoseconds: UInt64) -> String { String(format: "%.4f", Double(nanoseconds) / 1e6) }
