/// Reading a number a candidate typed, in any of the ways people type numbers.
public enum NumericText {
    /// The number in `text`, or `nil` when it is not one.
    ///
    /// Full-width digits and signs (`４８．０`, typed with a Chinese input method) read as their
    /// ASCII forms; thousands separators (`1,800`) and a trailing percent sign (`49.0%`, for items
    /// that ask for a percentage) are ignored; white space around the number is allowed.
    public static func parse(_ text: String) -> Double? {
        var ascii = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: ascii.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E, 0x3002: ascii.append(".")
            case 0xFF0D, 0x2212: ascii.append("-")
            case 0xFF0B: ascii.append("+")
            case 0xFF0C, 0x2C: continue
            case 0xFF05: ascii.append("%")
            case 0x3000: ascii.append(" ")
            default: ascii.unicodeScalars.append(scalar)
            }
        }
        var trimmed = ascii.trimmingCharacters(in: " \t")
        if trimmed.hasSuffix("%") { trimmed = String(trimmed.dropLast()).trimmingCharacters(in: " \t") }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789.+-eE".contains($0) }), let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
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
