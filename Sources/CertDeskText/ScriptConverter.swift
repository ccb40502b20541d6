import CICUShim

/// Converts Chinese text between Traditional and Simplified script with ICU's transforms.
///
/// The conversion is character by character (ICU's `Hant-Hans` and `Hans-Hant`), so it does not
/// choose regional vocabulary: text made this way is a draft to be reviewed, and CertDesk marks
/// it as derived wherever it stores it.
public enum ScriptConverter {
    /// The direction of a conversion.
    public enum Direction: String, Sendable {
        case traditionalToSimplified = "Hant-Hans"
        case simplifiedToTraditional = "Hans-Hant"
    }

    /// `text` converted in `direction`, or `nil` when ICU has no such transform.
    public static func convert(_ text: String, _ direction: Direction) -> String? {
        let units = Array(text.utf16)
        var capacity = units.count * 2 + 16
        for _ in 0..<3 {
            var out = [UInt16](repeating: 0, count: capacity)
            let count = units.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { target in
                    cdi_transliterate(
                        direction.rawValue, source.baseAddress, Int32(source.count),
                        target.baseAddress, Int32(capacity))
                }
            }
            if count < 0 { return nil }
            if Int(count) <= capacity { return String(decoding: out.prefix(Int(count)), as: UTF16.self) }
            capacity = Int(count) + 16
        }
        return nil
    }
}
