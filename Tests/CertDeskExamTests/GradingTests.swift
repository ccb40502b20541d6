import CertDeskCore
import CertDeskGrading
import Testing

struct ItemScorerTests {
    static func text(_ english: String) -> LocalizedText { LocalizedText([.english: english]) }

    static func multiple(_ scoring: MultipleScoring) -> Question {
        Question(
            id: "CCCS-03-002", track: "CCCS", module: "CCCS-03", type: .multiple, difficulty: 3, points: 2, scoring: scoring,
            stem: text("Which measures reflect the customer's experience?"),
            options: [
                AnswerOption(id: "a", text: text("First-contact resolution"), correct: true),
                AnswerOption(id: "b", text: text("Customer effort score"), correct: true),
                AnswerOption(id: "c", text: text("Agent occupancy"), correct: false),
                AnswerOption(id: "d", text: text("Schedule adherence"), correct: false),
            ])
    }

    @Test(arguments: [
        (["a", "b"], 1.0), (["a"], 0.5), (["a", "c"], 0.0), (["a", "b", "c"], 0.5), (["a", "b", "c", "d"], 0.0), ([String](), 0.0),
    ])
    func partialCreditCountsRightOptionsLessWrongOnes(chosen: [String], fraction: Double) {
        let score = ItemScorer.score(Self.multiple(.partial), .choices(chosen))
        #expect(score?.fraction == fraction)
        #expect(score?.rule == "multiple-partial")
    }

    @Test func allOrNothingNeedsExactlyTheKeyedSet() {
        #expect(ItemScorer.score(Self.multiple(.allOrNothing), .choices(["a"]))?.fraction == 0)
        #expect(ItemScorer.score(Self.multiple(.allOrNothing), .choices(["b", "a"]))?.fraction == 1)
    }

    @Test func shortAnswersIgnoreScriptCaseWidthAndSpacing() {
        // Given an item keyed 服務水準 for Hong Kong and Taiwan, 服务水平 for the mainland
        let question = Question(
            id: "CCCP-04-010", track: "CCCP", module: "CCCP-04", type: .short, difficulty: 2,
            stem: Self.text("What is the share of calls answered within the threshold called?"),
            answer: .short([.english: ["Service Level"], .traditionalChinese: ["服務水準"], .simplifiedChinese: ["服务水平"]]))
        // Then the mainland term typed in Traditional script, full-width or oddly spaced text all count
        for typed in ["服務水平", "服务水准", "service  level", "ＳＥＲＶＩＣＥ ＬＥＶＥＬ", " Service Level "] {
            #expect(ItemScorer.score(question, .text(typed))?.isCorrect == true, "\(typed)")
        }
        #expect(ItemScorer.score(question, .text("occupancy"))?.fraction == 0)
    }

    @Test func numericAnswersUseTheToleranceAndReadFullWidthDigits() {
        let question = Question(
            id: "CCCS-02-001", track: "CCCS", module: "CCCS-02", type: .numeric, difficulty: 2, stem: Self.text("Traffic intensity?"),
            answer: .numeric(value: 48.0, tolerance: 0.05))
        #expect(ItemScorer.score(question, .text("４８．０"))?.isCorrect == true)
        #expect(ItemScorer.score(question, .text("48.04"))?.isCorrect == true)
        #expect(ItemScorer.score(question, .text("48.1"))?.isCorrect == false)
        #expect(ItemScorer.score(question, nil)?.fraction == 0)
    }

    @Test func trueFalseWithoutOptionsIsScoredAgainstTheKey() {
        let question = Question(
            id: "CCCP-02-003", track: "CCCP", module: "CCCP-02", type: .trueFalse, difficulty: 1,
            stem: Self.text("ASA includes calls answered at once."),
            answer: .trueFalse(true))
        #expect(ItemScorer.score(question, .choices([TrueFalseOption.trueID]))?.isCorrect == true)
        #expect(ItemScorer.score(question, .choices([TrueFalseOption.falseID]))?.fraction == 0)
    }
}

struct AttemptGraderTests {
    static func single(_ id: String, module: String, points: Double = 1) -> Question {
        Question(
            id: id, track: "CCCP", module: module, type: .single, difficulty: 2, points: points, stem: ItemScorerTests.text(id),
            options: [
                AnswerOption(id: "a", text: ItemScorerTests.text("right"), correct: true),
                AnswerOption(id: "b", text: ItemScorerTests.text("wrong"), correct: false),
            ])
    }

    static let essay = Question(
        id: "CCCP-08-016", track: "CCCP", module: "CCCP-08", type: .essay, difficulty: 4, points: 10,
        stem: ItemScorerTests.text("Describe a coaching plan."), rubric: ItemScorerTests.text("Goals, evidence, follow-up."))

    static func paper(essayAnswer: Answer?) -> [AttemptGrader.Item] {
        [
            .init(slot: 1, question: single("CCCP-01-001", module: "CCCP-01"), version: 1, answer: .choices(["a"])),
            .init(slot: 2, question: single("CCCP-01-002", module: "CCCP-01"), version: 1, answer: .choices(["b"])),
            .init(slot: 3, question: single("CCCP-02-001", module: "CCCP-02", points: 2), version: 3, answer: .choices(["a"])),
            .init(slot: 4, question: essay, version: 1, answer: essayAnswer),
        ]
    }

    @Test func anUnmarkedEssayMakesTheGradeProvisional() {
        let grade = AttemptGrader.grade(Self.paper(essayAnswer: .text("A plan…")), passMark: 70)
        #expect(grade.provisional)
        #expect(grade.passed == nil)
        #expect(grade.raw == 3)
        #expect(grade.possible == 14)
    }

    @Test func markedPapersPassAtThePassMarkExactly() {
        // 1 + 0 + 2 + 7 = 10 of 14 = 71.4 %: a pass at 70, a fail at 75
        let grade = AttemptGrader.grade(
            Self.paper(essayAnswer: .text("A plan…")), marks: [4: SettledMark(mark: 7, rule: "single-marker")], passMark: 70)
        #expect(grade.raw == 10)
        #expect(grade.passed == true)
        #expect(
            AttemptGrader.grade(
                Self.paper(essayAnswer: .text("A plan…")), marks: [4: SettledMark(mark: 7, rule: "single-marker")], passMark: 75
            ).passed == false)
        // The module breakdown keeps the paper's module order
        #expect(grade.modules.map(\.module) == ["CCCP-01", "CCCP-02", "CCCP-08"])
        #expect(grade.modules[0].raw == 1 && grade.modules[0].possible == 2)
    }

    @Test func voidedItemsLeaveBothScoreAndPointsPossible() {
        let grade = AttemptGrader.grade(Self.paper(essayAnswer: nil), voided: ["CCCP-01-002"], passMark: 70)
        #expect(grade.possible == 13)
        #expect(grade.raw == 3)
        #expect(!grade.provisional)  // a blank essay needs no marker
        #expect(grade.items.first { $0.slot == 2 }?.state == .voided)
    }
}
