/// A track's published course: modules, exam rules and credential rules.
public struct Curriculum: Sendable, Hashable, Codable {
    /// The track code, e.g. `CCCP`.
    public var track: String
    public var title: LocalizedText
    public var description: LocalizedText?
    /// 1 (professional) to 3 (manager).
    public var level: Int
    /// Track codes whose credential must be held first.
    public var prerequisites: [String]
    /// Eligibility rules as published to applicants.
    public var eligibility: [LocalizedText]
    public var fees: Fees?
    public var modules: [Module]
    public var exam: ExamRules
    public var credential: CredentialRules

    public init(
        track: String, title: LocalizedText, description: LocalizedText? = nil, level: Int,
        prerequisites: [String], eligibility: [LocalizedText] = [], fees: Fees? = nil, modules: [Module],
        exam: ExamRules, credential: CredentialRules
    ) {
        self.track = track
        self.title = title
        self.description = description
        self.level = level
        self.prerequisites = prerequisites
        self.eligibility = eligibility
        self.fees = fees
        self.modules = modules
        self.exam = exam
        self.credential = credential
    }

    /// The sum of the modules' training hours.
    public var totalHours: Double { modules.reduce(0) { $0 + $1.hours } }

    /// The module with this id.
    public func module(_ id: String) -> Module? { modules.first { $0.id == id } }
}

/// One teaching module of a course.
public struct Module: Sendable, Hashable, Codable {
    public var id: String
    public var title: LocalizedText
    /// Training hours.
    public var hours: Double
    public var objectives: [LocalizedText]

    public init(id: String, title: LocalizedText, hours: Double, objectives: [LocalizedText]) {
        self.id = id
        self.title = title
        self.hours = hours
        self.objectives = objectives
    }
}

/// How a track's exam is sat and passed.
public struct ExamRules: Sendable, Hashable, Codable {
    /// Minutes allowed.
    public var durationMinutes: Int
    /// Percentage needed to pass, 1...100.
    public var passMark: Double
    public var blueprint: [BlueprintEntry]

    public init(durationMinutes: Int, passMark: Double, blueprint: [BlueprintEntry]) {
        self.durationMinutes = durationMinutes
        self.passMark = passMark
        self.blueprint = blueprint
    }

    /// Questions in one paper.
    public var totalQuestions: Int { blueprint.reduce(0) { $0 + $1.questions } }
}

/// How many questions a paper draws from one module, optionally by difficulty.
public struct BlueprintEntry: Sendable, Hashable, Codable {
    public var module: String
    public var questions: Int
    /// Questions per difficulty level (1...5); empty when any difficulty will do.
    public var difficulty: [Int: Int]

    public init(module: String, questions: Int, difficulty: [Int: Int] = [:]) {
        self.module = module
        self.questions = questions
        self.difficulty = difficulty
    }
}

/// How long a credential lasts and what renewing it takes.
public struct CredentialRules: Sendable, Hashable, Codable {
    public var validYears: Int
    public var renewalCPDHours: Double

    public init(validYears: Int, renewalCPDHours: Double) {
        self.validYears = validYears
        self.renewalCPDHours = renewalCPDHours
    }
}

/// Published fees, in minor-unit-free amounts of one currency.
public struct Fees: Sendable, Hashable, Codable {
    public var currency: String
    public var training: Double?
    public var exam: Double?
    public var renewal: Double?

    public init(currency: String, training: Double? = nil, exam: Double? = nil, renewal: Double? = nil) {
        self.currency = currency
        self.training = training
        self.exam = exam
        self.renewal = renewal
    }
}
