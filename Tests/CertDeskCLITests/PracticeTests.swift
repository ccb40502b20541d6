import Foundation
import Testing

struct PracticeTests {
    @Test func practiceMarksAnswersAtOnceAcrossScriptsAndRecordsNothing() throws {
        // Given the drill track: a short-answer item keyed 校準 (zh-Hant) / 校准 (zh-Hans)
        // and a numeric item keyed 20
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let before = try setup.run(["session", "list", "--json"]).output

        // When a candidate practises the short-answer module, answering in the other script
        let short = try setup.run(["practice", "--track", "DRILL", "--module", "DRILL-05", "--lang", "zh-Hant"], input: "校准\n")
        // And the numeric module, typing full-width digits
        let numeric = try setup.run(["practice", "--track", "DRILL", "--module", "DRILL-04", "--seed", "7"], input: "２０\n")
        // And answers wrongly in English
        let wrong = try setup.run(["practice", "--track", "DRILL", "--module", "DRILL-04"], input: "21\n")

        // Then each answer is marked at once, with the key, and the seed to repeat the set
        #expect(short.status == 0, "\(short.error)")
        #expect(short.output.contains("正確。答案是 校準"))
        #expect(numeric.output.contains("Correct. The answer is 20"))
        #expect(numeric.output.contains("--seed 7"))
        #expect(wrong.output.contains("Not quite. The answer is 20"))
        #expect(wrong.output.contains("0 of 1"))
        // And no attempt, session or result was recorded
        #expect(try setup.run(["session", "list", "--json"]).output == before)
        #expect(try setup.run(["attempt", "show", "1"]).status == 1)
    }

    @Test func anUnknownModuleIsRefusedWithTheWayToFindModules() throws {
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let result = try setup.run(["practice", "--track", "DRILL", "--module", "DRILL-99"], input: "")
        #expect(result.status == 1)
        #expect(result.error.contains("DRILL-99"))
        #expect(result.error.contains("certdesk tracks"))
    }
}
