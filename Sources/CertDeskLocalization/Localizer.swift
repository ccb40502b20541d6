import CertDeskCore
import CertDeskText
import Foundation

/// Makes the text a person reads, in their language, from message keys and arguments.
///
/// A key missing from the reader's catalog falls back to English, then to the key itself, so
/// nothing is ever silently dropped.
public struct Localizer: Sendable {
    public let language: Language
    private let catalogs: [Language: Catalog]

    public init(language: Language, catalogs: [Language: Catalog]) {
        self.language = language
        self.catalogs = catalogs
    }

    /// Loads the catalogs from a `locales/` folder.
    ///
    /// English is required; a missing Chinese catalog makes messages fall back to English (and
    /// `certdesk locales check` reports it).
    public static func load(language: Language, localesDirectory: String) throws -> Localizer {
        var catalogs: [Language: Catalog] = [:]
        for candidate in Language.allCases {
            let path = (localesDirectory as NSString).appendingPathComponent("\(candidate.rawValue).po")
            if candidate != .english, !FileManager.default.fileExists(atPath: path) { continue }
            catalogs[candidate] = try Catalog.load(language: candidate, path: path)
        }
        return Localizer(language: language, catalogs: catalogs)
    }

    /// The same catalogs speaking another language.
    public func speaking(_ language: Language) -> Localizer {
        Localizer(language: language, catalogs: catalogs)
    }

    /// The message `key` with its `{placeholders}` filled from `arguments`.
    public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        let template =
            catalogs[language]?.entries[key]?.text
            ?? catalogs[.english]?.entries[key]?.text
            ?? key
        return Self.fill(template, arguments)
    }

    /// Whether the English catalog has `key` (every catalog should).
    public func has(_ key: String) -> Bool { catalogs[.english]?.entries[key] != nil }

    /// A problem as one line a person reads: `file:line:col: error: message`.
    public func describe(_ problem: Problem) -> String {
        var prefix = ""
        if let location = problem.location { prefix = "\(location): " }
        let severity = text(problem.severity == .error ? "severity.error" : "severity.warning")
        var arguments = problem.arguments
        if let subject = problem.subject, arguments["id"] == nil { arguments["id"] = subject }
        return "\(prefix)\(severity): \(text(problem.key, arguments))"
    }

    /// The catalog of a language, for checks.
    public func catalog(_ language: Language) -> Catalog? { catalogs[language] }

    /// The collator for this language's sort order (pinyin for zh-Hans, stroke for zh-Hant).
    public var collator: Collator { Collator(icuLocale: Self.collationLocale(language)) }

    /// The ICU locale id used for sorting in `language`.
    public static func collationLocale(_ language: Language) -> String {
        switch language {
        case .english: "en"
        case .simplifiedChinese: "zh@collation=pinyin"
        case .traditionalChinese: "zh_Hant@collation=stroke"
        }
    }

    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = template
        for (name, value) in arguments {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }
}
