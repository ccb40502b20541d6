import CertDeskGrading
import Testing

/// Item analysis against figures computed independently by
/// `Tests/Reference/item_analysis_reference.py` (numpy), which builds the same data sets from
/// the same rows. Change a row here and there together, rerun the script, paste its figures.
struct ItemAnalysisTests {
    /// How a question of the fixtures is marked.
    enum Kind { case single, trueFalse, multiple, numeric, essay }

    struct Fixture {
        var kind: Kind
        var points: Double
        var optionIDs: [String]
        var keyed: Set<String>
    }

    static let fixtures: [String: Fixture] = [
        "Q1": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c", "d"], keyed: ["a"]),
        "Q2": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c", "d"], keyed: ["b"]),
        "Q3": Fixture(kind: .trueFalse, points: 1, optionIDs: ["true", "false"], keyed: ["true"]),
        "Q4": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c"], keyed: ["c"]),
        "Q5": Fixture(kind: .multiple, points: 2, optionIDs: ["a", "b", "c", "d", "e"], keyed: ["a", "b", "c"]),
        "Q6": Fixture(kind: .numeric, points: 1, optionIDs: [], keyed: []),
        "Q7": Fixture(kind: .essay, points: 5, optionIDs: [], keyed: []),
        "Q8": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c"], keyed: ["b"]),
        "B1": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c"], keyed: ["a"]),
        "B2": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c"], keyed: ["a"]),
        "B3": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c"], keyed: ["a"]),
        "B4": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c"], keyed: ["a"]),
        "B5": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c"], keyed: ["a"]),
        "B6": Fixture(kind: .single, points: 1, optionIDs: ["a", "b", "c"], keyed: ["a"]),
        "B7": Fixture(kind: .numeric, points: 2, optionIDs: [], keyed: []),
        "C1": Fixture(kind: .numeric, points: 1, optionIDs: [], keyed: []),
        "C2": Fixture(kind: .numeric, points: 1, optionIDs: [], keyed: []),
    ]

    /// 16 attempts on form Q1…Q7 (a partial-credit multiple-response item and a 0–5 essay, so
    /// alpha), then 3 on form Q1, Q2, Q4, Q6, Q8. `Q5=a,b` chooses two options, `Q2=-` none;
    /// for numeric and essay items the value is the mark.
    static let mixed = [
        "Q1=a Q2=b Q3=true Q4=a Q5=a,b,c Q6=1 Q7=5",
        "Q1=a Q2=b Q3=true Q4=b Q5=a,b,c Q6=1 Q7=4",
        "Q1=a Q2=b Q3=true Q4=a Q5=a,b Q6=0 Q7=5",
        "Q1=a Q2=b Q3=true Q4=a Q5=a,b,c,d Q6=1 Q7=4",
        "Q1=a Q2=b Q3=true Q4=c Q5=a,c Q6=0 Q7=4",
        "Q1=b Q2=b Q3=true Q4=a Q5=a,b,c Q6=0 Q7=3",
        "Q1=a Q2=a Q3=true Q4=b Q5=b,c Q6=0 Q7=3",
        "Q1=a Q2=b Q3=true Q4=c Q5=a,d Q6=0 Q7=3",
        "Q1=c Q2=b Q3=true Q4=c Q5=a,b,e Q6=0 Q7=2",
        "Q1=a Q2=c Q3=true Q4=c Q5=a Q6=0 Q7=3",
        "Q1=b Q2=b Q3=true Q4=c Q5=- Q6=0 Q7=2",
        "Q1=d Q2=b Q3=true Q4=c Q5=d,e Q6=1 Q7=2",
        "Q1=b Q2=- Q3=true Q4=c Q5=a,d,e Q6=0 Q7=1",
        "Q1=c Q2=a Q3=true Q4=c Q5=c Q6=0 Q7=1",
        "Q1=a Q2=c Q3=true Q4=c Q5=b,d Q6=0 Q7=0",
        "Q1=d Q2=a Q3=true Q4=c Q5=a,b,c,d,e Q6=0 Q7=1",
        "Q1=a Q2=b Q4=c Q6=0 Q8=b",
        "Q1=b Q2=c Q4=a Q6=1 Q8=b",
        "Q1=a Q2=b Q4=c Q6=0 Q8=a",
    ]

    /// 12 attempts on form B1…B6, every item 0/1 (so KR-20), then 4 on form B1, B2, B3, B7
    /// where B7 is worth 2 points and marked 0 or 2.
    static let dichotomous = [
        "B1=a B2=a B3=a B4=a B5=a B6=b",
        "B1=a B2=a B3=a B4=b B5=a B6=a",
        "B1=a B2=a B3=b B4=a B5=a B6=c",
        "B1=a B2=a B3=a B4=a B5=b B6=b",
        "B1=a B2=b B3=a B4=c B5=a B6=a",
        "B1=a B2=a B3=b B4=b B5=b B6=a",
        "B1=b B2=a B3=a B4=c B5=b B6=b",
        "B1=a B2=b B3=b B4=a B5=c B6=c",
        "B1=a B2=c B3=a B4=b B5=b B6=b",
        "B1=c B2=a B3=b B4=b B5=c B6=a",
        "B1=a B2=b B3=c B4=c B5=b B6=b",
        "B1=b B2=c B3=b B4=b B5=c B6=c",
        "B1=a B2=a B3=a B7=2",
        "B1=a B2=b B3=a B7=2",
        "B1=b B2=a B3=b B7=0",
        "B1=a B2=c B3=b B7=0",
    ]

    /// Two items that contradict each other, so KR-20 comes out negative.
    static let contradictory = ["C1=1 C2=0", "C1=0 C2=1", "C1=1 C2=1"]

    /// The attempts of `rows`, numbered from 1, marked by CertDesk's rules (partial credit for `multiple`).
    static func attempts(_ rows: [String]) -> [AnalysedAttempt] {
        rows.enumerated().map { index, row in
            AnalysedAttempt(id: Int64(index + 1), items: row.split(separator: " ").map { item(String($0)) })
        }
    }

    static func item(_ cell: String) -> AnalysedItem {
        let parts = cell.split(separator: "=").map(String.init)
        let fixture = fixtures[parts[0]]!
        let points = fixture.points
        switch fixture.kind {
        case .numeric, .essay:
            return AnalysedItem(questionID: parts[0], points: points, mark: Double(parts[1])!, choices: nil)
        case .single, .trueFalse, .multiple:
            let choices = parts[1] == "-" ? [] : parts[1].split(separator: ",").map(String.init)
            let picked = Set(choices)
            let mark: Double
            if fixture.kind == .multiple {
                let right = picked.intersection(fixture.keyed).count
                let wrong = picked.subtracting(fixture.keyed).count
                mark = max(0, Double(right - wrong) / Double(fixture.keyed.count)) * points
            } else {
                mark = picked == fixture.keyed ? points : 0
            }
            return AnalysedItem(questionID: parts[0], points: points, mark: mark, choices: choices)
        }
    }

    static let questions = Dictionary(
        uniqueKeysWithValues: fixtures.map { id, fixture in
            (id, AnalysedQuestion(id: id, optionIDs: fixture.optionIDs, keyed: fixture.keyed))
        })

    static func analyse(_ rows: [String]) -> ItemAnalysisReport {
        ItemAnalysis.analyse(attempts(rows), questions: questions)
    }

    static func isClose(_ actual: Double?, _ expected: Double?, tolerance: Double = 1e-9) -> Bool {
        switch (actual, expected) {
        case (nil, nil): true
        case (let actual?, let expected?): abs(actual - expected) <= tolerance
        default: false
        }
    }

    /// Figures printed by item_analysis_reference.py: responses, facility, discrimination, omitted, flags.
    static let expectedItems: [(id: String, responses: Int, facility: Double, discrimination: Double?, omitted: Int, flags: [ItemFlag])] = [
        ("Q1", 19, 0.5789473684210527, 0.33660172178244957, 0, []),
        ("Q2", 19, 0.631578947368421, 0.4316893480692188, 1, [.unusedDistractor]),
        ("Q3", 16, 1.0, nil, 0, [.tooEasy, .unusedDistractor]),
        ("Q4", 19, 0.631578947368421, -0.6303804183638464, 0, [.negativeDiscrimination]),
        ("Q5", 16, 0.4375, 0.5697025272693167, 1, []),
        ("Q6", 19, 0.2631578947368421, 0.20571707690252072, 0, [.tooHard]),
        ("Q7", 16, 0.5375000000000001, 0.8398056617980246, 0, []),
        ("Q8", 3, 0.6666666666666666, -0.5, 0, [.fewResponses]),
        ("B1", 16, 0.75, 0.3373495424699933, 0, []),
        ("B2", 16, 0.5625, 0.15352206215727943, 0, [.weakDiscrimination]),
        ("B3", 16, 0.5, 0.429546563913013, 0, []),
        ("B4", 12, 0.3333333333333333, 0.12768847961381224, 0, [.weakDiscrimination]),
        ("B5", 12, 0.3333333333333333, 0.5940885257860046, 0, []),
        ("B6", 12, 0.3333333333333333, 0.0, 0, [.weakDiscrimination]),
        ("B7", 4, 0.5, 0.9045340337332909, 0, [.fewResponses]),
    ]

    @Test(arguments: ["mixed", "dichotomous"])
    func itemFiguresMatchTheReference(dataSet: String) {
        // Given the attempts of one data set
        let rows = dataSet == "mixed" ? Self.mixed : Self.dichotomous

        // When they are analysed
        let report = Self.analyse(rows)

        // Then every item has the reference script's figures and flags, items sorted by id
        let expected = Self.expectedItems.filter { $0.id.hasPrefix(dataSet == "mixed" ? "Q" : "B") }
        #expect(report.items.map(\.questionID) == expected.map(\.id))
        #expect(report.attempts == rows.count)
        for (item, want) in zip(report.items, expected) {
            #expect(item.responses == want.responses, "\(want.id)")
            #expect(Self.isClose(item.facility, want.facility), "\(want.id) facility \(item.facility)")
            #expect(
                Self.isClose(item.discrimination, want.discrimination),
                "\(want.id) discrimination \(String(describing: item.discrimination))")
            #expect(item.omitted == want.omitted, "\(want.id)")
            #expect(item.flags == want.flags, "\(want.id)")
        }
    }

    @Test func optionSharesCountEveryAttemptThatChoseTheOption() {
        // Given the mixed data set
        let items = Dictionary(uniqueKeysWithValues: Self.analyse(Self.mixed).items.map { ($0.questionID, $0) })

        // Then options come in the bank's order with their counts, keys and shares of responses
        func counts(_ id: String) -> [String] {
            items[id]!.options.map { "\($0.id)\($0.keyed ? "*" : "")=\($0.count)" }
        }
        #expect(counts("Q1") == ["a*=11", "b=4", "c=2", "d=2"])
        #expect(counts("Q2") == ["a=3", "b*=12", "c=3", "d=0"])
        #expect(counts("Q3") == ["true*=16", "false=0"])
        #expect(counts("Q4") == ["a=5", "b=2", "c*=12"])
        #expect(counts("Q5") == ["a*=11", "b*=9", "c*=8", "d=6", "e=4"])
        #expect(counts("Q8") == ["a=1", "b*=2", "c=0"])
        #expect(items["Q6"]!.options.isEmpty && items["Q7"]!.options.isEmpty)
        let q2Shares: [Double] = [3.0 / 19, 12.0 / 19, 3.0 / 19, 0]
        #expect(items["Q2"]!.options.map(\.share) == q2Shares)
        // and a multiple-response item's shares add up to more than 1: 38 choices over 16 responses
        #expect(Self.isClose(items["Q5"]!.options.map(\.share).reduce(0, +), 38.0 / 16))
        // and an unused distractor on an item with too few responses raises no flag (Q8, option c)
        #expect(items["Q8"]!.flags == [.fewResponses])
    }

    @Test func formsGroupAttemptsWithIdenticalItemSets() {
        // Given attempts on two forms, the larger listed last
        let report = ItemAnalysis.analyse(Self.attempts(Self.mixed).reversed(), questions: Self.questions)

        // Then the form with more attempts comes first, each with its sorted items
        #expect(report.forms.map(\.questionIDs) == [["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"], ["Q1", "Q2", "Q4", "Q6", "Q8"]])
        #expect(report.forms.map(\.attempts) == [16, 3])
        // and partial credit and an essay make alpha; the second form is all 0/1, so KR-20
        #expect(report.forms.map(\.coefficient) == ["alpha", "KR-20"])
    }

    /// Figures printed by item_analysis_reference.py: coefficient, reliability, mean, SD, SEM per form.
    static let expectedForms: [(rows: [String], coefficient: String, reliability: Double, mean: Double, sd: Double, sem: Double)] = [
        (mixed, "alpha", 0.5115235992271598, 6.625, 2.507973396102031, 1.7528498620500526),
        (dichotomous, "KR-20", 0.4987951807228915, 2.8333333333333335, 1.5184055965240497, 1.0749676997731399),
        (contradictory, "KR-20", -2.000000000000001, 1.3333333333333333, 0.4714045207910317, 0.4714045207910317),
    ]

    @Test(arguments: 0..<3)
    func reliabilityOfTheLargestFormMatchesTheReference(index: Int) throws {
        let want = Self.expectedForms[index]
        // When a data set is analysed
        let form = try #require(Self.analyse(want.rows).forms.first)

        // Then its largest form has the reference coefficient, mean, population SD and SEM
        #expect(form.coefficient == want.coefficient)
        #expect(Self.isClose(form.reliability, want.reliability), "\(String(describing: form.reliability))")
        #expect(Self.isClose(form.mean, want.mean))
        #expect(Self.isClose(form.standardDeviation, want.sd))
        #expect(Self.isClose(form.standardError, want.sem))
    }

    @Test func smallFormsStillGetReliabilityWhenDefined() {
        // Given the second forms of both data sets (3 and 4 attempts)
        let mixed = Self.analyse(Self.mixed).forms[1]
        let dichotomous = Self.analyse(Self.dichotomous).forms[1]

        // Then a negative KR-20 is reported as is, and its SEM is the SD (reliability taken as 0)
        #expect(Self.isClose(mixed.reliability, -0.8333333333333335))
        #expect(Self.isClose(mixed.mean, 3.0) && Self.isClose(mixed.standardDeviation, 0.816496580927726))
        #expect(Self.isClose(mixed.standardError, 0.816496580927726))
        // and a 2-point item marked 0 or 2 keeps the form KR-20, weighted by points²
        #expect(dichotomous.questionIDs == ["B1", "B2", "B3", "B7"])
        #expect(dichotomous.coefficient == "KR-20")
        #expect(Self.isClose(dichotomous.reliability, 0.6274509803921569))
        #expect(Self.isClose(dichotomous.mean, 2.75) && Self.isClose(dichotomous.standardDeviation, 1.7853571071357126))
        #expect(Self.isClose(dichotomous.standardError, 1.0897247358851685))
    }

    @Test func oneAttemptHasNoReliabilityAndNoDiscrimination() throws {
        // Given a single attempt
        let report = Self.analyse(["Q1=a Q2=c Q6=1 Q7=4"])

        // Then the form has a mean and a zero SD but no reliability or SEM
        let form = try #require(report.forms.first)
        #expect(form.attempts == 1 && form.coefficient == "alpha")
        #expect(form.mean == 6 && form.standardDeviation == 0)
        #expect(form.reliability == nil && form.standardError == nil)
        // and no item has a discrimination, only the few-responses flag
        #expect(report.items.allSatisfy { $0.discrimination == nil && $0.flags == [.fewResponses] })
    }

    @Test func equalTotalsHaveNoReliability() throws {
        // Given three attempts that each score 1 of 2, on different items
        let report = Self.analyse(["C1=1 C2=0", "C1=0 C2=1", "C1=1 C2=0"])

        // Then the totals do not vary, so there is no reliability and no SEM
        let form = try #require(report.forms.first)
        #expect(form.coefficient == "KR-20" && form.mean == 1 && form.standardDeviation == 0)
        #expect(form.reliability == nil && form.standardError == nil)
        // but each item varies against a rest score that moves opposite, so r = −1
        #expect(report.items.allSatisfy { Self.isClose($0.discrimination, -1) })
    }

    @Test func anItemEveryoneGetsRightHasNoDiscrimination() throws {
        // Given 10 attempts where everyone answers Q3 correctly
        let rows = (0..<10).map { "Q3=true Q6=\($0 % 2)" }
        let q3 = try #require(Self.analyse(rows).items.first)

        // Then its discrimination is undefined and it is too easy, with "false" never chosen
        #expect(q3.questionID == "Q3" && q3.facility == 1 && q3.discrimination == nil)
        #expect(q3.flags == [.tooEasy, .unusedDistractor])
    }

    @Test func aOneItemFormHasNoReliability() throws {
        let report = Self.analyse(["Q6=1", "Q6=0", "Q6=1"])
        let form = try #require(report.forms.first)
        #expect(form.questionIDs == ["Q6"] && form.coefficient == "KR-20")
        #expect(form.reliability == nil && form.standardError == nil)
        #expect(Self.isClose(form.mean, 2.0 / 3))
    }

    @Test func attemptsWithoutItemsCountButMakeNoForm() {
        let attempts = Self.attempts(Self.contradictory) + [AnalysedAttempt(id: 99, items: [])]
        let report = ItemAnalysis.analyse(attempts, questions: Self.questions)
        #expect(report.attempts == 4)
        #expect(report.forms.map(\.attempts) == [3])
        #expect(report.items.map(\.responses) == [3, 3])
    }

    @Test func aQuestionMissingFromTheBankIsAnalysedWithoutOptions() throws {
        // Given a choice item whose question the caller could not find
        let rows = (0..<3).map { _ in [AnalysedItem(questionID: "X1", points: 1, mark: 0, choices: [])] }
        let report = ItemAnalysis.analyse(
            rows.enumerated().map { AnalysedAttempt(id: Int64($0.offset), items: $0.element) }, questions: [:])

        // Then it still has facility and omissions, but no option shares
        let item = try #require(report.items.first)
        #expect(item.facility == 0 && item.omitted == 3 && item.options.isEmpty)
    }

    @Test func thresholdsAreTheDocumentedOnes() {
        #expect(ItemAnalysis.minimumResponses == 10)
        #expect(ItemAnalysis.minimumForDiscrimination == 3)
        #expect(ItemAnalysis.easyAbove == 0.90 && ItemAnalysis.hardBelow == 0.30)
        #expect(ItemAnalysis.weakBelow == 0.20 && ItemAnalysis.negativeBelow == 0)
        #expect(
            ItemFlag.allCases.map(\.rawValue).joined(separator: " ") == """
                negative-discrimination weak-discrimination too-easy too-hard unused-distractor few-responses
                """)
    }
}
