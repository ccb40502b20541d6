import BenchKit
import Foundation

/// How numbers are written in docs/performance.md.
enum Figures {
    /// A measure with its unit: "3.47 ms", "182 ms", "1.25 s", "12,000 count" → "12,000".
    static func measure(_ measure: Measure) -> String {
        let value = measure.value
        guard value.isFinite else { return "—" }
        switch measure.unit {
        case "ms":
            return number(value, decimals: abs(value) < 10 ? 2 : abs(value) < 100 ? 1 : 0) + " ms"
        case "µs", "us":
            return number(value, decimals: abs(value) < 10 ? 2 : 0) + " µs"
        case "s":
            return number(value, decimals: 2) + " s"
        case "count":
            return number(value, decimals: value == value.rounded() ? 0 : 2)
        case "MiB", "GiB", "KiB":
            return number(value, decimals: 1) + " " + measure.unit
        case "%":
            return number(value, decimals: 1) + " %"
        default:
            return number(value, decimals: abs(value) < 10 ? 2 : 1) + " " + measure.unit
        }
    }

    /// CertDesk's figure over the floor's: "4.2×"; "—" when the floor is zero or missing.
    static func ratio(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "—" }
        return number(value, decimals: value < 10 ? 1 : 0) + "×"
    }

    /// `value` with `decimals` decimals and thousands separators ("12,345.67").
    static func number(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Text fit for one table cell: no line breaks, pipes escaped.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
    }

    /// A date as "2026-11-23 19:41 UTC".
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
