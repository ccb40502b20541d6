/// The size of a terminal in character cells.
public struct TerminalSize: Sendable, Hashable {
    /// Cells across.
    public var columns: Int
    /// Lines down.
    public var rows: Int

    /// A size of `columns` × `rows` cells.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// The smallest size the full-screen room draws in: 80 × 24.
    public static let minimum = TerminalSize(columns: 80, rows: 24)

    /// Whether the room fits: at least ``minimum`` in both directions.
    public var isLargeEnough: Bool { columns >= Self.minimum.columns && rows >= Self.minimum.rows }
}
