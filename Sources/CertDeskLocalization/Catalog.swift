import CertDeskCore
import Foundation

/// One language's messages, read from a GNU gettext PO file.
///
/// CertDesk uses stable message ids (`content.option.no-correct`) as `msgid` and the text as
/// `msgstr`; placeholders are named in braces (`{id}`), so translators can reorder them.
/// Comments starting `#.` describe the placeholders for translators.
public struct Catalog: Sendable {
    /// One entry: its text and where it stands in the file.
    public struct Entry: Sendable {
        public var text: String
        public var line: Int
    }

    public var language: Language
    public var entries: [String: Entry]
    /// Where the catalog was read from.
    public var path: String

    public init(language: Language, entries: [String: Entry], path: String) {
        self.language = language
        self.entries = entries
        self.path = path
    }

    /// Reads and parses a PO file.
    ///
    /// - Throws: `ProblemsError` naming the file and line of a syntax error or duplicate id.
    public static func load(language: Language, path: String) throws -> Catalog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProblemsError.error("locale.catalog.unreadable", ["path": path])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProblemsError.error("locale.catalog.not-utf8", ["path": path])
        }
        return try parse(text, language: language, path: path)
    }

    /// Parses the text of a PO file.
    public static func parse(_ text: String, language: Language, path: String) throws -> Catalog {
        var entries: [String: Entry] = [:]
        var problems: [Problem] = []
        var field: String?
        var msgid = ""
        var msgstr = ""
        var entryLine = 0

        func flush() {
            defer {
                msgid = ""
                msgstr = ""
                field = nil
            }
            guard field != nil, !msgid.isEmpty else { return }
            if entries[msgid] != nil {
                problems.append(
                    .error(
                        "locale.catalog.duplicate", ["key": msgid],
                        at: SourceLocation(file: path, line: entryLine, column: 1)))
            }
            entries[msgid] = Entry(text: msgstr, line: entryLine)
        }

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") {
                if line.isEmpty, field == "msgstr" { flush() }
                continue
            }
            let (keyword, rest): (String?, Substring) = {
                for keyword in ["msgctxt", "msgid", "msgstr"] where line.hasPrefix(keyword + " ") {
                    return (keyword, line.dropFirst(keyword.count + 1))
                }
                return (nil, Substring(line))
            }()
            guard let literal = unquote(rest.trimmingCharacters(in: .whitespaces)) else {
                problems.append(
                    .error(
                        "locale.catalog.syntax", ["line": String(number)],
                        at: SourceLocation(file: path, line: number, column: 1)))
                continue
            }
            switch keyword {
            case "msgid":
                if field == "msgstr" { flush() }
                field = "msgid"
                msgid = literal
                entryLine = number
            case "msgstr":
                field = "msgstr"
                msgstr = literal
            case "msgctxt":
                if field == "msgstr" { flush() }
                field = "msgctxt"
            default:
                if field == "msgid" { msgid += literal } else if field == "msgstr" { msgstr += literal }
            }
        }
        if field == "msgstr" { flush() }
        if !problems.isEmpty { throw ProblemsError(problems) }
        return Catalog(language: language, entries: entries, path: path)
    }

    private static func unquote(_ text: String) -> String? {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return nil }
        var result = ""
        var escaping = false
        for character in text.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return escaping ? nil : result
    }

    /// The placeholder names used in a message, e.g. `["id", "file"]` for `{id} in {file}`.
    public static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty { names.insert(name) }
                current = nil
            } else if current != nil {
                if character.isLetter || character.isNumber || character == "-" || character == "_" {
                    current?.append(character)
                } else {
                    current = nil
                }
            }
        }
        return names
    }
}
