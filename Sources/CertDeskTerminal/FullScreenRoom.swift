import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import Foundation

/// The full-screen exam room (being built; `certdesk sit --plain` is the line-mode room).
public struct FullScreenRoom {
    let opened: OpenedAttempt
    let localizer: Localizer
    let now: () -> Date

    public init(opened: OpenedAttempt, localizer: Localizer, now: @escaping () -> Date) {
        self.opened = opened
        self.localizer = localizer
        self.now = now
    }

    /// The smallest terminal the room draws in.
    public static let minimumSize = (columns: 80, rows: 24)

    /// Runs the exam until it is submitted or the candidate leaves.
    public func run(resumed: Bool) -> RoomExit {
        var plain = PlainRoom(opened: opened, localizer: localizer, input: LineInput(), now: now)
        return plain.run(resumed: resumed)
    }
}
