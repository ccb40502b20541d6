/// A question the assembler may draw: its current version and what the blueprint looks at.
public struct PoolItem: Sendable, Hashable {
    public var id: String
    public var version: Int
    public var module: String
    public var difficulty: Int
    /// Option ids in the order the bank defines them.
    public var optionIDs: [String]
    /// Whether the options may be shown in a random order.
    public var shuffleOptions: Bool

    public init(id: String, version: Int, module: String, difficulty: Int, optionIDs: [String], shuffleOptions: Bool) {
        self.id = id
        self.version = version
        self.module = module
        self.difficulty = difficulty
        self.optionIDs = optionIDs
        self.shuffleOptions = shuffleOptions
    }
}

/// The ranks of one difficulty within a module of a pool: `first ..< first + count`.
public struct PoolLevel: Sendable, Hashable {
    public var difficulty: Int
    public var first: Int
    public var count: Int

    public init(difficulty: Int, first: Int, count: Int) {
        self.difficulty = difficulty
        self.first = first
        self.count = count
    }

    public var ranks: Range<Int> { first..<first + count }
}

/// A pool the paper assembler draws from by rank.
///
/// Within each module the items are numbered from 0 in order of difficulty, then question id,
/// so each difficulty is one contiguous run of ranks. A source backed by the database reads only
/// the items drawn.
public protocol PoolSource {
    /// The module's difficulties in ascending order; empty for a module without items.
    func levels(module: String) throws -> [PoolLevel]
    /// The ranks, within the module, of the questions the candidate has already seen.
    func seenRanks(module: String) throws -> Set<Int>
    /// The item at `rank` of `module`.
    func item(module: String, rank: Int) throws -> PoolItem
}
