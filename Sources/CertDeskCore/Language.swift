/// A language CertDesk speaks: English, Traditional Chinese or Simplified Chinese.
public enum Language: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case english = "en"
    case traditionalChinese = "zh-Hant"
    case simplifiedChinese = "zh-Hans"

    /// The BCP 47 tag, as used in files and on the command line.
    public var tag: String { rawValue }

    /// Whether the language is written in Chinese script.
    public var isChinese: Bool { self != .english }

    /// The other Chinese script, for deriving text by conversion.
    public var otherChineseScript: Language? {
        switch self {
        case .english: nil
        case .traditionalChinese: .simplifiedChinese
        case .simplifiedChinese: .traditionalChinese
        }
    }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a tag leniently: `zh-Hant`, `zh_TW`, `zh-hk`, `zh-Hans`, `zh_CN`, `en_US`, ...
    ///
    /// Returns `nil` for a tag CertDesk does not speak.
    public init?(lenientTag: String) {
        let tag = lenientTag.split(separator: ".").first.map(String.init) ?? lenientTag
        let parts = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first else { return nil }
        switch first {
        case "en":
            self = .english
        case "zh":
            let rest = Set(parts.dropFirst())
            if !rest.isDisjoint(with: ["hant", "tw", "hk", "mo"]) {
                self = .traditionalChinese
            } else {
                self = .simplifiedChinese
            }
        default:
            return nil
        }
    }
}
