import CertDeskCore
import CertDeskText

/// One scoring rule per item type. Essays are marked by people and get no automatic score.
///
/// - single, true-false: full credit for the keyed option, nothing otherwise.
/// - multiple, partial scoring: (correct options chosen − wrong options chosen) ÷ number of
///   correct options, never below 0; so each wrong choice cancels a right one, and choosing
///   every option earns nothing unless fewer options are wrong than keyed.
/// - multiple, all-or-nothing: full credit only for exactly the keyed set.
/// - short answer: the typed text and every accepted answer (in every language) are compared
///   after NFKC, case folding and white-space collapsing, and after converting both to
///   Simplified script, so 服務水準 and 服务水准 are the same answer.
/// - numeric: the typed number (full-width digits, thousands separators and a trailing % allowed)
///   within the item's tolerance of the key.
public enum ItemScorer {
    /// The score of `answer` to `question`, or `nil` for an essay (marked by a person).
    public static func score(_ question: Question, _ answer: Answer?) -> ItemScore? {
        switch question.type {
        case .essay:
            return nil
        case .single:
            return ItemScore(fraction: chosen(answer) == correctIDs(question) ? 1 : 0, rule: "single")
        case .trueFalse:
            if case .trueFalse(let value)? = question.answer {
                let keyed: Set<String> = [value ? TrueFalseOption.trueID : TrueFalseOption.falseID]
                return ItemScore(fraction: chosen(answer) == keyed ? 1 : 0, rule: "true-false")
            }
            return ItemScore(fraction: chosen(answer) == correctIDs(question) ? 1 : 0, rule: "true-false")
        case .multiple:
            let picked = chosen(answer)
            let correct = correctIDs(question)
            if question.scoring == .allOrNothing {
                return ItemScore(fraction: picked == correct ? 1 : 0, rule: "multiple-all-or-nothing")
            }
            guard !correct.isEmpty else { return ItemScore(fraction: 0, rule: "multiple-partial") }
            let right = Double(picked.intersection(correct).count)
            let wrong = Double(picked.subtracting(correct).count)
            return ItemScore(fraction: max(0, (right - wrong) / Double(correct.count)), rule: "multiple-partial")
        case .short:
            guard case .text(let typed)? = answer, case .short(let accepted)? = question.answer else {
                return ItemScore(fraction: 0, rule: "short-normalized")
            }
            let key = comparisonKey(typed)
            let matches = !key.isEmpty && accepted.values.joined().contains { comparisonKey($0) == key }
            return ItemScore(fraction: matches ? 1 : 0, rule: "short-normalized")
        case .numeric:
            guard case .text(let typed)? = answer, let value = NumericText.parse(typed),
                case .numeric(let keyed, let tolerance)? = question.answer
            else { return ItemScore(fraction: 0, rule: "numeric-tolerance") }
            return ItemScore(fraction: abs(value - keyed) <= tolerance + 1e-9 ? 1 : 0, rule: "numeric-tolerance")
        }
    }

    /// The option ids `question` keys as correct.
    public static func correctIDs(_ question: Question) -> Set<String> {
        if question.options.isEmpty, case .trueFalse(let value)? = question.answer {
            return [value ? TrueFalseOption.trueID : TrueFalseOption.falseID]
        }
        return Set(question.options.filter(\.correct).map(\.id))
    }

    /// The form in which short answers are compared: NFKC, case-folded, white space collapsed, Simplified script.
    public static func comparisonKey(_ text: String) -> String {
        let key = Normalizer.comparisonKey(text)
        return ScriptConverter.convert(key, .traditionalToSimplified) ?? key
    }

    private static func chosen(_ answer: Answer?) -> Set<String> {
        guard case .choices(let ids)? = answer else { return [] }
        return Set(ids)
    }
}
