import CertDeskCore
import CertDeskLocalization
import Foundation
import Testing

struct ExamRoomPlainTests {
    @Test func aCandidateSitsAndSubmitsAWholeExamInPlainMode() throws {
        // Given a candidate registered on the command line for a drill sitting under way
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)

        // When they answer question 1, read question 2 in Traditional Chinese and back in
        // English, flag and answer it, answer 3, 4 and 6, skip 5 and come back to it, review
        // and submit
        let script = [
            "", "B", ":l zh-Hant", ":l en", ":f", "A C", "B", "20", "", "Coach weekly and compare scores.", ":g 5", "calibration", ":r",
            ":s", "yes",
        ]
        let result = try setup.sit(setup.registrations[0], input: script.joined(separator: "\n") + "\n")

        // Then the room acknowledged every answer, showed question 2 in Chinese, and the exam
        // ended submitted with all six answered and question 2 flagged
        #expect(result.status == 0, "\(result.error)")
        for (number, words) in [(1, "B"), (2, "A, C"), (3, "B"), (4, "20"), (6, "Coach weekly and compare scores."), (5, "calibration")] {
            #expect(result.output.contains(Catalogs.beginning("room.saved", ["number": String(number), "answer": words], in: english)))
        }
        #expect(result.output.contains("哪些會提高佔用率？（複選）"))
        #expect(result.output.contains(english.text("room.language.switched", ["language": english.text("room.language.zh-Hant")])))
        #expect(result.output.contains(english.text("room.review.answered", ["answered": "6", "count": "6"])))
        #expect(result.output.contains(english.text("room.review.flagged", ["list": "2"])))
        #expect(result.output.contains(Catalogs.beginning("room.submitted", in: english)))

        // And the stored attempt holds exactly those answers, the flag and the language switches
        let attempt = try setup.attempt(1)
        #expect(attempt.candidate == setup.registrations[0].number)
        #expect(attempt.submission == "submitted")
        #expect(
            attempt.answers == [
                1: .choices(["b"]), 2: .choices(["a", "c"]), 3: .choices([TrueFalseOption.falseID]), 4: .text("20"),
                5: .text("calibration"), 6: .text("Coach weekly and compare scores."),
            ])
        #expect(attempt.items.filter(\.flagged).map(\.slot) == [2])
        let switches = attempt.history?.filter { $0.kind == "language" }.map { "\($0.slot ?? 0) \($0.value ?? "")" }
        #expect(switches == ["2 zh-Hant", "2 en"])

        // And a later `sit` is turned away: the exam is over
        let again = try setup.sit(setup.registrations[0], input: "")
        #expect(again.status == 1)
        #expect(
            again.error.contains(Catalogs.beginning("room.already-submitted", ["session": setup.session], in: english)), "\(again.error)")
    }

    @Test func aWrongAccessCodeIsRefusedWithExitStatus1() throws {
        // Given a registered candidate
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let number = setup.registrations[0].number

        // When the kiosk passes a wrong code, and when the candidate types wrong codes at the
        // prompt three times
        let given = try setup.run(["sit", "--plain", "--candidate", number], environment: ["CERTDESK_ACCESS_CODE": "WRNG-C0DE"])
        let typed = try setup.run(["sit", "--plain"], input: "\(number)\nWRNG-C0DE\nWRNG-C0DE\nWRNG-C0DE\n")

        // Then each wrong code is refused with the tries left, `sit` exits with status 1, and no
        // exam was started
        #expect(given.status == 1)
        #expect(given.error.contains(english.describe(.error("room.login.wrong", ["left": "4"]))), "\(given.error)")
        #expect(typed.status == 1)
        for left in ["3", "2", "1"] {
            #expect(typed.error.contains(english.describe(.error("room.login.wrong", ["left": left]))), "\(typed.error)")
        }
        #expect(try setup.run(["attempt", "show", "1"]).status == 1)
    }

    @Test(arguments: [Language.english, .traditionalChinese])
    func answersTheRoomCannotReadAreExplainedAndNotSaved(language: Language) throws {
        // Given a candidate in the room, speaking English or Traditional Chinese
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let text = try Catalogs.localizer(language)

        // When they type words for the numeric question 4 and a letter beyond C for question 1, then leave
        let script = ["", ":g 4", "twelve", ":g 1", "Z", ":q"]
        let result = try setup.sit(
            setup.registrations[0], input: script.joined(separator: "\n") + "\n", arguments: ["--lang", language.rawValue])

        // Then each answer is explained in the candidate's language and nothing is saved
        #expect(result.status == 4, "\(result.error)")
        #expect(result.output.contains(text.text("room.answer.not-a-number", ["input": "twelve"])), "\(result.output)")
        #expect(result.output.contains(text.text("room.answer.no-such-option", ["input": "Z", "first": "A", "last": "C"])))
        #expect(!result.output.contains(Catalogs.beginning("room.saved", in: text)))
        let attempt = try setup.attempt(1)
        #expect(attempt.answers.isEmpty)
        #expect(attempt.history?.contains { $0.kind == "answer" } == false)
    }

    @Test func refusalsSpeakTraditionalChineseWithTheLangOption() throws {
        // Given a registered candidate, and a number nobody has
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let chinese = try Catalogs.localizer(.traditionalChinese)

        // When `sit --lang zh-Hant` is given a wrong code, and a malformed candidate number
        let wrong = try setup.run(
            ["--lang", "zh-Hant", "sit", "--plain", "--candidate", setup.registrations[0].number],
            environment: ["CERTDESK_ACCESS_CODE": "WRNG-C0DE"])
        let malformed = try setup.run(
            ["--lang", "zh-Hant", "sit", "--plain", "--candidate", "C-12345"], environment: ["CERTDESK_ACCESS_CODE": "WRNG-C0DE"])

        // Then each is refused in the Traditional Chinese catalog's words (its own, or English
        // where a translation is still missing), marked 錯誤, with status 1
        #expect(wrong.status == 1)
        #expect(wrong.error.contains(chinese.describe(.error("room.login.wrong", ["left": "4"]))), "\(wrong.error)")
        #expect(wrong.error.hasPrefix(chinese.text("severity.error")))
        #expect(chinese.text("severity.error") == "錯誤")
        #expect(malformed.status == 1)
        #expect(malformed.error.contains(chinese.describe(.error("room.login.bad-number", ["value": "C-12345"]))), "\(malformed.error)")
    }

    @Test func anExamWhoseInputClosesIsSavedAndResumedWhereItStopped() throws {
        // Given a candidate who answers questions 1 and 2, and whose input then closes
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let first = try setup.sit(setup.registrations[0], input: "\nB\nA C\n")

        // When they run `sit` again, answer question 3 and submit
        let second = try setup.sit(setup.registrations[0], input: "A\n:s\nyes\n")

        // Then the first run kept both answers and exited with status 4; the second welcomed
        // them back at question 3 with their answers, and submitted all three
        #expect(first.status == 4, "\(first.error)")
        #expect(first.output.contains(english.text("room.input-closed")))
        #expect(second.status == 0, "\(second.error)")
        let welcome = try Catalogs.pattern("room.resumed", ["number": "3"], in: english)
        #expect(second.output.contains(welcome), "\(second.output)")
        #expect(second.output.contains(english.text("room.question.position", ["number": "3", "count": "6"])))
        #expect(!second.output.contains(english.text("room.plain.begin")))
        let attempt = try setup.attempt(1)
        #expect(attempt.submission == "submitted")
        #expect(attempt.answers == [1: .choices(["b"]), 2: .choices(["a", "c"]), 3: .choices([TrueFalseOption.trueID])])
        #expect(attempt.history?.filter { $0.kind == "started" }.count == 1)
        #expect(attempt.history?.filter { $0.kind == "resumed" }.count == 1)
    }

    @Test func aSecondTerminalIsTurnedAwayUnlessItTakesOverAndThenTheFirstCloses() throws {
        // Given a candidate whose exam is open in one `sit`, with question 1 answered there
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let first = try setup.startSitting(setup.registrations[0])
        var driver = try RoomDriver(first)
        let answered = driver.begin().flatMap { driver.answer(1, on: $0) }

        // When they run `sit` elsewhere, first plainly, then with --take-over (and leave there)
        let plain = try setup.sit(setup.registrations[0], input: "")
        let takeOver = try setup.sit(setup.registrations[0], input: ":q\n", arguments: ["--take-over"])
        let closed = first.read(through: english.text("room.taken-over"), timeout: 30)
        let result = first.wait()

        // Then the plain run is refused naming the terminal; the takeover shows question 2 with
        // the saved answer kept; the first room says so and exits with status 5
        #expect(answered != nil, "\(result.output)")
        #expect(plain.status == 1)
        #expect(plain.error.contains(Catalogs.beginning("room.held-elsewhere", ["terminal": "stdin"], in: english)), "\(plain.error)")
        #expect(takeOver.status == 4, "\(takeOver.error)")
        #expect(takeOver.error.contains(english.text("room.took-over")))
        #expect(takeOver.output.contains(english.text("room.question.position", ["number": "2", "count": "6"])))
        #expect(closed != nil, "\(result.output)")
        #expect(result.status == 5)
        #expect(try setup.attempt(1).answers == [1: .choices(["a"])])
    }

    @Test func extraTimeGrantedDuringTheExamReachesTheOpenRoom() throws {
        // Given a candidate in a 30-minute drill exam
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let room = try setup.startSitting(setup.registrations[0])
        let driver = try RoomDriver(room)
        let started = driver.begin()

        // When the invigilator grants them 10 extra minutes
        let grant = try setup.run(
            [
                "session", "extra-time", setup.session, "--candidate", setup.registrations[0].number, "--minutes", "10", "--reason",
                "Reading aid",
            ])
        let told = room.read(through: Catalogs.beginning("room.extra-time", ["minutes": "10"], in: english), timeout: 30)
        room.send(":q")
        let result = room.wait()

        // Then the room tells them while they work, and the stored deadline is 40 minutes after the start
        #expect(started != nil, "\(result.output)")
        #expect(grant.status == 0, "\(grant.error)")
        #expect(told != nil, "\(result.output)")
        #expect(result.status == 4)
        let attempt = try setup.attempt(1)
        #expect(attempt.deadline == attempt.startedAt.addingTimeInterval(40 * 60))
    }

    @Test func theClockSubmitsTheExamOfACandidateWhoWaits() throws {
        // Given a one-minute sitting, and a candidate who answers question 1 and then waits
        let setup = try ExamSetup(.drill, duration: 1)
        defer { setup.remove() }
        let room = try setup.startSitting(setup.registrations[0])
        var driver = try RoomDriver(room)
        let first = driver.begin()
        let afterFirst = first.flatMap { driver.answer(1, on: $0) }

        // When the minute runs out
        let timeUp = room.read(through: Catalogs.beginning("room.submitted.automatic", in: driver.text), timeout: 150)
        let result = room.wait()

        // Then the room says time is up, submits on its own and exits with status 0; the
        // attempt is recorded as submitted automatically at the deadline, with the answer
        #expect(afterFirst != nil, "\(result.output)")
        #expect(timeUp?.contains(driver.text.text("room.time-up")) == true, "\(result.output)")
        #expect(result.status == 0, "\(result.error)")
        let attempt = try setup.attempt(1)
        #expect(attempt.submission == "auto-submitted")
        #expect(attempt.submittedAt == attempt.deadline)
        #expect(attempt.deadline == attempt.startedAt.addingTimeInterval(60))
        #expect(attempt.answers == [1: .choices(["a"])])
    }
}
