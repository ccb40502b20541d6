import CertDeskCredentials
import Foundation
import Testing

struct JCSTests {
    /// RFC 8785 §3.2.2 (and cyberphone/json-canonicalization testdata `values`, `weird`, `structures`).
    @Test(arguments: ["values", "weird", "structures"])
    func canonicalizesPublishedSample(name: String) throws {
        // Given the published input and expected output
        let input = try Fixture.data("rfc8785/\(name)-input.json")
        let expected = try Fixture.text("rfc8785/\(name)-output.json")
        // When it is canonicalized
        let canonical = try JCS.canonicalize(data: input)
        // Then it matches byte for byte
        #expect(canonical == expected)
    }

    /// RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialization.
    @Test(
        arguments: [
            (0x0000_0000_0000_0000, "0"),
            (0x8000_0000_0000_0000, "0"),
            (0x0000_0000_0000_0001, "5e-324"),
            (0x8000_0000_0000_0001, "-5e-324"),
            (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
            (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),
            (0x4340_0000_0000_0000, "9007199254740992"),
            (0xC340_0000_0000_0000, "-9007199254740992"),
            (0x4430_0000_0000_0000, "295147905179352830000"),
            (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
            (0x44B5_2D02_C7E1_4AF6, "1e+23"),
            (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
            (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
            (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
            (0x444B_1AE4_D6E2_EF50, "1e+21"),
            (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
            (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
            (0x41B3_DE43_5555_5553, "333333333.3333332"),
            (0x41B3_DE43_5555_5554, "333333333.33333325"),
            (0x41B3_DE43_5555_5555, "333333333.3333333"),
            (0x41B3_DE43_5555_5556, "333333333.3333334"),
            (0x41B3_DE43_5555_5557, "333333333.33333343"),
            (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
            (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
        ] as [(UInt64, String)])
    func serializesAppendixBNumber(bits: UInt64, expected: String) {
        // Given the double with these bits
        let number = Double(bitPattern: bits)
        // When it is serialized
        // Then it reads as ECMAScript writes it
        #expect(JCS.serialize(number) == expected)
    }

    @Test(arguments: [
        ("1e21", "1e+21"), ("1E30", "1e+30"), ("1e20", "100000000000000000000"), ("1e-7", "1e-7"),
        ("0.000001", "0.000001"), ("-0", "0"), ("-0.0", "0"), ("333333333.3333333", "333333333.3333333"),
        ("4.50", "4.5"), ("2e-3", "0.002"), ("1e-27", "1e-27"), ("56.0", "56"), ("-1.5e-10", "-1.5e-10"),
        ("123456789012345680000", "123456789012345680000"), ("0.1", "0.1"), ("100", "100"),
    ])
    func serializesParsedNumber(text: String, expected: String) throws {
        // Given a JSON number text
        // When it is parsed and canonicalized
        let canonical = try JCS.canonicalize(data: Data(text.utf8))
        // Then the ECMAScript form comes out
        #expect(canonical == expected)
    }

    @Test func sortsKeysByUTF16CodeUnits() {
        // Given keys whose UTF-16 order differs from scalar order (U+FB33 vs U+1F602)
        let value: JSONValue = .object([
            "\u{20AC}": .string("Euro Sign"), "\r": .string("Carriage Return"), "\u{FB33}": .string("Dalet"),
            "1": .string("One"), "\u{1F600}": .string("Emoji"), "\u{80}": .string("Control"), "\u{F6}": .string("o"),
        ])
        // When canonicalized
        let canonical = JCS.canonicalize(value)
        // Then the surrogate pair (D83D) sorts before U+FB33
        #expect(
            canonical
                == "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"\u{F6}\":\"o\",\"\u{20AC}\":\"Euro Sign\",\"\u{1F600}\":\"Emoji\",\"\u{FB33}\":\"Dalet\"}"
        )
    }

    @Test func escapesOnlyWhatJSONRequires() {
        // Given a string with every short escape, other controls, DEL, slash and non-ASCII
        let value: JSONValue = .string("\"\\\u{08}\u{0C}\n\r\t\u{00}\u{1F}\u{7F}/é中")
        // When canonicalized
        // Then short escapes are used, other controls are \u00xx lower case, the rest is raw
        #expect(JCS.canonicalize(value) == "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\u{7F}/é中\"")
    }

    @Test(arguments: [
        "{\"a\":1,\"a\":2}", "[1,]", "01", "1.", ".5", "+1", "1e400", "\"\\ud800\"", "\"\\udc00x\"", "\"a\u{01}\"",
        "{\"a\" 1}", "[1] x", "NaN", "\"\\x\"", "",
    ])
    func refusesInvalidJSON(text: String) {
        // Given a text that is not I-JSON
        // When it is canonicalized
        // Then it is refused
        #expect(throws: JSONParseError.self) { try JCS.canonicalize(data: Data(text.utf8)) }
    }

    @Test func refusesInvalidUTF8() {
        // Given bytes that are not UTF-8
        let bytes = Data([0x22, 0xC3, 0x28, 0x22])
        // When parsed
        // Then the code says so
        #expect(throws: JSONParseError(code: .invalidUTF8, offset: 0)) { try JSONValue.parse(bytes) }
    }
}
