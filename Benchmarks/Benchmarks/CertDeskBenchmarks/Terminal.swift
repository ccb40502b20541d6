import BenchKit
import Benchmark
import Foundation

/// The candidate's terminal: the real `certdesk sit` on a pseudo-terminal, from spawning to the
/// first question on screen (`terminal-cold-start`) and from a key to the redrawn screen
/// (`terminal-keypress`), each beside the same round trip with a trivial program.
func terminalBenchmarks() {
    let once = Benchmark.Configuration(
        metrics: [.wallClock, .custom("CertDesk p99 (µs)"), .custom("floor p99 (µs)")], warmupIterations: 0,
        maxDuration: .seconds(1_200), maxIterations: 1)
    Benchmark("terminal-cold-start", configuration: once) { benchmark in
        try TerminalBench.report(TerminalBench.coldStart(), to: benchmark)
    }
    Benchmark("terminal-keypress", configuration: once) { benchmark in
        try TerminalBench.report(TerminalBench.keypress(), to: benchmark)
    }
}

/// The two terminal benchmarks, each returning the result it saved.
enum TerminalBench {
    /// Spawns measured on a resumed attempt; the figure is their p99.
    static let resumedRuns = 30
    /// First logins measured (each a new candidate, so a new attempt and paper).
    static let firstLogins = 20
    /// Keys measured; the figure is their p99.
    static let keypresses = 200
    /// Longer than anything measured here is a failure, not a figure.
    static let timeout: TimeInterval = 30

    static let enter: [UInt8] = [0x0D]
    static let right: [UInt8] = [0x1B, 0x5B, 0x43]
    static let left: [UInt8] = [0x1B, 0x5B, 0x44]
    /// Ctrl-C asks to leave on every screen of the room, `y` confirms: the hold is released and `sit` exits with 4.
    static let leave: [UInt8] = [0x03, UInt8(ascii: "y")]

    static func report(_ result: BenchResult, to benchmark: Benchmark) throws {
        try result.save()
        benchmark.measurement(.custom("CertDesk p99 (µs)"), Int(result.figure.value * 1_000))
        benchmark.measurement(.custom("floor p99 (µs)"), Int(result.floor.value * 1_000))
        if !result.met { print("\(result.id): goal not met: \(result.figure.name) \(result.figure.value) ms") }
    }

    // MARK: Cold start

    static func coldStart() throws -> BenchResult {
        let fixture = try TerminalRoomFixture.prepare(candidates: firstLogins + 1)
        defer { fixture.remove() }
        var errors = 0

        // Learned once, not timed: the instructions screen a first login shows (the same for
        // every bench candidate once numbers and clocks are masked).
        let warmUp = try fixture.sit(fixture.logins[0])
        try settle(warmUp, "the instructions screen")
        let instructions = warmUp.screen.normalized
        warmUp.finish(sending: leave)

        // First logins: spawn to the complete instructions screen (a new attempt and its paper are written first).
        var firstLogin = Latencies()
        for login in fixture.logins.dropFirst() {
            let probe = try fixture.sit(login)
            if probe.read(timeout: timeout, until: { $0.screen.normalized == instructions }) {
                firstLogin.append(probe.millisecondsSinceSpawn)
            } else {
                errors += 1
            }
            if probe.finish(sending: leave) != 4 { errors += 1 }
        }

        // Resumed: the same candidate each time, so the same first question; learned once, untimed.
        let resumer = fixture.logins[1]
        let learn = try fixture.sit(resumer)
        try settle(learn, "the resumed question screen")
        let question = learn.screen.normalized
        guard TerminalRoomFixture.position(on: learn.screen) != nil else {
            throw TerminalProbeError("the resumed room did not show a question:\n\(learn.screen.lines.joined(separator: "\n"))")
        }
        learn.finish(sending: leave)

        // Measured, each CertDesk run followed by a floor run (and a bare start) so all see the same machine.
        var resumed = Latencies()
        var floor = Latencies()
        var version = Latencies()
        for _ in 0..<resumedRuns {
            let probe = try fixture.sit(resumer)
            if probe.read(timeout: timeout, until: { $0.screen.normalized == question }) {
                resumed.append(probe.millisecondsSinceSpawn)
            } else {
                errors += 1
            }
            if probe.finish(sending: leave) != 4 { errors += 1 }

            let echo = try TerminalProbe(executable: "/bin/echo", arguments: ["ready"], environment: fixture.environment)
            if echo.read(timeout: timeout, until: { $0.outputContains("ready") }) {
                floor.append(echo.millisecondsSinceSpawn)
            } else {
                errors += 1
            }
            echo.finish()

            // Startup alone (runtime, argument parsing, message catalogs), no database: where the rest goes.
            let bare = try TerminalProbe(executable: fixture.binary, arguments: ["--version"], environment: fixture.environment)
            if bare.read(timeout: timeout, until: { $0.outputContains("\n") }) {
                version.append(bare.millisecondsSinceSpawn)
            } else {
                errors += 1
            }
            bare.finish()
        }

        return BenchResult(
            id: "terminal-cold-start",
            workload:
                "`certdesk sit` (candidate number and session as options, access code in CERTDESK_ACCESS_CODE) spawned "
                + "\(resumedRuns) times on a fresh 80×24 pseudo-terminal to resume the same open 40-question CCCP attempt, "
                + "timed until its first question screen is complete; also \(firstLogins) first logins (new attempt and "
                + "paper) timed until the instructions screen is complete. Database made by the CLI (`certdesk demo "
                + "--no-sit`, a 75-minute CCCP session, candidates registered with `certdesk register`).",
            goal: "p99 < 200 ms from spawn to the first question on screen (p99 over \(resumedRuns) runs, i.e. the slowest); no failed run",
            figure: Measure("p99 spawn → first question screen (resume)", resumed.p99, "ms"),
            floor: Measure("p99 spawn → first output of /bin/echo", floor.p99, "ms"),
            floorShape:
                "`/bin/echo ready` spawned the same way (posix_spawn, new session, fresh 80×24 pseudo-terminal as its "
                + "terminal) and timed until `ready` is read from the terminal: process start and one write, no CertDesk.",
            met: resumed.p99 < 200 && errors == 0 && resumed.count == resumedRuns,
            details: [
                Measure("p50 spawn → first question screen (resume)", resumed.p50, "ms"),
                Measure("mean spawn → first question screen (resume)", resumed.mean, "ms"),
                Measure("resumed runs measured", Double(resumed.count), "count"),
                Measure("p50 spawn → instructions screen (first login, new attempt)", firstLogin.p50, "ms"),
                Measure("p99 spawn → instructions screen (first login, new attempt)", firstLogin.p99, "ms"),
                Measure("first logins measured", Double(firstLogin.count), "count"),
                Measure("p50 spawn → `certdesk --version` printed (startup without database or room)", version.p50, "ms"),
                Measure("p99 spawn → `certdesk --version` printed", version.p99, "ms"),
                Measure("failed runs (timeout or unexpected exit status)", Double(errors), "count"),
            ],
            floorDetails: [
                Measure("p50 spawn → first output of /bin/echo", floor.p50, "ms"),
                Measure("mean spawn → first output of /bin/echo", floor.mean, "ms"),
                Measure("runs measured", Double(floor.count), "count"),
            ])
    }

    // MARK: Keypress

    static func keypress() throws -> BenchResult {
        let fixture = try TerminalRoomFixture.prepare(candidates: 1)
        defer { fixture.remove() }
        var errors = 0

        let room = try fixture.sit(fixture.logins[0])
        defer { room.finish(sending: leave) }
        try settle(room, "the instructions screen")
        room.send(enter)
        guard room.read(timeout: timeout, until: { TerminalRoomFixture.position(on: $0.screen) != nil }) else {
            throw TerminalProbeError("the room did not show a question:\n\(room.screen.lines.joined(separator: "\n"))")
        }
        room.readUntilQuiet(quiet: 0.3, timeout: timeout)
        guard let start = TerminalRoomFixture.position(on: room.screen), start.count > 1 else {
            throw TerminalProbeError("no question position in the title bar")
        }
        var current = start.number
        let count = start.count

        // Learned, untimed: each question's screen as reached going forward and going back
        // (what the room draws for a question depends only on how it was reached).
        func go(_ forward: Bool) -> Int { forward ? current + 1 : current - 1 }
        var expected: [Bool: [Int: [String]]] = [true: [:], false: [:]]
        while current > 1 {
            try step(room, key: left, to: current - 1)
            current -= 1
        }
        for forward in [true, false] {
            for _ in 1..<count {
                let target = go(forward)
                try step(room, key: forward ? right : left, to: target)
                expected[forward]?[target] = room.screen.normalized
                current = target
            }
        }

        // The floor: `cat` in raw mode on its own pseudo-terminal, echoing each key back.
        let cat = try TerminalProbe(
            executable: "/bin/sh", arguments: ["-c", "stty raw -echo && printf ready && exec cat"], environment: fixture.environment)
        defer { cat.finish() }
        guard cat.read(timeout: timeout, until: { $0.outputContains("ready") }) else {
            throw TerminalProbeError("cat in raw mode did not start")
        }

        // Measured: sweeps from question 1 to the last and back, each CertDesk key followed by a floor key.
        var latencies = Latencies()
        var floor = Latencies()
        var forward = current < count
        for _ in 0..<keypresses {
            if forward ? current == count : current == 1 { forward.toggle() }
            let key = forward ? right : left
            let target = go(forward)
            let screen = expected[forward]?[target] ?? []
            let start = DispatchTime.now().uptimeNanoseconds
            room.send(key)
            if room.read(timeout: timeout, until: { $0.screen.normalized == screen }) {
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
                current = target
            } else {
                errors += 1
                room.readUntilQuiet(quiet: 0.3, timeout: timeout)
                guard let (now, _) = TerminalRoomFixture.position(on: room.screen) else {
                    throw TerminalProbeError("lost the room after a key")
                }
                current = now
            }

            cat.clearOutput()
            let echoStart = DispatchTime.now().uptimeNanoseconds
            cat.send(key)
            if cat.read(timeout: timeout, until: { $0.output.count >= key.count && $0.output.suffix(key.count) == key[...] }) {
                floor.append(Double(DispatchTime.now().uptimeNanoseconds - echoStart) / 1_000_000)
            } else {
                errors += 1
            }
        }

        return BenchResult(
            id: "terminal-keypress",
            workload:
                "The full-screen room (`certdesk sit`, 80×24 pseudo-terminal) of a 40-question CCCP attempt: "
                + "\(keypresses) keys → and ←, sweeping from question 1 to 40 and back, each showing another question "
                + "(the room records the position in the database, then redraws the rows that changed). Timed from "
                + "writing the key until every row of the new screen has arrived.",
            goal: "p99 < 10 ms from key to the complete redrawn screen (p99 over \(keypresses) keys); no lost key",
            figure: Measure("p99 key → complete redrawn screen", latencies.p99, "ms"),
            floor: Measure("p99 key → echo from cat in raw mode", floor.p99, "ms"),
            floorShape:
                "`stty raw -echo; cat` on its own 80×24 pseudo-terminal: the same key written to it and timed until cat's "
                + "echo of it has been read back; the pty round trip and a process wake-up, no CertDesk.",
            met: latencies.p99 < 10 && errors == 0 && latencies.count == keypresses,
            details: [
                Measure("p50 key → complete redrawn screen", latencies.p50, "ms"),
                Measure("mean key → complete redrawn screen", latencies.mean, "ms"),
                Measure("max key → complete redrawn screen", latencies.max, "ms"),
                Measure("keys measured", Double(latencies.count), "count"),
                Measure("lost keys or echoes (timeout)", Double(errors), "count"),
            ],
            floorDetails: [
                Measure("p50 key → echo", floor.p50, "ms"),
                Measure("mean key → echo", floor.mean, "ms"),
                Measure("max key → echo", floor.max, "ms"),
            ])
    }

    /// Sends `key` and waits, untimed, until the title shows question `target` and the screen is quiet.
    private static func step(_ room: TerminalProbe, key: [UInt8], to target: Int) throws {
        room.send(key)
        guard room.read(timeout: timeout, until: { TerminalRoomFixture.position(on: $0.screen)?.number == target }) else {
            throw TerminalProbeError("the room did not move to question \(target):\n\(room.screen.lines.joined(separator: "\n"))")
        }
        room.readUntilQuiet(quiet: 0.2, timeout: timeout)
    }

    /// Waits, untimed, until `probe` has drawn a whole screen (title bar and last row) and then
    /// stays quiet: a screen learned halfway would make every later match wrong.
    private static func settle(_ probe: TerminalProbe, _ what: String) throws {
        let drawn = probe.read(timeout: timeout) { probe in
            probe.screen.rows.first?.isEmpty == false && probe.screen.rows.last?.isEmpty == false
        }
        guard drawn else { throw TerminalProbeError("\(what) was not drawn whole:\n\(probe.screen.lines.joined(separator: "\n"))") }
        probe.readUntilQuiet(quiet: 0.3, timeout: timeout)
    }
}

/// A database made by `certdesk` itself for the terminal benchmarks: the demonstration database,
/// a CCCP session starting now, and candidates with their training recorded and their codes.
struct TerminalRoomFixture {
    struct Login {
        var number: String
        var code: String
    }

    let binary: String
    let folder: URL
    let database: String
    /// The environment every `certdesk` runs with: a home of its own (where the demo's staff session lives).
    let environment: [String: String]
    var session = ""
    var logins: [Login] = []

    /// The binary measured: `CERTDESK_BIN`, else the release build of the checkout.
    static var binary: String {
        ProcessInfo.processInfo.environment["CERTDESK_BIN"] ?? "/work/main/.build/release/certdesk"
    }

    private init(folder: URL) throws {
        binary = Self.binary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TerminalProbeError("no certdesk at \(binary): build it (swift build -c release) or set CERTDESK_BIN")
        }
        self.folder = folder
        database = folder.appendingPathComponent("demo/demo.sqlite").path
        var environment = ProcessInfo.processInfo.environment
        for name in ["CERTDESK_DB", "CERTDESK_LANG", "CERTDESK_ACCESS_CODE", "CERTDESK_SESSION_FILE"] { environment[name] = nil }
        environment["HOME"] = folder.appendingPathComponent("home").path
        environment["TERM"] = "xterm-256color"
        self.environment = environment
    }

    /// Builds the database with `candidates` candidates registered for one session.
    static func prepare(candidates: Int) throws -> Self {
        let base = ProcessInfo.processInfo.environment["CERTDESK_BENCH_FIXTURES"] ?? ".build-bench/fixtures"
        let folder = URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent("terminal-\(getpid())").standardizedFileURL
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("home"), withIntermediateDirectories: true)
        var fixture = try Self(folder: folder)
        _ = try fixture.certdesk(
            ["--lang", "en", "demo", "--no-sit", "--dir", folder.appendingPathComponent("demo").path], onDatabase: false)

        struct Track: Decodable {
            var track: String
            var modules: Int
            var trainingHours: Double
        }
        let tracks = try JSONDecoder().decode([Track].self, from: fixture.certdesk(["tracks", "--json"]))
        guard let cccp = tracks.first(where: { $0.track == "CCCP" }) else { throw TerminalProbeError("no CCCP track") }

        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        struct Created: Decodable { var session: String }
        fixture.session = try JSONDecoder().decode(
            Created.self,
            from: fixture.certdesk([
                "session", "create", "--track", "CCCP", "--starts", formatter.string(from: Date()), "--centre", "Bench Room",
                "--capacity", String(max(candidates, 1)), "--json",
            ])
        ).session

        struct Added: Decodable { var number: String }
        struct Registered: Decodable { var code: String }
        for index in 0..<candidates {
            let number = try JSONDecoder().decode(
                Added.self,
                from: fixture.certdesk([
                    "candidate", "add", "--family", "Bench", "--given", "Candidate", "--id-document",
                    String(format: "BENCH-%04d", index), "--json",
                ])
            ).number
            // Every module with the whole track's hours: more than any module asks for.
            for module in 1...cccp.modules {
                _ = try fixture.certdesk([
                    "training", "record", number, String(format: "CCCP-%02d", module), "--hours", String(cccp.trainingHours),
                ])
            }
            let code = try JSONDecoder().decode(
                Registered.self, from: fixture.certdesk(["register", number, fixture.session, "--json"])
            ).code
            fixture.logins.append(Login(number: number, code: code))
        }
        return fixture
    }

    /// Runs `certdesk` with `arguments`, on the fixture's database when `onDatabase`, and returns what it printed.
    func certdesk(_ arguments: [String], onDatabase: Bool = true) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = (onDatabase ? ["--db", database] : []) + arguments
        process.environment = environment
        let out = folder.appendingPathComponent("cli.out")
        let err = folder.appendingPathComponent("cli.err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            throw TerminalProbeError("certdesk \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(message)")
        }
        return try Data(contentsOf: out)
    }

    /// Starts the full-screen room for `login` on a fresh pseudo-terminal.
    func sit(_ login: Login) throws -> TerminalProbe {
        var environment = environment
        environment["CERTDESK_ACCESS_CODE"] = login.code
        return try TerminalProbe(
            executable: binary,
            arguments: ["--db", database, "--lang", "en", "sit", "--session", session, "--candidate", login.number],
            environment: environment)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// The question number and count in the room's title bar ("Question 3 of 40", English).
    static func position(on screen: TerminalProbe.Screen) -> (number: Int, count: Int)? {
        guard let title = screen.lines.first, let match = title.firstMatch(of: #/Question (\d+) of (\d+)/#),
            let number = Int(match.1), let count = Int(match.2)
        else { return nil }
        return (number, count)
    }
}
