import CertDeskCore
import CertDeskLocalization
import Foundation

/// Plays a candidate in a running plain exam room: reads each question as printed, types an
/// answer its type accepts, and notes every answer the room acknowledged as saved.
struct RoomDriver {
    /// An answer the room said it saved.
    struct Acknowledged: Equatable {
        var number: Int
        var type: QuestionType
        var typed: String
    }

    let room: RunningCertDesk
    let text: Localizer
    var timeout: TimeInterval = 60
    private(set) var acknowledged: [Acknowledged] = []

    /// Drives `room` in the room's language (English unless the test says otherwise).
    init(_ room: RunningCertDesk, language: Language = .english) throws {
        self.room = room
        text = try Catalogs.localizer(language)
    }

    var prompt: String { text.text("room.plain.prompt") }

    /// Presses Enter at "Press Enter to begin" and returns the first question as printed.
    func begin() -> String? {
        guard room.read(through: text.text("room.plain.begin"), timeout: timeout) != nil else { return nil }
        room.send("")
        return room.read(through: prompt, timeout: timeout)
    }

    /// The question printed last in `screen`: its type, by the instruction printed under it.
    func questionType(in screen: String) -> QuestionType? {
        let found = QuestionType.allCases.compactMap { type in
            screen.range(of: text.text("room.how." + type.rawValue), options: .backwards).map { (type, $0.lowerBound) }
        }
        return found.max { $0.1 < $1.1 }?.0
    }

    /// What this candidate types for a question of `type`.
    static func answer(for type: QuestionType) -> String {
        switch type {
        case .single: "A"
        case .multiple: "A C"
        case .trueFalse: "B"
        case .short: "IVR"
        case .numeric: "42"
        case .essay: "Coach weekly and compare scores in calibration."
        }
    }

    /// Answers question `number` shown on `screen`, waits until the room says it is saved and
    /// shows the next prompt; returns what was printed meanwhile, or `nil` if it never came.
    mutating func answer(_ number: Int, on screen: String) -> String? {
        guard let type = questionType(in: screen) else { return nil }
        let typed = Self.answer(for: type)
        room.send(typed)
        let savedLine = Catalogs.beginning("room.saved", ["number": String(number)], in: text)
        guard let saved = room.read(through: savedLine, timeout: timeout) else { return nil }
        acknowledged.append(Acknowledged(number: number, type: type, typed: typed))
        guard let next = room.read(through: prompt, timeout: timeout) else { return nil }
        return saved + next
    }

    /// Answers every question from the first screen on, in order.
    mutating func answerAll(count: Int, from first: String) -> Bool {
        var screen = first
        for number in 1...count {
            guard let next = answer(number, on: screen) else { return false }
            screen = next
        }
        return true
    }

    /// Submits with `:s` and confirms; returns what the room printed, ending with its receipt.
    func submit() -> String? {
        room.send(":s")
        guard let confirm = room.read(through: text.text("room.submit.confirm"), timeout: timeout) else { return nil }
        room.send(text.text("room.confirm.words").split(separator: ",").first.map(String.init) ?? "yes")
        guard let done = room.read(through: Catalogs.beginning("room.submitted", in: text), timeout: timeout) else { return nil }
        return confirm + done
    }

    /// The answer the store should hold for an acknowledged answer to `item`.
    static func expected(_ answer: Acknowledged, for item: AttemptRecord.Item) -> Answer {
        guard answer.type.isChoice || answer.type == .trueFalse else { return .text(answer.typed) }
        let positions = answer.typed.filter(\.isLetter).compactMap { $0.asciiValue.map { Int($0) - 65 } }.sorted()
        if item.optionOrder.isEmpty { return .choices(positions.map { $0 == 0 ? TrueFalseOption.trueID : TrueFalseOption.falseID }) }
        return .choices(positions.map { item.optionOrder[$0] })
    }
}
