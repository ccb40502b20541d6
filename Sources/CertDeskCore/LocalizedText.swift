/// A text in up to three languages, remembering which versions were derived by script conversion.
///
/// Derived text (zh-Hans made from zh-Hant by ICU, or the reverse) is kept apart from reviewed
/// text so that nobody mistakes a machine conversion for a translator's work.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The text per language.
    public private(set) var values: [Language: String]
    /// The languages whose text was derived, not written.
    public private(set) var derived: Set<Language>

    public init(_ values: [Language: String], derived: Set<Language> = []) {
        self.values = values
        self.derived = derived
    }

    /// The text in `language`, if present.
    public subscript(language: Language) -> String? { values[language] }

    /// The text in `language`, else in the nearest language that has it.
    ///
    /// Chinese falls back to the other Chinese script before English.
    public func best(for language: Language) -> String {
        if let text = values[language] { return text }
        if let other = language.otherChineseScript, let text = values[other] { return text }
        for candidate in Language.allCases { if let text = values[candidate] { return text } }
        return ""
    }

    /// The languages present, in catalogue order.
    public var languages: [Language] { Language.allCases.filter { values[$0] != nil } }

    /// Adds a derived version of the text in `language`.
    public mutating func setDerived(_ text: String, for language: Language) {
        values[language] = text
        derived.insert(language)
    }

    private enum CodingKeys: String, CodingKey {
        case en, zhHant = "zh-Hant", zhHans = "zh-Hans", derived
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var values: [Language: String] = [:]
        values[.english] = try container.decodeIfPresent(String.self, forKey: .en)
        values[.traditionalChinese] = try container.decodeIfPresent(String.self, forKey: .zhHant)
        values[.simplifiedChinese] = try container.decodeIfPresent(String.self, forKey: .zhHans)
        self.values = values
        let derivedTags = try container.decodeIfPresent([String].self, forKey: .derived) ?? []
        self.derived = Set(derivedTags.compactMap(Language.init(rawValue:)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(values[.english], forKey: .en)
        try container.encodeIfPresent(values[.traditionalChinese], forKey: .zhHant)
        try container.encodeIfPresent(values[.simplifiedChinese], forKey: .zhHans)
        if !derived.isEmpty {
            try container.encode(derived.sorted().map(\.rawValue), forKey: .derived)
        }
    }
}
