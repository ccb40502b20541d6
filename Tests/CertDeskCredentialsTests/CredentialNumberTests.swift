import CertDeskCredentials
import Testing

struct CredentialNumberTests {
    static let samples = ["CCCP-2026-000123", "CCCP-2026-090909", "AB-1999-876543", "TRACK-2030-102938"]

    @Test func computesDammWikipediaExample() {
        // Given the digits 572 (the Damm algorithm's textbook example)
        // When the check digit is computed
        // Then it is 4
        #expect(CredentialNumber.dammCheckDigit("572") == 4)
        #expect(CredentialNumber.dammCheckDigit("5724") == 0)
    }

    @Test func makesTheCanonicalForm() throws {
        // Given a track, year and sequence
        // When a number is made
        let number = try #require(CredentialNumber.make(track: "cccp", year: 2026, sequence: 123))
        // Then it has the documented layout and its check digit is the Damm digit of YYYYNNNNNN
        #expect(number == "CCCP-2026-000123-8")
        #expect(CredentialNumber.normalize(number) == number)
    }

    @Test(arguments: [
        ("C", 2026, 1), ("CCCPCCCPX", 2026, 1), ("CC1", 2026, 1), ("CCCP", 999, 1), ("CCCP", 2026, 1_000_000), ("CCCP", 2026, -1),
    ])
    func refusesPartsOutOfRange(track: String, year: Int, sequence: Int) {
        // Given a part out of range
        // When a number is made
        // Then none is
        #expect(CredentialNumber.make(track: track, year: year, sequence: sequence) == nil)
    }

    @Test func normalizesWhatPeopleType() throws {
        // Given a valid number
        let number = try #require(CredentialNumber.make(track: "CCCP", year: 2026, sequence: 123))
        let check = number.last!
        // When it is typed in lower case, without dashes, with spaces
        // Then each form normalizes to the canonical one
        for typed in ["cccp-2026-000123-\(check)", "  CCCP2026000123\(check) ", "cccp 2026 000123 \(check)", "Cccp-2026000123-\(check)\n"] {
            #expect(CredentialNumber.normalize(typed) == number)
        }
    }

    @Test func refusesAWrongCheckDigit() throws {
        // Given a valid number
        let number = try #require(CredentialNumber.make(track: "CCCP", year: 2026, sequence: 123))
        let right = number.last!.wholeNumberValue!
        // When any other check digit is typed
        // Then it is refused
        for wrong in 0...9 where wrong != right {
            #expect(CredentialNumber.normalize(String(number.dropLast()) + String(wrong)) == nil)
        }
    }

    @Test(arguments: ["", "CCCP", "CCCP-2026-00123-4", "CCCP-2026-0001234-5", "1234-2026-000123-4", "CCCP-2O26-000123-4"])
    func refusesMalformedText(typed: String) {
        // Given text that is not shaped like a number
        // When it is normalized
        // Then nothing comes back
        #expect(CredentialNumber.normalize(typed) == nil)
    }

    @Test(arguments: samples)
    func detectsEverySingleDigitSubstitution(prefix: String) throws {
        // Given a valid number
        let parts = prefix.split(separator: "-")
        let number = try #require(CredentialNumber.make(track: String(parts[0]), year: Int(parts[1])!, sequence: Int(parts[2])!))
        let characters = Array(number)
        // When any one digit (check digit included) is replaced by another
        for position in characters.indices where characters[position].isNumber {
            for digit in "0123456789" where digit != characters[position] {
                var typed = characters
                typed[position] = digit
                // Then the number is refused
                #expect(CredentialNumber.normalize(String(typed)) == nil, "\(String(typed))")
            }
        }
    }

    @Test(arguments: samples)
    func detectsEveryAdjacentTransposition(prefix: String) throws {
        // Given a valid number written without dashes, so that every digit has neighbours
        let parts = prefix.split(separator: "-")
        let number = try #require(CredentialNumber.make(track: String(parts[0]), year: Int(parts[1])!, sequence: Int(parts[2])!))
        let digits = Array(number.filter(\.isNumber))
        // When two different neighbouring digits (the check digit included) are swapped
        for position in 0..<(digits.count - 1) where digits[position] != digits[position + 1] {
            var typed = digits
            typed.swapAt(position, position + 1)
            let text = String(parts[0]) + String(typed)
            // Then the number is refused
            #expect(CredentialNumber.normalize(text) == nil, "\(text)")
        }
    }
}
