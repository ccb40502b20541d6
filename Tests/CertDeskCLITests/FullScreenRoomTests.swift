import CertDeskCore
import CertDeskLocalization
import Foundation
import Testing

/// The full-screen room on a real 80 × 24 terminal (tmux), driven key by key like a candidate.
@Suite(.serialized, .enabled(if: TmuxSession.isInstalled, "tmux is not installed; the full-screen room needs a real terminal to test"))
struct FullScreenRoomTests {
    /// A database with one eligible zh-Hant candidate registered for a CCCP session starting now.
    struct Setup {
        var folder: String
        var database: String
        var code: String
        var runner = CertDeskRunner()

        init() throws {
            folder = try CertDeskRunner.temporaryFolder()
            database = folder + "/exam.sqlite"
            code = ""
            let root = CertDeskRunner.root
            #expect(try runner.initialise(database).status == 0)
            try check(["curriculum", "load", root + "/curricula", "--db", database])
            try check(["bank", "import", root + "/question-banks", "--db", database])
            try check([
                "candidate", "add", "--family", "Chan", "--given", "Tai Man", "--other-family", "陳", "--other-given", "大文",
                "--id-document", "A1234567", "--language", "zh-Hant", "--db", database,
            ])
            for module in 1...8 { try check(["training", "record", "C-000001-8", "CCCP-0\(module)", "--hours", "12", "--db", database]) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            let session = try json(
                [
                    "session", "create", "--track", "CCCP", "--starts", formatter.string(from: Date()), "--centre", "Test", "--capacity",
                    "5", "--json",
                ])
            let sessionID = try #require(session["session"] as? String)
            let registration = try json(["register", "C-000001-8", sessionID, "--json"])
            code = try #require(registration["code"] as? String)
        }

        func check(_ arguments: [String]) throws {
            let result = try runner.run(arguments)
            #expect(result.status == 0, "certdesk \(arguments.joined(separator: " ")): \(result.error)")
        }

        func json(_ arguments: [String]) throws -> [String: Any] {
            let result = try runner.run(arguments + (arguments.contains("--db") ? [] : ["--db", database]))
            #expect(result.status == 0, "certdesk \(arguments.joined(separator: " ")): \(result.error)")
            let value = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
            return value as? [String: Any] ?? ["list": value]
        }

        /// The shell command that sits the exam, then shows how it ended and the terminal settings.
        var sitCommand: String {
            "env CERTDESK_HOME='\(CertDeskRunner.root)' CERTDESK_ACCESS_CODE='\(code)' LANG=C.UTF-8 '\(CertDeskRunner.executable)'"
                + " --db '\(database)' sit --candidate C-000001-8; echo EXIT=$?; stty -a; sleep 120"
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Whether `stty -a` output shows a terminal back in normal (cooked, echoing) mode.
    static func isCooked(_ screen: String) -> Bool {
        let flags = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        return flags.contains("icanon") && flags.contains("echo") && !flags.contains("-icanon") && !flags.contains("-echo")
    }

    @Test func aCandidateAnswersSwitchesLanguageFlagsReviewsAndSubmits() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let zh = try Localizer.load(language: .traditionalChinese, localesDirectory: CertDeskRunner.root + "/locales")
        let tmux = try TmuxSession(setup.sitCommand, name: "sit")
        defer { tmux.close() }

        // The instructions come first
        try tmux.waitFor("C-000001-8", "陳大文", "Enter " + zh.text("room.screen.key.begin"))

        // Find the first question answered by choosing, with its option B and English stem
        let attempt = try setup.json(["attempt", "show", "1", "--json"])
        let items = try #require(attempt["items"] as? [[String: Any]])
        var target: (slot: Int, optionB: String, english: String)?
        for item in items {
            guard let id = item["question"] as? String, let slot = item["slot"] as? Int else { continue }
            let shown = try setup.json(["bank", "show", id, "--json"])
            let question = try #require(((shown["list"] as? [[String: Any]])?.first?["question"]) as? [String: Any])
            let type = question["type"] as? String ?? ""
            guard ["single", "multiple", "true-false"].contains(type) else { continue }
            let order = item["optionOrder"] as? [String] ?? []
            let optionB = type == "true-false" ? "false" : (order.count > 1 ? order[1] : "b")
            let english = try #require((question["stem"] as? [String: String])?["en"])
            target = (slot, optionB, english)
            break
        }
        let (slot, optionB, english) = try #require(target)
        let number = String(slot)

        // Enter begins; Esc g N Enter goes to the question
        try tmux.send("Enter")
        try tmux.waitFor(zh.text("room.question.position", ["number": "1", "count": String(items.count)]))
        if slot != 1 {
            try tmux.send("Escape", "g")
            try tmux.type(number)
            try tmux.send("Enter")
            try tmux.waitFor(zh.text("room.question.position", ["number": number, "count": String(items.count)]))
        }

        // Choosing B is shown as saved
        try tmux.send("b")
        let saved = zh.text("room.saved", ["number": number, "answer": "B"]).components(separatedBy: "{time}")[0]
        try tmux.waitFor(saved, "B. ")
        #expect(try tmux.screen().contains("(•) B.") || tmux.screen().contains("[x] B."))

        // l twice: zh-Hant → zh-Hans → English
        try tmux.send("l")
        try tmux.waitFor(zh.text("room.language.switched", ["language": zh.text("room.language.zh-Hans")]))
        try tmux.send("l")
        let opening = english.split(separator: " ").prefix(4).joined(separator: " ")
        try tmux.waitFor(opening, zh.text("room.language.switched", ["language": zh.text("room.language.en")]))

        // f flags it; r reviews and lists it as flagged
        try tmux.send("f")
        try tmux.waitFor(zh.text("room.flag.on", ["number": number]), "[" + zh.text("room.flagged") + "]")
        try tmux.send("r")
        try tmux.waitFor(zh.text("room.review.title"), zh.text("room.review.flagged", ["list": number]))

        // s asks for confirmation; y submits, and the message stays on the normal screen
        try tmux.send("s")
        try tmux.waitFor(zh.text("room.screen.submit.title"), "y " + zh.text("room.screen.key.submit"))
        try tmux.send("y")
        let submitted = zh.text("room.submitted", ["answered": "1", "count": String(items.count)]).components(separatedBy: "{time}")
        let finalScreen = try tmux.waitFor("EXIT=0", "icanon", submitted.last ?? "")
        #expect(Self.isCooked(finalScreen), "the terminal was not restored:\n\(finalScreen)")

        // The store has the answer, the flag and the language switches
        let after = try setup.json(["attempt", "show", "1", "--json"])
        let stored = try #require((after["items"] as? [[String: Any]])?.first { $0["slot"] as? Int == slot })
        #expect((stored["answer"] as? [String: Any])?["choices"] as? [String] == [optionB])
        #expect(stored["flagged"] as? Bool == true)
        let history = after["history"] as? [[String: Any]] ?? []
        #expect(history.filter { $0["kind"] as? String == "language" && $0["slot"] as? Int == slot }.count == 2)
    }

    @Test func theTerminalIsRestoredAfterAResizeAndASignal() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let zh = try Localizer.load(language: .traditionalChinese, localesDirectory: CertDeskRunner.root + "/locales")
        let tmux = try TmuxSession(setup.sitCommand, name: "signal")
        defer { tmux.close() }
        let begin = "Enter " + zh.text("room.screen.key.begin")
        try tmux.waitFor(begin)

        // A terminal below 80 × 24 is asked to grow; back at 80 × 24 the room is drawn again
        try tmux.resize(columns: 60, rows: 20)
        try tmux.waitFor("60×20", "80×24")
        try tmux.resize(columns: 80, rows: 24)
        try tmux.waitFor(begin)

        // SIGTERM restores the terminal and exits with 128 + 15
        let shell = try tmux.panePID()
        let children = Process()
        children.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        children.arguments = ["-P", String(shell)]
        let pipe = Pipe()
        children.standardOutput = pipe
        try children.run()
        let listed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        children.waitUntilExit()
        let room = try #require(listed.split(separator: "\n").compactMap { Int32($0) }.first)
        #expect(kill(room, SIGTERM) == 0)
        let screen = try tmux.waitFor("EXIT=143", "icanon")
        #expect(Self.isCooked(screen), "the terminal was not restored:\n\(screen)")
    }
}
