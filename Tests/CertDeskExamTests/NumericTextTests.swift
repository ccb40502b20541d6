import CertDeskCore
import Testing

struct NumericTextTests {
    @Test(arguments: [
        ("20", 20.0), ("48.5", 48.5), (" 48.5\t", 48.5), ("-3", -3), ("+5", 5), (".5", 0.5), ("1e3", 1000),
        ("1,800", 1800), ("12,345,678.9", 12_345_678.9), ("49.0%", 49), ("49 %", 49),
    ])
    func numbersTypedOnAnEnglishKeyboardAreRead(typed: String, value: Double) {
        // Given a number typed with ASCII characters
        // When it is read
        // Then it has its value; separators and a percent sign are ignored
        #expect(NumericText.parse(typed) == value)
    }

    @Test(arguments: [
        ("４８．５", 48.5), ("２０", 20), ("－２", -2), ("＋２", 2), ("１，８００", 1800), ("４９％", 49), ("　２０　", 20), ("12。5", 12.5),
    ])
    func numbersTypedWithAChineseInputMethodAreRead(typed: String, value: Double) {
        // Given a number typed in full width, as a Chinese input method does
        // When it is read
        // Then it has the same value as its ASCII form
        #expect(NumericText.parse(typed) == value)
    }

    @Test(arguments: ["", " ", "twelve", "12 erlangs", "1.2.3", "0x10", "1 800", "%", "--5", "1e999", "inf", "nan", "二十"])
    func textThatIsNotANumberIsRefused(typed: String) {
        // Given text that is not a number, or not a finite one
        // When it is read
        // Then there is no value
        #expect(NumericText.parse(typed) == nil)
    }

    @Test(arguments: ["48,5", "0,5", "1,2,3", "1,80", "1,8000", ",5", "5,"])
    func aCommaThatDoesNotSeparateThousandsIsRefusedNotDropped(typed: String) {
        // Given a decimal comma (as typed in much of Europe) or commas in the wrong places
        // When it is read
        // Then it is refused, so the candidate is asked again instead of 48,5 being saved as 485
        #expect(NumericText.parse(typed) == nil)
    }
}
