/// The questions of one candidate's exam, in the order shown, as generated.
///
/// Everything needed to rebuild the paper is stored with it: the seed, the exact question
/// versions, and the order in which each item's options were shown.
public struct Paper: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var items: [PaperItem]

    public init(seed: UInt64, items: [PaperItem]) {
        self.seed = seed
        self.items = items
    }

    /// The mean nominal difficulty of the items.
    public var meanDifficulty: Double {
        items.isEmpty ? 0 : Double(items.reduce(0) { $0 + $1.difficulty }) / Double(items.count)
    }
}

/// One place (slot) in a paper: which question version, and how its options were ordered.
public struct PaperItem: Sendable, Hashable, Codable {
    /// 1-based position in the paper.
    public var slot: Int
    public var questionID: String
    public var version: Int
    public var module: String
    public var difficulty: Int
    /// Option ids in the order shown; empty for items without options.
    public var optionOrder: [String]

    public init(slot: Int, questionID: String, version: Int, module: String, difficulty: Int, optionOrder: [String]) {
        self.slot = slot
        self.questionID = questionID
        self.version = version
        self.module = module
        self.difficulty = difficulty
        self.optionOrder = optionOrder
    }
}
