import CertDeskCore
import CertDeskText
import Yams

/// Reads typed values out of a YAML node tree, recording a located problem for every mistake.
///
/// Working on Yams `Node`s (not `Decodable`) is what lets every problem name its
/// file:line:column: each node carries the mark where it starts.
struct NodeReader {
    let file: String
    /// The language of plain-string texts, when the file declares one.
    var declaredLanguage: Language?
    private(set) var problems: [Problem] = []

    init(file: String) { self.file = file }

    mutating func report(_ problem: Problem) { problems.append(problem) }

    mutating func error(_ key: String, _ arguments: [String: String] = [:], at node: Node?, subject: String? = nil) {
        problems.append(.error(key, arguments, at: location(of: node), subject: subject))
    }

    mutating func warning(_ key: String, _ arguments: [String: String] = [:], at node: Node?, subject: String? = nil) {
        problems.append(.warning(key, arguments, at: location(of: node), subject: subject))
    }

    func location(of node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// The mapping's entries keyed by name, reporting keys outside `allowed`.
    mutating func fields(_ node: Node, allowed: [String], context: String, subject: String? = nil) -> Fields? {
        guard case .mapping(let mapping) = node else {
            error("content.yaml.expected-mapping", ["field": context], at: node, subject: subject)
            return nil
        }
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                error("content.yaml.bad-key", ["field": context], at: key, subject: subject)
                continue
            }
            if !allowed.contains(name) {
                error(
                    "content.yaml.unknown-key", ["key": name, "field": context, "allowed": allowed.joined(separator: ", ")],
                    at: key, subject: subject)
                continue
            }
            values[name] = value
            keys[name] = key
        }
        return Fields(node: node, values: values, keys: keys, context: context, subject: subject)
    }

    /// A required value; reports the missing key at the mapping.
    mutating func require(_ fields: Fields, _ key: String) -> Node? {
        if let value = fields.values[key] { return value }
        error("content.yaml.missing-key", ["key": key, "field": fields.context], at: fields.node, subject: fields.subject)
        return nil
    }

    mutating func string(_ node: Node?, field: String, subject: String? = nil) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, scalar.tag.description != "tag:yaml.org,2002:null",
            !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty || scalar.style != .plain
        else {
            error("content.yaml.expected-string", ["field": field], at: node, subject: subject)
            return nil
        }
        let value = scalar.string
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error("content.yaml.empty-string", ["field": field], at: node, subject: subject)
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node?, field: String, range: ClosedRange<Int>, subject: String? = nil) -> Int? {
        guard let node else { return nil }
        guard case .scalar = node, let value = node.int else {
            error("content.yaml.expected-integer", ["field": field], at: node, subject: subject)
            return nil
        }
        guard range.contains(value) else {
            error(
                "content.yaml.out-of-range",
                [
                    "field": field, "value": String(value),
                    "min": String(range.lowerBound), "max": String(range.upperBound),
                ], at: node, subject: subject)
            return nil
        }
        return value
    }

    mutating func number(
        _ node: Node?, field: String, minimum: Double, maximum: Double = .greatestFiniteMagnitude,
        exclusiveMinimum: Bool = false, subject: String? = nil
    ) -> Double? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = node.float, value.isFinite else {
            error("content.yaml.expected-number", ["field": field], at: node, subject: subject)
            return nil
        }
        let tooLow = exclusiveMinimum ? value <= minimum : value < minimum
        if tooLow || value > maximum {
            error(
                "content.yaml.number-out-of-range",
                [
                    "field": field, "value": Self.format(value), "min": Self.format(minimum),
                    "max": maximum == .greatestFiniteMagnitude ? "∞" : Self.format(maximum),
                ], at: node, subject: subject)
            return nil
        }
        return value
    }

    mutating func boolean(_ node: Node?, field: String, subject: String? = nil) -> Bool? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain,
            ["true", "false"].contains(scalar.string.lowercased())
        else {
            error("content.yaml.expected-boolean", ["field": field], at: node, subject: subject)
            return nil
        }
        return scalar.string.lowercased() == "true"
    }

    mutating func sequence(_ node: Node?, field: String, subject: String? = nil) -> [Node]? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node else {
            error("content.yaml.expected-list", ["field": field], at: node, subject: subject)
            return nil
        }
        return Array(sequence)
    }

    /// A text in the three languages, deriving a missing Chinese script with ICU.
    ///
    /// A plain string is accepted only when the file declares `language:`.
    mutating func localizedText(_ node: Node?, field: String, subject: String? = nil) -> LocalizedText? {
        guard let node else { return nil }
        var values: [Language: String] = [:]
        switch node {
        case .scalar:
            guard let declaredLanguage else {
                error("content.text.plain-string", ["field": field], at: node, subject: subject)
                return nil
            }
            guard let value = string(node, field: field, subject: subject) else { return nil }
            values[declaredLanguage] = value
        case .mapping(let mapping):
            if mapping.isEmpty {
                error("content.text.expected-text", ["field": field], at: node, subject: subject)
                return nil
            }
            for (key, value) in mapping {
                guard let tag = key.string, let language = Language(rawValue: tag) else {
                    error(
                        "content.text.unknown-language", ["language": key.string ?? "?", "field": field],
                        at: key, subject: subject)
                    continue
                }
                if let text = string(value, field: "\(field).\(tag)", subject: subject) { values[language] = text }
            }
            if values.isEmpty { return nil }
        default:
            error("content.text.expected-text", ["field": field], at: node, subject: subject)
            return nil
        }
        var text = LocalizedText(values)
        for language in [Language.simplifiedChinese, .traditionalChinese] where values[language] == nil {
            guard let source = language.otherChineseScript, let original = values[source] else { continue }
            let direction: ScriptConverter.Direction =
                language == .simplifiedChinese ? .traditionalToSimplified : .simplifiedToTraditional
            if let converted = ScriptConverter.convert(original, direction) {
                text.setDerived(converted, for: language)
            }
        }
        if declaredLanguage == nil {
            let missing = Language.allCases.filter { text[$0] == nil }
            if !missing.isEmpty {
                error(
                    "content.text.missing-language",
                    [
                        "field": field, "languages": missing.map(\.rawValue).joined(separator: ", "),
                    ], at: node, subject: subject)
                return nil
            }
        }
        return text
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A YAML mapping's entries, with the key nodes kept for locations.
struct Fields {
    let node: Node
    let values: [String: Node]
    let keys: [String: Node]
    let context: String
    let subject: String?

    subscript(key: String) -> Node? { values[key] }
}
