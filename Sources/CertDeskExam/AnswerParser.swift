import CertDeskCore
import Foundation

/// Reading a typed answer (plain mode, scripts) for an item, with a problem when it is not one.
public enum AnswerParser {
    /// The answer `input` gives to `item`.
    ///
    /// - Choice items: option letters, any case, separated or not (`b`, `A,C`, `a c`, `AC`),
    ///   full-width letters (`Ｂ`, typed with a Chinese input method) read as their ASCII forms;
    ///   a single-choice item takes exactly one.
    /// - Numeric items: a number as ``NumericText`` reads it (full-width digits accepted); the
    ///   text is kept as typed.
    /// - Short answer and essay: the text, trimmed.
    /// - Throws: `ProblemsError` `room.answer.no-such-option`, `room.answer.one-option` or
    ///   `room.answer.not-a-number`.
    public static func parse(_ input: String, for item: SheetItem) throws -> Answer {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        if item.hasOptions {
            let letters = halfWidth(trimmed).uppercased().filter { !$0.isWhitespace && $0 != "," && $0 != "、" }
            let labels = item.options.map(\.label)
            var chosen: [String] = []
            for letter in letters {
                guard let option = item.option(labelled: String(letter)) else {
                    throw ProblemsError.error(
                        "room.answer.no-such-option",
                        ["input": String(letter), "first": labels.first ?? "A", "last": labels.last ?? "A"])
                }
                if !chosen.contains(option.id) { chosen.append(option.id) }
            }
            if item.type != .multiple, chosen.count > 1 {
                throw ProblemsError.error("room.answer.one-option", ["input": trimmed])
            }
            return .choices(item.options.map(\.id).filter { chosen.contains($0) })
        }
        if item.type == .numeric, NumericText.parse(trimmed) == nil {
            throw ProblemsError.error("room.answer.not-a-number", ["input": trimmed])
        }
        return .text(trimmed)
    }

    /// `text` with full-width ASCII forms (U+FF01–FF5E: `Ａ`, `ｂ`, `，`) replaced by ASCII.
    static func halfWidth(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                result.append(ascii)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
