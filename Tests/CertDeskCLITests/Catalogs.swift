import CertDeskCore
import CertDeskLocalization
import Foundation

/// The checkout's message catalogs, so tests expect exactly what a candidate reads in each
/// language — a translated message, or the English fallback while a translation is missing.
enum Catalogs {
    static func localizer(_ language: Language) throws -> Localizer {
        try Localizer.load(language: language, localesDirectory: CertDeskRunner.root + "/locales")
    }

    /// The message up to its first placeholder left unfilled: a stable beginning to wait for.
    static func beginning(_ key: String, _ arguments: [String: String] = [:], in localizer: Localizer) -> String {
        String(localizer.text(key, arguments).prefix { $0 != "{" })
    }

    /// A pattern for the message with any value in the placeholders not given, each captured
    /// under its own name (`{left}` → `left`).
    static func pattern(_ key: String, _ arguments: [String: String] = [:], in localizer: Localizer) throws -> Regex<AnyRegexOutput> {
        let escaped = NSRegularExpression.escapedPattern(for: localizer.text(key, arguments))
        let placeholder = try Regex(#"\\\{([a-z]+)\\\}"#)
        return try Regex(escaped.replacing(placeholder) { match in "(?<\(match.output[1].substring ?? "")>.+?)" })
    }

    /// The value captured for `name` by the first match of `pattern` in `text`.
    static func value(_ name: String, of pattern: Regex<AnyRegexOutput>, in text: String) -> String? {
        text.firstMatch(of: pattern)?.output[name]?.substring.map(String.init)
    }
}
