import Foundation

/// Writing times the way CertDesk shows them everywhere: fixed patterns, Western digits, in a
/// given time zone (a sitting's centre, or the terminal's).
public enum ClockText {
    /// `date` written with a `DateFormatter` pattern such as `yyyy-MM-dd HH:mm`.
    public static func format(_ date: Date, _ pattern: String, timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

extension Sitting {
    /// `date` in the centre's time zone, e.g. `2026-12-05 09:30`.
    public func localTime(_ date: Date, _ pattern: String = "yyyy-MM-dd HH:mm") -> String {
        ClockText.format(date, pattern, timeZone: TimeZone(identifier: timeZone) ?? .current)
    }
}
