import Foundation

/// Writing to the terminal: standard output for results, standard error for problems.
enum Console {
    static func out(_ line: String = "") {
        print(line)
    }

    static func error(_ line: String) {
        let data = Array((line + "\n").utf8)
        data.withUnsafeBufferPointer { buffer in
            _ = write(2, buffer.baseAddress, buffer.count)
        }
    }

    /// Prints a value as pretty, key-sorted JSON.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        out(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

extension Console {
    /// Writes text as it is, without adding a line end (CSV brings its own).
    static func raw(_ text: String) {
        print(text, terminator: "")
    }
}
