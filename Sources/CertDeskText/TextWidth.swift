import CICUShim

/// Terminal display width of text, measured with ICU's East Asian Width property.
///
/// CJK ideographs and full-width forms take two columns, combining marks none, everything
/// else one. Columns of mixed Chinese and Latin text line up when padded with these widths.
public enum TextWidth {
    /// The number of terminal columns `text` occupies.
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            width += Int(cdi_code_point_width(Int32(bitPattern: scalar.value)))
        }
        return width
    }

    /// `text` padded with spaces on the right (or left) to `width` columns.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let missing = max(0, width - of(text))
        let padding = String(repeating: " ", count: missing)
        return alignRight ? padding + text : text + padding
    }

    /// `text` cut to at most `width` columns, ending in an ellipsis when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = of(String(character))
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }
}
