import Foundation

/// A person who registers for CertDesk exams.
///
/// The ID document number and email are personal data: they identify the person to the
/// certification body and appear on no paper, screen for markers, or public export.
public struct Candidate: Sendable, Hashable, Codable {
    /// The candidate number, e.g. `C-000123-0`; see ``CandidateNumber``.
    public var number: String
    /// The name in the script of the ID document.
    public var name: PersonName
    /// The name in a second script, if the candidate has one (e.g. 陳大文 beside Tai Man Chan).
    public var otherName: PersonName?
    public var idDocument: String
    public var email: String?
    public var language: Language
    public var createdAt: Date

    public init(
        number: String, name: PersonName, otherName: PersonName?, idDocument: String, email: String?, language: Language,
        createdAt: Date
    ) {
        self.number = number
        self.name = name
        self.otherName = otherName
        self.idDocument = idDocument
        self.email = email
        self.language = language
        self.createdAt = createdAt
    }

    /// The name to show a reader of `language`: the Han-script name for Chinese readers when recorded.
    public func displayName(for language: Language) -> String { displayedName(for: language).displayed }

    /// The name shown to a reader of `language`, family and given name apart.
    public func displayedName(for language: Language) -> PersonName {
        guard let otherName else { return name }
        if language.isChinese { return otherName.isHan ? otherName : name }
        return name.isHan ? otherName : name
    }

    /// What a listing sorts by for a reader of `language`: family name, then given name.
    public func sortName(for language: Language) -> String {
        let shown = displayedName(for: language)
        return shown.family + "\u{1}" + shown.given
    }

    /// Both names, as on a certificate: `Tai Man Chan 陳大文`.
    public var fullDisplayName: String {
        [name.displayed, otherName?.displayed].compactMap { $0 }.joined(separator: " ")
    }
}

/// Candidate numbers: `C-` six digits, a check digit, e.g. `C-000123-0`.
///
/// The check digit (Luhn) catches a mistyped digit or two swapped digits at the login prompt.
public enum CandidateNumber {
    /// The number of the `sequence`-th candidate.
    public static func make(_ sequence: Int) -> String {
        let digits = String(format: "%06d", sequence)
        return "C-\(digits)-\(CheckDigit.luhn(digits))"
    }

    /// The canonical form of what someone typed (`c0001230`, `C-000123-0`, ` c 000123 6`), or
    /// `nil` when it is not a well-formed candidate number or its check digit is wrong.
    public static func normalize(_ typed: String) -> String? {
        let compact = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard compact.count == 8, compact.first == "C" else { return nil }
        let digits = String(compact.dropFirst())
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let body = String(digits.prefix(6))
        guard CheckDigit.luhn(body) == Int(String(digits.last!)) else { return nil }
        return "C-\(body)-\(digits.last!)"
    }
}
