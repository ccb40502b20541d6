import CertDeskText

/// Fitting text into terminal columns: wrapping by display width, packing key lists, and
/// cutting what still does not fit, so no line ever reaches past the last column.
public enum ScreenLayout {
    /// `text` with control characters (tabs, escapes) turned into spaces; line feeds are kept
    /// when `keepLineFeeds`. Text from the bank or the keyboard never reaches the terminal raw.
    public static func sanitize(_ text: String, keepLineFeeds: Bool = true) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n", keepLineFeeds {
                result.append(scalar)
            } else if scalar == "\r" {
                continue
            } else if scalar.properties.generalCategory == .control {
                result.append(" ")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `line` cut to `width` columns (with an ellipsis when cut).
    public static func fit(_ line: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let clean = sanitize(line, keepLineFeeds: false)
        return TextWidth.of(clean) <= width ? clean : TextWidth.truncate(clean, to: width)
    }

    /// `text` wrapped at line-break opportunities to `width` columns: the first line starts with
    /// `indent`, the others with `hanging` (default: as many spaces as `indent` is wide).
    public static func wrap(_ text: String, width: Int, indent: String = " ", hanging: String? = nil) -> [String] {
        let rest = hanging ?? String(repeating: " ", count: TextWidth.of(indent))
        let available = max(1, width - max(TextWidth.of(indent), TextWidth.of(rest)))
        let lines = LineBreaker.wrap(sanitize(text), width: available)
        return lines.enumerated().map { index, line in fit((index == 0 ? indent : rest) + line, width: width) }
    }

    /// Entries such as `f flag` laid out in as few lines as fit, never splitting an entry.
    public static func pack(_ entries: [String], width: Int, separator: String = " · ", indent: String = " ") -> [String] {
        var lines: [String] = []
        var current = ""
        for entry in entries where !entry.isEmpty {
            let joined = current.isEmpty ? entry : current + separator + entry
            if TextWidth.of(indent + joined) <= width {
                current = joined
                continue
            }
            if !current.isEmpty { lines.append(fit(indent + current, width: width)) }
            current = entry
        }
        if !current.isEmpty { lines.append(fit(indent + current, width: width)) }
        return lines
    }

    /// `left` and `right` on one line of exactly `width` columns, `left` cut to make room.
    public static func spread(_ left: String, _ right: String, width: Int) -> String {
        let rightPart = fit(right, width: width)
        let room = width - TextWidth.of(rightPart) - 1
        guard room > 0 else { return TextWidth.pad(rightPart, to: width, alignRight: true) }
        let leftPart = fit(left, width: room)
        return TextWidth.pad(leftPart, to: width - TextWidth.of(rightPart)) + rightPart
    }
}
