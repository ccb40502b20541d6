/// One graded item of one attempt, as item analysis sees it.
///
/// Marks are in the item's own points (Moodle's *mark*), not fractions, so that totals add up
/// to the raw score the candidate was given.
public struct AnalysedItem: Sendable, Hashable {
    public var questionID: String
    /// The item's maximum mark (> 0).
    public var points: Double
    /// The mark earned, 0...points.
    public var mark: Double
    /// Option ids the candidate chose, for choice items (single, multiple, true-false); [] = omitted; nil for other types.
    public var choices: [String]?

    public init(questionID: String, points: Double, mark: Double, choices: [String]?) {
        self.questionID = questionID
        self.points = points
        self.mark = mark
        self.choices = choices
    }
}

/// One attempt's graded items (voided and unmarked items already left out by the caller).
///
/// Each question appears at most once; the set of question ids is the attempt's *form*.
public struct AnalysedAttempt: Sendable, Hashable {
    public var id: Int64
    public var items: [AnalysedItem]

    public init(id: Int64, items: [AnalysedItem]) {
        self.id = id
        self.items = items
    }
}

/// What the analysis knows about a question besides responses.
public struct AnalysedQuestion: Sendable, Hashable {
    public var id: String
    /// The option ids in the bank's order; [] for non-choice items. True-false items use ["true", "false"].
    public var optionIDs: [String]
    /// The correct option ids.
    public var keyed: Set<String>

    public init(id: String, optionIDs: [String], keyed: Set<String>) {
        self.id = id
        self.optionIDs = optionIDs
        self.keyed = keyed
    }
}
