import CertDeskCore
import CertDeskKit
import CertDeskStore
import Foundation
import Testing

struct GradingDeskTests {
    static let opens = GradingFixture.opens
    static let twoMarkers = "{second-marker: true, max-difference: 2, resolution: third-marker}"

    /// The drill paper with `changes` made to the all-right answers (`nil` clears an answer).
    static func answers(_ changes: [Int: Answer?] = [:]) -> [Int: Answer] {
        var answers = GradingFixture.allRight
        for (slot, answer) in changes { answers[slot] = answer }
        return answers
    }

    // MARK: What a grade records

    @Test func theGradeRecordsEachItemsRuleAndTheQuestionVersionThePaperShowed() throws {
        // Given two markers per essay, a candidate who picks one of the two keyed options of the
        // multiple-response item and answers the essay, and one who leaves the essay blank
        let fixture = try GradingFixture(marking: Self.twoMarkers)
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let answered = try fixture.sit(try fixture.registered("Chan", for: sitting), answers: Self.answers([2: .choices(["a"])]))
        let blank = try fixture.sit(try fixture.registered("Lee", for: sitting), answers: Self.answers([6: nil]))

        // When the single-answer item's key changes in a new version of the bank, and two markers
        // mark the essay within the allowed difference
        _ = try Fixtures.importer(fixture.store).importBanks(paths: [try Self.write(GradingFixture.bankText(singleKey: "b"), in: fixture)])
        fixture.clock.advance(by: 600)
        _ = try fixture.desk("marker-a").mark(attempt: answered, item: "6", score: 6, comment: "Cadence clear.")
        fixture.clock.advance(by: 60)
        let outcome = try fixture.desk("marker-b").mark(attempt: answered, item: "DRILL-06-001", score: 7, comment: "Measures named.")

        // Then each item's grade names the rule that decided it and the version the paper showed
        // (version 1, still graded against its key), and the essay the mean of the two marks
        let grades = try fixture.store.grades(attempt: answered)
        let final = try #require(grades.last).grade
        #expect(
            final.items.map(\.rule) == [
                "single", "multiple-partial", "true-false", "numeric-tolerance", "short-normalized", "two-marker-mean",
            ])
        #expect(final.items.map(\.version) == [1, 1, 1, 1, 1, 1])
        #expect(final.items.map(\.questionID) == (1...6).map { "DRILL-0\($0)-001" })
        #expect(final.items.map(\.mark) == [1, 0.5, 1, 1, 1, 6.5])
        #expect(final.raw == 11)
        #expect(final.possible == 15)
        #expect(abs(final.percentage - 11.0 / 15 * 100) < 1e-9)
        #expect(final.passed == true)
        #expect(outcome.state == .settled(SettledMark(mark: 6.5, rule: "two-marker-mean")))
        #expect(outcome.round == 2)

        // And the first grade was made on submission, provisional with the essay awaiting
        // marking; the first marker's mark alone changed nothing; the second's made the final grade
        #expect(grades.map(\.cause) == [.submitted, .marked])
        #expect(grades.map(\.gradedBy) == [GradingDesk.systemName, "marker-b"])
        #expect(grades.first?.grade.items.last?.rule == "awaiting-marking")
        #expect(grades.first?.grade.provisional == true)
        #expect(grades.first?.grade.passed == nil)
        let marks = try fixture.store.gradingInput(attempt: answered)?.marks[GradingFixture.essaySlot]
        #expect(marks?.map(\.round) == [1, 2])
        #expect(marks?.map(\.marker) == ["marker-a", "marker-b"])

        // And the blank essay scored 0 by its own rule, with no marker needed
        let blankGrades = try fixture.store.grades(attempt: blank)
        #expect(blankGrades.count == 1)
        #expect(blankGrades.first?.grade.items.last?.rule == "essay-blank")
        #expect(blankGrades.first?.grade.items.last?.mark == 0)
        #expect(blankGrades.first?.grade.provisional == false)
        #expect(blankGrades.first?.grade.raw == 5)
    }

    // MARK: Marking refusals

    @Test func markingANonEssayAScoreOutsideItsPointsOrWithoutACommentIsRefused() throws {
        // Given a submitted paper with an answered essay of 10 points
        let fixture = try GradingFixture()
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let attempt = try fixture.sit(try fixture.registered("Chan", for: sitting), answers: Self.answers())
        let desk = fixture.desk("marker-a")
        let before = try fixture.snapshot(attempts: [attempt], sittings: [sitting.id])

        // When a marker marks the single-answer and numeric items, scores the essay above its
        // points, below 0 and not at all a number, and marks it with an empty comment
        let notEssay = refusal { _ = try desk.mark(attempt: attempt, item: "1", score: 1, comment: "Right.") }
        let numeric = refusal { _ = try desk.mark(attempt: attempt, item: "drill-04-001", score: 1, comment: "Right.") }
        let above = refusal { _ = try desk.mark(attempt: attempt, item: "6", score: 10.5, comment: "Excellent.") }
        let negative = refusal { _ = try desk.mark(attempt: attempt, item: "6", score: -1, comment: "Poor.") }
        let notANumber = refusal { _ = try desk.mark(attempt: attempt, item: "6", score: .nan, comment: "Unclear.") }
        let noComment = refusal { _ = try desk.mark(attempt: attempt, item: "6", score: 5, comment: "") }
        let blankComment = refusal { _ = try desk.mark(attempt: attempt, item: "6", score: 5, comment: "  \n ") }
        let noItem = refusal { _ = try desk.mark(attempt: attempt, item: "9", score: 5, comment: "Fine.") }
        let noAttempt = refusal { _ = try desk.mark(attempt: 99, item: "6", score: 5, comment: "Fine.") }

        // Then each is refused with its reason and nothing is stored
        #expect(notEssay?.key == "mark.not-essay")
        #expect(notEssay?.arguments["type"] == "single")
        #expect(numeric?.key == "mark.not-essay")
        #expect(numeric?.arguments["item"] == "DRILL-04-001")
        #expect(above?.key == "mark.out-of-range")
        #expect(above?.arguments["points"] == "10")
        #expect(above?.arguments["score"] == "10.5")
        #expect(negative?.key == "mark.out-of-range")
        #expect(notANumber?.key == "mark.out-of-range")
        #expect(noComment?.key == "mark.no-comment")
        #expect(blankComment?.key == "mark.no-comment")
        #expect(noItem?.key == "mark.no-item")
        #expect(noAttempt?.key == "attempt.unknown")
        #expect(try fixture.snapshot(attempts: [attempt], sittings: [sitting.id]) == before)

        // And the bounds themselves are allowed
        #expect(refusal { _ = try desk.mark(attempt: attempt, item: "6", score: 10, comment: "Full marks.") } == nil)
        #expect(refusal { _ = try desk.mark(attempt: attempt, item: "6", score: 0, comment: "On reflection, off topic.") } == nil)
        #expect(try fixture.store.grades(attempt: attempt).last?.grade.items.last?.mark == 0)
    }

    @Test func anEssayIsNotMarkedBeforeSubmissionNorWhenLeftBlank() throws {
        // Given a candidate still sitting with the essay answered, and one who submitted a blank essay
        let fixture = try GradingFixture()
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let sitting1 = try fixture.sit(try fixture.registered("Chan", for: sitting), answers: Self.answers(), submit: false)
        let blank = try fixture.sit(try fixture.registered("Lee", for: sitting), answers: Self.answers([6: .text("   ")]))
        let desk = fixture.desk("marker-a")
        let before = try fixture.snapshot(attempts: [sitting1, blank], sittings: [sitting.id])

        // When a marker marks each essay, and reads the one still being written
        let open = refusal { _ = try desk.mark(attempt: sitting1, item: "6", score: 5, comment: "Fine.") }
        let read = refusal { _ = try desk.essay(attempt: sitting1, item: "6") }
        let empty = refusal { _ = try desk.mark(attempt: blank, item: "6", score: 5, comment: "Fine.") }

        // Then both marks are refused and nothing is stored; neither essay is in the queue
        #expect(open?.key == "mark.not-submitted")
        #expect(read?.key == "mark.not-submitted")
        #expect(empty?.key == "mark.blank")
        #expect(empty?.arguments["slot"] == "6")
        #expect(try fixture.snapshot(attempts: [sitting1, blank], sittings: [sitting.id]) == before)
        #expect(try fixture.store.grades(attempt: sitting1).isEmpty)
        #expect(try fixture.store.grades(attempt: blank).last?.grade.items.last?.rule == "essay-blank")
        #expect(try desk.markingQueue(sitting: sitting.id).mine.isEmpty)
    }

    @Test func aVoidedEssayIsNotMarkedAndAQuestionIsVoidedOnceAndOnlyIfItExists() throws {
        // Given a submitted paper whose essay is then voided
        let fixture = try GradingFixture()
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let attempt = try fixture.sit(try fixture.registered("Chan", for: sitting), answers: Self.answers())
        let desk = fixture.desk("examiner")
        fixture.clock.advance(by: 3600)
        let impact = try desk.void(question: "drill-06-001", reason: "Ambiguous stem")
        let before = try fixture.snapshot(attempts: [attempt], sittings: [sitting.id])

        // When a marker marks it, it is voided again, an unknown question is voided, and another
        // is voided without a reason
        let marked = refusal { _ = try fixture.desk("marker-a").mark(attempt: attempt, item: "6", score: 5, comment: "Fine.") }
        let twice = refusal { _ = try desk.void(question: "DRILL-06-001", reason: "Still ambiguous") }
        let unknown = refusal { _ = try desk.void(question: "DRILL-09-001", reason: "Faulty") }
        let noReason = refusal { _ = try desk.void(question: "DRILL-02-001", reason: " ") }

        // Then the first void named the paper holding it; each later request is refused and
        // nothing is stored; the voided essay is not in the marking queue
        #expect(impact.questionID == "DRILL-06-001")
        #expect(impact.sittings.map(\.sittingID) == [sitting.id])
        #expect(impact.sittings.map(\.papers) == [1])
        #expect(marked?.key == "mark.voided")
        #expect(twice?.key == "item.void.already")
        #expect(twice?.arguments["by"] == "examiner")
        #expect(twice?.arguments["reason"] == "Ambiguous stem")
        #expect(unknown?.key == "item.unknown")
        #expect(unknown?.arguments["id"] == "DRILL-09-001")
        #expect(noReason?.key == "item.void.no-reason")
        #expect(try fixture.snapshot(attempts: [attempt], sittings: [sitting.id]) == before)
        #expect(try fixture.store.voidedQuestions().map(\.reason) == ["Ambiguous stem"])
        #expect(try fixture.desk("marker-a").markingQueue(sitting: sitting.id).mine.isEmpty)

        // And regrading leaves the essay out of both the score and the points possible: the
        // result, no longer waiting for a marker, is final
        let report = try desk.regrade(sitting: sitting.id)
        #expect(report.changed.map(\.attemptID) == [attempt])
        #expect(report.changed.first?.current.items.last?.rule == "voided")
        #expect(report.changed.first?.current.raw == 5)
        #expect(report.changed.first?.current.possible == 5)
        #expect(report.changed.first?.current.passed == true)
        #expect(report.provisional == 0)
    }

    @Test func twoMarkersFarApartNeedAThirdAndNoFourthMarkerIsTaken() throws {
        // Given two markers per essay, settled by a third when more than 2 apart, and two papers:
        // one the first two markers agree on, one they are 5 apart on
        let fixture = try GradingFixture(marking: Self.twoMarkers)
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let agreed = try fixture.sit(try fixture.registered("Chan", for: sitting), answers: Self.answers())
        let disputed = try fixture.sit(try fixture.registered("Lee", for: sitting), answers: Self.answers())
        fixture.clock.advance(by: 3600)
        let (a, b, c, d) = (fixture.desk("marker-a"), fixture.desk("marker-b"), fixture.desk("marker-c"), fixture.desk("marker-d"))
        let queueA = try a.markingQueue(sitting: sitting.id)
        _ = try a.mark(attempt: agreed, item: "6", score: 6, comment: "Sound.")
        let afterFirst = try b.markingQueue(sitting: sitting.id)
        let againA = try a.markingQueue(sitting: sitting.id)
        _ = try b.mark(attempt: agreed, item: "6", score: 7, comment: "Sound, measures named.")
        _ = try a.mark(attempt: disputed, item: "6", score: 2, comment: "Thin.")
        let split = try b.mark(attempt: disputed, item: "6", score: 7, comment: "Workable.")

        // When a third marker reads and marks the disputed essay, and then a fourth marker tries
        // both essays (and the third tries the agreed one)
        let queueC = try c.markingQueue(sitting: sitting.id)
        let shown = try c.essay(attempt: disputed, item: "6")
        let third = try c.mark(attempt: disputed, item: "6", score: 4, comment: "Some plan, no measures.")
        let before = try fixture.snapshot(attempts: [agreed, disputed], sittings: [sitting.id])
        let fourth = refusal { _ = try d.mark(attempt: disputed, item: "6", score: 5, comment: "A fourth view.") }
        let thirdOnAgreed = refusal { _ = try c.mark(attempt: agreed, item: "6", score: 5, comment: "Another view.") }

        // Then each marker's queue held what they could mark, blind, in the round it needed
        #expect(queueA.mine.map(\.essay.attemptID) == [agreed, disputed])
        #expect(queueA.mine.map(\.round) == [1, 1])
        #expect(afterFirst.mine.map(\.essay.attemptID) == [agreed, disputed])
        #expect(afterFirst.mine.map(\.round) == [2, 1])
        #expect(againA.mine.map(\.essay.attemptID) == [disputed])
        #expect(againA.others == 1)
        #expect(split.state == .needs(round: 3))
        #expect(queueC.mine.map(\.essay.attemptID) == [disputed])
        #expect(queueC.mine.map(\.round) == [3])
        #expect(shown.round == 3)
        #expect(shown.essay.marks.map(\.score) == [2, 7])

        // And the third mark is final; the fourth marker is refused naming those who marked,
        // and nothing is stored
        #expect(third.state == .settled(SettledMark(mark: 4, rule: "third-marker")))
        #expect(third.round == 3)
        #expect(try fixture.store.grades(attempt: disputed).last?.grade.items.last?.mark == 4)
        #expect(fourth?.key == "mark.complete")
        #expect(fourth?.arguments["markers"] == "marker-a, marker-b, marker-c")
        #expect(thirdOnAgreed?.key == "mark.complete")
        #expect(thirdOnAgreed?.arguments["markers"] == "marker-a, marker-b")
        #expect(try fixture.snapshot(attempts: [agreed, disputed], sittings: [sitting.id]) == before)
        #expect(try d.markingQueue(sitting: sitting.id).mine.isEmpty)
    }

    // MARK: Release

    @Test func releaseIsRefusedWhileAnExamIsInProgressAnEssayIsUnmarkedNobodySatOrItWasReleased() throws {
        // Given a sitting where one candidate has submitted and another is still writing, and a
        // second sitting, the next day, that nobody sat
        let fixture = try GradingFixture()
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let empty = try fixture.sitting(startsAt: Self.opens.addingTimeInterval(86_400))
        _ = try fixture.registered("Ho", for: empty)
        let submitted = try fixture.sit(try fixture.registered("Chan", for: sitting), answers: Self.answers())
        let writer = try fixture.registered("Lee", for: sitting)
        let writing = try fixture.sit(writer, answers: Self.answers([6: nil]), submit: false)
        let desk = fixture.desk("examiner")
        let ids = [submitted, writing]
        let sittings = [sitting.id, empty.id]
        let start = try fixture.snapshot(attempts: ids, sittings: sittings)

        // When the results are released while the second candidate writes, and the empty
        // sitting's results are released
        fixture.clock.advance(by: 60)
        let inProgress = refusal { _ = try desk.release(sitting: sitting.id) }
        let nothing = refusal { _ = try desk.release(sitting: empty.id) }
        let unknown = refusal { _ = try desk.release(sitting: "DRILL-000000-09") }

        // Then each is refused and nothing is stored
        #expect(inProgress?.key == "release.in-progress")
        #expect(inProgress?.arguments["count"] == "1")
        #expect(nothing?.key == "release.nothing")
        #expect(unknown?.key == "session.unknown")
        #expect(try fixture.snapshot(attempts: ids, sittings: sittings) == start)

        // When the second candidate submits (with a blank essay) and the results are released
        // with the first candidate's essay unmarked
        let reopened = try fixture.exam.open(candidate: writer.number, code: writer.code, terminal: ExamDeskFixture.terminal("pts-9"))
        guard case .opened(let attempt, _, _) = reopened else { throw ProblemsError.error("test.closed") }
        try attempt.backend.submit(automatic: false)
        let graded = try fixture.snapshot(attempts: ids, sittings: sittings)
        let provisional = refusal { _ = try desk.release(sitting: sitting.id) }

        // Then the release is refused until the essay is marked, and nothing is stored
        #expect(provisional?.key == "release.provisional")
        #expect(provisional?.arguments["count"] == "1")
        #expect(try fixture.snapshot(attempts: ids, sittings: sittings) == graded)

        // When the essay is marked, and the results are released twice
        _ = try fixture.desk("marker-a").mark(attempt: submitted, item: "6", score: 8, comment: "Good.")
        let released = try desk.release(sitting: sitting.id)
        let afterRelease = try fixture.snapshot(attempts: ids, sittings: sittings)
        fixture.clock.advance(by: 60)
        let twice = refusal { _ = try desk.release(sitting: sitting.id) }

        // Then the first release counts both results; the second is refused, saying who released when
        #expect(released.count == 2)
        #expect(try fixture.store.release(of: sitting.id)?.by == "examiner")
        #expect(twice?.key == "release.already")
        #expect(twice?.arguments["by"] == "examiner")
        #expect(twice?.arguments["session"] == sitting.id)
        #expect(try fixture.snapshot(attempts: ids, sittings: sittings) == afterRelease)
    }

    // MARK: Regrading and abandoned attempts

    @Test func regradingWithEssaysUnmarkedIsAllowedAndReportsThemProvisional() throws {
        // Given two submitted papers whose essays nobody has marked yet
        let fixture = try GradingFixture()
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let first = try fixture.sit(try fixture.registered("Chan", for: sitting), answers: Self.answers())
        let second = try fixture.sit(try fixture.registered("Lee", for: sitting), answers: Self.answers([2: .choices(["c"])]))
        let desk = fixture.desk("examiner")

        // When the sitting is regraded as it is, and again after the multiple-response item is voided
        fixture.clock.advance(by: 3600)
        let unchanged = try desk.regrade(sitting: sitting.id)
        _ = try desk.void(question: "DRILL-02-001", reason: "Two defensible answers")
        let voided = try desk.regrade(sitting: sitting.id)

        // Then both regrades go through, report both results as still provisional and change no
        // pass/fail; the second changes both results, keeping the earlier ones as history
        #expect(unchanged.graded == 2)
        #expect(unchanged.changed.isEmpty)
        #expect(unchanged.provisional == 2)
        #expect(voided.graded == 2)
        #expect(voided.provisional == 2)
        #expect(voided.changed.map(\.attemptID) == [first, second])
        #expect(voided.outcomeChanged.isEmpty)
        #expect(voided.changed.map { $0.previous?.raw } == [5, 4])
        #expect(voided.changed.map(\.current.raw) == [4, 4])
        #expect(voided.changed.map(\.current.possible) == [14, 14])
        #expect(voided.releasedAt == nil)
        #expect(try fixture.store.grades(attempt: first).map(\.cause) == [.submitted, .regraded])
        #expect(try fixture.store.grades(attempt: first).last?.gradedBy == "examiner")
    }

    @Test func anAttemptAbandonedPastItsDeadlineIsClosedAsExpiredAndGradedByGradePending() throws {
        // Given a candidate who answered four questions and left the room without submitting
        let fixture = try GradingFixture()
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let attempt = try fixture.sit(
            try fixture.registered("Chan", for: sitting), answers: Self.answers([5: nil, 6: nil]), submit: false)
        let deadline = try fixture.store.deadline(attempt: attempt)
        let desk = fixture.desk("examiner")

        // When pending papers are graded within the grace period after the deadline, then after it, twice
        fixture.clock.set(deadline.addingTimeInterval(AttemptBackend.grace - 1))
        let early = try desk.gradePending(sitting: sitting.id)
        let stillOpen = try fixture.store.attempt(id: attempt)?.submission
        fixture.clock.set(deadline.addingTimeInterval(AttemptBackend.grace + 60))
        let late = try desk.gradePending(sitting: sitting.id)
        let again = try desk.gradePending(sitting: sitting.id)

        // Then the exam is left open within the grace period; afterwards it is closed as
        // expired at its deadline and graded from the answers saved, once
        #expect(early.isEmpty)
        #expect(stillOpen == nil)
        let submission = try #require(try fixture.store.attempt(id: attempt)?.submission)
        #expect(submission.kind == .expired)
        #expect(submission.at == deadline)
        #expect(late.map(\.attemptID) == [attempt])
        #expect(late.first?.stored == true)
        #expect(again.isEmpty)
        let grades = try fixture.store.grades(attempt: attempt)
        #expect(grades.count == 1)
        #expect(grades.first?.cause == .submitted)
        #expect(grades.first?.gradedBy == "examiner")
        #expect(grades.first?.grade.raw == 4)
        #expect(grades.first?.grade.items.map(\.rule).suffix(2) == ["short-normalized", "essay-blank"])
        #expect(grades.first?.grade.passed == false)

        // And the sitting can now be released
        #expect(try desk.release(sitting: sitting.id).count == 1)
    }

    // MARK: Helpers

    static func write(_ text: String, in fixture: GradingFixture) throws -> String {
        let path = fixture.folder + "/bank-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

struct ReleaseAfterVoidTests {
    @Test func releaseGradesAgainSoAQuestionVoidedSinceGradingIsNotCounted() throws {
        // Given a candidate graded on submission with the essay left blank (so the result is final)
        let fixture = try GradingFixture()
        defer { fixture.remove() }
        let sitting = try fixture.sitting()
        let attempt = try fixture.sit(
            try fixture.registered("Chan", for: sitting), answers: GradingDeskTests.answers([1: .choices(["b"]), 6: nil]))
        let graded = try #require(try fixture.store.grades(attempt: attempt).last?.grade)
        #expect(graded.raw == 4 && graded.possible == 15)

        // When the single-answer item is voided and the sitting released without a regrade
        fixture.clock.advance(by: 3 * 3600)
        _ = try fixture.desk().void(question: "DRILL-01-001", reason: "Two defensible answers.")
        let released = try fixture.desk().release(sitting: sitting.id)
        #expect(released.count == 1)
        #expect(released.first?.stored == true)
        #expect(released.first?.previous?.possible == 15)

        // Then the released result leaves the voided item out of score and points, and the
        // grade on submission stays in the history
        let grades = try fixture.store.grades(attempt: attempt)
        #expect(grades.map(\.cause) == [.submitted, .regraded])
        #expect(grades.last?.grade.raw == 4)
        #expect(grades.last?.grade.possible == 14)
        #expect(grades.last?.grade.items.first?.state == .voided)
    }
}
