import CICUShim

/// Wraps mixed CJK and Latin text to a display width at ICU's line-break opportunities (UAX #14).
///
/// Latin words stay whole, Chinese text breaks between ideographs but never before closing
/// punctuation such as `，` or `。`. A word wider than the line is broken between grapheme
/// clusters.
public enum LineBreaker {
    /// The lines of `text` wrapped to `width` columns; existing line feeds are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        precondition(width > 0, "width must be positive")
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(contentsOf: wrapParagraph(String(paragraph), width: width))
        }
        return lines
    }

    /// UTF-16 offsets at which a line may break, including 0 and the end.
    public static func breakOffsets(_ text: String) -> [Int] {
        offsets(text, using: cdi_line_breaks)
    }

    /// UTF-16 offsets of grapheme cluster boundaries, including 0 and the end.
    public static func graphemeOffsets(_ text: String) -> [Int] {
        offsets(text, using: cdi_grapheme_breaks)
    }

    private static func offsets(
        _ text: String,
        using boundaries: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>?, Int32) -> Int32
    ) -> [Int] {
        let units = Array(text.utf16)
        if units.isEmpty { return [0] }
        var capacity = units.count + 2
        while true {
            var out = [Int32](repeating: 0, count: capacity)
            let count = units.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { target in
                    boundaries(source.baseAddress, Int32(source.count), target.baseAddress, Int32(capacity))
                }
            }
            if count < 0 { return [0, units.count] }
            if Int(count) <= capacity { return out.prefix(Int(count)).map(Int.init) }
            capacity = Int(count)
        }
    }

    private static func wrapParagraph(_ text: String, width: Int) -> [String] {
        if TextWidth.of(text) <= width { return [text] }
        let units = Array(text.utf16)
        let breaks = breakOffsets(text)
        var segments: [String] = []
        for index in 1..<breaks.count {
            let piece = String(decoding: units[breaks[index - 1]..<breaks[index]], as: UTF16.self)
            segments.append(piece)
        }
        var lines: [String] = []
        var current = ""
        for segment in segments {
            if TextWidth.of(current + segment.trimmingTrailingSpaces()) <= width {
                current += segment
                continue
            }
            if !current.isEmpty {
                lines.append(current.trimmingTrailingSpaces())
                current = ""
            }
            if TextWidth.of(segment.trimmingTrailingSpaces()) <= width {
                current = segment
            } else {
                for character in segment {
                    if TextWidth.of(current + String(character)) > width {
                        lines.append(current.trimmingTrailingSpaces())
                        current = ""
                    }
                    current.append(character)
                }
            }
        }
        if !current.isEmpty { lines.append(current.trimmingTrailingSpaces()) }
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
