/// A part of a blueprint the bank cannot fill.
public struct BlueprintShortfall: Sendable, Hashable, Codable {
    public var module: String
    /// The difficulty level concerned, or `nil` for the module as a whole.
    public var difficulty: Int?
    public var wanted: Int
    public var available: Int

    public init(module: String, difficulty: Int?, wanted: Int, available: Int) {
        self.module = module
        self.difficulty = difficulty
        self.wanted = wanted
        self.available = available
    }
}

extension ExamRules {
    /// What the bank lacks to assemble `forms` papers with no question in common.
    ///
    /// - Parameter supply: the number of usable questions per module and difficulty level.
    public func shortfalls(supply: [String: [Int: Int]], forms: Int = 1) -> [BlueprintShortfall] {
        var result: [BlueprintShortfall] = []
        for entry in blueprint {
            let byLevel = supply[entry.module] ?? [:]
            if entry.difficulty.isEmpty {
                let available = byLevel.values.reduce(0, +)
                if available < entry.questions * forms {
                    result.append(
                        BlueprintShortfall(module: entry.module, difficulty: nil, wanted: entry.questions * forms, available: available))
                }
            } else {
                for (level, wanted) in entry.difficulty.sorted(by: { $0.key < $1.key }) {
                    let available = byLevel[level] ?? 0
                    if available < wanted * forms {
                        result.append(
                            BlueprintShortfall(module: entry.module, difficulty: level, wanted: wanted * forms, available: available))
                    }
                }
            }
        }
        return result
    }
}
