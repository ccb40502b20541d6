import CertDeskCore
import CertDeskExam
import CertDeskKit
import CertDeskStore
import Foundation
import Testing

struct ExamDeskTests {
    static let opens = ExamDeskFixture.opens

    // MARK: Logging in

    @Test func fiveWrongCodesLockTheNumberAndEveryFailureIsRecorded() throws {
        // Given a registered candidate at a sitting under way
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, code) = try fixture.registered()
        fixture.clock.set(Self.opens.addingTimeInterval(60))
        let terminal = ExamDeskFixture.terminal("pts-1")

        // When five wrong codes are typed, then the right one
        var problems: [Problem?] = []
        for _ in 1...5 {
            fixture.clock.advance(by: 1)
            problems.append(refusal { _ = try fixture.desk.open(candidate: candidate.number, code: "WRNG-C0DE", terminal: terminal) })
        }
        fixture.clock.advance(by: 1)
        let rightCode = refusal { _ = try fixture.open(candidate.number, code, terminal: terminal) }

        // Then each of the first four says how many tries are left, the fifth locks the number,
        // the right code is refused while it is locked, and all six refusals are on record
        #expect(problems.prefix(4).map { $0?.key } == Array(repeating: "room.login.wrong", count: 4))
        #expect(problems.prefix(4).map { $0?.arguments["left"] } == ["4", "3", "2", "1"])
        #expect(problems[4]?.key == "room.login.locked")
        #expect(problems[4]?.arguments["number"] == candidate.number)
        #expect(rightCode?.key == "room.login.locked")
        #expect(
            try fixture.column("SELECT reason FROM login_failures ORDER BY id")
                == ["wrong-code", "wrong-code", "wrong-code", "wrong-code", "wrong-code", "locked"])
        #expect(try fixture.rowCounts(["attempts"]) == ["attempts": 0])
    }

    @Test func aReissuedCodeEndsTheLockAndTheOldCodeStopsWorking() throws {
        // Given a candidate locked out after five wrong codes
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, sitting, oldCode) = try fixture.registered()
        fixture.clock.set(Self.opens.addingTimeInterval(60))
        let terminal = ExamDeskFixture.terminal("pts-1")
        for _ in 1...5 { _ = refusal { _ = try fixture.desk.open(candidate: candidate.number, code: "WRNG-C0DE", terminal: terminal) } }

        // When the invigilator issues a new code a moment later
        fixture.clock.advance(by: 1)
        let newCode = try fixture.registrar.reissueCode(candidate: candidate.number, sitting: sitting.id)
        fixture.clock.advance(by: 1)
        let old = refusal { _ = try fixture.desk.open(candidate: candidate.number, code: oldCode, terminal: terminal) }
        let opened = try fixture.open(candidate.number, newCode, terminal: terminal)

        // Then the old code is an ordinary wrong code and the new one opens the exam
        #expect(old?.key == "room.login.wrong")
        #expect(old?.arguments["left"] == "4")
        #expect(opened.sheet.candidateNumber == candidate.number)
        #expect(opened.sheet.items.count == 3)
    }

    @Test func theLockEndsAtTheTimeItAnnounces() throws {
        // Given a candidate whose fifth wrong code comes 14 minutes after the first (the lock
        // counts failures within 15 minutes), at a sitting open to late arrivals for an hour
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, code) = try fixture.registered(lateEntry: 60)
        let first = Self.opens.addingTimeInterval(60)
        let terminal = ExamDeskFixture.terminal("pts-1")
        var lock: Problem?
        for minutes in [0, 1, 2, 3, 14] {
            fixture.clock.set(first.addingTimeInterval(Double(minutes) * 60))
            lock = refusal { _ = try fixture.desk.open(candidate: candidate.number, code: "WRNG-C0DE", terminal: terminal) }
        }

        // When the candidate tries the right code just before and just after the time announced
        let announced = lock?.arguments["until"]
        fixture.clock.set(first.addingTimeInterval(15 * 60 - 1))
        let before = refusal { _ = try fixture.open(candidate.number, code, terminal: terminal) }
        fixture.clock.set(first.addingTimeInterval(15 * 60 + 1))
        let after = refusal { _ = try fixture.open(candidate.number, code, terminal: terminal) }

        // Then the lock announced the end of the 15 minutes after the first failure, held until
        // then, and let the candidate in afterwards
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm"
        #expect(lock?.key == "room.login.locked")
        #expect(announced == formatter.string(from: first.addingTimeInterval(15 * 60)))
        #expect(before?.key == "room.login.locked")
        #expect(before?.arguments["until"] == announced)
        #expect(after == nil)
    }

    @Test func anUnknownCandidateLooksExactlyLikeAWrongCode() throws {
        // Given a registered candidate, and a well-formed number nobody has
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, _) = try fixture.registered()
        let stranger = CandidateNumber.make(99)
        fixture.clock.set(Self.opens.addingTimeInterval(60))
        let terminal = ExamDeskFixture.terminal("pts-1")

        // When each tries a wrong code five times
        var known: [Problem?] = []
        var unknown: [Problem?] = []
        for _ in 1...5 {
            fixture.clock.advance(by: 1)
            known.append(refusal { _ = try fixture.desk.open(candidate: candidate.number, code: "WRNG-C0DE", terminal: terminal) })
            unknown.append(refusal { _ = try fixture.desk.open(candidate: stranger, code: "WRNG-C0DE", terminal: terminal) })
        }

        // Then both get the same messages, lock included (apart from the number they typed),
        // while the record tells them apart
        #expect(known.prefix(4) == unknown.prefix(4))
        #expect(known[4]?.key == "room.login.locked")
        #expect(unknown[4]?.key == "room.login.locked")
        #expect(known[4]?.arguments["until"] == unknown[4]?.arguments["until"])
        #expect(
            try fixture.column("SELECT DISTINCT reason FROM login_failures WHERE candidate_number = '\(stranger)'")
                == ["unknown-candidate"])
    }

    @Test func aCodeForAnotherSittingIsRefusedAtATerminalServingOne() throws {
        // Given a candidate registered for one sitting, and a terminal set up for another
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, sitting, code) = try fixture.registered()
        let other = try fixture.sitting(startsAt: Self.opens.addingTimeInterval(3 * 3600))
        fixture.clock.set(Self.opens.addingTimeInterval(60))

        // When the candidate logs in there with the right code
        let problem = refusal {
            _ = try fixture.desk.open(
                candidate: candidate.number, code: code, sitting: other.id, terminal: ExamDeskFixture.terminal("pts-1"))
        }

        // Then they are sent to the right room, and no exam is started
        #expect(problem == .error("room.login.other-session", ["session": other.id, "other": sitting.id]))
        #expect(try fixture.rowCounts(["attempts"]) == ["attempts": 0])
    }

    @Test func theRoomOpensOnlyFromTheStartUntilLateEntryCloses() throws {
        // Given a registered candidate and a sitting starting in an hour, late entry 15 minutes
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, sitting, code) = try fixture.registered()
        let terminal = ExamDeskFixture.terminal("pts-1")

        // When they log in an hour early, and again 16 minutes after the start
        let early = refusal { _ = try fixture.open(candidate.number, code, terminal: terminal) }
        fixture.clock.set(Self.opens.addingTimeInterval(16 * 60))
        let late = refusal { _ = try fixture.open(candidate.number, code, terminal: terminal) }

        // Then they are told when it opens, then that it has closed to late arrivals
        #expect(early?.key == "room.not-open")
        #expect(early?.arguments["session"] == sitting.id)
        #expect(early?.arguments["minutes"] == "60")
        #expect(late?.key == "room.entry-closed")
        #expect(late?.arguments["session"] == sitting.id)
        #expect(try fixture.rowCounts(["attempts"]) == ["attempts": 0])
    }

    @Test func anExamBegunBeforeLateEntryClosedCanBeResumedAfter() throws {
        // Given a candidate who began at the start and left
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, code) = try fixture.registered()
        fixture.clock.set(Self.opens)
        let first = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-1"))
        first.backend.release()

        // When they come back 20 minutes later, after late entry closed
        fixture.clock.set(Self.opens.addingTimeInterval(20 * 60))
        let outcome = try fixture.desk.open(candidate: candidate.number, code: code, terminal: ExamDeskFixture.terminal("pts-2"))

        // Then the same exam reopens as a resumption, with its original deadline
        guard case .opened(let again, let resumed, _) = outcome else {
            Issue.record("not reopened: \(outcome)")
            return
        }
        #expect(resumed)
        #expect(again.sheet.attemptID == first.sheet.attemptID)
        #expect(again.deadline == Self.opens.addingTimeInterval(30 * 60))
    }

    // MARK: Terminals

    @Test func aSecondTerminalIsRefusedUnlessItTakesOverAndThenTheFirstCannotSave() throws {
        // Given an exam open on a terminal of a live process
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, code) = try fixture.registered()
        fixture.clock.set(Self.opens.addingTimeInterval(60))
        let first = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-1"))
        let slot = first.sheet.items[0].slot
        _ = try first.backend.saveAnswer(.text("before"), slot: slot)

        // When a second terminal opens it, first plainly and then taking it over
        let second = ExamDeskFixture.terminal("pts-2")
        let refused = refusal { _ = try fixture.open(candidate.number, code, terminal: second) }
        let outcome = try fixture.desk.open(candidate: candidate.number, code: code, terminal: second, takeOver: true)

        // Then the plain attempt is refused naming the first terminal; the takeover opens it with
        // the first terminal's answer, and the first terminal's next save is refused
        #expect(refused?.key == "room.held-elsewhere")
        #expect(refused?.arguments["terminal"] == "pts-1")
        guard case .opened(let taken, _, let tookOver) = outcome else {
            Issue.record("not opened: \(outcome)")
            return
        }
        #expect(tookOver)
        #expect(taken.answers[slot] == .text("before"))
        #expect(refusal { _ = try first.backend.saveAnswer(.text("after"), slot: slot) }?.key == "room.taken-over")
        #expect(try first.backend.stillHeld() == false)
        #expect(try taken.backend.saveAnswer(.text("here"), slot: slot) == fixture.clock.now)
        #expect(try fixture.store.attempt(id: taken.sheet.attemptID)?.answers[slot] == .text("here"))
    }

    @Test func aTerminalWhoseProcessDiedIsTakenOverSilently() throws {
        // Given an exam left open by a process that has since ended (crashed or killed)
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, code) = try fixture.registered()
        fixture.clock.set(Self.opens.addingTimeInterval(60))
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let crashed = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-1", pid: ended.processIdentifier))
        _ = try crashed.backend.saveAnswer(.text("saved before the crash"), slot: 1)

        // When the candidate opens it on another terminal without asking to take over
        fixture.clock.advance(by: 120)
        let outcome = try fixture.desk.open(candidate: candidate.number, code: code, terminal: ExamDeskFixture.terminal("pts-2"))

        // Then it simply resumes, with the saved answer
        guard case .opened(let resumed, let isResumed, let tookOver) = outcome else {
            Issue.record("not opened: \(outcome)")
            return
        }
        #expect(isResumed)
        #expect(!tookOver)
        #expect(resumed.answers[1] == .text("saved before the crash"))
        #expect(resumed.isResumed)
    }

    // MARK: Answers and time

    @Test func everyAnswerIsAppendedAndTheLatestCounts() throws {
        // Given an open exam
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, code) = try fixture.registered()
        fixture.clock.set(Self.opens.addingTimeInterval(60))
        let opened = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-1"))
        // (the paper is drawn at random, so take the first item with at least two options)
        let item = try #require(opened.sheet.items.first { $0.options.count >= 2 })
        let ids = item.options.map(\.id)

        // When the candidate answers slot 1, changes it, clears it and answers again, a second apart
        let answers: [Answer?] = [.choices([ids[0]]), .choices([ids[1]]), nil, .choices([ids[1]])]
        for answer in answers {
            fixture.clock.advance(by: 1)
            _ = try opened.backend.saveAnswer(answer, slot: item.slot)
        }
        try opened.backend.saveFlag(true, slot: item.slot)

        // Then the history holds all four changes in order, the stored answer is the latest, and
        // a reopened room shows it
        let history = try fixture.store.history(attempt: opened.sheet.attemptID).filter { $0.kind == "answer" && $0.slot == item.slot }
        #expect(
            history.map(\.value) == [#"{"choices":["\#(ids[0])"]}"#, #"{"choices":["\#(ids[1])"]}"#, nil, #"{"choices":["\#(ids[1])"]}"#])
        #expect(history.map(\.at) == (1...4).map { Self.opens.addingTimeInterval(60 + Double($0)) })
        let stored = try fixture.store.attempt(id: opened.sheet.attemptID)
        #expect(stored?.answers == [item.slot: .choices([ids[1]])])
        #expect(stored?.flags == [item.slot])
        opened.backend.release()
        let again = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-2"))
        #expect(again.answers == [item.slot: .choices([ids[1]])])
    }

    @Test func anAnswerArrivingAfterTheGracePeriodIsRefused() throws {
        // Given an exam opened at the start: 30 minutes, and 5 seconds' grace for answers in flight
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, code) = try fixture.registered()
        fixture.clock.set(Self.opens)
        let opened = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-1"))
        let deadline = Self.opens.addingTimeInterval(30 * 60)

        // When answers arrive 4 and then 6 seconds after the deadline
        fixture.clock.set(deadline.addingTimeInterval(4))
        let inGrace = refusal { _ = try opened.backend.saveAnswer(.text("20"), slot: 1) }
        fixture.clock.set(deadline.addingTimeInterval(6))
        let late = refusal { _ = try opened.backend.saveAnswer(.text("21"), slot: 2) }

        // Then the first is saved and the second refused as too late
        #expect(opened.deadline == deadline)
        #expect(inGrace == nil)
        #expect(late?.key == "room.time-up")
        #expect(try fixture.store.attempt(id: opened.sheet.attemptID)?.answers == [1: .text("20")])
    }

    @Test func extraTimeMovesTheDeadlineOfAnOpenExam() throws {
        // Given an exam opened at the start, deadline after 30 minutes
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, sitting, code) = try fixture.registered()
        fixture.clock.set(Self.opens)
        let opened = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-1"))

        // When the candidate is granted 10 minutes and the whole sitting 5 more
        try fixture.registrar.grantExtraTime(sitting: sitting.id, candidate: candidate.number, minutes: 10, reason: "Reading aid")
        try fixture.registrar.grantExtraTime(sitting: sitting.id, candidate: nil, minutes: 5, reason: "Fire alarm")

        // Then the deadline is 45 minutes after the start, and an answer 40 minutes in is saved
        #expect(try opened.backend.currentDeadline() == Self.opens.addingTimeInterval(45 * 60))
        fixture.clock.set(Self.opens.addingTimeInterval(40 * 60))
        #expect(refusal { _ = try opened.backend.saveAnswer(.text("20"), slot: 1) } == nil)
        #expect(try fixture.store.attempt(id: opened.sheet.attemptID)?.extraMinutes == 15)
    }

    @Test func aSubmittedExamTakesNoSecondSubmissionAndNoAnswers() throws {
        // Given an exam the candidate has submitted
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, sitting, code) = try fixture.registered()
        fixture.clock.set(Self.opens.addingTimeInterval(60))
        let opened = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-1"))
        _ = try opened.backend.saveAnswer(.text("20"), slot: 1)
        fixture.clock.advance(by: 60)
        try opened.backend.submit(automatic: false)

        // When it is submitted again, answered again, and opened again
        fixture.clock.advance(by: 1)
        let twice = refusal { try opened.backend.submit(automatic: false) }
        let answer = refusal { _ = try opened.backend.saveAnswer(.text("21"), slot: 1) }
        let reopened = try fixture.desk.open(candidate: candidate.number, code: code, terminal: ExamDeskFixture.terminal("pts-2"))

        // Then each is refused; the one submission stands, with the answer given before it
        #expect(twice?.key == "room.submitted.closed")
        #expect(answer?.key == "room.submitted.closed")
        guard case .closed(let submission, let sittingID) = reopened else {
            Issue.record("reopened: \(reopened)")
            return
        }
        #expect(submission.kind == .submitted)
        #expect(submission.at == Self.opens.addingTimeInterval(120))
        #expect(sittingID == sitting.id)
        #expect(try fixture.store.attempt(id: opened.sheet.attemptID)?.answers == [1: .text("20")])
    }

    @Test func anExamLeftOpenPastItsDeadlineIsClosedAsExpired() throws {
        // Given a candidate who began, answered once and left
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, _, code) = try fixture.registered()
        fixture.clock.set(Self.opens)
        let opened = try fixture.open(candidate.number, code, terminal: ExamDeskFixture.terminal("pts-1"))
        _ = try opened.backend.saveAnswer(.text("20"), slot: 1)
        opened.backend.release()

        // When they come back after the deadline, twice
        fixture.clock.set(Self.opens.addingTimeInterval(31 * 60))
        let first = try fixture.desk.open(candidate: candidate.number, code: code, terminal: ExamDeskFixture.terminal("pts-2"))
        fixture.clock.advance(by: 60)
        let second = try fixture.desk.open(candidate: candidate.number, code: code, terminal: ExamDeskFixture.terminal("pts-3"))

        // Then the exam is closed as expired at its deadline, once, with the saved answer kept
        for outcome in [first, second] {
            guard case .closed(let submission, _) = outcome else {
                Issue.record("reopened: \(outcome)")
                continue
            }
            #expect(submission.kind == .expired)
            #expect(submission.at == Self.opens.addingTimeInterval(30 * 60))
        }
        #expect(try fixture.column("SELECT kind FROM attempt_events WHERE kind = 'expired'") == ["expired"])
        #expect(try fixture.store.attempt(id: opened.sheet.attemptID)?.answers == [1: .text("20")])
    }

    // MARK: Registration

    static let registrationTables = ["registrations", "access_codes", "candidates", "sittings", "training_records", "attempts"]

    /// Runs a registration expected to be refused with `key`, and checks nothing was written.
    static func expectRefusedWithoutChange(
        _ fixture: ExamDeskFixture, _ key: String, sourceLocation: Testing.SourceLocation = #_sourceLocation, _ register: () throws -> Void
    ) throws {
        let before = try fixture.rowCounts(registrationTables)
        let problems = refusals(register)
        #expect(problems.map(\.key).contains(key), "\(problems)", sourceLocation: sourceLocation)
        #expect(try fixture.rowCounts(registrationTables) == before, sourceLocation: sourceLocation)
    }

    @Test func aFullSittingRefusesRegistrationAndStoresNothing() throws {
        // Given a one-seat sitting with its seat taken
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let sitting = try fixture.sitting(capacity: 1)
        _ = try fixture.registrar.register(candidate: try fixture.candidate("Chan", document: "A1234567").number, sitting: sitting.id)
        let late = try fixture.candidate("Wong", document: "B7654321")

        // When another candidate is registered
        // Then it is refused as full and nothing is written
        try Self.expectRefusedWithoutChange(fixture, "register.full") {
            _ = try fixture.registrar.register(candidate: late.number, sitting: sitting.id)
        }
    }

    @Test func aClashingSittingRefusesRegistrationAndStoresNothing() throws {
        // Given a candidate registered for a sitting, and another starting 20 minutes later
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let candidate = try fixture.candidate("Chan", document: "A1234567")
        let first = try fixture.sitting()
        let overlapping = try fixture.sitting(startsAt: Self.opens.addingTimeInterval(20 * 60))
        _ = try fixture.registrar.register(candidate: candidate.number, sitting: first.id)

        // When they are registered for the second
        // Then it is refused as a clash and nothing is written
        try Self.expectRefusedWithoutChange(fixture, "register.clash") {
            _ = try fixture.registrar.register(candidate: candidate.number, sitting: overlapping.id)
        }
    }

    @Test func missingTrainingRefusesRegistrationAndStoresNothing() throws {
        // Given a candidate with no training recorded
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let candidate = try fixture.candidate("Chan", document: "A1234567", trained: false)
        let sitting = try fixture.sitting()

        // When they are registered
        // Then it is refused for training and nothing is written
        try Self.expectRefusedWithoutChange(fixture, "register.training") {
            _ = try fixture.registrar.register(candidate: candidate.number, sitting: sitting.id)
        }
    }

    @Test func aMissingPrerequisiteRefusesRegistrationAndStoresNothing() throws {
        // Given a second track that requires the TEST credential, a sitting of it, and a
        // candidate trained for it who holds no credential
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let advanced = fixture.folder + "/advanced.yaml"
        try Self.advancedCurriculum.write(toFile: advanced, atomically: true, encoding: .utf8)
        _ = try Fixtures.loader(fixture.store).load(paths: [advanced])
        let sitting = try fixture.store.createSitting(
            NewSitting(
                track: "TESTB", startsAt: Self.opens, timeZone: "Asia/Hong_Kong", durationMinutes: nil, lateEntryMinutes: 15,
                centre: "Kowloon", capacity: 10), by: "registrar", at: fixture.clock.now)
        let candidate = try fixture.candidate("Chan", document: "A1234567", trained: false)
        _ = try fixture.registrar.recordTraining(candidate: candidate.number, module: "U-01", hours: 2, note: nil)

        // When they are registered
        // Then it is refused for the prerequisite and nothing is written
        try Self.expectRefusedWithoutChange(fixture, "register.prerequisite") {
            _ = try fixture.registrar.register(candidate: candidate.number, sitting: sitting.id)
        }
    }

    @Test func aSecondRegistrationRefusesAndStoresNothing() throws {
        // Given a registered candidate
        let fixture = try ExamDeskFixture()
        defer { fixture.remove() }
        let (candidate, sitting, _) = try fixture.registered()

        // When they are registered again for the same sitting
        // Then it is refused and nothing is written (in particular, no new access code)
        try Self.expectRefusedWithoutChange(fixture, "register.already") {
            _ = try fixture.registrar.register(candidate: candidate.number, sitting: sitting.id)
        }
    }

    /// A level-2 track requiring the TEST credential.
    static let advancedCurriculum = """
        track: TESTB
        title: {en: "Test Track, Advanced", zh-Hant: "測試課程（進階）", zh-Hans: "测试课程（进阶）"}
        level: 2
        prerequisites: [TEST]
        modules:
          - id: U-01
            title: {en: "Forecasting", zh-Hant: "預測", zh-Hans: "预测"}
            hours: 2
            objectives:
              - {en: "Forecast call volume.", zh-Hant: "預測來電量。", zh-Hans: "预测来电量。"}
        exam:
          duration: 45
          pass-mark: 70
          blueprint:
            - module: U-01
              questions: 1
        credential:
          valid-years: 3
          renewal-cpd-hours: 30
        """
}
