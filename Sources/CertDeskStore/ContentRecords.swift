import CertDeskCore
import Foundation

/// A curriculum to store, with its hash and source file.
public struct CurriculumWrite: Sendable {
    public var curriculum: Curriculum
    public var contentHash: String
    public var source: String

    public init(curriculum: Curriculum, contentHash: String, source: String) {
        self.curriculum = curriculum
        self.contentHash = contentHash
        self.source = source
    }
}

/// A question version to store.
public struct QuestionWrite: Sendable {
    public var question: Question
    public var contentHash: String
    /// `file:line:column` where the question was read.
    public var source: String
    public var derivedFields: [String]

    public init(question: Question, contentHash: String, source: String, derivedFields: [String]) {
        self.question = question
        self.contentHash = contentHash
        self.source = source
        self.derivedFields = derivedFields
    }
}

/// The record of one loader run, kept in the `imports` table.
public struct ImportRecord: Sendable {
    public enum Kind: String, Sendable { case curriculum, bank }

    public var kind: Kind
    public var paths: [String]
    public var added: Int
    public var changed: Int
    public var unchanged: Int
    public var warnings: Int
    public var operatorName: String
    public var date: Date

    public init(kind: Kind, paths: [String], added: Int, changed: Int, unchanged: Int, warnings: Int, operatorName: String, date: Date) {
        self.kind = kind
        self.paths = paths
        self.added = added
        self.changed = changed
        self.unchanged = unchanged
        self.warnings = warnings
        self.operatorName = operatorName
        self.date = date
    }
}

/// The current curriculum of a track as stored.
public struct StoredCurriculum: Sendable {
    public var curriculum: Curriculum
    public var version: Int
    public var contentHash: String
    public var source: String
}

/// What the store knows of a question's latest version, for deciding what an import changes.
public struct QuestionState: Sendable, Hashable {
    public var track: String
    public var version: Int
    public var contentHash: String
}

/// One stored version of a question.
public struct StoredQuestionVersion: Sendable {
    public var question: Question
    public var version: Int
    public var contentHash: String
    public var source: String
    public var derivedFields: [String]
    public var importedAt: String
    public var isCurrent: Bool
}

/// A one-line summary of a question's current version, for statistics.
public struct QuestionSummary: Sendable, Hashable {
    public var id: String
    public var track: String
    public var module: String
    public var type: QuestionType
    public var difficulty: Int
    public var version: Int
    /// Languages every text of the question has, derived ones included.
    public var languages: [Language]
    /// Languages some text of which was derived.
    public var derivedLanguages: [Language]
}
