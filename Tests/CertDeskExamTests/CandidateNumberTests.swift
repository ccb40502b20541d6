import CertDeskCore
import Testing

struct CandidateNumberTests {
    static let samples = [1, 123, 4_567, 98_210, 314_159, 999_999]

    /// The seven digits of a number (six, then the check digit), as typed without dashes.
    static func digits(_ number: String) -> [Character] { Array(number.filter(\.isNumber)) }

    static func typed(_ digits: [Character]) -> String { "C" + String(digits) }

    @Test func numbersAreSixDigitsAndALuhnCheckDigit() {
        // Given candidate sequences 1 and 123
        // When their numbers are made
        // Then each is `C-` six digits and the Luhn check digit
        #expect(CandidateNumber.make(1) == "C-000001-8")
        #expect(CandidateNumber.make(123) == "C-000123-0")
        #expect(CandidateNumber.make(999_999) == "C-999999-6")
    }

    @Test(arguments: ["C-000123-0", "c-000123-0", "C0001230", " c 000123 0 ", "c000123-0"])
    func aNumberTypedInAnyCaseWithOrWithoutDashesIsRecognized(typed: String) {
        // Given a candidate number typed loosely
        // When it is normalized
        // Then it is the canonical number
        #expect(CandidateNumber.normalize(typed) == "C-000123-0")
    }

    @Test(arguments: samples)
    func everySingleDigitTypoIsCaught(sequence: Int) {
        // Given a valid candidate number
        let number = CandidateNumber.make(sequence)
        let digits = Self.digits(number)
        #expect(CandidateNumber.normalize(number) == number)

        // When any one of its seven digits is mistyped as any other digit
        var accepted: [String] = []
        for position in digits.indices {
            for replacement in "0123456789" where replacement != digits[position] {
                var typo = digits
                typo[position] = replacement
                if CandidateNumber.normalize(Self.typed(typo)) != nil { accepted.append(Self.typed(typo)) }
            }
        }

        // Then none of the mistyped numbers is accepted
        #expect(accepted.isEmpty, "\(number): \(accepted)")
    }

    @Test(arguments: samples)
    func swappedNeighbouringDigitsAreCaught(sequence: Int) {
        // Given a valid candidate number
        let number = CandidateNumber.make(sequence)
        let digits = Self.digits(number)

        // When two different neighbouring digits are swapped (the check digit included)
        var accepted: [String] = []
        for position in digits.indices.dropLast() where digits[position] != digits[position + 1] {
            // Luhn's one blind spot: 09 and 90 have the same weighted sum.
            if Set([digits[position], digits[position + 1]]) == ["0", "9"] { continue }
            var swapped = digits
            swapped.swapAt(position, position + 1)
            if CandidateNumber.normalize(Self.typed(swapped)) != nil { accepted.append(Self.typed(swapped)) }
        }

        // Then none of the swapped numbers is accepted
        #expect(accepted.isEmpty, "\(number): \(accepted)")
    }

    @Test(arguments: ["", "C-00123-0", "C-0001234-0", "X-000123-0", "C-000123-", "C-00O123-0", "C-０００１２３-０", "000123-0"])
    func malformedNumbersAreRefused(typed: String) {
        // Given text that is not shaped like a candidate number
        // When it is normalized
        // Then it is refused
        #expect(CandidateNumber.normalize(typed) == nil)
    }
}
