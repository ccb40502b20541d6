import CertDeskCore
import Crypto
import Foundation

/// SHA-256 of content as its author wrote it (derived text left out), hex encoded.
///
/// Two imports of the same question produce the same hash whatever ICU version derived the
/// missing script, so re-importing unchanged content changes nothing.
public enum ContentHash {
    public static func of(_ question: Question) -> String {
        var reviewed = question
        reviewed.stem = question.stem.reviewedOnly
        reviewed.options = question.options.map { AnswerOption(id: $0.id, text: $0.text.reviewedOnly, correct: $0.correct) }
        reviewed.explanation = question.explanation?.reviewedOnly
        reviewed.rubric = question.rubric?.reviewedOnly
        return hash(reviewed)
    }

    public static func of(_ curriculum: Curriculum) -> String {
        var reviewed = curriculum
        reviewed.title = curriculum.title.reviewedOnly
        reviewed.description = curriculum.description?.reviewedOnly
        reviewed.eligibility = curriculum.eligibility.map(\.reviewedOnly)
        reviewed.modules = curriculum.modules.map { module in
            Module(
                id: module.id, title: module.title.reviewedOnly, hours: module.hours,
                objectives: module.objectives.map(\.reviewedOnly))
        }
        return hash(reviewed)
    }

    static func hash(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

extension LocalizedText {
    /// The text without its derived versions.
    var reviewedOnly: LocalizedText {
        LocalizedText(values.filter { !derived.contains($0.key) })
    }
}
