import Foundation

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
    /// How essays are marked.
    public var marking: MarkingRules

    public init(durationMinutes: Int, passMark: Double, blueprint: [BlueprintEntry], marking: MarkingRules = MarkingRules()) {
        self.durationMinutes = durationMinutes
        self.passMark = passMark
        self.blueprint = blueprint
        self.marking = marking
    }

    private enum CodingKeys: String, CodingKey { case durationMinutes, passMark, blueprint, marking }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        durationMinutes = try container.decode(Int.self, forKey: .durationMinutes)
        passMark = try container.decode(Double.self, forKey: .passMark)
        blueprint = try container.decode([BlueprintEntry].self, forKey: .blueprint)
        // Curricula stored before marking rules existed are marked by one marker.
        marking = try container.decodeIfPresent(MarkingRules.self, forKey: .marking) ?? MarkingRules()
    }

    /// Questions in one paper.
    public var totalQuestions: Int { blueprint.reduce(0) { $0 + $1.questions } }
}

/// How a track's essays are marked: by one marker, or blind by two with a rule for differences.
///
/// With `secondMarker`, two markers mark each essay without seeing each other's mark. Marks
/// at most `maxDifference` points apart are settled by their mean; a larger difference is
/// settled by `resolution`.
public struct MarkingRules: Sendable, Hashable, Codable {
    /// How a difference larger than ``maxDifference`` is settled.
    public enum Resolution: String, Sendable, Hashable, Codable, CaseIterable {
        /// A third marker, different from both, marks the essay; that mark is final.
        case thirdMarker = "third-marker"
        /// The mean of the two marks, whatever the difference.
        case average
        /// The higher of the two marks (benefit of the doubt to the candidate).
        case higher
    }

    public var secondMarker: Bool
    /// The largest difference, in points, settled by the mean of the two marks.
    public var maxDifference: Double
    public var resolution: Resolution

    public init(secondMarker: Bool = false, maxDifference: Double = 0, resolution: Resolution = .thirdMarker) {
        self.secondMarker = secondMarker
        self.maxDifference = maxDifference
        self.resolution = resolution
    }
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

    /// The end of a validity period starting at `start`: `validYears` calendar years later (UTC).
    public func validUntil(from start: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .year, value: validYears, to: start)!
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
