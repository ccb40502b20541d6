/// The grade of one item of a paper, and how it was reached.
///
/// Stored with every grading run, so a result can be explained item by item: which rule
/// decided (`single`, `multiple-partial`, `two-marker-mean`...), against which question
/// version (the key it was marked against), and what it earned.
public struct GradedItem: Sendable, Hashable, Codable {
    public enum State: Sendable, Hashable {
        /// Decided by a rule: the score and the mark it gives.
        case scored(ItemScore, mark: Double)
        /// Marked by people; `rule` says how their marks became this one.
        case marked(Double, rule: String)
        /// An essay with an answer whose marking is not complete.
        case awaitingMarking
        /// Withdrawn: counts neither for nor against.
        case voided
    }

    public var slot: Int
    public var questionID: String
    /// The question version the paper showed, and so the key it was graded against.
    public var version: Int
    public var module: String
    public var points: Double
    public var state: State

    public init(slot: Int, questionID: String, version: Int, module: String, points: Double, state: State) {
        self.slot = slot
        self.questionID = questionID
        self.version = version
        self.module = module
        self.points = points
        self.state = state
    }

    /// The mark, when there is one.
    public var mark: Double? {
        switch state {
        case .scored(_, let mark): mark
        case .marked(let mark, _): mark
        case .awaitingMarking, .voided: nil
        }
    }

    /// The rule that gave the mark, or the state's name when there is no mark.
    public var rule: String {
        switch state {
        case .scored(let score, _): score.rule
        case .marked(_, let rule): rule
        case .awaitingMarking: "awaiting-marking"
        case .voided: "voided"
        }
    }

    private enum CodingKeys: String, CodingKey { case slot, question, version, module, points, state, rule, fraction, mark }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slot = try container.decode(Int.self, forKey: .slot)
        questionID = try container.decode(String.self, forKey: .question)
        version = try container.decode(Int.self, forKey: .version)
        module = try container.decode(String.self, forKey: .module)
        points = try container.decode(Double.self, forKey: .points)
        switch try container.decode(String.self, forKey: .state) {
        case "scored":
            let score = ItemScore(
                fraction: try container.decode(Double.self, forKey: .fraction), rule: try container.decode(String.self, forKey: .rule))
            state = .scored(score, mark: try container.decode(Double.self, forKey: .mark))
        case "marked":
            state = .marked(try container.decode(Double.self, forKey: .mark), rule: try container.decode(String.self, forKey: .rule))
        case "voided":
            state = .voided
        default:
            state = .awaitingMarking
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slot, forKey: .slot)
        try container.encode(questionID, forKey: .question)
        try container.encode(version, forKey: .version)
        try container.encode(module, forKey: .module)
        try container.encode(points, forKey: .points)
        try container.encode(rule, forKey: .rule)
        switch state {
        case .scored(let score, let mark):
            try container.encode("scored", forKey: .state)
            try container.encode(score.fraction, forKey: .fraction)
            try container.encode(mark, forKey: .mark)
        case .marked(let mark, _):
            try container.encode("marked", forKey: .state)
            try container.encode(mark, forKey: .mark)
        case .awaitingMarking:
            try container.encode("awaiting-marking", forKey: .state)
        case .voided:
            try container.encode("voided", forKey: .state)
        }
    }
}

/// The final mark of an essay from its markers, and the rule that settled it.
public struct SettledMark: Sendable, Hashable {
    public var mark: Double
    /// `single-marker`, `two-marker-mean`, `two-marker-higher` or `third-marker`.
    public var rule: String

    public init(mark: Double, rule: String) {
        self.mark = mark
        self.rule = rule
    }
}

/// A module's share of a grade.
public struct ModuleScore: Sendable, Hashable, Codable {
    public var module: String
    public var raw: Double = 0
    /// Points of the module's items that count (voided items excluded).
    public var possible: Double = 0

    public init(module: String, raw: Double = 0, possible: Double = 0) {
        self.module = module
        self.raw = raw
        self.possible = possible
    }

    public mutating func add(_ item: GradedItem) {
        guard item.state != .voided else { return }
        possible += item.points
        raw += item.mark ?? 0
    }

    public var percentage: Double { possible > 0 ? raw / possible * 100 : 0 }
}

/// A whole paper's grade: the exam's score, as opposed to each item's mark.
public struct AttemptGrade: Sendable, Hashable, Codable {
    public var items: [GradedItem]
    public var modules: [ModuleScore]
    public var raw: Double
    public var possible: Double
    public var percentage: Double
    public var passMark: Double
    /// Some essay awaits marking: the grade may still change and has no pass/fail.
    public var provisional: Bool
    /// `nil` while provisional.
    public var passed: Bool?

    public init(
        items: [GradedItem], modules: [ModuleScore], raw: Double, possible: Double, percentage: Double, passMark: Double,
        provisional: Bool, passed: Bool?
    ) {
        self.items = items
        self.modules = modules
        self.raw = raw
        self.possible = possible
        self.percentage = percentage
        self.passMark = passMark
        self.provisional = provisional
        self.passed = passed
    }

    /// Items still waiting for a marker.
    public var awaitingMarking: Int { items.filter { $0.state == .awaitingMarking }.count }
}

/// One marker's mark of one essay.
public struct EssayMark: Sendable, Hashable, Codable {
    /// 1 and 2 are the blind markings, 3 settles a large difference between them.
    public var round: Int
    public var marker: String
    public var score: Double
    public var comment: String
    public var markedAt: String

    public init(round: Int, marker: String, score: Double, comment: String, markedAt: String) {
        self.round = round
        self.marker = marker
        self.score = score
        self.comment = comment
        self.markedAt = markedAt
    }
}
