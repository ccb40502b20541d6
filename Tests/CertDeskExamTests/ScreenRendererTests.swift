import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import CertDeskTerminal
import CertDeskText
import Foundation
import Testing

struct ScreenRendererTests {
    static let size = TerminalSize(columns: 80, rows: 24)

    /// Checks the frame fills the screen exactly and never reaches past the last column.
    func expectFits(_ frame: Frame, _ context: String, size: TerminalSize = Self.size) {
        #expect(frame.lines.count == size.rows, "\(context): \(frame.lines.count) lines")
        #expect(frame.styles.count == frame.lines.count, "\(context)")
        for (row, line) in frame.lines.enumerated() {
            #expect(TextWidth.of(line) <= size.columns, "\(context) row \(row) is \(TextWidth.of(line)) wide: \(line)")
            #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(context) row \(row)")
        }
    }

    /// The frame's text with the wrapping undone, for checking that whole passages are shown.
    func unwrapped(_ frame: Frame) -> String {
        frame.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined()
    }

    @Test func aLongChineseStemFitsEightyByTwentyFourAndIsShownWhole() throws {
        // Given a single-choice item whose zh-Hant stem takes many lines
        let renderer = ScreenRenderer(localizer: try ScreenFixture.localizer())
        let state = ScreenState(room: ScreenFixture.room(), mode: .question)

        // When it is drawn at 80 × 24
        let frame = renderer.render(state, size: Self.size, now: ScreenFixture.start)

        // Then there are 24 lines, none wider than 80 columns, and the stem is there in full
        expectFits(frame, "single")
        let stem = try #require(ScreenFixture.longStem[.traditionalChinese])
        #expect(unwrapped(frame).contains(stem))
        #expect(frame.text.contains("第 1 題，共 6 題"))
        #expect(frame.lines[0].contains("1:15:00"))
        #expect(frame.styles[0] == .bar)
    }

    @Test func everyScreenFitsInEveryLanguage() throws {
        for language in Language.allCases {
            let renderer = ScreenRenderer(localizer: try ScreenFixture.localizer(language))
            for number in 1...6 {
                var room = ScreenFixture.room(language: language, answers: [1: .choices(["o1"]), 2: .choices(["o0", "o3"])], flags: [1])
                room.go(to: number)
                for mode in [ScreenState.Mode.instructions, .question, .review, .confirmSubmit, .confirmLeave, .help] {
                    var state = ScreenState(room: room, mode: mode)
                    state.status = .init(String(repeating: "儲存失敗，請告知監考人員。", count: 12), kind: .error)
                    expectFits(renderer.render(state, size: Self.size, now: ScreenFixture.start), "\(language) \(number) \(mode)")
                }
            }
        }
    }

    @Test func theFooterListsEveryKeyOfAChoiceQuestion() throws {
        let renderer = ScreenRenderer(localizer: try ScreenFixture.localizer(.english))
        let frame = renderer.render(
            ScreenState(room: ScreenFixture.room(language: .english), mode: .question), size: Self.size, now: ScreenFixture.start)
        let footer = frame.lines.suffix(4).joined(separator: "\n")
        for key in [
            "A–E choose", "↑/↓ move", "Space choose", "Del clear", "←/→ p/n previous/next", "g, N Enter go to question", "f flag",
            "l language", "r review", "s submit", "? help", "q/Ctrl-C leave",
        ] {
            #expect(footer.contains(key), "\(key) missing from\n\(footer)")
        }
    }

    @Test func theFooterListsEveryKeyOfTypedQuestions() throws {
        let renderer = ScreenRenderer(localizer: try ScreenFixture.localizer(.english))
        var room = ScreenFixture.room(language: .english)
        room.go(to: 4)
        let short = renderer.render(ScreenState(room: room, mode: .question), size: Self.size, now: ScreenFixture.start)
        let shortFooter = short.lines.suffix(4).joined(separator: "\n")
        for key in [
            "type your answer", "Enter/Tab/Ctrl-S save", "Backspace", "←/→ previous/next", "Esc g, N Enter go to question", "Esc f flag",
            "Esc l language", "Esc r review", "Esc s submit", "Esc ? help", "Esc q/Ctrl-C leave",
        ] {
            #expect(shortFooter.contains(key), "\(key) missing from\n\(shortFooter)")
        }
        room.go(to: 6)
        let essay = renderer.render(ScreenState(room: room, mode: .question), size: Self.size, now: ScreenFixture.start)
        let essayFooter = essay.lines.suffix(4).joined(separator: "\n")
        #expect(essayFooter.contains("Enter new line"))
        #expect(essayFooter.contains("Tab/Ctrl-S save"))
    }

    @Test func markersShowTheSavedChoices() throws {
        let renderer = ScreenRenderer(localizer: try ScreenFixture.localizer(.english))
        var room = ScreenFixture.room(language: .english, answers: [1: .choices(["o1"]), 2: .choices(["o0", "o2"])], flags: [2])
        let single = renderer.render(ScreenState(room: room, mode: .question), size: Self.size, now: ScreenFixture.start).text
        #expect(single.contains("( ) A. Escalate"))
        #expect(single.contains("(•) B. Escalate"))
        room.go(to: 2)
        let multiple = renderer.render(ScreenState(room: room, mode: .question), size: Self.size, now: ScreenFixture.start).text
        #expect(multiple.contains("[x] A. Escalate"))
        #expect(multiple.contains("[ ] B. Escalate"))
        #expect(multiple.contains("[x] C. Escalate"))
        #expect(multiple.contains("[flagged]"))
    }

    @Test func theLastFiveMinutesTurnTheTitleBarRed() throws {
        let renderer = ScreenRenderer(localizer: try ScreenFixture.localizer(.english))
        let state = ScreenState(room: ScreenFixture.room(language: .english), mode: .question)
        let frame = renderer.render(state, size: Self.size, now: ScreenFixture.start.addingTimeInterval(71 * 60))
        #expect(frame.styles[0] == .alert)
        #expect(frame.lines[0].contains("04:00 left"))
    }

    @Test func aLongEssayScrollsToTheCaretAndSaysSo() throws {
        let renderer = ScreenRenderer(localizer: try ScreenFixture.localizer(.english))
        var room = ScreenFixture.room(language: .english)
        room.go(to: 6)
        var state = ScreenState(room: room, mode: .question)
        state.draft = (1...30).map { "Paragraph \($0) of my answer." }.joined(separator: "\n")
        let frame = renderer.render(state, size: Self.size, now: ScreenFixture.start)
        expectFits(frame, "essay")
        #expect(frame.text.contains("Paragraph 30 of my answer._"))
        #expect(frame.text.contains("PgUp/PgDn"))
        state.scroll = 0
        let top = renderer.render(state, size: Self.size, now: ScreenFixture.start)
        #expect(top.text.contains("A customer calls"))
        #expect(!top.text.contains("Paragraph 30"))
    }

    @Test func aSmallTerminalIsAskedToGrow() throws {
        let renderer = ScreenRenderer(localizer: try ScreenFixture.localizer(.english))
        let size = TerminalSize(columns: 60, rows: 20)
        let frame = renderer.render(
            ScreenState(room: ScreenFixture.room(language: .english), mode: .question), size: size, now: ScreenFixture.start)
        expectFits(frame, "small", size: size)
        #expect(frame.text.contains("60×20"))
        #expect(frame.text.contains("80×24"))
        #expect(frame.text.contains("--plain"))
    }

    @Test func controlCharactersInTextNeverReachTheTerminal() {
        #expect(ScreenLayout.fit("a\u{1B}[2Jb\tc", width: 80) == "a [2Jb c")
        #expect(ScreenLayout.wrap("第一行\n第二行", width: 80) == [" 第一行", " 第二行"])
        #expect(ScreenLayout.pack(["f flag", "l language", "r review"], width: 20) == [" f flag · l language", " r review"])
    }
}
