import CertDeskCore

/// Draws a paper from a pool according to a blueprint, reproducibly from a seed.
///
/// The rules, in order:
/// 1. Each blueprint entry takes its number of questions from its module; where the entry fixes
///    a difficulty mix, exactly that many questions of each level.
/// 2. Questions the candidate has seen in an earlier paper are drawn only when the unseen ones
///    of that module (and level) run out, so a retake gets fresh items where the bank allows.
/// 3. An entry without a difficulty mix is drawn several times (from the same seed) and the
///    draw whose mean difficulty is nearest the module's mean in the pool is kept, so papers of
///    one sitting are balanced in mean difficulty; an entry with a mix gives every paper the
///    same difficulty profile by construction.
/// 4. Questions are grouped by module in blueprint order and shuffled within each module;
///    options are shuffled unless the item says `shuffle: false`.
///
/// Items are drawn by rank (see ``PoolSource``): the work grows with the paper, not the bank.
/// The same blueprint, pool, seen questions and seed always give the same paper.
public struct PaperAssembler: Sendable {
    /// The name recorded with each paper for these rules (docs/exam-room.md spells them out).
    public static let name = "paper-assembler-2"
    /// How many draws are compared when balancing an entry without a difficulty mix.
    public static let balancingDraws = 8

    public let blueprint: [BlueprintEntry]

    public init(blueprint: [BlueprintEntry]) { self.blueprint = blueprint }

    /// Assembles a paper from items held in memory.
    ///
    /// - Throws: ``AssemblyError`` naming every part of the blueprint the pool cannot fill.
    public func assemble(pool: [PoolItem], seen: Set<String> = [], seed: UInt64) throws(AssemblyError) -> Paper {
        do {
            return try assemble(from: InMemoryPool(pool, seen: seen), seed: seed)
        } catch let error as AssemblyError {
            throw error
        } catch {
            preconditionFailure("an in-memory pool does not fail: \(error)")
        }
    }

    /// Assembles a paper, reading from `source` only the items drawn.
    ///
    /// - Throws: ``AssemblyError`` naming every part of the blueprint the pool cannot fill, or
    ///   what the source throws.
    public func assemble(from source: some PoolSource, seed: UInt64) throws -> Paper {
        var generator = SeededGenerator(seed: seed)
        var shortfalls: [BlueprintShortfall] = []
        var drawn: [[(module: String, rank: Int)]] = []
        for entry in blueprint {
            let levels = try source.levels(module: entry.module)
            let seen = try source.seenRanks(module: entry.module)
            let available = levels.reduce(0) { $0 + $1.count }
            var ranks: [Int] = []
            if entry.difficulty.isEmpty {
                guard available >= entry.questions else {
                    shortfalls.append(.init(module: entry.module, difficulty: nil, wanted: entry.questions, available: available))
                    continue
                }
                ranks = balancedDraw(entry.questions, levels: levels, seen: seen, generator: &generator)
            } else {
                for (level, wanted) in entry.difficulty.sorted(by: { $0.key < $1.key }) {
                    let atLevel = levels.first { $0.difficulty == level }?.ranks ?? 0..<0
                    guard atLevel.count >= wanted else {
                        shortfalls.append(.init(module: entry.module, difficulty: level, wanted: wanted, available: atLevel.count))
                        continue
                    }
                    ranks += draw(wanted, from: atLevel, seen: seen, generator: &generator)
                }
            }
            drawn.append(ranks.map { (entry.module, $0) })
        }
        guard shortfalls.isEmpty else { throw AssemblyError(shortfalls: shortfalls) }
        var chosen: [PoolItem] = []
        for picks in drawn {
            for pick in generator.shuffled(picks) { chosen.append(try source.item(module: pick.module, rank: pick.rank)) }
        }
        let items = chosen.enumerated().map { index, item in
            PaperItem(
                slot: index + 1, questionID: item.id, version: item.version, module: item.module, difficulty: item.difficulty,
                optionOrder: item.shuffleOptions ? generator.shuffled(item.optionIDs) : item.optionIDs)
        }
        return Paper(seed: seed, items: items)
    }

    /// `count` distinct ranks of `range`, unseen ones first, in the order drawn.
    ///
    /// Ranks are drawn uniformly from the whole range and a rank already taken, or a seen one
    /// while unseen ones remain untaken, is drawn again.
    func draw(_ count: Int, from range: Range<Int>, seen: Set<Int>, generator: inout SeededGenerator) -> [Int] {
        var freshLeft = range.count - seen.count { range.contains($0) }
        var taken: Set<Int> = []
        var ranks: [Int] = []
        while ranks.count < count {
            let rank = range.lowerBound + generator.uniform(below: range.count)
            if taken.contains(rank) { continue }
            let isSeen = seen.contains(rank)
            if isSeen, freshLeft > 0 { continue }
            if !isSeen { freshLeft -= 1 }
            taken.insert(rank)
            ranks.append(rank)
        }
        return ranks
    }

    /// The draw, among several over the whole module, with the fewest seen items, and among
    /// those the one whose mean difficulty is nearest the module's.
    func balancedDraw(_ count: Int, levels: [PoolLevel], seen: Set<Int>, generator: inout SeededGenerator) -> [Int] {
        let all = 0..<levels.reduce(0) { $0 + $1.count }
        let target = Double(levels.reduce(0) { $0 + $1.difficulty * $1.count }) / Double(max(all.count, 1))
        func difficulty(_ rank: Int) -> Int { levels.first { $0.ranks.contains(rank) }!.difficulty }
        var best: [Int] = []
        var bestDistance = Double.infinity
        for _ in 0..<Self.balancingDraws {
            let candidate = draw(count, from: all, seen: seen, generator: &generator)
            let mean = Double(candidate.reduce(0) { $0 + difficulty($1) }) / Double(max(count, 1))
            // Fewer repeats wins over balance; balance decides among equally fresh draws.
            let distance = abs(mean - target) + Double(candidate.count { seen.contains($0) }) * 100
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }
}

/// The parts of a blueprint a pool cannot fill.
public struct AssemblyError: Error, Sendable, Hashable {
    public var shortfalls: [BlueprintShortfall]
}

/// A pool held in memory, ranked as ``PoolSource`` requires.
public struct InMemoryPool: PoolSource {
    private let modules: [String: [PoolItem]]
    private let seen: Set<String>

    public init(_ items: [PoolItem], seen: Set<String>) {
        modules = Dictionary(grouping: items, by: \.module).mapValues {
            $0.sorted { ($0.difficulty, $0.id) < ($1.difficulty, $1.id) }
        }
        self.seen = seen
    }

    public func levels(module: String) -> [PoolLevel] {
        var levels: [PoolLevel] = []
        for (rank, item) in (modules[module] ?? []).enumerated() {
            if levels.last?.difficulty == item.difficulty {
                levels[levels.count - 1].count += 1
            } else {
                levels.append(PoolLevel(difficulty: item.difficulty, first: rank, count: 1))
            }
        }
        return levels
    }

    public func seenRanks(module: String) -> Set<Int> {
        Set((modules[module] ?? []).indices.filter { seen.contains(modules[module]![$0].id) })
    }

    public func item(module: String, rank: Int) -> PoolItem { modules[module]![rank] }
}
