import CertDeskCore
import CertDeskLocalization
import Foundation
import Testing

/// Grading end to end through the built `certdesk`: candidates sit a drill paper in plain mode,
/// papers are graded on submission, essays are marked by two (and a third) markers, results are
/// released, a faulty question is voided and the sitting regraded.
struct GradingFlowTests {
    /// The drill track's marking rules for this flow.
    static let marking = "{second-marker: true, max-difference: 2, resolution: third-marker}"

    /// Five candidates, numbered in this order; their displayed names sort as Ada Lee, Bonnie Kwok,
    /// Ken Cheung, Siu Ming Wong, Zoe Au.
    static let names = [
        (family: "Wong", given: "Siu Ming"), (family: "Lee", given: "Ada"), (family: "Cheung", given: "Ken"),
        (family: "Kwok", given: "Bonnie"), (family: "Au", given: "Zoe"),
    ]

    static let essays = [
        "Weekly one-to-one coaching with call reviews, measured by quality scores and first-call resolution.",
        "Tell them to work harder.",
        "Monthly coaching sessions, measured against quality scores.",
    ]

    /// What each candidate types in the plain room, question by question (drill keys: A; A B;
    /// A = true; 20; calibration; an essay of 10 points), then submits. An empty line skips.
    static let scripts = [
        // Siu Ming Wong: every key right: 5 of 5 before the essay.
        ["A", "A B", "A", "20", "calibration", essays[0]],
        // Ada Lee: every key wrong: 0 of 5.
        ["B", "C", "B", "7", "IVR", essays[1]],
        // Ken Cheung: the multiple-response item wrong (one right, one wrong option: 0), the rest
        // right: 4 of 5; with an essay of 6 that is 10/15 = 66.7%, just under the pass mark of 70.
        ["A", "A C", "A", "20", "CALIBRATION", essays[2]],
        // Bonnie Kwok: one of two keyed options (0.5), the rest right, the essay left blank.
        ["A", "B", "A", "20", "calibration", ""],
    ]

    @Test func aDrillSittingIsGradedMarkedReleasedVoidedAndRegradedThroughTheCommandLine() throws {
        // Given a drill sitting marked by two markers (a third when they are more than 2 apart),
        // five registered candidates, four of whom sit and submit in plain mode; the fifth is absent
        let setup = try ExamSetup(.drill, candidates: 5, marking: Self.marking, names: Self.names)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let session = setup.session
        let numbers = setup.registrations.map(\.number)
        for (index, script) in Self.scripts.enumerated() {
            let sat = try setup.sit(setup.registrations[index], input: ([""] + script + [":s", "yes"]).joined(separator: "\n") + "\n")
            #expect(sat.status == 0, "candidate \(index + 1): \(sat.error)")
            #expect(sat.output.contains(Catalogs.beginning("room.submitted", in: english)), "\(sat.output)")
        }

        // Then each paper was graded by CertDesk on submission, item by item with its rule:
        // raw marks from the drill keys, out of 15 (five 1-point items and a 10-point essay)
        let rules = ["single", "multiple-partial", "true-false", "numeric-tolerance", "short-normalized"]
        let expectedMarks: [[Double]] = [[1, 1, 1, 1, 1], [0, 0, 0, 0, 0], [1, 0, 1, 1, 1], [1, 0.5, 1, 1, 1]]
        for attempt in 1...4 {
            let result = try decode(ResultRecord.self, run(setup, ["result", String(attempt), "--json"]))
            let marks = expectedMarks[attempt - 1]
            #expect(result.candidate == numbers[attempt - 1])
            #expect(result.session == session)
            #expect(result.grade.items.map(\.slot) == [1, 2, 3, 4, 5, 6])
            #expect(result.grade.items.map(\.question) == (1...6).map { "DRILL-0\($0)-001" })
            #expect(result.grade.items.map(\.version) == Array(repeating: 1, count: 6))
            #expect(result.grade.items.prefix(5).map(\.rule) == rules)
            #expect(result.grade.items.prefix(5).map(\.mark) == marks)
            #expect(result.grade.raw == marks.reduce(0, +))
            #expect(result.grade.possible == 15)
            #expect(close(result.grade.percentage, marks.reduce(0, +) / 15 * 100))
            #expect(result.grade.passMark == 70)
            #expect(result.released == false)
            #expect(result.history?.first?.cause == "submitted")
            #expect(result.history?.first?.gradedBy == "certdesk")
            #expect(result.history?.count == 1)
            if attempt == 4 {
                // A blank essay scores 0 without marking, so the result is final at once
                #expect(result.grade.items[5].rule == "essay-blank")
                #expect(result.grade.items[5].mark == 0)
                #expect(result.grade.provisional == false)
                #expect(result.outcome == "fail")
            } else {
                #expect(result.grade.items[5].rule == "awaiting-marking")
                #expect(result.grade.items[5].mark == nil)
                #expect(result.grade.provisional)
                #expect(result.grade.passed == nil)
                #expect(result.outcome == "provisional")
            }
        }

        // And the sitting's results show the three papers with essays as provisional, the blank
        // essay's as final and the fifth candidate as absent
        let early = try decode(ResultsListing.self, run(setup, ["results", "--session", session, "--json"]))
        #expect(early.released == false)
        #expect(early.passMark == 70)
        #expect(
            Dictionary(uniqueKeysWithValues: early.results.map { ($0.number, $0.outcome) })
                == [
                    numbers[0]: "provisional", numbers[1]: "provisional", numbers[2]: "provisional", numbers[3]: "fail",
                    numbers[4]: "absent",
                ])
        #expect(early.results.first { $0.number == numbers[4] }?.attempt == nil)

        // When the results are released with essays unmarked
        let tooSoon = try run(setup, ["release", "--session", session])

        // Then the release is refused, pointing at the marking queue, and nothing is released
        #expect(tooSoon.status == 1)
        #expect(
            tooSoon.error.contains(english.describe(.error("release.provisional", ["session": session, "count": "3"]))), "\(tooSoon.error)")
        #expect(tooSoon.error.contains("certdesk marking queue --session \(session)"))
        #expect(try decode(ResultsListing.self, run(setup, ["results", "--session", session, "--json"])).released == false)

        // And a candidate asking for their result is told it is not released yet
        let unreleased = try run(
            setup, ["result", "--candidate", numbers[2]], environment: ["CERTDESK_ACCESS_CODE": setup.registrations[2].code])
        #expect(unreleased.status == 0, "\(unreleased.error)")
        #expect(unreleased.output.contains(english.text("result.candidate.not-released", ["session": session])), "\(unreleased.output)")
        #expect(!unreleased.output.contains(english.text("letter.title")))
        let earlyLetter = try run(setup, ["result", "1", "--letter"])
        #expect(earlyLetter.status == 1)
        #expect(earlyLetter.error.contains(english.describe(.error("result.not-released", ["session": session]))), "\(earlyLetter.error)")

        // When marker alice lists and reads the essays
        let queueJSON = try run(setup, ["marking", "queue", "--session", session, "--json"], as: "alice")
        let queue = try decode([QueueEntry].self, queueJSON)
        let queueText = try run(setup, ["marking", "queue", "--session", session], as: "alice")
        let shown = try run(setup, ["marking", "show", "1", "6"], as: "alice")

        // Then she sees the three answered essays, oldest submission first, for a first marking,
        // the answer, question and marking guide, and nothing that names a candidate
        #expect(queue.map(\.attempt) == [1, 2, 3])
        #expect(queue.allSatisfy { $0.slot == 6 && $0.question == "DRILL-06-001" && $0.round == 1 && $0.session == session })
        #expect(queue.allSatisfy { $0.points == 10 })
        #expect(queue.map(\.characters) == Self.essays.map(\.count))
        #expect(queueText.status == 0, "\(queueText.error)")
        #expect(queueText.output.contains(english.text("marking.queue.heading", ["count": "3", "marker": "alice"])), "\(queueText.output)")
        #expect(shown.status == 0, "\(shown.error)")
        #expect(flat(shown.output).contains(Self.essays[0]), "\(shown.output)")
        #expect(shown.output.contains("Design a coaching plan."))
        #expect(shown.output.contains("5 points: cadence; 5 points: measures."))
        #expect(shown.output.contains(english.text("marking.show.round", ["round": "1"])))
        for output in [queueJSON.output, queueText.output, shown.output] {
            #expect(!namesACandidate(output, setup), "\(output)")
        }

        // When alice marks the first essay, and bob looks at the queue
        let aliceMarks = try run(setup, ["mark", "1", "6", "--score", "8", "--comment", "Clear cadence; measures named."], as: "alice")
        let aliceQueue = try decode([QueueEntry].self, run(setup, ["marking", "queue", "--session", session, "--json"], as: "alice"))
        let bobQueue = try decode([QueueEntry].self, run(setup, ["marking", "queue", "--session", session, "--json"], as: "bob"))
        let bobShown = try run(setup, ["marking", "show", "1", "6"], as: "bob")

        // Then the essay waits for a second marker: it has left alice's queue, bob sees it for
        // the second marking, and blind: without alice's mark or comment
        #expect(aliceMarks.status == 0, "\(aliceMarks.error)")
        #expect(aliceMarks.output.contains(english.text("mark.state.second")), "\(aliceMarks.output)")
        #expect(aliceQueue.map(\.attempt) == [2, 3])
        #expect(bobQueue.map(\.attempt) == [1, 2, 3])
        #expect(bobQueue.map(\.round) == [2, 1, 1])
        #expect(bobShown.output.contains(english.text("marking.show.round", ["round": "2"])), "\(bobShown.output)")
        #expect(!bobShown.output.contains("Clear cadence"))
        #expect(!namesACandidate(bobShown.output, setup))

        // When alice marks the other two, and bob marks all three: within 2 of alice on the first
        // and third, 5 apart on the second
        for (attempt, score, comment) in [(2, "2", "No plan, no measures."), (3, "6", "Cadence given; measures thin.")] {
            let marked = try run(setup, ["mark", String(attempt), "DRILL-06-001", "--score", score, "--comment", comment], as: "alice")
            #expect(marked.status == 0, "\(marked.error)")
        }
        let bobFirst = try run(setup, ["mark", "1", "6", "--score", "9", "--comment", "Strong plan."], as: "bob")
        let bobSecond = try run(setup, ["mark", "2", "6", "--score", "7", "--comment", "Brief but workable."], as: "bob")
        let bobThird = try run(setup, ["mark", "3", "6", "--score", "6", "--comment", "Adequate."], as: "bob")

        // Then the first and third are settled by the mean of the two marks, and the second
        // needs a third marker
        #expect(bobFirst.status == 0, "\(bobFirst.error)")
        #expect(
            bobFirst.output.contains(
                english.text("mark.state.settled", ["mark": "8.5", "rule": english.text("rule.two-marker-mean")])),
            "\(bobFirst.output)")
        #expect(bobSecond.status == 0, "\(bobSecond.error)")
        #expect(bobSecond.output.contains(english.text("mark.state.third")), "\(bobSecond.output)")
        #expect(bobThird.output.contains(english.text("mark.state.settled", ["mark": "6", "rule": english.text("rule.two-marker-mean")])))
        #expect(try decode([QueueEntry].self, run(setup, ["marking", "queue", "--session", session, "--json"], as: "alice")).isEmpty)
        #expect(try decode([QueueEntry].self, run(setup, ["marking", "queue", "--session", session, "--json"], as: "bob")).isEmpty)
        #expect(try run(setup, ["release", "--session", session]).status == 1)

        // When carol, a third marker, reads the essay the two disagree on and marks it
        let carolQueue = try decode([QueueEntry].self, run(setup, ["marking", "queue", "--session", session, "--json"], as: "carol"))
        let carolShown = try run(setup, ["marking", "show", "2", "6"], as: "carol")
        let carolMarks = try run(setup, ["mark", "2", "6", "--score", "4", "--comment", "Some plan; no measures."], as: "carol")
        let dave = try run(setup, ["mark", "2", "6", "--score", "5", "--comment", "A fourth view."], as: "dave")

        // Then she alone is asked for it, sees both earlier marks with their comments, and her
        // mark is final; a fourth marker is turned away
        #expect(carolQueue.map(\.attempt) == [2])
        #expect(carolQueue.map(\.round) == [3])
        #expect(carolShown.output.contains(english.text("marking.show.round", ["round": "3"])), "\(carolShown.output)")
        #expect(
            carolShown.output.contains(
                english.text("marking.show.earlier", ["round": "1", "score": "2", "comment": "No plan, no measures."])))
        #expect(
            carolShown.output.contains(
                english.text("marking.show.earlier", ["round": "2", "score": "7", "comment": "Brief but workable."])))
        #expect(!namesACandidate(carolShown.output, setup))
        #expect(carolMarks.status == 0, "\(carolMarks.error)")
        #expect(
            carolMarks.output.contains(english.text("mark.state.settled", ["mark": "4", "rule": english.text("rule.third-marker")])),
            "\(carolMarks.output)")
        #expect(dave.status == 1)
        #expect(
            dave.error.contains(Catalogs.beginning("mark.complete", ["item": "DRILL-06-001", "slot": "6", "id": "2"], in: english)),
            "\(dave.error)")

        // And every result is now final: 13.5, 4, 10 and 4.5 of 15
        let marked = try (1...3).map { try decode(ResultRecord.self, run(setup, ["result", String($0), "--json"])) }
        #expect(marked.map { $0.grade.items[5].rule } == ["two-marker-mean", "third-marker", "two-marker-mean"])
        #expect(marked.map { $0.grade.items[5].mark } == [8.5, 4, 6])
        #expect(marked.map(\.grade.raw) == [13.5, 4, 10])
        #expect(marked.map(\.outcome) == ["pass", "fail", "fail"])
        #expect(marked.allSatisfy { !$0.grade.provisional })

        // When the results are released, and released again
        let released = try run(setup, ["release", "--session", session])
        let again = try run(setup, ["release", "--session", session])

        // Then the first release lets the four who sat see their results; the second is refused
        #expect(released.status == 0, "\(released.error)")
        #expect(released.output.contains(english.text("release.done", ["session": session, "count": "4"])), "\(released.output)")
        #expect(again.status == 1)
        #expect(again.error.contains(Catalogs.beginning("release.already", ["session": session], in: english)), "\(again.error)")

        // And a candidate with their access code reads their letter; a wrong code reads nothing
        let letter = try run(
            setup, ["result", "--candidate", numbers[0]], environment: ["CERTDESK_ACCESS_CODE": setup.registrations[0].code])
        let failedLetter = try run(
            setup, ["result", "--candidate", numbers[2]], environment: ["CERTDESK_ACCESS_CODE": setup.registrations[2].code])
        let wrongCode = try run(setup, ["result", "--candidate", numbers[0]], environment: ["CERTDESK_ACCESS_CODE": "WRNG-C0DE"])
        #expect(letter.status == 0, "\(letter.error)")
        #expect(letter.output.contains(english.text("letter.title")), "\(letter.output)")
        #expect(letter.output.contains("Siu Ming Wong"))
        #expect(letter.output.contains(english.text("letter.number", ["number": numbers[0]])))
        #expect(flat(letter.output).contains(flat(Catalogs.beginning("letter.passed", in: english))))
        #expect(
            flat(letter.output).contains(
                flat(english.text("letter.score", ["raw": "13.5", "possible": "15", "percentage": "90.0", "pass": "70"]))))
        #expect(failedLetter.status == 0, "\(failedLetter.error)")
        #expect(flat(failedLetter.output).contains(flat(Catalogs.beginning("letter.failed", in: english))), "\(failedLetter.output)")
        #expect(
            flat(failedLetter.output).contains(
                flat(english.text("letter.score", ["raw": "10", "possible": "15", "percentage": "66.7", "pass": "70"]))))
        #expect(wrongCode.status == 1)
        let operatorLetter = try run(setup, ["result", "1", "--letter"])
        #expect(operatorLetter.status == 0, "\(operatorLetter.error)")
        #expect(operatorLetter.output == letter.output)
        #expect(!wrongCode.output.contains(english.text("letter.title")))

        // And the CSV export has its header and one row per registered candidate, by family name, with unrounded percentages
        let csv = try run(setup, ["results", "--session", session, "--csv"])
        #expect(csv.status == 0, "\(csv.error)")
        #expect(
            csv.output.components(separatedBy: "\r\n") == [
                "number,name,attempt,outcome,raw,possible,percentage",
                "\(numbers[4]),Zoe Au,,absent,,,",
                "\(numbers[2]),Ken Cheung,3,fail,10,15,\(10.0 / 15 * 100)",
                "\(numbers[3]),Bonnie Kwok,4,fail,4.5,15,\(4.5 / 15 * 100)",
                "\(numbers[1]),Ada Lee,2,fail,4,15,\(4.0 / 15 * 100)",
                "\(numbers[0]),Siu Ming Wong,1,pass,13.5,15,\(13.5 / 15 * 100)",
                "",
            ], "\(csv.output)")

        // When the multiple-response question is voided as faulty and the sitting regraded
        let void = try run(setup, ["item", "void", "DRILL-02-001", "--reason", "Two defensible answers"])
        let regrade = try decode(RegradeReport.self, run(setup, ["regrade", "--session", session, "--json"]))
        let regradeAgain = try decode(RegradeReport.self, run(setup, ["regrade", "--session", session, "--json"]))

        // Then the four papers that held it change, the voided item counting neither in the score
        // nor in the points possible; Ken Cheung moves from fail to pass; a second regrade changes nothing
        #expect(void.status == 0, "\(void.error)")
        #expect(void.output.contains("certdesk regrade --session \(session)"), "\(void.output)")
        #expect(regrade.session == session)
        #expect(regrade.graded == 4)
        #expect(regrade.provisional == 0)
        #expect(regrade.changed.map(\.attempt) == [1, 2, 3, 4])
        #expect(regrade.changed.map(\.number) == Array(numbers.prefix(4)))
        let before: [Double] = [13.5 / 15, 4.0 / 15, 10.0 / 15, 4.5 / 15].map { $0 * 100 }
        let after: [Double] = [12.5 / 14, 4.0 / 14, 10.0 / 14, 4.0 / 14].map { $0 * 100 }
        for (change, (was, now)) in zip(regrade.changed, zip(before, after)) {
            #expect(change.before.map { close($0, was) } == true, "attempt \(change.attempt): \(change.before ?? -1) ≠ \(was)")
            #expect(close(change.after, now), "attempt \(change.attempt): \(change.after) ≠ \(now)")
        }
        #expect(regrade.changed.map(\.outcomeBefore) == ["pass", "fail", "fail", "fail"])
        #expect(regrade.changed.map(\.outcomeAfter) == ["pass", "fail", "pass", "fail"])
        #expect(regradeAgain.graded == 4)
        #expect(regradeAgain.changed.isEmpty)

        // And Ken Cheung's result keeps its history: graded on submission, after marking, after voiding
        let ken = try decode(ResultRecord.self, run(setup, ["result", "3", "--json"]))
        #expect(ken.grade.items[1].rule == "voided")
        #expect(ken.grade.items[1].mark == nil)
        #expect(ken.grade.raw == 10)
        #expect(ken.grade.possible == 14)
        #expect(ken.outcome == "pass")
        #expect(ken.history?.map(\.cause) == ["submitted", "marked", "regraded"])
        #expect(ken.history?.map(\.gradedBy) == ["certdesk", "bob", "admin"])
        #expect(ken.history?.map(\.outcome) == ["provisional", "fail", "pass"])
        #expect(
            ken.history.map { zip($0.map(\.percentage), [400.0 / 15, 1000.0 / 15, 1000.0 / 14]).allSatisfy { close($0.0, $0.1) } } == true)
        let history = try run(setup, ["result", "3", "--history", "--items"])
        #expect(history.status == 0, "\(history.error)")
        #expect(history.output.contains(english.text("result.history.heading", ["count": "3"])), "\(history.output)")
        for line in [
            "\(english.text("result.cause.submitted")) by certdesk: 26.7% \(english.text("result.state.provisional", ["count": "1"]))",
            "\(english.text("result.cause.marked")) by bob: 66.7% \(english.text("result.state.fail"))",
            "\(english.text("result.cause.regraded")) by admin: 71.4% \(english.text("result.state.pass"))",
        ] {
            #expect(history.output.contains(line), "\(line)")
        }
        #expect(history.output.contains(english.text("rule.voided")))
        #expect(history.output.contains(english.text("result.voided", ["count": "1"])))

        // And his letter now tells him he passed, with the withdrawn question explained
        let newLetter = try run(
            setup, ["result", "--candidate", numbers[2]], environment: ["CERTDESK_ACCESS_CODE": setup.registrations[2].code])
        #expect(flat(newLetter.output).contains(flat(Catalogs.beginning("letter.passed", in: english))), "\(newLetter.output)")
        #expect(flat(newLetter.output).contains(flat(english.text("letter.voided", ["count": "1"]))))
        #expect(
            flat(newLetter.output).contains(
                flat(english.text("letter.score", ["raw": "10", "possible": "14", "percentage": "71.4", "pass": "70"]))))
    }

    // MARK: Helpers

    /// Runs `certdesk` as the staff member `user`: the administrator who set the sitting up
    /// (`admin`), or a trainer with an account and a session of their own (added on first use).
    func run(_ setup: ExamSetup, _ arguments: [String], as user: String = "admin", environment: [String: String] = [:]) throws
        -> CertDeskRunner.Result
    {
        guard user != "admin" else { return try setup.run(arguments, environment: environment) }
        let sessionFile = setup.folder + "/\(user).session"
        if !FileManager.default.fileExists(atPath: sessionFile) {
            let password = "marking desk \(user.count) of 2026"
            let added = try setup.run(["staff", "add", user, "--role", "trainer", "--password-stdin"], input: password)
            guard added.status == 0 else { throw Failed(result: added) }
            let login = try setup.run(
                ["login", user, "--password-stdin"], input: password, environment: ["CERTDESK_SESSION_FILE": sessionFile])
            guard login.status == 0 else { throw Failed(result: login) }
        }
        return try setup.run(arguments, environment: environment.merging(["CERTDESK_SESSION_FILE": sessionFile]) { first, _ in first })
    }

    func decode<T: Decodable>(_ type: T.Type, _ result: CertDeskRunner.Result) throws -> T {
        guard result.status == 0 else { throw Failed(result: result) }
        return try JSONDecoder().decode(type, from: Data(result.output.utf8))
    }

    /// Whether `output` holds any candidate's number or name.
    func namesACandidate(_ output: String, _ setup: ExamSetup) -> Bool {
        setup.registrations.contains { output.contains($0.number) }
            || Self.names.contains { output.contains($0.family) || output.contains($0.given) }
    }

    /// Text with every run of white space made one space, so wrapped paragraphs compare whole.
    func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    struct Failed: Error, CustomStringConvertible {
        var result: CertDeskRunner.Result
        var description: String { "certdesk → \(result.status): \(result.error)\(result.output)" }
    }
}

private func close(_ value: Double, _ expected: Double) -> Bool { abs(value - expected) < 1e-9 }

/// `certdesk result ID --json`.
private struct ResultRecord: Decodable {
    struct Item: Decodable {
        var slot: Int
        var question: String
        var version: Int
        var points: Double
        var rule: String
        var state: String
        var mark: Double?
    }

    struct Grade: Decodable {
        var items: [Item]
        var raw: Double
        var possible: Double
        var percentage: Double
        var passMark: Double
        var provisional: Bool
        var passed: Bool?
    }

    struct Entry: Decodable {
        var cause: String
        var gradedBy: String
        var percentage: Double
        var outcome: String
    }

    var attempt: Int
    var candidate: String
    var session: String
    var released: Bool
    var outcome: String
    var grade: Grade
    var history: [Entry]?
}

/// `certdesk results --session S --json`.
private struct ResultsListing: Decodable {
    struct Row: Decodable {
        var number: String
        var name: String
        var attempt: Int?
        var outcome: String
        var raw: Double?
        var possible: Double?
        var percentage: Double?
    }

    var session: String
    var passMark: Double
    var released: Bool
    var results: [Row]
}

/// An entry of `certdesk marking queue --json`.
private struct QueueEntry: Decodable {
    var attempt: Int
    var slot: Int
    var question: String
    var points: Double
    var round: Int
    var session: String
    var characters: Int
}

/// `certdesk regrade --session S --json`.
private struct RegradeReport: Decodable {
    struct Change: Decodable {
        var number: String
        var attempt: Int
        var before: Double?
        var after: Double
        var outcomeBefore: String
        var outcomeAfter: String
    }

    var session: String
    var graded: Int
    var provisional: Int
    var changed: [Change]
}
