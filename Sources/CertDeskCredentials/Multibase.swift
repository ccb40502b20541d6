import Foundation

/// Multibase text with the base58btc alphabet and its `z` prefix, as Data Integrity proofs and
/// Multikey strings use it.
///
/// ```swift
/// Multibase.encodeBase58BTC(Data([0, 0, 1]))  // "z112"
/// ```
public enum Multibase {
    /// The Bitcoin base58 alphabet: no `0`, `O`, `I` or `l`.
    public static let base58Alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    private static let base58Values: [UInt8: Int] = Dictionary(
        uniqueKeysWithValues: base58Alphabet.enumerated().map { ($1, $0) })

    /// Encodes bytes as `z` followed by base58btc.
    public static func encodeBase58BTC(_ bytes: Data) -> String {
        "z" + base58Encode(bytes)
    }

    /// Decodes a `z`-prefixed base58btc string; `nil` when the prefix or any character is wrong.
    public static func decodeBase58BTC(_ text: String) -> Data? {
        guard text.first == "z" else { return nil }
        return base58Decode(String(text.dropFirst()))
    }

    /// Plain base58btc (no multibase prefix); each leading zero byte becomes a `1`.
    public static func base58Encode(_ bytes: Data) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        var digits: [UInt8] = []  // base-58 digits, least significant first
        for byte in bytes.dropFirst(zeros) {
            var carry = Int(byte)
            for position in digits.indices {
                carry += Int(digits[position]) << 8
                digits[position] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = [UInt8](repeating: base58Alphabet[0], count: zeros) + digits.reversed().map { base58Alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    /// Plain base58btc decoding; `nil` if a character is outside the alphabet.
    public static func base58Decode(_ text: String) -> Data? {
        let characters = Array(text.utf8)
        let ones = characters.prefix { $0 == base58Alphabet[0] }.count
        var bytes: [UInt8] = []  // least significant first
        for character in characters.dropFirst(ones) {
            guard var carry = base58Values[character] else { return nil }
            for position in bytes.indices {
                carry += Int(bytes[position]) * 58
                bytes[position] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        return Data(repeating: 0, count: ones) + Data(bytes.reversed())
    }
}
