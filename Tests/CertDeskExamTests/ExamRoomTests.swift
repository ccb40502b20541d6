import CertDeskCore
import CertDeskExam
import Foundation
import Testing

struct ExamRoomTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// A room of four items (single, numeric, true-false, short) with 30 minutes from `start`.
    static func room(language: Language = .english, answers: [Int: Answer] = [:], resumeAt: Int? = nil) -> ExamRoom {
        let englishOnly = LocalizedText([.english: "How many Erlangs?"])
        let traditionalOnly = LocalizedText([.english: "Name the meeting.", .traditionalChinese: "會議名稱？"])
        let sheet = SheetFixture.sheet([
            SheetFixture.item(.single, slot: 1), SheetFixture.item(.numeric, slot: 2, stem: englishOnly),
            SheetFixture.item(.trueFalse, slot: 3), SheetFixture.item(.short, slot: 4, stem: traditionalOnly),
        ])
        return ExamRoom(
            sheet: sheet, answers: answers, flags: [], language: language, deadline: start.addingTimeInterval(30 * 60), resumeAt: resumeAt)
    }

    @Test func movingStopsAtTheFirstAndLastQuestion() {
        // Given a new room of four questions
        var room = Self.room()

        // When the candidate goes back from the first, and forward past the last
        room.previous()
        let first = room.index
        for _ in 0..<10 { room.next() }

        // Then the room stays on the first, then on the last question
        #expect(first == 0)
        #expect(room.index == 3)
        #expect(room.current.slot == 4)
    }

    @Test func goingToAQuestionNumberOutsideThePaperIsRefused() {
        // Given a room on question 1
        var room = Self.room()

        // When the candidate asks for questions 0, 5 and 3
        let zero = room.go(to: 0)
        let five = room.go(to: 5)
        let three = room.go(to: 3)

        // Then 0 and 5 are refused without moving, and 3 is shown
        #expect(!zero)
        #expect(!five)
        #expect(three)
        #expect(room.current.slot == 3)
    }

    @Test func aResumedRoomOpensWhereTheCandidateLeft() {
        // Given a candidate who left at slot 3 with question 1 answered
        // When the room is rebuilt
        let room = Self.room(answers: [1: .choices(["b"])], resumeAt: 3)

        // Then it shows slot 3 and still has the answer
        #expect(room.current.slot == 3)
        #expect(room.answer(for: room.sheet.items[0]) == .choices(["b"]))
        #expect(room.unanswered == [2, 3, 4])
    }

    @Test func aBlankAnswerClearsAndFlagsAreListed() {
        // Given a room
        var room = Self.room()

        // When the candidate answers questions 1 and 2, clears 2 with blank text, and flags 4 then 1 then unflags 4
        room.recordAnswer(.choices(["a"]), slot: 1)
        room.recordAnswer(.text("20"), slot: 2)
        room.recordAnswer(.text("  "), slot: 2)
        room.recordFlag(true, slot: 4)
        room.recordFlag(true, slot: 1)
        room.recordFlag(false, slot: 4)

        // Then the review lists questions 2–4 as unanswered and only 1 as flagged
        #expect(room.unanswered == [2, 3, 4])
        #expect(room.flagged == [1])
        #expect(room.answer(for: room.sheet.items[1]) == nil)
    }

    @Test func anItemIsShownInTheNearestLanguageItHas() {
        // Given a room in Simplified Chinese with an item in all three languages, one in English
        // only and one in English and Traditional Chinese
        let room = Self.room(language: .simplifiedChinese)

        // When the room picks each item's language
        let languages = room.sheet.items.map { room.language(of: $0) }

        // Then an item without Simplified Chinese is shown in Traditional Chinese if it has it,
        // else in the first language it has
        #expect(languages == [.simplifiedChinese, .english, .simplifiedChinese, .traditionalChinese])
    }

    @Test func switchingLanguageAffectsOnlyTheCurrentItem() {
        // Given an English room on question 1, which has all three languages
        var room = Self.room()

        // When the candidate cycles its language twice, then asks question 2 (English only) for Chinese
        let once = room.cycleLanguage()
        let twice = room.cycleLanguage()
        room.next()
        let unavailable = room.setLanguage(.traditionalChinese)

        // Then question 1 goes English → 繁體 → 简体, question 2 stays English, and the room's
        // language is unchanged
        #expect(once == .traditionalChinese)
        #expect(twice == .simplifiedChinese)
        #expect(room.language(of: room.sheet.items[0]) == .simplifiedChinese)
        #expect(!unavailable)
        #expect(room.language(of: room.current) == .english)
        #expect(room.language == .english)
    }

    @Test func theClockWarnsOnceAtFiveMinutesAndEndsAtZero() {
        // Given a room whose 30 minutes end at start + 30 min
        var room = Self.room()

        // When time passes: 20 min, 25 min, 26 min, 30 min
        let early = room.tick(at: Self.start.addingTimeInterval(20 * 60))
        let warning = room.tick(at: Self.start.addingTimeInterval(25 * 60))
        let again = room.tick(at: Self.start.addingTimeInterval(26 * 60))
        let end = room.tick(at: Self.start.addingTimeInterval(30 * 60))
        room.recordSubmitted()
        let afterSubmission = room.tick(at: Self.start.addingTimeInterval(31 * 60))

        // Then nothing happens, then one warning, then time is up; once submitted, nothing more
        #expect(early == .none)
        #expect(warning == .warnFiveMinutes)
        #expect(again == .none)
        #expect(end == .timeUp)
        #expect(afterSubmission == .none)
        #expect(room.remaining(at: Self.start.addingTimeInterval(31 * 60)) == 0)
    }

    @Test func aRoomResumedInTheLastFiveMinutesDoesNotWarnAgain() {
        // Given a room reopened with three minutes left
        var room = Self.room()
        room.markWarned(at: Self.start.addingTimeInterval(27 * 60))

        // When the clock ticks
        let action = room.tick(at: Self.start.addingTimeInterval(27 * 60 + 2))

        // Then no five-minute warning interrupts the candidate
        #expect(action == .none)
    }

    @Test func extraTimeMovesTheDeadline() {
        // Given a room with its deadline passed
        var room = Self.room()
        let late = Self.start.addingTimeInterval(31 * 60)

        // When ten minutes are granted
        room.deadline = room.deadline.addingTimeInterval(10 * 60)

        // Then nine minutes remain and the clock does not end the exam
        #expect(room.remaining(at: late) == 9 * 60)
        #expect(room.tick(at: late) == .none)
    }

    @Test(arguments: [(0.0, "00:00"), (0.2, "00:01"), (59, "00:59"), (300, "05:00"), (3599.5, "1:00:00"), (4500, "1:15:00")])
    func theClockShowsMinutesAndSecondsRoundedUp(seconds: Double, shown: String) {
        // Given seconds left
        // When shown on the clock
        // Then part of a second counts as a whole one, and hours appear only when needed
        #expect(ExamRoom.clock(seconds) == shown)
    }
}
