import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import Foundation

/// A small paper with long trilingual stems, one item of each kind the full-screen room draws.
enum ScreenFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path

    static func localizer(_ language: Language = .traditionalChinese) throws -> Localizer {
        try Localizer.load(language: language, localesDirectory: root + "/locales")
    }

    /// A stem long enough to wrap over many lines at 80 columns in every language.
    static let longStem = LocalizedText([
        .english: String(
            repeating: "A customer calls about a refund that is above the agent's approval limit and asks to speak to someone else. ",
            count: 4),
        .traditionalChinese: String(repeating: "顧客來電查詢一筆超出專員核准權限的退款，並要求與其他人通話；專員應如何處理，才能既遵守流程又照顧顧客的感受？", count: 5),
        .simplifiedChinese: String(repeating: "客户来电查询一笔超出坐席审批权限的退款，并要求与其他人通话；坐席应如何处理，才能既遵守流程又照顾客户的感受？", count: 5),
    ])

    static func text(_ english: String, _ hant: String, _ hans: String) -> LocalizedText {
        LocalizedText([.english: english, .traditionalChinese: hant, .simplifiedChinese: hans])
    }

    static func item(slot: Int, type: QuestionType, options: Int = 5) -> SheetItem {
        var sheetOptions: [SheetOption] = []
        if type == .trueFalse {
            sheetOptions = [
                SheetOption(id: TrueFalseOption.trueID, label: "A", text: nil),
                SheetOption(id: TrueFalseOption.falseID, label: "B", text: nil),
            ]
        } else if type == .single || type == .multiple {
            sheetOptions = (0..<options).map { index in
                SheetOption(
                    id: "o\(index)", label: SheetOption.label(index),
                    text: text(
                        "Escalate to the team leader, who can approve the refund or explain the next step \(index)",
                        "轉介組長處理，由組長批核退款或向顧客解釋下一步安排，並記錄在個案系統內 \(index)",
                        "转给组长处理，由组长审批退款或向客户解释下一步安排，并记录在工单系统中 \(index)"))
            }
        }
        return SheetItem(
            slot: slot, questionID: "CCCP-01-\(slot)", version: 1, type: type, points: 2,
            moduleTitle: text("Contact Centre Fundamentals and the Customer Journey", "客服中心基礎與顧客旅程", "客服中心基础与客户旅程"),
            stem: longStem, options: sheetOptions)
    }

    static func sheet() -> ExamSheet {
        let types: [QuestionType] = [.single, .multiple, .trueFalse, .short, .numeric, .essay]
        return ExamSheet(
            attemptID: 1, candidateNumber: "C-000001-8", candidateName: "陳大文", track: "CCCP",
            trackTitle: text("Certified Contact Center Professional", "客服中心認證專業人員", "客服中心认证专业人员"),
            sittingID: "CCCP-261205-01", centre: "Test", durationMinutes: 75, startedAt: Date(timeIntervalSince1970: 0),
            items: types.enumerated().map { item(slot: $0.offset + 1, type: $0.element) })
    }

    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func room(language: Language = .traditionalChinese, answers: [Int: Answer] = [:], flags: Set<Int> = []) -> ExamRoom {
        ExamRoom(sheet: sheet(), answers: answers, flags: flags, language: language, deadline: start.addingTimeInterval(75 * 60))
    }
}
