import CertDeskCore
import Foundation

/// A content file read from disk as UTF-8 text.
public struct SourceFile: Sendable {
    /// The path as the operator gave it (or found under a folder they gave).
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Reads every `.yaml` / `.yml` file named, descending into folders, in path order.
    ///
    /// Problems (a missing path, an empty folder, a file that is not UTF-8) are gathered, not
    /// thrown one by one, so the operator sees them all.
    public static func gather(_ paths: [String]) -> (files: [SourceFile], problems: [Problem]) {
        var files: [SourceFile] = []
        var problems: [Problem] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(.error("content.path.missing", ["path": path]))
                continue
            }
            var found: [String] = []
            if isDirectory.boolValue {
                let enumerator = manager.enumerator(atPath: path)
                while let relative = enumerator?.nextObject() as? String {
                    if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                        found.append((path as NSString).appendingPathComponent(relative))
                    }
                }
                if found.isEmpty {
                    problems.append(.error("content.path.empty-folder", ["path": path]))
                }
                found.sort()
            } else {
                found = [path]
            }
            for file in found {
                guard let data = manager.contents(atPath: file) else {
                    problems.append(.error("content.path.unreadable", ["path": file]))
                    continue
                }
                switch decodeUTF8(data) {
                case .success(let text):
                    files.append(SourceFile(path: file, text: text))
                case .failure(let position):
                    problems.append(
                        .error(
                            "content.file.not-utf8", ["offset": String(position.offset)],
                            at: SourceLocation(file: file, line: position.line, column: position.column)))
                }
            }
        }
        return (files, problems)
    }

    struct InvalidByte: Error {
        var offset: Int
        var line: Int
        var column: Int
    }

    /// Decodes UTF-8 strictly, reporting where the first invalid byte is.
    static func decodeUTF8(_ data: Data) -> Result<String, InvalidByte> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        // Find the first invalid sequence to say where it is.
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return .failure(InvalidByte(offset: index, line: line, column: column))
            }
            if index + length > bytes.count
                || String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil
            {
                return .failure(InvalidByte(offset: index, line: line, column: column))
            }
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return .failure(InvalidByte(offset: index, line: line, column: column))
    }
}
