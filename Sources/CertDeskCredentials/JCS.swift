import Foundation

/// The JSON Canonicalization Scheme (RFC 8785): one byte-exact text for any JSON value.
///
/// Members are sorted by the UTF-16 code units of their names, numbers are written as
/// ECMAScript's `Number.prototype.toString` writes them, strings escape only what JSON
/// requires, and there is no whitespace. Hash or sign the UTF-8 of the result.
///
/// ```swift
/// try JCS.canonicalize(data: Data(#"{"b": 2.50, "a": 1E2}"#.utf8))  // {"a":100,"b":2.5}
/// ```
public enum JCS {
    /// The canonical text of a value.
    ///
    /// A non-finite number (which no parsed JSON holds) is written `null`, as
    /// `JSON.stringify` does.
    public static func canonicalize(_ json: JSONValue) -> String {
        var output = ""
        write(json, to: &output)
        return output
    }

    /// Parses a JSON text strictly and returns its canonical text.
    ///
    /// - Throws: ``JSONParseError`` when the text is not valid I-JSON.
    public static func canonicalize(data: Data) throws -> String {
        canonicalize(try JSONValue.parse(data))
    }

    /// The canonical text as UTF-8 bytes, ready to hash.
    public static func canonicalData(_ json: JSONValue) -> Data {
        Data(canonicalize(json).utf8)
    }

    static func write(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += serialize(number)
        case .string(let text): writeString(text, to: &output)
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                write(element, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (position, name) in names.enumerated() {
                if position > 0 { output += "," }
                writeString(name, to: &output)
                output += ":"
                write(members[name]!, to: &output)
            }
            output += "}"
        }
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// Writes a double as ECMAScript's `Number::toString` does (ECMA-262, 7.1.12.1).
    ///
    /// Swift's `description` already gives the shortest digits that round-trip; this only
    /// re-lays them out: plain integers up to 10^21, fixed notation down to 10^-6, and
    /// `d.ddde±n` beyond.
    public static func serialize(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == 0 { return "0" }
        let negative = number < 0
        let (digits, pointPosition) = shortestDigits(abs(number))
        let k = digits.count
        let n = pointPosition
        var text: String
        if k <= n && n <= 21 {
            text = digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            text = String(digits.prefix(n)) + "." + String(digits.dropFirst(n))
        } else if -6 < n && n <= 0 {
            text = "0." + String(repeating: "0", count: -n) + digits
        } else {
            let exponent = n - 1
            let sign = exponent < 0 ? "-" : "+"
            let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
            text = mantissa + "e" + sign + String(abs(exponent))
        }
        return negative ? "-" + text : text
    }

    /// The shortest round-trip decimal digits `s` (no leading or trailing zeros) and the
    /// position `n` of the decimal point, so that the value is `0.s × 10^n`.
    static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        let description = value.description
        var mantissa = Substring(description)
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponent = Int(description[description.index(after: e)...])!
        }
        let integerPart: Substring
        let fractionPart: Substring
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        } else {
            integerPart = mantissa
            fractionPart = ""
        }
        var digits = Array(integerPart + fractionPart)
        var pointPosition = integerPart.count + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        return (String(digits), pointPosition)
    }
}
