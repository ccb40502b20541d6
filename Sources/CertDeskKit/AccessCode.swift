import CertDeskStore
import Crypto
import Foundation

/// One-time access codes: eight characters a candidate types at the exam terminal.
///
/// Codes use Crockford's base-32 alphabet (no I, L, O or U, so nothing reads as 1 or 0) and are
/// shown as `ABCD-EFGH`; typing accepts any case, with or without the dash, and reads I/L as 1
/// and O as 0. Only a salted SHA-256 of the code is stored; the code is printed once.
public enum AccessCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new random code, e.g. `7KQ2-M9XD`.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        return String(characters.prefix(4)) + "-" + String(characters.suffix(4))
    }

    /// What someone typed, reduced to the eight code characters.
    public static func normalize(_ typed: String) -> String {
        String(
            typed.uppercased().compactMap { character -> Character? in
                switch character {
                case "I", "L": "1"
                case "O": "0"
                case "-", " ": nil
                default: character
                }
            })
    }

    /// The stored form of a code, with a fresh salt.
    public static func hash(_ code: String) -> AccessCodeHash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        return AccessCodeHash(salt: salt, hash: digest(salt: salt, code: normalize(code)))
    }

    /// Whether `typed` is the code stored as `stored`.
    public static func matches(_ typed: String, _ stored: AccessCodeHash) -> Bool {
        digest(salt: stored.salt, code: normalize(typed)) == stored.hash
    }

    static func digest(salt: String, code: String) -> String {
        SHA256.hash(data: Data((salt + ":" + code).utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
