import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import Foundation

/// The words of an item as both rooms show them: heading, stem, options, the saved answer.
public struct ItemPresenter: Sendable {
    public let localizer: Localizer

    public init(localizer: Localizer) { self.localizer = localizer }

    /// `Question 3 of 40`.
    public func position(_ room: ExamRoom) -> String {
        localizer.text("room.question.position", ["number": String(room.index + 1), "count": String(room.count)])
    }

    /// `2 points`, `1 point`.
    public func points(_ item: SheetItem) -> String {
        let value = item.points == item.points.rounded() ? String(Int(item.points)) : String(item.points)
        return localizer.text(item.points == 1 ? "room.points.one" : "room.points.other", ["points": value])
    }

    /// How to answer this kind of item.
    public func instruction(_ item: SheetItem) -> String {
        localizer.text("room.how." + item.type.rawValue)
    }

    /// The stem in the item's language.
    public func stem(_ item: SheetItem, in language: Language) -> String { item.stem.best(for: language) }

    /// The module title in the item's language.
    public func module(_ item: SheetItem, in language: Language) -> String { item.moduleTitle.best(for: language) }

    /// An option's text in `language`.
    public func optionText(_ option: SheetOption, in language: Language) -> String {
        if let text = option.text { return text.best(for: language) }
        return localizer.speaking(language).text("room.option." + option.id)
    }

    /// The saved answer as the candidate would say it: `B`, `A, C`, or the text typed.
    public func answer(_ answer: Answer?, for item: SheetItem) -> String {
        guard let answer, !answer.isBlank else { return localizer.text("room.answer.none") }
        switch answer {
        case .choices: return item.labels(of: answer).joined(separator: ", ")
        case .text(let text): return text
        }
    }

    /// The name of a language in the room's language, e.g. `繁體中文`.
    public func languageName(_ language: Language) -> String { localizer.text("room.language." + language.rawValue) }

    /// `Unanswered: 3, 7, 12` / `Flagged: 5` summary lines for the review screen.
    public func review(_ room: ExamRoom) -> [String] {
        let unanswered = room.unanswered
        let flagged = room.flagged
        return [
            localizer.text("room.review.answered", ["answered": String(room.count - unanswered.count), "count": String(room.count)]),
            unanswered.isEmpty
                ? localizer.text("room.review.unanswered-none")
                : localizer.text("room.review.unanswered", ["list": Self.list(unanswered)]),
            flagged.isEmpty
                ? localizer.text("room.review.flagged-none") : localizer.text("room.review.flagged", ["list": Self.list(flagged)]),
        ]
    }

    /// `1–3, 7, 9–10`.
    static func list(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end > index ? "\(numbers[index])–\(numbers[end])" : "\(numbers[index])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    /// A time of day for "saved at" messages.
    public func time(_ date: Date) -> String { ClockText.format(date, "HH:mm:ss") }

    /// The words that confirm a submission in this language (`yes`, `是`...).
    public var confirmWords: Set<String> {
        Set(localizer.text("room.confirm.words").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            .union(["yes", "y"])
    }

    /// The problem as the candidate reads it, without the "error:" prefix.
    public func explain(_ problem: Problem) -> String {
        var arguments = problem.arguments
        if let subject = problem.subject, arguments["id"] == nil { arguments["id"] = subject }
        return localizer.text(problem.key, arguments)
    }
}
