import CertDeskCore
import CertDeskExam

/// What the full-screen room shows besides the exam itself: which screen is up, the text
/// being typed, a jump in progress, the highlighted option and the status line.
///
/// It is a plain value the room changes in response to keys and the store's replies;
/// ``ScreenRenderer`` turns it into a ``Frame`` without touching the terminal.
public struct ScreenState: Sendable {
    /// Which screen is up.
    public enum Mode: Sendable, Equatable {
        /// The instructions before a new attempt starts.
        case instructions
        /// One question.
        case question
        /// Unanswered and flagged questions.
        case review
        /// "Submit now?"
        case confirmSubmit
        /// "Leave the room?"
        case confirmLeave
        /// The list of keys.
        case help
    }

    /// The status line: the last thing that happened.
    public struct Status: Sendable, Equatable {
        /// What kind of news the status line brings, which sets how it is drawn.
        public enum Kind: Sendable, Equatable {
            /// Anything else worth saying (language switched, welcome back, extra time).
            case info
            /// An answer or flag the store acknowledged.
            case saved
            /// The five-minute warning.
            case warning
            /// Something failed or was refused; the text says what and what to do.
            case error
        }

        /// The message in the candidate's language.
        public var text: String
        /// How the line is drawn: an error in bold, the warning in red.
        public var kind: Kind

        /// A status line saying `text`.
        public init(_ text: String, kind: Kind = .info) {
            self.text = text
            self.kind = kind
        }
    }

    /// The exam: items, saved answers and flags, languages, deadline.
    public var room: ExamRoom
    /// The screen up now.
    public var mode: Mode = .instructions
    /// The screen to go back to from help or a confirmation.
    public var returnMode: Mode = .question
    /// The answer being typed for a short, numeric or essay item.
    public var draft = ""
    /// Digits typed toward "go to question N"; `nil` when no jump is under way.
    public var jump: String?
    /// Esc was pressed on a typed-answer item: the next key is a command, not text.
    public var awaitingCommand = false
    /// The option the arrow keys point at (0-based).
    public var highlight = 0
    /// The first body line shown when the screen scrolls; `nil` follows the answer being typed.
    public var scroll: Int?
    /// The status line; `nil` for none.
    public var status: Status?

    /// A state showing `room` on the `mode` screen, the draft set from the saved answer.
    public init(room: ExamRoom, mode: Mode = .instructions) {
        self.room = room
        self.mode = mode
        resetItem()
    }

    /// Whether the current item is answered by typing.
    public var isTyped: Bool { !room.current.hasOptions }

    /// The saved answer of the current item as text (empty for none or for a choice item).
    public var savedText: String {
        if case .text(let text)? = room.answer(for: room.current) { return text }
        return ""
    }

    /// Whether the typed text differs from what is saved.
    public var draftIsUnsaved: Bool { isTyped && draft != savedText }

    /// Sets the draft, highlight and scroll for the item now current.
    public mutating func resetItem() {
        draft = savedText
        let item = room.current
        if let answer = room.answer(for: item), let label = item.labels(of: answer).first,
            let position = item.options.firstIndex(where: { $0.label == label })
        {
            highlight = position
        } else {
            highlight = 0
        }
        scroll = nil
        jump = nil
        awaitingCommand = false
    }
}
