/// How much of an item's points an answer earned, and by which rule.
///
/// Following the distinction exam engines keep: the *fraction* (0...1) is what the rule
/// decides; the *mark* is the fraction times the item's points.
public struct ItemScore: Sendable, Hashable, Codable {
    /// 0 (nothing) to 1 (full credit).
    public var fraction: Double
    /// The rule that decided, e.g. `single`, `multiple-partial`, `short-normalized`, `numeric-tolerance`.
    public var rule: String

    public init(fraction: Double, rule: String) {
        self.fraction = fraction
        self.rule = rule
    }

    /// The mark for an item worth `points`.
    public func mark(outOf points: Double) -> Double { fraction * points }

    /// Whether the answer earned full credit.
    public var isCorrect: Bool { fraction >= 1 - 1e-9 }
}
