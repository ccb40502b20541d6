/// Check digits that catch typing mistakes in numbers people copy by hand.
public enum CheckDigit {
    /// The Luhn (mod 10) check digit of a string of ASCII digits: it catches every single-digit
    /// error and most swaps of adjacent digits.
    public static func luhn(_ digits: String) -> Int {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { continue }
            if index % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }
}
