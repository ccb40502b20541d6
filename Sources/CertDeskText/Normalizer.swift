import CICUShim

/// Unicode normalisation for comparing text as a person reads it.
public enum Normalizer {
    /// NFKC: full-width letters and digits become ASCII, compatibility forms are unified.
    public static func nfkc(_ text: String) -> String { run(text, fold: false) }

    /// NFKC with case folding (`NFKC_Casefold`), for case-insensitive comparison.
    public static func nfkcCaseFolded(_ text: String) -> String { run(text, fold: true) }

    /// The comparison key of a typed answer: NFKC, case folded, white space collapsed and trimmed.
    public static func comparisonKey(_ text: String) -> String {
        let folded = nfkcCaseFolded(text)
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func run(_ text: String, fold: Bool) -> String {
        let units = Array(text.utf16)
        if units.isEmpty { return text }
        var capacity = units.count * 2 + 8
        for _ in 0..<3 {
            var out = [UInt16](repeating: 0, count: capacity)
            let count = units.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { target in
                    cdi_nfkc(source.baseAddress, Int32(source.count), fold ? 1 : 0, target.baseAddress, Int32(capacity))
                }
            }
            if count < 0 { return text }
            if Int(count) <= capacity { return String(decoding: out.prefix(Int(count)), as: UTF16.self) }
            capacity = Int(count) + 8
        }
        return text
    }
}
