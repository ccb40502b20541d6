import CertDeskCore
import Foundation

/// How sittings' times are written on screen: in the centre's time zone.
enum SittingFormat {
    /// `2026-12-05 09:30`
    static func start(_ sitting: Sitting) -> String { time(sitting.startsAt, sitting) }

    static func time(_ date: Date, _ sitting: Sitting, format: String = "yyyy-MM-dd HH:mm") -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: sitting.timeZone) ?? .current
        formatter.dateFormat = format
        return formatter.string(from: date)
    }
}
