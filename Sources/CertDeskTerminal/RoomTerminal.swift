import Foundation

/// The screen and keyboard the full-screen room runs on.
///
/// ``Terminal`` is the real one (raw mode and ANSI escapes); tests pass a scripted one that
/// hands out key bytes and keeps the frames drawn.
public protocol RoomTerminal: AnyObject {
    /// Switches to raw mode, the alternate screen and a hidden cursor; false when the input is
    /// not a terminal (the room then runs in plain mode).
    func enter() -> Bool
    /// Puts the terminal back as it was; safe to call more than once.
    func restore()
    /// The current size in cells.
    var size: TerminalSize { get }
    /// Shows `frame`, redrawing only the lines that changed since the last frame.
    func draw(_ frame: Frame)
    /// Waits up to `timeout` seconds for input or a resize.
    func next(timeout: TimeInterval) -> TerminalEvent
}
