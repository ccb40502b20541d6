import CertDeskCore
import Yams

/// Shared rules of the content formats: identifiers, track codes, the `language:` declaration.
enum ContentRules {
    /// Ids are ASCII letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64 long.
    static func isValidIdentifier(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.count <= 64 else { return false }
        let allowed = { (scalar: Unicode.Scalar) in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
        }
        return allowed(first) && first != "." && first != "-" && first != "_" && id.unicodeScalars.allSatisfy(allowed)
    }

    /// A track code: 2 to 16 upper-case ASCII letters and digits, starting with a letter.
    static func trackCode(_ code: String, node: Node?, reader: inout NodeReader) -> String? {
        let scalars = code.unicodeScalars
        let valid =
            (2...16).contains(scalars.count)
            && scalars.first.map { ("A"..."Z").contains($0) } == true
            && scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        if !valid {
            reader.error("content.track.invalid-code", ["track": code], at: node)
            return nil
        }
        return code
    }

    static func declaredLanguage(_ node: Node, reader: inout NodeReader) -> Language? {
        guard let tag = reader.string(node, field: "language") else { return nil }
        guard let language = Language(rawValue: tag) else {
            reader.error("content.text.unknown-language", ["language": tag, "field": "language"], at: node)
            return nil
        }
        return language
    }
}
