/// Turns the bytes a raw-mode terminal sends into ``Key``s.
///
/// Bytes may arrive split anywhere (an arrow key's `ESC [ C` over a slow link, a Chinese
/// character's three UTF-8 bytes), so the decoder keeps an incomplete tail until more bytes
/// come. A lone Esc cannot be told from the start of a sequence until a moment has passed: the
/// caller waits briefly while ``hasPending`` is true and then calls ``flush()``.
///
/// ```swift
/// var decoder = KeyDecoder()
/// decoder.feed([0x1B, 0x5B, 0x43])        // [.right]
/// decoder.feed(Array("是".utf8))           // [.character("是")]
/// ```
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    /// A decoder with nothing held back.
    public init() {}

    /// Whether bytes are held back waiting for the rest of a sequence.
    public var hasPending: Bool { !pending.isEmpty }

    /// Decodes `bytes` after whatever was held back; an incomplete tail is kept for later.
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            guard let (key, length) = Self.decode(pending, at: index, final: false) else { break }
            if let key { keys.append(key) }
            index += length
        }
        pending.removeFirst(index)
        return keys
    }

    /// Decodes what is held back as if no more bytes will follow (a lone Esc becomes ``Key/escape``).
    public mutating func flush() -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            guard let (key, length) = Self.decode(pending, at: index, final: true) else { break }
            if let key { keys.append(key) }
            index += length
        }
        pending.removeAll()
        return keys
    }

    /// The key starting at `start` and how many bytes it used; `nil` when the bytes end too soon
    /// (never when `final`). A `nil` key means bytes to skip.
    static func decode(_ bytes: [UInt8], at start: Int, final: Bool) -> (Key?, Int)? {
        let byte = bytes[start]
        switch byte {
        case 0x1B: return escapeSequence(bytes, at: start, final: final)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x00: return (nil, 1)
        case 0x01...0x1A: return (.control(Character(UnicodeScalar(byte + 0x60))), 1)
        case 0x1C...0x1F: return (.unknown, 1)
        default: return utf8Character(bytes, at: start, final: final)
        }
    }

    private static func utf8Character(_ bytes: [UInt8], at start: Int, final: Bool) -> (Key?, Int)? {
        let lead = bytes[start]
        let length: Int
        switch lead {
        case 0x20..<0x80: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (nil, 1)  // a stray continuation byte or an invalid lead
        }
        var end = start + 1
        while end < start + length {
            guard end < bytes.count else { return final ? (nil, bytes.count - start) : nil }
            guard bytes[end] & 0xC0 == 0x80 else { return (nil, end - start) }
            end += 1
        }
        let encoded = Array(bytes[start..<end])
        let scalars = String(decoding: encoded, as: UTF8.self).unicodeScalars
        // Overlong or surrogate encodings decode to U+FFFD; only a real U+FFFD is kept.
        guard scalars.count == 1, let scalar = scalars.first, scalar != "\u{FFFD}" || encoded == [0xEF, 0xBF, 0xBD] else {
            return (nil, length)
        }
        return (.character(Character(scalar)), length)
    }

    private static func escapeSequence(_ bytes: [UInt8], at start: Int, final: Bool) -> (Key?, Int)? {
        guard start + 1 < bytes.count else { return final ? (.escape, 1) : nil }
        let second = bytes[start + 1]
        switch second {
        case UInt8(ascii: "["):
            return controlSequence(bytes, at: start, final: final)
        case UInt8(ascii: "O"):
            guard start + 2 < bytes.count else { return final ? (.alt("O"), 2) : nil }
            return (ss3Key(bytes[start + 2]), 3)
        case 0x1B:
            return (.escape, 1)
        case 0x20..<0x7F:
            return (.alt(Character(UnicodeScalar(second))), 2)
        default:
            return (.escape, 1)
        }
    }

    /// `ESC [` parameters, then a final byte in 0x40...0x7E; the Linux console's `ESC [ [ A` too.
    private static func controlSequence(_ bytes: [UInt8], at start: Int, final: Bool) -> (Key?, Int)? {
        var index = start + 2
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            guard index + 1 < bytes.count else { return final ? (.unknown, bytes.count - start) : nil }
            let key: Key =
                switch bytes[index + 1] {
                case UInt8(ascii: "A")...UInt8(ascii: "E"): .function(Int(bytes[index + 1] - UInt8(ascii: "A")) + 1)
                default: .unknown
                }
            return (key, index + 2 - start)
        }
        while index < bytes.count, (0x20...0x3F).contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return final ? (.unknown, bytes.count - start) : nil }
        let finalByte = bytes[index]
        guard (0x40...0x7E).contains(finalByte) else { return (.unknown, index - start) }
        let parameters = String(decoding: bytes[(start + 2)..<index], as: UTF8.self)
        let first = Int(parameters.split(separator: ";").first ?? "") ?? 0
        return (csiKey(final: finalByte, first: first), index + 1 - start)
    }

    private static func csiKey(final: UInt8, first: Int) -> Key {
        switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "Z"): .backTab
        case UInt8(ascii: "P")...UInt8(ascii: "S"): .function(Int(final - UInt8(ascii: "P")) + 1)
        case UInt8(ascii: "~"): tildeKey(first)
        default: .unknown
        }
    }

    private static func tildeKey(_ number: Int) -> Key {
        switch number {
        case 1, 7: .home
        case 3: .delete
        case 4, 8: .end
        case 5: .pageUp
        case 6: .pageDown
        case 11...15: .function(number - 10)
        case 17...21: .function(number - 11)
        case 23, 24: .function(number - 12)
        default: .unknown
        }
    }

    private static func ss3Key(_ byte: UInt8) -> Key {
        switch byte {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "M"): .enter
        case UInt8(ascii: "P")...UInt8(ascii: "S"): .function(Int(byte - UInt8(ascii: "P")) + 1)
        default: .unknown
        }
    }
}
