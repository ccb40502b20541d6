import CertDeskCore
import Foundation

/// A candidate's paper as the exam room shows it: the items with their text, in slot order.
public struct ExamSheet: Sendable {
    public var attemptID: Int64
    public var candidateNumber: String
    /// The candidate's name for the title bar (no other personal data).
    public var candidateName: String
    public var track: String
    public var trackTitle: LocalizedText
    public var sittingID: String
    public var centre: String
    public var durationMinutes: Int
    public var startedAt: Date
    public var items: [SheetItem]

    public init(
        attemptID: Int64, candidateNumber: String, candidateName: String, track: String, trackTitle: LocalizedText,
        sittingID: String, centre: String, durationMinutes: Int, startedAt: Date, items: [SheetItem]
    ) {
        self.attemptID = attemptID
        self.candidateNumber = candidateNumber
        self.candidateName = candidateName
        self.track = track
        self.trackTitle = trackTitle
        self.sittingID = sittingID
        self.centre = centre
        self.durationMinutes = durationMinutes
        self.startedAt = startedAt
        self.items = items
    }

    /// The sum of the items' points.
    public var totalPoints: Double { items.reduce(0) { $0 + $1.points } }
}

/// One item of a sheet.
public struct SheetItem: Sendable {
    public var slot: Int
    public var questionID: String
    public var version: Int
    public var type: QuestionType
    public var points: Double
    public var moduleTitle: LocalizedText
    public var stem: LocalizedText
    /// Options in the order drawn for this paper, labelled A, B, C...
    public var options: [SheetOption]

    public init(
        slot: Int, questionID: String, version: Int, type: QuestionType, points: Double, moduleTitle: LocalizedText,
        stem: LocalizedText, options: [SheetOption]
    ) {
        self.slot = slot
        self.questionID = questionID
        self.version = version
        self.type = type
        self.points = points
        self.moduleTitle = moduleTitle
        self.stem = stem
        self.options = options
    }

    /// The languages the item can be read in.
    public var languages: [Language] { stem.languages }

    /// Whether the candidate answers by choosing options.
    public var hasOptions: Bool { !options.isEmpty }

    /// The option with this label (`A`, `b`...).
    public func option(labelled label: String) -> SheetOption? {
        options.first { $0.label == label.uppercased() }
    }

    /// The labels of the options chosen in `answer`, in label order: `A, C`.
    public func labels(of answer: Answer) -> [String] {
        guard case .choices(let ids) = answer else { return [] }
        return options.filter { ids.contains($0.id) }.map(\.label)
    }

    /// Builds the options of a paper item from the question and the stored option order.
    public static func options(for question: Question, order: [String]) -> [SheetOption] {
        if question.options.isEmpty, question.type == .trueFalse {
            return [
                SheetOption(id: TrueFalseOption.trueID, label: "A", text: nil),
                SheetOption(id: TrueFalseOption.falseID, label: "B", text: nil),
            ]
        }
        let byID = Dictionary(question.options.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ids = order.isEmpty ? question.options.map(\.id) : order
        return ids.enumerated().compactMap { index, id in
            byID[id].map { SheetOption(id: id, label: SheetOption.label(index), text: $0.text) }
        }
    }
}

/// One option as shown: a letter and its text.
public struct SheetOption: Sendable, Hashable {
    public var id: String
    public var label: String
    /// The option's text; `nil` for the built-in True / False of a true-false item, whose words
    /// come from the catalogs (`room.option.true`, `room.option.false`).
    public var text: LocalizedText?

    public init(id: String, label: String, text: LocalizedText?) {
        self.id = id
        self.label = label
        self.text = text
    }

    /// `A` for 0, `B` for 1...
    public static func label(_ index: Int) -> String { String(UnicodeScalar(UInt8(65 + index))) }
}
