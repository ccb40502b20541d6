import CertDeskContent
import CertDeskCore
import Foundation
import Testing

struct MarkingRulesParserTests {
    /// The valid fixture curriculum with `marking` lines put under `exam`.
    static func curriculum(marking: String) throws -> SourceFile {
        let text = try String(contentsOfFile: Fixture.path("curriculum-valid.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  pass-mark: 70\n", with: "  pass-mark: 70\n" + marking)
        return SourceFile(path: "marking.yaml", text: text)
    }

    @Test func curriculaWithoutMarkingAreMarkedByOneMarker() throws {
        let (parsed, problems) = CurriculumParser.parse(Fixture.file("curriculum-valid.yaml"))
        #expect(problems.isEmpty)
        #expect(parsed?.curriculum.exam.marking == MarkingRules(secondMarker: false))
    }

    @Test func readsSecondMarkerDifferenceAndResolution() throws {
        let file = try Self.curriculum(marking: "  marking: {second-marker: true, max-difference: 2.5, resolution: higher}\n")
        let (parsed, problems) = CurriculumParser.parse(file)
        #expect(problems.isEmpty)
        #expect(parsed?.curriculum.exam.marking == MarkingRules(secondMarker: true, maxDifference: 2.5, resolution: .higher))
    }

    @Test func anUnknownResolutionIsAnErrorAtItsLine() throws {
        let file = try Self.curriculum(marking: "  marking:\n    second-marker: true\n    resolution: toss-a-coin\n")
        let (parsed, problems) = CurriculumParser.parse(file)
        #expect(parsed == nil)
        let problem = try #require(problems.first { $0.key == "content.marking.bad-resolution" })
        #expect(problem.arguments["value"] == "toss-a-coin")
        #expect(problem.arguments["allowed"] == "third-marker, average, higher")
        #expect(problem.location?.line == 21)
    }

    @Test func aMissingSecondMarkerKeyIsAnErrorAndRulesWithoutASecondMarkerWarn() throws {
        let missing = CurriculumParser.parse(try Self.curriculum(marking: "  marking: {max-difference: 2}\n"))
        #expect(missing.0 == nil)
        #expect(missing.1.contains { $0.key == "content.yaml.missing-key" && $0.arguments["key"] == "second-marker" })
        let pointless = CurriculumParser.parse(try Self.curriculum(marking: "  marking: {second-marker: false, max-difference: 2}\n"))
        #expect(pointless.0 != nil)
        #expect(pointless.1.map(\.key) == ["content.marking.single-marker-rules"])
        #expect(pointless.1.first?.severity == .warning)
    }

    @Test func storedCurriculaWrittenBeforeMarkingRulesStillDecode() throws {
        // Given the JSON of an exam section stored before `marking` existed
        let json = #"{"durationMinutes": 90, "passMark": 70, "blueprint": [{"module": "T-01", "questions": 2, "difficulty": {}}]}"#
        let rules = try JSONDecoder().decode(ExamRules.self, from: Data(json.utf8))
        #expect(rules.marking == MarkingRules())
        #expect(rules.passMark == 70)
    }
}
