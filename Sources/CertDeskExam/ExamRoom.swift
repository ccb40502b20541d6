import CertDeskCore
import Foundation

/// The state of a candidate's exam as a room shows it: where they are, what is answered and
/// flagged, which language each item is read in, and how much time is left.
///
/// The room is a plain value: the full-screen and plain front ends call its methods for what
/// the candidate did, save through an ``ExamBackend`` first, and record in the room only what
/// the store has acknowledged. Time comes in as a parameter, never from the clock directly.
public struct ExamRoom: Sendable {
    /// What a clock tick asks the front end to do.
    public enum TickAction: Sendable, Equatable {
        case none
        /// Five minutes (or less) remain; say so once.
        case warnFiveMinutes
        /// Time is up: submit now.
        case timeUp
    }

    public let sheet: ExamSheet
    /// The index (0-based) of the item on screen.
    public private(set) var index = 0
    /// The latest saved answer per slot.
    public private(set) var answers: [Int: Answer]
    public private(set) var flags: Set<Int>
    /// The language the candidate chose for particular items; others use `language`.
    public private(set) var itemLanguages: [Int: Language] = [:]
    /// The candidate's language for instructions and unswitched items.
    public var language: Language
    /// When the attempt ends, extra time included.
    public var deadline: Date
    public private(set) var warned = false
    public private(set) var submitted = false

    /// How long before the end the warning comes.
    public static let warningInterval: TimeInterval = 5 * 60

    public init(sheet: ExamSheet, answers: [Int: Answer], flags: Set<Int>, language: Language, deadline: Date, resumeAt slot: Int? = nil) {
        self.sheet = sheet
        self.answers = answers
        self.flags = flags
        self.language = language
        self.deadline = deadline
        if let slot, let position = sheet.items.firstIndex(where: { $0.slot == slot }) { index = position }
    }

    public var current: SheetItem { sheet.items[index] }
    public var count: Int { sheet.items.count }

    // MARK: Moving

    public mutating func next() { index = min(index + 1, count - 1) }
    public mutating func previous() { index = max(index - 1, 0) }

    /// Goes to the item numbered `number` (1-based); returns false when there is no such item.
    @discardableResult
    public mutating func go(to number: Int) -> Bool {
        guard (1...count).contains(number) else { return false }
        index = number - 1
        return true
    }

    // MARK: Recording what the store acknowledged

    public mutating func recordAnswer(_ answer: Answer?, slot: Int) {
        if let answer, !answer.isBlank { answers[slot] = answer } else { answers[slot] = nil }
    }

    public mutating func recordFlag(_ flagged: Bool, slot: Int) {
        if flagged { flags.insert(slot) } else { flags.remove(slot) }
    }

    public mutating func recordSubmitted() { submitted = true }

    // MARK: Language

    /// The language `item` is shown in.
    public func language(of item: SheetItem) -> Language {
        let wanted = itemLanguages[item.slot] ?? language
        if item.languages.contains(wanted) { return wanted }
        if let other = wanted.otherChineseScript, item.languages.contains(other) { return other }
        return item.languages.first ?? language
    }

    /// Switches the current item to the next language it has (en → zh-Hant → zh-Hans → en).
    @discardableResult
    public mutating func cycleLanguage() -> Language {
        let item = current
        let all = Language.allCases.filter { item.languages.contains($0) }
        guard let position = all.firstIndex(of: language(of: item)), all.count > 1 else { return language(of: item) }
        let next = all[(position + 1) % all.count]
        itemLanguages[item.slot] = next
        return next
    }

    /// Restores a language chosen for an item before the room was closed.
    public mutating func restoreLanguage(_ language: Language, slot: Int) { itemLanguages[slot] = language }

    /// Shows the current item in `language`, if it has it.
    @discardableResult
    public mutating func setLanguage(_ wanted: Language) -> Bool {
        guard current.languages.contains(wanted) else { return false }
        itemLanguages[current.slot] = wanted
        return true
    }

    // MARK: Review and time

    /// Item numbers (1-based) without an answer.
    public var unanswered: [Int] { sheet.items.enumerated().filter { answers[$0.element.slot] == nil }.map { $0.offset + 1 } }
    /// Item numbers (1-based) flagged for review.
    public var flagged: [Int] { sheet.items.enumerated().filter { flags.contains($0.element.slot) }.map { $0.offset + 1 } }

    public func answer(for item: SheetItem) -> Answer? { answers[item.slot] }
    public func isFlagged(_ item: SheetItem) -> Bool { flags.contains(item.slot) }

    /// Seconds left at `now`, never negative.
    public func remaining(at now: Date) -> TimeInterval { max(0, deadline.timeIntervalSince(now)) }

    /// What the passing of time requires at `now`.
    public mutating func tick(at now: Date) -> TickAction {
        guard !submitted else { return .none }
        let left = deadline.timeIntervalSince(now)
        if left <= 0 { return .timeUp }
        if left <= Self.warningInterval, !warned {
            warned = true
            return .warnFiveMinutes
        }
        return .none
    }

    /// Whether the five-minute warning has been given, for a resumed room.
    public mutating func markWarned(at now: Date) { if deadline.timeIntervalSince(now) <= Self.warningInterval { warned = true } }

    /// `mm:ss`, or `h:mm:ss` for an hour or more.
    public static func clock(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded(.up))
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let secs = total % 60
        if hours > 0 { return String(format: "%d:%02d:%02d", hours, minutes, secs) }
        return String(format: "%02d:%02d", minutes, secs)
    }
}
