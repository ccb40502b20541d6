/// One screenful as text: exactly as many lines as the terminal has rows, none wider than its
/// columns, each with a style.
///
/// A frame is what ``ScreenRenderer`` makes and ``Terminal`` draws; tests read its lines.
public struct Frame: Sendable, Equatable {
    /// How a line is drawn.
    public enum Style: Sendable, Equatable {
        case plain
        /// Reverse video across the full width (the title bar).
        case bar
        /// Bold reverse video on red across the full width: the last five minutes.
        case alert
        /// Bold: an error or a question to answer now.
        case emphasis
    }

    public var lines: [String]
    public var styles: [Style]

    public init(lines: [String], styles: [Style]) {
        self.lines = lines
        self.styles = styles
    }

    /// The lines joined with line feeds, for tests and logs.
    public var text: String { lines.joined(separator: "\n") }
}
