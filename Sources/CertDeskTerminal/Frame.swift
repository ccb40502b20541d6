/// One screenful as text: exactly as many lines as the terminal has rows, none wider than its
/// columns, each with a style.
///
/// A frame is what ``ScreenRenderer`` makes and ``Terminal`` draws; tests read its lines.
public struct Frame: Sendable, Equatable {
    /// How a line is drawn.
    public enum Style: Sendable, Equatable {
        /// As the terminal draws text normally.
        case plain
        /// Reverse video across the full width (the title bar).
        case bar
        /// Bold reverse video on red across the full width: the last five minutes.
        case alert
        /// Bold: an error or a question to answer now.
        case emphasis
    }

    /// The text of each row, none wider than the terminal.
    public var lines: [String]
    /// The style of each row, as many as `lines`.
    public var styles: [Style]

    /// A frame of `lines` drawn in `styles`.
    public init(lines: [String], styles: [Style]) {
        self.lines = lines
        self.styles = styles
    }

    /// The lines joined with line feeds, for tests and logs.
    public var text: String { lines.joined(separator: "\n") }
}
