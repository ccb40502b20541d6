import CertDeskCore

/// Draws a paper from a bank according to a blueprint, reproducibly from a seed.
///
/// The rules, in order:
/// 1. Each blueprint entry takes its number of questions from its module; where the entry fixes
///    a difficulty mix, exactly that many questions of each level.
/// 2. Questions the candidate has seen in an earlier paper (`seen`) are drawn only when the
///    unseen ones of that module and level run out, so a retake gets fresh items where the bank
///    allows.
/// 3. An entry without a difficulty mix is drawn several times (from the same seed) and the
///    draw whose mean difficulty is nearest the module's mean in the bank is kept, so papers of
///    one sitting are balanced in mean difficulty; an entry with a mix gives every paper the
///    same difficulty profile by construction.
/// 4. Questions are grouped by module in blueprint order and shuffled within each module;
///    options are shuffled unless the item says `shuffle: false`.
///
/// The same blueprint, pool, `seen` set and seed always give the same paper.
public struct PaperAssembler: Sendable {
    /// How many draws are compared when balancing an entry without a difficulty mix.
    public static let balancingDraws = 8

    public let blueprint: [BlueprintEntry]

    public init(blueprint: [BlueprintEntry]) { self.blueprint = blueprint }

    /// Assembles a paper.
    ///
    /// - Throws: ``AssemblyError`` naming every part of the blueprint the pool cannot fill.
    public func assemble(pool: [PoolItem], seen: Set<String> = [], seed: UInt64) throws(AssemblyError) -> Paper {
        var byModule: [String: [PoolItem]] = [:]
        for item in pool.sorted(by: { $0.id < $1.id }) { byModule[item.module, default: []].append(item) }
        var generator = SeededGenerator(seed: seed)
        var shortfalls: [BlueprintShortfall] = []
        var drawn: [PoolItem] = []
        for entry in blueprint {
            let available = byModule[entry.module] ?? []
            if entry.difficulty.isEmpty {
                guard available.count >= entry.questions else {
                    shortfalls.append(.init(module: entry.module, difficulty: nil, wanted: entry.questions, available: available.count))
                    continue
                }
                drawn += balancedDraw(entry.questions, from: available, seen: seen, generator: &generator)
            } else {
                for (level, wanted) in entry.difficulty.sorted(by: { $0.key < $1.key }) {
                    let atLevel = available.filter { $0.difficulty == level }
                    guard atLevel.count >= wanted else {
                        shortfalls.append(.init(module: entry.module, difficulty: level, wanted: wanted, available: atLevel.count))
                        continue
                    }
                    drawn += draw(wanted, from: atLevel, seen: seen, generator: &generator)
                }
            }
        }
        guard shortfalls.isEmpty else { throw AssemblyError(shortfalls: shortfalls) }
        var ordered: [PoolItem] = []
        for entry in blueprint {
            ordered += generator.shuffled(drawn.filter { $0.module == entry.module })
        }
        let items = ordered.enumerated().map { index, item in
            PaperItem(
                slot: index + 1, questionID: item.id, version: item.version, module: item.module, difficulty: item.difficulty,
                optionOrder: item.shuffleOptions ? generator.shuffled(item.optionIDs) : item.optionIDs)
        }
        return Paper(seed: seed, items: items)
    }

    /// `count` items, unseen ones first, each group in random order.
    private func draw(_ count: Int, from items: [PoolItem], seen: Set<String>, generator: inout SeededGenerator) -> [PoolItem] {
        let fresh = generator.shuffled(items.filter { !seen.contains($0.id) })
        let again = generator.shuffled(items.filter { seen.contains($0.id) })
        return Array((fresh + again).prefix(count))
    }

    /// The draw, among several, whose mean difficulty is nearest the pool's.
    private func balancedDraw(_ count: Int, from items: [PoolItem], seen: Set<String>, generator: inout SeededGenerator)
        -> [PoolItem]
    {
        let target = Double(items.reduce(0) { $0 + $1.difficulty }) / Double(items.count)
        var best: [PoolItem] = []
        var bestDistance = Double.infinity
        for _ in 0..<Self.balancingDraws {
            let candidate = draw(count, from: items, seen: seen, generator: &generator)
            let mean = Double(candidate.reduce(0) { $0 + $1.difficulty }) / Double(max(count, 1))
            let freshCount = candidate.filter { !seen.contains($0.id) }.count
            // Fewer repeats wins over balance; balance decides among equally fresh draws.
            let distance = abs(mean - target) + Double(count - freshCount) * 100
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
