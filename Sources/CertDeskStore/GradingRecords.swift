import CertDeskCore
import Foundation

/// Everything grading one attempt needs, read in one transaction.
public struct GradingInput: Sendable {
    public var attempt: StoredAttempt
    /// The exam rules of the sitting's curriculum version: pass mark and marking rules.
    public var exam: ExamRules
    /// The latest mark of each round, by slot.
    public var marks: [Int: [EssayMark]]
    /// Question ids withdrawn as faulty.
    public var voided: Set<String>
    /// The attempt's current result, if graded.
    public var current: StoredGrade?
}

/// One grading of an attempt, as stored.
public struct StoredGrade: Sendable, Hashable {
    public enum Cause: String, Sendable, Hashable, Codable {
        /// Graded when the paper was submitted (or found expired).
        case submitted
        /// Graded again after an essay was marked.
        case marked
        /// Graded again by `regrade`, after voiding or to check.
        case regraded
    }

    public var id: Int64
    public var attemptID: Int64
    public var cause: Cause
    public var grade: AttemptGrade
    public var gradedAt: Date
    public var gradedBy: String
}

/// What grading an attempt changed.
public struct GradeChange: Sendable {
    public var attemptID: Int64
    public var candidateNumber: String
    /// The result before, if the attempt had one.
    public var previous: AttemptGrade?
    /// The result now.
    public var current: AttemptGrade
    /// Whether a new grade was stored (it differs from the previous one).
    public var stored: Bool
}

/// A registration of a sitting with its result, for result lists and reports.
public struct ResultEntry: Sendable {
    public var candidate: Candidate
    public var attemptID: Int64?
    public var submission: Submission?
    public var grade: StoredGrade?
    /// The latest answer of every slot, for item analysis.
    public var answers: [Int: Answer]
}

/// A sitting's results and whether they have been released.
public struct SittingResults: Sendable {
    public var sitting: Sitting
    public var curriculum: Curriculum
    public var released: (at: Date, by: String)?
    public var entries: [ResultEntry]
}

/// An essay answer that may need marking, without the candidate's name.
public struct EssayAnswer: Sendable {
    public var attemptID: Int64
    public var sittingID: String
    public var slot: Int
    public var question: Question
    public var version: Int
    public var answer: String
    public var submittedAt: Date
    public var marks: [EssayMark]
    public var marking: MarkingRules

    public init(
        attemptID: Int64, sittingID: String, slot: Int, question: Question, version: Int, answer: String, submittedAt: Date,
        marks: [EssayMark], marking: MarkingRules
    ) {
        self.attemptID = attemptID
        self.sittingID = sittingID
        self.slot = slot
        self.question = question
        self.version = version
        self.answer = answer
        self.submittedAt = submittedAt
        self.marks = marks
        self.marking = marking
    }
}

/// Which papers a voided question appears in (those still in progress included), per sitting.
public struct VoidImpact: Sendable {
    public var questionID: String
    /// Sitting id and number of papers holding the question.
    public var sittings: [(sittingID: String, papers: Int)]
}
