import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import Foundation

/// The exam room on the whole terminal: one question per screen, a live countdown, keys for
/// everything, and the terminal put back however the room ends.
///
/// The room needs at least 80 × 24 cells; a smaller terminal shows how big it is and waits
/// (the clock keeps running). When the input is not a terminal, the plain room runs instead.
/// After the room closes, the final message (submitted, left, taken over) is printed on the
/// normal screen, where it stays.
///
/// ```swift
/// let exit = FullScreenRoom(opened: opened, localizer: localizer, now: { Date() }).run(resumed: false)
/// ```
public struct FullScreenRoom {
    let opened: OpenedAttempt
    let localizer: Localizer
    let now: () -> Date
    let terminal: (any RoomTerminal)?
    let output: (String) -> Void

    /// - Parameters:
    ///   - terminal: where to draw and read keys; the process's terminal when `nil`.
    ///   - output: where the final message goes once the terminal is restored.
    public init(
        opened: OpenedAttempt, localizer: Localizer, now: @escaping () -> Date, terminal: (any RoomTerminal)? = nil,
        output: @escaping (String) -> Void = StandardOutput.line
    ) {
        self.opened = opened
        self.localizer = localizer
        self.now = now
        self.terminal = terminal
        self.output = output
    }

    /// The smallest terminal the room draws in.
    public static let minimumSize = (columns: TerminalSize.minimum.columns, rows: TerminalSize.minimum.rows)

    /// Runs the exam until it is submitted or the candidate leaves.
    public func run(resumed: Bool) -> RoomExit {
        let terminal = self.terminal ?? Terminal()
        guard terminal.enter() else {
            var plain = PlainRoom(opened: opened, localizer: localizer, input: LineInput(), now: now, output: output)
            return plain.run(resumed: resumed)
        }
        var session = RoomSession(opened: opened, localizer: localizer.speaking(opened.language), terminal: terminal, now: now)
        let exit = session.run(resumed: resumed)
        terminal.restore()
        for line in session.farewell { output(line) }
        return exit
    }
}
