import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import CertDeskTerminal
import Foundation
import Testing

/// A terminal that hands out scripted key bytes and keeps what was drawn; when the script is
/// used up, waiting moves a manual clock on instead of sleeping.
final class ScriptedTerminal: RoomTerminal {
    var events: [TerminalEvent]
    var frames: [Frame] = []
    var entered = false
    var restored = false
    var clock: Date

    init(_ events: [TerminalEvent], clock: Date) {
        self.events = events
        self.clock = clock
    }

    func enter() -> Bool {
        entered = true
        return true
    }
    func restore() { restored = true }
    var size: TerminalSize { TerminalSize(columns: 80, rows: 24) }
    func draw(_ frame: Frame) { frames.append(frame) }
    func next(timeout: TimeInterval) -> TerminalEvent {
        if events.isEmpty {
            clock = clock.addingTimeInterval(timeout)
            return .timeout
        }
        return events.removeFirst()
    }

    static func keys(_ text: String) -> TerminalEvent { .input(Array(text.utf8)) }
}

/// A backend that records what it is asked and fails the saves it is told to.
final class ScriptedBackend: ExamBackend, @unchecked Sendable {  // used from the one test task only
    var failingSaves: Set<Int>
    var saves = 0
    var answers: [Int: Answer?] = [:]
    var flags: [Int: Bool] = [:]
    var languages: [Language] = []
    var submitted: Bool?
    var released = false
    let deadline: Date

    init(deadline: Date, failingSaves: Set<Int> = []) {
        self.deadline = deadline
        self.failingSaves = failingSaves
    }

    func saveAnswer(_ answer: Answer?, slot: Int) throws -> Date {
        saves += 1
        if failingSaves.contains(saves) {
            throw ProblemsError.error(
                "store.read-only", ["path": "/srv/certdesk/exam.sqlite", "detail": "attempt to write a readonly database"])
        }
        answers[slot] = answer
        return Date(timeIntervalSince1970: 1_800_000_100)
    }
    func saveFlag(_ flagged: Bool, slot: Int) throws { flags[slot] = flagged }
    func recordLanguage(_ language: Language, slot: Int) throws { languages.append(language) }
    func recordPosition(slot: Int) throws {}
    func submit(automatic: Bool) throws { submitted = automatic }
    func currentDeadline() throws -> Date { deadline }
    func stillHeld() throws -> Bool { true }
    func release() { released = true }
}

struct FullScreenRoomLoopTests {
    func opened(_ backend: ScriptedBackend) -> OpenedAttempt {
        OpenedAttempt(
            sheet: ScreenFixture.sheet(), answers: [:], flags: [], deadline: backend.deadline, resumeSlot: nil, isResumed: false,
            language: .english, backend: backend)
    }

    @Test func anAnswerIsShownAsSavedOnlyAfterTheStoreTookIt() throws {
        // Given a store that takes the first answer and refuses the second
        let backend = ScriptedBackend(deadline: ScreenFixture.start.addingTimeInterval(3600), failingSaves: [2])
        let terminal = ScriptedTerminal(
            [.input([13]), ScriptedTerminal.keys("b"), ScriptedTerminal.keys("c"), .input([3]), ScriptedTerminal.keys("y")],
            clock: ScreenFixture.start)
        var printed: [String] = []
        let room = FullScreenRoom(
            opened: opened(backend), localizer: try ScreenFixture.localizer(.english), now: { terminal.clock }, terminal: terminal,
            output: { printed.append($0) })

        // When the candidate begins, chooses B, then C, then leaves with Ctrl-C and y
        let exit = room.run(resumed: false)

        // Then B was acknowledged, C was reported as not saved with B still marked, and the room
        // left with the terminal restored before the farewell
        #expect(exit == .left)
        #expect(terminal.entered && terminal.restored && backend.released)
        let afterB = try #require(terminal.frames.first { $0.text.contains("Saved question 1: B") })
        #expect(afterB.text.contains("(•) B."))
        let afterC = try #require(terminal.frames.first { $0.text.contains("NOT saved") })
        #expect(afterC.text.contains("(•) B."))
        #expect(afterC.text.contains("( ) C."))
        #expect(afterC.text.contains("/srv/certdesk/exam.sqlite"))
        #expect(backend.answers[1] == .some(.choices(["o1"])))
        #expect(printed.joined().contains("You left the exam room"))
    }

    @Test func typedAnswersTakeChineseAndCommandsNeedEsc() throws {
        // Given a room on the short-answer question
        let backend = ScriptedBackend(deadline: ScreenFixture.start.addingTimeInterval(3600))
        var attempt = opened(backend)
        attempt.resumeSlot = 4
        attempt.isResumed = true
        let terminal = ScriptedTerminal(
            [
                ScriptedTerminal.keys("fIVR 語音"), .input([0x7F, 0x7F]), .input([13]), .input([0x1B]), ScriptedTerminal.keys("f"),
                .input([0x1B, UInt8(ascii: "l")]), .input([0x1B, UInt8(ascii: "q")]), ScriptedTerminal.keys("y"),
            ], clock: ScreenFixture.start)
        let room = FullScreenRoom(
            opened: attempt, localizer: try ScreenFixture.localizer(.english), now: { terminal.clock }, terminal: terminal, output: { _ in }
        )

        // When the candidate types (an f among the letters), deletes two characters, saves, and
        // flags with Esc f, switches language with Alt-l and leaves with Esc q
        let exit = room.run(resumed: true)

        // Then the letter f was text, Esc f flagged the question, and the language moved on
        #expect(exit == .left)
        #expect(backend.answers[4] == .some(.text("fIVR")))
        #expect(backend.flags[4] == true)
        #expect(backend.languages == [.traditionalChinese])
        #expect(terminal.frames.contains { $0.text.contains("Saved question 4: fIVR") })
    }

    @Test func theClockSubmitsAtZero() throws {
        // Given a little over five minutes left and a candidate who does nothing
        let backend = ScriptedBackend(deadline: ScreenFixture.start.addingTimeInterval(302))
        let terminal = ScriptedTerminal([], clock: ScreenFixture.start)
        var printed: [String] = []
        let room = FullScreenRoom(
            opened: opened(backend), localizer: try ScreenFixture.localizer(.english), now: { terminal.clock }, terminal: terminal,
            output: { printed.append($0) })

        // When the clock runs out
        let exit = room.run(resumed: false)

        // Then the countdown was shown second by second, the warning came, and the room submitted
        #expect(exit == .submitted(automatic: true))
        #expect(backend.submitted == true)
        #expect(terminal.frames.contains { $0.lines[0].contains("00:05 left") && $0.styles[0] == .alert })
        #expect(terminal.frames.contains { $0.text.contains("Five minutes remain") })
        #expect(printed.joined(separator: "\n").contains("submitted automatically"))
    }
}
