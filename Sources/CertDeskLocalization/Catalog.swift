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
        if let catalog = LoadedCatalogs.shared.catalog(at: path), catalog.language == language { return catalog }
        let catalog = try read(language: language, path: path)
        LoadedCatalogs.shared.keep(catalog, at: path)
        return catalog
    }

    private static func read(language: Language, path: String) throws -> Catalog {
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

        // Bytes, not characters: every command loads the catalogs before it does anything else.
        let bytes = Array(text.utf8)
        var number = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            number += 1
            let line = trimmed(bytes[lineStart..<lineEnd])
            if line.isEmpty || line.first == UInt8(ascii: "#") {
                if line.isEmpty, field == "msgstr" { flush() }
                continue
            }
            var keyword: String?
            var rest = line
            for candidate in ["msgctxt", "msgid", "msgstr"] where line.starts(with: Array((candidate + " ").utf8)) {
                keyword = candidate
                rest = line.dropFirst(candidate.utf8.count + 1)
                break
            }
            guard let literal = unquote(trimmed(rest)) else {
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

    /// `line` without the spaces and tabs around it.
    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = line.firstIndex(where: { !isBlank($0) }) else { return line[line.endIndex...] }
        return line[first...line.lastIndex(where: { !isBlank($0) })!]
    }

    /// The text of a quoted PO string, with `\n`, `\t` and other escapes resolved.
    private static func unquote(_ text: ArraySlice<UInt8>) -> String? {
        let quote = UInt8(ascii: "\"")
        guard text.count >= 2, text.first == quote, text.last == quote else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var escaping = false
        for byte in text.dropFirst().dropLast() {
            if escaping {
                switch byte {
                case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): result.append(UInt8(ascii: "\t"))
                default: result.append(byte)
                }
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                result.append(byte)
            }
        }
        return escaping ? nil : String(decoding: result, as: UTF8.self)
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

/// Catalogs already read by this process, by path: help texts and the command's own messages
/// come from the same files, which are read once.
private final class LoadedCatalogs: @unchecked Sendable {
    static let shared = LoadedCatalogs()
    private let lock = NSLock()
    private var catalogs: [String: Catalog] = [:]

    func catalog(at path: String) -> Catalog? { lock.withLock { catalogs[path] } }

    func keep(_ catalog: Catalog, at path: String) { lock.withLock { catalogs[path] = catalog } }
}
