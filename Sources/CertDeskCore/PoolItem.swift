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
