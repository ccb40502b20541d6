/// Something about an item a trainer should look at; see `docs/item-analysis.md` for what to do about each.
public enum ItemFlag: String, Sendable, Hashable, CaseIterable, Codable {
    /// Candidates who did well on the rest of the paper did worse on this item: the key may be wrong.
    case negativeDiscrimination = "negative-discrimination"
    /// The item barely separates strong from weak candidates.
    case weakDiscrimination = "weak-discrimination"
    /// Nearly everyone earned the marks.
    case tooEasy = "too-easy"
    /// Few candidates earned the marks.
    case tooHard = "too-hard"
    /// A wrong option nobody chose.
    case unusedDistractor = "unused-distractor"
    /// Too few responses to judge; no other flag is raised.
    case fewResponses = "few-responses"
}

/// How often one option of a choice item was chosen.
public struct OptionShare: Sendable, Hashable, Codable {
    public var id: String
    public var keyed: Bool
    /// Attempts whose choices contain this option.
    public var count: Int
    /// `count` ÷ the item's responses; for multiple-response items the shares may sum above 1.
    public var share: Double

    public init(id: String, keyed: Bool, count: Int, share: Double) {
        self.id = id
        self.keyed = keyed
        self.count = count
        self.share = share
    }
}

/// The statistics of one item over every attempt that had it.
public struct ItemStatistics: Sendable, Hashable, Codable {
    public var questionID: String
    /// Attempts that had this item.
    public var responses: Int
    /// Mean of mark ÷ points over those attempts (the p-value for 0/1 items).
    public var facility: Double
    /// Corrected point-biserial; nil when undefined (zero variance or fewer than 3 responses).
    public var discrimination: Double?
    /// In the question's option order; [] for non-choice items.
    public var options: [OptionShare]
    /// Choice items answered with no option.
    public var omitted: Int
    /// In `ItemFlag.allCases` order.
    public var flags: [ItemFlag]

    public init(
        questionID: String, responses: Int, facility: Double, discrimination: Double?, options: [OptionShare], omitted: Int,
        flags: [ItemFlag]
    ) {
        self.questionID = questionID
        self.responses = responses
        self.facility = facility
        self.discrimination = discrimination
        self.options = options
        self.omitted = omitted
        self.flags = flags
    }
}

/// The score statistics of one form: the attempts that had exactly the same items.
public struct FormStatistics: Sendable, Hashable, Codable {
    /// The form's items, sorted.
    public var questionIDs: [String]
    public var attempts: Int
    /// "KR-20" when every item of the form is scored 0/1 in this data, else "alpha".
    public var coefficient: String
    /// nil when attempts < 2, items < 2 or the total-score variance is 0. May be negative.
    public var reliability: Double?
    /// Mean raw total.
    public var mean: Double
    /// Of raw totals, population (n denominator).
    public var standardDeviation: Double
    /// SD × √(1 − max(0, reliability)); nil when reliability is nil.
    public var standardError: Double?

    public init(
        questionIDs: [String], attempts: Int, coefficient: String, reliability: Double?, mean: Double, standardDeviation: Double,
        standardError: Double?
    ) {
        self.questionIDs = questionIDs
        self.attempts = attempts
        self.coefficient = coefficient
        self.reliability = reliability
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.standardError = standardError
    }
}

/// Everything item analysis found in a set of attempts.
public struct ItemAnalysisReport: Sendable, Hashable, Codable {
    /// Sorted by question id.
    public var items: [ItemStatistics]
    /// Most attempts first, then by first question id.
    public var forms: [FormStatistics]
    /// Attempts analysed, including any with no items.
    public var attempts: Int

    public init(items: [ItemStatistics], forms: [FormStatistics], attempts: Int) {
        self.items = items
        self.forms = forms
        self.attempts = attempts
    }
}
