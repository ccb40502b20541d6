/// A person's name as written in one script: family name and given name kept apart.
///
/// Chinese names are written family name first with no space (陳大文); names in Latin script
/// given name first (Tai Man CHAN is written `Tai Man Chan`).
public struct PersonName: Sendable, Hashable, Codable {
    public var family: String
    public var given: String

    public init(family: String, given: String) {
        self.family = family
        self.given = given
    }

    /// Whether the name is written in Han characters.
    public var isHan: Bool {
        (family + given).unicodeScalars.contains { scalar in
            (0x3400...0x9FFF).contains(scalar.value) || (0x20000...0x3134F).contains(scalar.value)
                || (0xF900...0xFAFF).contains(scalar.value)
        }
    }

    /// The name as it is written in full: `陳大文` or `Tai Man Chan`.
    public var displayed: String {
        if isHan { return family + given }
        return [given, family].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
