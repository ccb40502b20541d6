import CertDeskCore
import CertDeskExam
import Testing

struct PaperAssemblerTests {
    /// Pool items of one module, one per difficulty given, with ids `MODULE-001`, `MODULE-002`...
    static func items(_ module: String, difficulties: [Int], shuffleOptions: Bool = true) -> [PoolItem] {
        difficulties.enumerated().map { index, difficulty in
            PoolItem(
                id: "\(module)-\(String(1001 + index).dropFirst())", version: 1, module: module, difficulty: difficulty,
                optionIDs: ["a", "b", "c", "d"], shuffleOptions: shuffleOptions)
        }
    }

    /// Two modules with every level well stocked.
    static let pool =
        items("M-01", difficulties: [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5])
        + items("M-02", difficulties: [1, 2, 2, 3, 3, 3, 4, 4, 5, 5])

    /// Five questions of M-01 by a fixed mix, three of M-02 of any difficulty.
    static let blueprint = [
        BlueprintEntry(module: "M-01", questions: 5, difficulty: [1: 1, 2: 2, 3: 2]),
        BlueprintEntry(module: "M-02", questions: 3),
    ]

    static func assemble(_ pool: [PoolItem] = pool, seen: Set<String> = [], seed: UInt64) throws -> Paper {
        try PaperAssembler(blueprint: blueprint).assemble(pool: pool, seen: seen, seed: seed)
    }

    @Test func theSameSeedAndPoolGiveTheSamePaper() throws {
        // Given one blueprint and pool, the pool listed in two different orders
        let shuffledPool = Array(Self.pool.reversed())

        // When a paper is drawn twice from seed 2026, once from each listing
        let first = try Self.assemble(seed: 2026)
        let second = try Self.assemble(shuffledPool, seed: 2026)

        // Then both papers are identical, down to the order of every item's options
        #expect(first == second)
        #expect(first.seed == 2026)
    }

    @Test func differentSeedsGiveDifferentPapers() throws {
        // Given one blueprint and pool
        // When papers are drawn from seeds 1 and 2
        let one = try Self.assemble(seed: 1)
        let two = try Self.assemble(seed: 2)

        // Then they differ in their questions, their order, or their option orders
        #expect(one.items != two.items)
    }

    @Test(arguments: [0, 1, 42, 2026, UInt64.max])
    func everyPaperFollowsTheBlueprint(seed: UInt64) throws {
        // Given a blueprint asking M-01 for 1 easy, 2 level-2 and 2 level-3 questions, and M-02 for 3
        // When a paper is drawn
        let paper = try Self.assemble(seed: seed)

        // Then it has exactly those questions, each once, grouped by module in blueprint order,
        // in slots numbered from 1
        #expect(paper.items.map(\.slot) == Array(1...8))
        #expect(paper.items.map(\.module) == Array(repeating: "M-01", count: 5) + Array(repeating: "M-02", count: 3))
        let levels = Dictionary(grouping: paper.items.filter { $0.module == "M-01" }, by: \.difficulty).mapValues(\.count)
        #expect(levels == [1: 1, 2: 2, 3: 2])
        #expect(Set(paper.items.map(\.questionID)).count == 8)
        let byID = Dictionary(uniqueKeysWithValues: Self.pool.map { ($0.id, $0) })
        for item in paper.items {
            #expect(byID[item.questionID]?.difficulty == item.difficulty)
            #expect(byID[item.questionID]?.module == item.module)
            #expect(item.optionOrder.sorted() == ["a", "b", "c", "d"])
        }
    }

    @Test func optionsOfItemsThatMustNotBeShuffledKeepTheirOrder() throws {
        // Given a pool where M-02's items say `shuffle: false` and M-01's may be shuffled
        let pool = Self.items("M-01", difficulties: [1, 2, 2, 3, 3]) + Self.items("M-02", difficulties: [2, 2, 3], shuffleOptions: false)

        // When papers are drawn from many seeds
        let papers = try (1...40).map { try Self.assemble(pool, seed: UInt64($0)) }

        // Then M-02's options always appear as the bank defines them, while M-01's are shuffled
        let fixed = papers.flatMap(\.items).filter { $0.module == "M-02" }
        #expect(fixed.count == 120)
        #expect(fixed.allSatisfy { $0.optionOrder == ["a", "b", "c", "d"] })
        let shuffled = papers.flatMap(\.items).filter { $0.module == "M-01" }
        #expect(shuffled.contains { $0.optionOrder != ["a", "b", "c", "d"] })
    }

    @Test(arguments: [3, 77, 1_000])
    func aRetakeGetsOnlyUnseenQuestionsWhenThePoolHasEnough(seed: UInt64) throws {
        // Given a candidate who has seen six of M-02's ten questions and some of every M-01 level,
        // leaving just enough unseen ones for the blueprint
        let seen = Set(["M-02-001", "M-02-002", "M-02-003", "M-02-004", "M-02-005", "M-02-006"])
            .union(["M-01-001", "M-01-002", "M-01-004", "M-01-005", "M-01-008", "M-01-009"])

        // When the retake paper is drawn
        let paper = try Self.assemble(seen: seen, seed: seed)

        // Then no seen question is drawn again, and the blueprint still holds
        #expect(paper.items.allSatisfy { !seen.contains($0.questionID) }, "\(paper.items.map(\.questionID))")
        #expect(paper.items.count == 8)
    }

    @Test func aRetakeFallsBackToSeenQuestionsWhenUnseenOnesRunOut() throws {
        // Given a candidate who has seen nine of M-02's ten questions and two of M-01's three
        // level-1 questions
        let seen = Set((1...9).map { "M-02-00\($0)" }).union(["M-01-001", "M-01-002"])

        // When the retake paper is drawn
        let paper = try Self.assemble(seen: seen, seed: 9)

        // Then the one unseen M-02 question is in it, topped up with seen ones to fill the
        // blueprint, and M-01's level-1 slot takes the unseen M-01-003
        let second = paper.items.filter { $0.module == "M-02" }.map(\.questionID)
        #expect(second.count == 3)
        #expect(second.contains("M-02-010"))
        #expect(second.filter { seen.contains($0) }.count == 2)
        #expect(paper.items.filter { $0.module == "M-01" && $0.difficulty == 1 }.map(\.questionID) == ["M-01-003"])
    }

    @Test func aPoolThatCannotFillTheBlueprintNamesEveryShortfall() throws {
        // Given a pool with no level-3 M-01 questions and only two M-02 questions
        let pool = Self.items("M-01", difficulties: [1, 2, 2, 4]) + Self.items("M-02", difficulties: [2, 5])

        // When a paper is drawn
        let error = #expect(throws: AssemblyError.self) { try Self.assemble(pool, seed: 1) }

        // Then the error names the module and level of each part that cannot be filled
        #expect(
            error?.shortfalls == [
                BlueprintShortfall(module: "M-01", difficulty: 3, wanted: 2, available: 0),
                BlueprintShortfall(module: "M-02", difficulty: nil, wanted: 3, available: 2),
            ])
    }

    @Test func papersWithoutADifficultyMixAreBalancedAroundThePoolMean() throws {
        // Given a module whose questions are mostly easy with a few very hard ones, and a
        // blueprint drawing 6 of them with no difficulty mix
        let pool = Self.items("M-01", difficulties: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 5, 5, 5, 5, 5, 5])
        let poolMean = Double(pool.reduce(0) { $0 + $1.difficulty }) / Double(pool.count)
        let assembler = PaperAssembler(blueprint: [BlueprintEntry(module: "M-01", questions: 6)])

        // When papers are drawn from 300 seeds
        let means = try (1...300).map { try assembler.assemble(pool: pool, seed: UInt64($0)).meanDifficulty }

        // Then their mean difficulty is close to the pool's, and they are spread much less
        // around it than six questions picked at random would be
        let average = means.reduce(0, +) / Double(means.count)
        #expect(abs(average - poolMean) < 0.1, "pool \(poolMean), papers \(average)")
        let randomMeans = (1...300).map { seed -> Double in
            var generator = SeededGenerator(seed: UInt64(seed))
            let picked = generator.shuffled(pool).prefix(6)
            return Double(picked.reduce(0) { $0 + $1.difficulty }) / 6
        }
        #expect(Self.spread(means, around: poolMean) < Self.spread(randomMeans, around: poolMean) / 2)
        #expect(means.allSatisfy { abs($0 - poolMean) <= 0.75 }, "\(means.map { abs($0 - poolMean) }.max() ?? 0)")
    }

    /// The root mean square distance of `values` from `centre`.
    static func spread(_ values: [Double], around centre: Double) -> Double {
        (values.reduce(0) { $0 + ($1 - centre) * ($1 - centre) } / Double(values.count)).squareRoot()
    }
}
