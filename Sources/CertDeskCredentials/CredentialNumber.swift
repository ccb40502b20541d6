/// Human-friendly credential numbers: `TRACK-YYYY-NNNNNN-C`, e.g. `CCCP-2026-000123-8`.
///
/// `TRACK` is 2 to 8 ASCII capital letters, `YYYY` the year of issue, `NNNNNN` a sequence
/// within track and year, and `C` a Damm check digit over the ten digits `YYYYNNNNNN`.
/// The Damm algorithm catches every single-digit substitution and every swap of two
/// adjacent digits (including a swap with the check digit). Luhn (`CheckDigit.luhn`) is not
/// used because it misses the swap `09` ↔ `90`, and ISO 7064 MOD 11-10 misses a few swaps
/// too. The track letters are not covered: a mistyped track names no track and is refused
/// by lookup.
public enum CredentialNumber {
    /// The Damm quasigroup of order 10 (totally anti-symmetric; H. M. Damm, 2004).
    static let dammTable: [[Int]] = [
        [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
        [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
        [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
        [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
        [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
        [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
        [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
        [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
        [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
        [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
    ]

    /// The Damm check digit of a string of ASCII digits (other characters are skipped).
    ///
    /// ```swift
    /// CredentialNumber.dammCheckDigit("572")  // 4
    /// ```
    public static func dammCheckDigit(_ digits: String) -> Int {
        var interim = 0
        for character in digits {
            guard let digit = character.wholeNumberValue, character.isASCII else { continue }
            interim = dammTable[interim][digit]
        }
        return interim
    }

    /// Builds the number for a track, year and sequence; `nil` if a part is out of range.
    ///
    /// - Parameters:
    ///   - track: 2 to 8 ASCII letters; lower case is raised.
    ///   - year: 1000...9999.
    ///   - sequence: 0...999999.
    public static func make(track: String, year: Int, sequence: Int) -> String? {
        let track = track.uppercased()
        guard isTrack(track), (1000...9999).contains(year), (0...999_999).contains(sequence) else { return nil }
        let sequenceText = String(sequence)
        let body = String(year) + String(repeating: "0", count: 6 - sequenceText.count) + sequenceText
        return "\(track)-\(year)-\(body.suffix(6))-\(dammCheckDigit(body))"
    }

    /// The canonical form of a number someone typed, or `nil` if it is not a valid number.
    ///
    /// Accepts lower case, missing or extra dashes and spaces anywhere; refuses a wrong check digit.
    ///
    /// ```swift
    /// CredentialNumber.normalize(" cccp2026000123 8 ")  // "CCCP-2026-000123-8"
    /// ```
    public static func normalize(_ typed: String) -> String? {
        let compact = String(typed.uppercased().filter { $0 != "-" && !$0.isWhitespace })
        let track = compact.prefix { $0.isASCII && $0.isLetter }
        let digits = compact.dropFirst(track.count)
        guard isTrack(String(track)), digits.count == 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let body = String(digits.prefix(10))
        guard dammCheckDigit(body) == digits.last!.wholeNumberValue else { return nil }
        return "\(track)-\(body.prefix(4))-\(body.suffix(6))-\(digits.last!)"
    }

    static func isTrack(_ text: String) -> Bool {
        (2...8).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
