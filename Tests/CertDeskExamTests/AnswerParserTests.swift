import CertDeskCore
import CertDeskExam
import Testing

struct AnswerParserTests {
    /// The problem key `input` is refused with for `item`, with its arguments.
    static func refusal(_ input: String, for item: SheetItem) -> Problem? {
        do {
            _ = try AnswerParser.parse(input, for: item)
            return nil
        } catch let error as ProblemsError {
            return error.problems.first
        } catch {
            return nil
        }
    }

    @Test(arguments: ["b", "B", "  B ", "b\t"])
    func aSingleChoiceIsOneLetterInAnyCase(typed: String) throws {
        // Given a single-choice item whose options are shown in the order c, a, d, b
        let item = SheetFixture.item(.single, order: ["c", "a", "d", "b"])

        // When the candidate types the letter B
        let answer = try AnswerParser.parse(typed, for: item)

        // Then the option shown as B (id `a`) is chosen
        #expect(answer == .choices(["a"]))
    }

    @Test func aSingleChoiceItemRefusesSeveralLetters() {
        // Given a single-choice item
        let item = SheetFixture.item(.single)

        // When the candidate types two letters
        let problem = Self.refusal("A C", for: item)

        // Then the answer is refused as giving several options, quoting what was typed
        #expect(problem?.key == "room.answer.one-option")
        #expect(problem?.arguments["input"] == "A C")
    }

    @Test(arguments: ["A C", "a,c", "AC", "C A", "c，a", "A、C", "a  c a"])
    func aMultipleChoiceTakesLettersSeparatedOrNot(typed: String) throws {
        // Given a multiple-choice item shown in bank order
        let item = SheetFixture.item(.multiple)

        // When the candidate types A and C in any of the ways people do
        let answer = try AnswerParser.parse(typed, for: item)

        // Then both options are chosen once, in the order shown
        #expect(answer == .choices(["a", "c"]))
    }

    @Test(arguments: ["Ａ Ｃ", "ａ，ｃ", "Ａ、Ｃ", "ＡＣ"])
    func lettersTypedInFullWidthAreRead(typed: String) throws {
        // Given a multiple-choice item, and a candidate whose Chinese input method types
        // full-width letters
        let item = SheetFixture.item(.multiple)

        // When they type A and C in full width
        let answer = try AnswerParser.parse(typed, for: item)

        // Then the options shown as A and C are chosen, as if typed in ASCII
        #expect(answer == .choices(["a", "c"]))
    }

    @Test func aLetterBeyondTheOptionsIsRefusedNamingTheRange() {
        // Given a four-option item and a true-false item
        let choice = SheetFixture.item(.multiple)
        let trueFalse = SheetFixture.item(.trueFalse)

        // When the candidate types a letter neither has, or a digit
        let beyond = Self.refusal("A E", for: choice)
        let digit = Self.refusal("1", for: choice)
        let third = Self.refusal("c", for: trueFalse)

        // Then each is refused naming the letter typed and the letters there are
        #expect(beyond?.key == "room.answer.no-such-option")
        #expect(beyond?.arguments == ["input": "E", "first": "A", "last": "D"])
        #expect(digit?.arguments == ["input": "1", "first": "A", "last": "D"])
        #expect(third?.arguments == ["input": "C", "first": "A", "last": "B"])
    }

    @Test func trueAndFalseAreTheLettersAAndB() throws {
        // Given a true-false item without options of its own
        let item = SheetFixture.item(.trueFalse)

        // When the candidate types A, then b
        // Then A means true and B means false
        #expect(try AnswerParser.parse("A", for: item) == .choices([TrueFalseOption.trueID]))
        #expect(try AnswerParser.parse("b", for: item) == .choices([TrueFalseOption.falseID]))
    }

    @Test(arguments: ["20", " 48.5 ", "４８．５", "1,800", "-3", "49.0%"])
    func aNumberIsKeptAsTyped(typed: String) throws {
        // Given a numeric item
        let item = SheetFixture.item(.numeric)

        // When the candidate types a number in any accepted form
        let answer = try AnswerParser.parse(typed, for: item)

        // Then the text is kept as typed (trimmed), for the marker to read
        #expect(answer == .text(typed.trimmingCharacters(in: .whitespaces)))
    }

    @Test(arguments: ["twelve", "12 erlangs", "1.2.3", "A"])
    func somethingThatIsNotANumberIsRefused(typed: String) {
        // Given a numeric item
        let item = SheetFixture.item(.numeric)

        // When the candidate types words
        let problem = Self.refusal(typed, for: item)

        // Then it is refused as not a number, quoting the input
        #expect(problem?.key == "room.answer.not-a-number")
        #expect(problem?.arguments["input"] == typed)
    }

    @Test func shortAnswersAndEssaysAreTheTrimmedText() throws {
        // Given a short-answer item and an essay item
        let short = SheetFixture.item(.short)
        let essay = SheetFixture.item(.essay, slot: 2)

        // When the candidate types text with spaces around it, in either language
        // Then the text is kept without the surrounding spaces
        #expect(try AnswerParser.parse("  calibration ", for: short) == .text("calibration"))
        #expect(try AnswerParser.parse("校準會議", for: short) == .text("校準會議"))
        #expect(try AnswerParser.parse(" Meet weekly; compare scores. ", for: essay) == .text("Meet weekly; compare scores."))
    }
}
