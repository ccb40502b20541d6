/// What waiting on the terminal produced.
public enum TerminalEvent: Sendable, Equatable {
    /// Bytes typed (decode them with ``KeyDecoder``).
    case input([UInt8])
    /// The window changed size: draw everything again.
    case resized
    /// Nothing happened before the timeout: time to update the clock.
    case timeout
    /// The input ended (the terminal hung up).
    case closed
}
