import CertDeskCredentials
import Foundation
import Testing

struct JSONValuePrettyTests {
    @Test func accessorsReturnOnlyTheirOwnKind() {
        // Given one value of each kind
        let values: [JSONValue] = [.null, .bool(true), .number(2.5), .string("x"), .array([.null]), .object(["a": .null])]
        // When each accessor reads each value
        // Then only the matching kind answers
        #expect(values.map(\.arrayValue) == [nil, nil, nil, nil, [.null], nil])
        #expect(values.map(\.numberValue) == [nil, nil, 2.5, nil, nil, nil])
        #expect(values.map(\.boolValue) == [nil, true, nil, nil, nil, nil])
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.string("12").numberValue == nil)
    }

    @Test func writesNestedContentWithTwoSpaces() throws {
        // Given nested content with Chinese text, escapes, numbers JCS rewrites, empty
        // containers and names whose UTF-16 order differs from their code point order
        let value: JSONValue = .object([
            "name": .string("客服中心認證 / 客服中心认证"),
            "levels": .array([.number(1), .number(2.5), .number(-0.000001), .number(1e21)]),
            "empty": .object([:]),
            "none": .array([]),
            "nested": .object([
                "b": .array([.bool(true), .null, .object(["x": .string("a\"b\n\u{1F}")])]),
                "a": .bool(false),
            ]),
            "\u{FB33}": .number(2),
            "\u{10000}": .number(1),
        ])
        // When it is pretty-printed
        let pretty = value.prettyPrinted()
        // Then the layout is exact: sorted as JCS sorts (U+10000 is D800 DC00 in UTF-16, so it
        // comes before U+FB33), escaped as JCS escapes, Chinese kept as UTF-8
        let expected = #"""
            {
              "empty": {},
              "levels": [
                1,
                2.5,
                -0.000001,
                1e+21
              ],
              "name": "客服中心認證 / 客服中心认证",
              "nested": {
                "a": false,
                "b": [
                  true,
                  null,
                  {
                    "x": "a\"b\n\u001f"
                  }
                ]
              },
              "none": [],
              "\#u{10000}": 1,
              "\#u{FB33}": 2
            }

            """#
        #expect(pretty == expected)
        #expect(!pretty.contains("\\u5ba2"))
        // And it parses back to the same value with the same canonical form
        let parsed = try JSONValue.parse(pretty)
        #expect(parsed == value)
        #expect(JCS.canonicalize(parsed) == JCS.canonicalize(value))
    }

    @Test(arguments: [
        (JSONValue.null, "null\n"), (.bool(true), "true\n"), (.number(100), "100\n"), (.string("證書"), "\"證書\"\n"),
        (.array([]), "[]\n"), (.object([:]), "{}\n"), (.array([.array([])]), "[\n  []\n]\n"),
    ])
    func writesScalarsAndEmptyContainersOnOneLine(value: JSONValue, expected: String) {
        // Given a scalar or an empty container
        // When it is pretty-printed
        // Then it is its canonical text with a newline
        #expect(value.prettyPrinted() == expected)
    }

    @Test func randomValuesSurviveTheRoundTrip() throws {
        // Given many random values from a fixed seed
        var generator = SplitMix64(seed: 0x5EED_2026)
        for _ in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &generator)
            // When pretty-printed and parsed back
            let pretty = value.prettyPrinted()
            let parsed = try JSONValue.parse(pretty)
            // Then value and canonical text are unchanged, and the text ends in one newline
            #expect(parsed == value)
            #expect(JCS.canonicalize(parsed) == JCS.canonicalize(value))
            #expect(pretty.hasSuffix("\n") && !pretty.hasSuffix("\n\n"))
        }
    }

    static let sampleStrings = ["", "a", "證書編號", "证书", "é", "\u{0}\u{7F}", "\"\\/\u{8}\u{C}\n\r\t", "😀𐀀", "\u{FB33}"]

    static func randomValue(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let kind = Int(generator.next() % (depth < 4 ? 6 : 4))
        switch kind {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2:
            let bits = generator.next()
            let number = Double(bitPattern: bits)
            return .number(bits % 3 == 0 && number.isFinite ? number : Double(Int64(bitPattern: bits) >> 20) / 64)
        case 3:
            let count = Int(generator.next() % 3)
            return .string((0..<count).map { _ in sampleStrings[Int(generator.next() % UInt64(sampleStrings.count))] }.joined())
        case 4:
            return .array((0..<Int(generator.next() % 4)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for position in 0..<Int(generator.next() % 4) {
                let name = sampleStrings[Int(generator.next() % UInt64(sampleStrings.count))] + String(position)
                members[name] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }
}

/// A small seeded generator, so a failing random case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
