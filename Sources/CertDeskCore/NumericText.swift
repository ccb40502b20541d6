/// Reading a number a candidate typed, in any of the ways people type numbers, and writing
/// hours and marks the way messages show them.
public enum NumericText {
    /// A whole number without a decimal point, anything else to one decimal: `40`, `7.5`.
    public static func compact(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// The number in `text`, or `nil` when it is not one.
    ///
    /// Full-width digits and signs (`４８．０`, typed with a Chinese input method) read as their
    /// ASCII forms; thousands separators (`1,800`) and a trailing percent sign (`49.0%`, for items
    /// that ask for a percentage) are ignored; white space around the number is allowed. A comma
    /// anywhere but between groups of three digits (`48,5`, a decimal comma) makes the text not a
    /// number, rather than being dropped to read 485.
    public static func parse(_ text: String) -> Double? {
        var ascii = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: ascii.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E, 0x3002: ascii.append(".")
            case 0xFF0D, 0x2212: ascii.append("-")
            case 0xFF0B: ascii.append("+")
            case 0xFF0C: ascii.append(",")
            case 0xFF05: ascii.append("%")
            case 0x3000: ascii.append(" ")
            default: ascii.unicodeScalars.append(scalar)
            }
        }
        var trimmed = ascii.trimmingCharacters(in: " \t")
        if trimmed.hasSuffix("%") { trimmed = String(trimmed.dropLast()).trimmingCharacters(in: " \t") }
        guard let grouped = Self.removingThousandsSeparators(trimmed) else { return nil }
        trimmed = grouped
        guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789.+-eE".contains($0) }), let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }

    /// `text` without its thousands separators, or `nil` when a comma separates anything other
    /// than groups of three digits before the decimal point (`1,800` → `1800`; `48,5` → `nil`).
    static func removingThousandsSeparators(_ text: String) -> String? {
        guard text.contains(",") else { return text }
        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = String(first)
            body = body.dropFirst()
        }
        let integerEnd = body.firstIndex { $0 == "." || $0 == "e" || $0 == "E" } ?? body.endIndex
        guard !body[integerEnd...].contains(",") else { return nil }
        let groups = body[..<integerEnd].split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return sign + groups.joined() + body[integerEnd...]
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
