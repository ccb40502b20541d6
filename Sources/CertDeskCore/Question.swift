/// The kinds of question CertDesk can ask.
public enum QuestionType: String, Sendable, Codable, CaseIterable, Hashable {
    case single
    case multiple
    case trueFalse = "true-false"
    case short
    case numeric
    case essay

    /// Whether the candidate picks from listed options.
    public var isChoice: Bool { self == .single || self == .multiple }
    /// Whether a person, not CertDesk, marks it.
    public var isManuallyMarked: Bool { self == .essay }
}

/// How a multiple-response question earns its points.
public enum MultipleScoring: String, Sendable, Codable, Hashable {
    /// Each correct option chosen earns a share, each wrong one costs a share, never below zero.
    case partial
    /// Full points only for exactly the correct set.
    case allOrNothing = "all-or-nothing"
}

/// One option of a choice question.
public struct AnswerOption: Sendable, Hashable, Codable {
    public var id: String
    public var text: LocalizedText
    public var correct: Bool

    public init(id: String, text: LocalizedText, correct: Bool) {
        self.id = id
        self.text = text
        self.correct = correct
    }
}

/// The key of a question that is not a choice question.
public enum AnswerKey: Sendable, Hashable, Codable {
    /// The statement is true or false.
    case trueFalse(Bool)
    /// Accepted answers per language.
    case short([Language: [String]])
    /// A number, right within a tolerance.
    case numeric(value: Double, tolerance: Double)

    private enum CodingKeys: String, CodingKey { case kind, value, tolerance, accepted }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "true-false":
            self = .trueFalse(try container.decode(Bool.self, forKey: .value))
        case "numeric":
            self = .numeric(
                value: try container.decode(Double.self, forKey: .value),
                tolerance: try container.decode(Double.self, forKey: .tolerance))
        default:
            let raw = try container.decode([String: [String]].self, forKey: .accepted)
            var accepted: [Language: [String]] = [:]
            for (tag, answers) in raw { if let language = Language(rawValue: tag) { accepted[language] = answers } }
            self = .short(accepted)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .trueFalse(let value):
            try container.encode("true-false", forKey: .kind)
            try container.encode(value, forKey: .value)
        case .numeric(let value, let tolerance):
            try container.encode("numeric", forKey: .kind)
            try container.encode(value, forKey: .value)
            try container.encode(tolerance, forKey: .tolerance)
        case .short(let accepted):
            try container.encode("short", forKey: .kind)
            var raw: [String: [String]] = [:]
            for (language, answers) in accepted { raw[language.rawValue] = answers }
            try container.encode(raw, forKey: .accepted)
        }
    }
}

/// One question of a bank, as a trainer wrote it (one version of it).
public struct Question: Sendable, Hashable, Codable {
    /// Globally unique and stable across versions, e.g. `CCCS-02-007`.
    public var id: String
    public var track: String
    public var module: String
    public var type: QuestionType
    /// 1 (easiest) to 5 (hardest).
    public var difficulty: Int
    /// The item's maximum mark.
    public var points: Double
    /// Whether options are shown in random order.
    public var shuffle: Bool
    public var scoring: MultipleScoring
    public var stem: LocalizedText
    public var options: [AnswerOption]
    public var answer: AnswerKey?
    public var explanation: LocalizedText?
    /// What a marker awards points for (essays).
    public var rubric: LocalizedText?

    public init(
        id: String, track: String, module: String, type: QuestionType, difficulty: Int, points: Double = 1,
        shuffle: Bool = true, scoring: MultipleScoring = .partial, stem: LocalizedText, options: [AnswerOption] = [],
        answer: AnswerKey? = nil, explanation: LocalizedText? = nil, rubric: LocalizedText? = nil
    ) {
        self.id = id
        self.track = track
        self.module = module
        self.type = type
        self.difficulty = difficulty
        self.points = points
        self.shuffle = shuffle
        self.scoring = scoring
        self.stem = stem
        self.options = options
        self.answer = answer
        self.explanation = explanation
        self.rubric = rubric
    }

    /// Every text of the question, for completeness checks.
    public var texts: [LocalizedText] {
        [stem] + options.map(\.text) + [explanation, rubric].compactMap { $0 }
    }

    /// The languages every text of the question has (derived ones included).
    public var completeLanguages: [Language] {
        Language.allCases.filter { language in texts.allSatisfy { $0[language] != nil } }
    }

    /// Whether any text was derived by script conversion.
    public var hasDerivedText: Bool { texts.contains { !$0.derived.isEmpty } }
}
