import CertDeskCore
import CertDeskExam
import Foundation

/// Sheet items and sheets built in code, one of each item type, for the exam engine's tests.
enum SheetFixture {
    static let allLanguages = LocalizedText([.english: "Which measure?", .traditionalChinese: "哪項指標？", .simplifiedChinese: "哪项指标？"])

    /// An item of `type` in `slot`; choice items get options `a`...`d` shown in `order`.
    static func item(
        _ type: QuestionType, slot: Int = 1, order: [String] = ["a", "b", "c", "d"], stem: LocalizedText = allLanguages
    ) -> SheetItem {
        var options: [AnswerOption] = []
        var answer: AnswerKey?
        switch type {
        case .single, .multiple:
            options = ["a", "b", "c", "d"].map { AnswerOption(id: $0, text: LocalizedText([.english: "Option \($0)"]), correct: $0 == "a") }
        case .trueFalse: answer = .trueFalse(true)
        case .numeric: answer = .numeric(value: 20, tolerance: 0)
        case .short: answer = .short([.english: ["calibration"]])
        case .essay: break
        }
        let question = Question(
            id: "T-01-00\(slot)", track: "TEST", module: "T-01", type: type, difficulty: 2, stem: stem, options: options, answer: answer)
        return SheetItem(
            slot: slot, questionID: question.id, version: 1, type: type, points: 1, moduleTitle: LocalizedText([.english: "Queues"]),
            stem: stem, options: SheetItem.options(for: question, order: type.isChoice ? order : []))
    }

    /// A sheet of the given items.
    static func sheet(_ items: [SheetItem]) -> ExamSheet {
        ExamSheet(
            attemptID: 1, candidateNumber: "C-000001-8", candidateName: "Tai Man Chan", track: "TEST",
            trackTitle: LocalizedText([.english: "Test Track"]), sittingID: "TEST-261205-01", centre: "Kowloon", durationMinutes: 30,
            startedAt: Date(timeIntervalSince1970: 1_795_000_000), items: items)
    }
}
