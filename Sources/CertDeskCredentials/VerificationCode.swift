import Crypto
import Foundation

/// The short code printed on a certificate, so a reader can confirm that a paper certificate
/// matches the signed credential.
///
/// The code is the first 60 bits of SHA-256 over the JCS form of the secured credential
/// (proof included), written as 12 characters of Crockford's base32 (`0-9`, `A-Z` without
/// `I`, `L`, `O`, `U`) in three groups of four. Changing any character of the credential or
/// its proof changes the code.
///
/// ```swift
/// VerificationCode.make(for: signedCredential)  // "7K2M-Q9XD-4HRT"
/// VerificationCode.normalize("7k2m q9xd 4hrt")  // "7K2M-Q9XD-4HRT"
/// ```
public enum VerificationCode {
    /// Crockford's base32 alphabet: digits, then capitals without I, L, O and U.
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The verification code of a secured credential, as `XXXX-XXXX-XXXX`.
    ///
    /// - Parameter securedCredential: the credential exactly as issued, with its `proof`.
    public static func make(for securedCredential: JSONValue) -> String {
        let digest = SHA256.hash(data: JCS.canonicalData(securedCredential))
        let first64 = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let bits = first64 >> 4
        let characters = (0..<12).map { position in alphabet[Int(bits >> UInt64(55 - 5 * position) & 0x1F)] }
        return group(characters)
    }

    /// The canonical form of a code someone typed, or `nil` if it is not 12 valid characters.
    ///
    /// Lower case is raised; spaces and dashes are dropped; `O` is read as `0`, `I` and `L`
    /// as `1`, as Crockford's base32 prescribes. Full-width forms typed with a Chinese input
    /// method (`７Ｋ２Ｍ－…`) and the ideographic space count as their ASCII twins.
    ///
    /// ```swift
    /// VerificationCode.normalize(" 7k2m-q9xd-4hrt ")  // "7K2M-Q9XD-4HRT"
    /// VerificationCode.normalize("7K2M-Q9XD-4HR")     // nil: 11 characters
    /// VerificationCode.normalize("7K2M-Q9XD-4HRU")    // nil: U is not in the alphabet
    /// ```
    public static func normalize(_ typed: String) -> String? {
        var characters: [Character] = []
        for scalar in typed.unicodeScalars {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }  // full-width ASCII
            if value == 0x3000 { value = 0x20 }  // ideographic space
            guard value < 0x80 else { return nil }
            var character = Character(Unicode.Scalar(UInt8(value))).uppercased().first!
            switch character {
            case " ", "\t", "\n", "\r", "-": continue
            case "O": character = "0"
            case "I", "L": character = "1"
            default: break
            }
            guard alphabet.contains(character) else { return nil }
            characters.append(character)
        }
        guard characters.count == 12 else { return nil }
        return group(characters)
    }

    private static func group(_ characters: [Character]) -> String {
        String(characters[0..<4]) + "-" + String(characters[4..<8]) + "-" + String(characters[8..<12])
    }
}
