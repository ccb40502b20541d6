import CertDeskTerminal
import Testing

struct KeyDecoderTests {
    func decode(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(bytes) + decoder.flush()
    }

    @Test func arrowsInBothEncodings() {
        #expect(decode([0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x42, 0x1B, 0x5B, 0x43, 0x1B, 0x5B, 0x44]) == [.up, .down, .right, .left])
        #expect(decode([0x1B, 0x4F, 0x43, 0x1B, 0x4F, 0x44]) == [.right, .left])
        #expect(decode(Array("\u{1B}[1;5C".utf8)) == [.right])
    }

    @Test func anArrowSplitAcrossReadsIsOneKey() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPending)
        #expect(decoder.feed([0x5B]) == [])
        #expect(decoder.feed([0x43, 0x61]) == [.right, .character("a")])
        #expect(!decoder.hasPending)
    }

    @Test func chineseFromAnInputMethodArrivesWhole() {
        #expect(decode(Array("是IVR語音".utf8)) == ["是", "I", "V", "R", "語", "音"].map { Key.character($0) })
        var decoder = KeyDecoder()
        let bytes = Array("繁".utf8)
        #expect(decoder.feed([bytes[0]]) == [])
        #expect(decoder.feed([bytes[1]]) == [])
        #expect(decoder.feed([bytes[2]]) == [.character("繁")])
        #expect(decode(Array("１２".utf8)) == [.character("１"), .character("２")])
    }

    @Test func controlKeys() {
        #expect(
            decode([0x03, 0x13, 0x0D, 0x0A, 0x09, 0x7F, 0x08]) == [
                .control("c"), .control("s"), .enter, .enter, .tab, .backspace, .backspace,
            ])
    }

    @Test func aLoneEscIsTakenOnlyWhenNothingFollows() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.flush() == [.escape])
        #expect(decode([0x1B, 0x66]) == [.alt("f")])
        #expect(decode([0x1B, 0x1B]) == [.escape, .escape])
        #expect(decode([0x1B, 0x03]) == [.escape, .control("c")])
    }

    @Test func editingAndFunctionKeys() {
        #expect(
            decode(Array("\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[4~\u{1B}[Z".utf8)) == [
                .delete, .pageUp, .pageDown, .home, .end, .backTab,
            ])
        #expect(decode(Array("\u{1B}OP\u{1B}[15~\u{1B}[24~\u{1B}[[A".utf8)) == [.function(1), .function(5), .function(12), .function(1)])
    }

    @Test func invalidBytesAreSkipped() {
        #expect(decode([0x80, 0x61, 0xFF, 0xC3]) == [.character("a")])
        #expect(decode([0xE0, 0x80, 0x80, 0x62]) == [.character("b")])
    }
}
