import CertDeskExam
import Foundation

/// Writes a synthetic but valid CCCP curriculum and a trilingual question bank of any size,
/// in the formats of docs/content-format.md, for loading into a fresh benchmark database.
///
/// The curriculum has ``moduleCount`` modules and a blueprint of exactly ``paperLength``
/// questions: the first half of the modules draw a difficulty mix, the others any difficulty, so
/// both of the paper assembler's rules run. Every question is objective (single or multiple
/// choice, four options), written in `en`, `zh-Hant` and `zh-Hans` with realistic lengths (stems of
/// about 120 characters in English, options of about 40), and questions are spread evenly over
/// modules and difficulties 1–3. The same arguments always give the same files.
///
/// ```swift
/// let files = try SyntheticContent.write(questions: 2_000, to: URL(fileURLWithPath: "/tmp/content"))
/// // files.curriculum: /tmp/content/curricula/cccp.yaml
/// // files.banks: /tmp/content/question-banks/cccp-0001.yaml
/// ```
///
/// The text is word salad from a contact-centre vocabulary: it has the size, the scripts and
/// the variety of real items, not their meaning. (Its Chinese words are fixture data, as in
/// `question-banks/`.)
public enum SyntheticContent {
    /// The track the content defines; it replaces the shipped CCCP in a fresh database.
    public static let track = "CCCP"
    public static let moduleCount = 10
    /// Questions per paper: the blueprint's entries add up to this.
    public static let paperLength = 100
    public static let passMark = 70.0
    public static let durationMinutes = 120
    /// Questions per bank file at most.
    public static let questionsPerFile = 10_000
    /// Hours of training per module (a candidate needs them all to register).
    public static let moduleHours = 4.0
    /// The smallest bank that fills the blueprint (12 per module, 4 of each difficulty).
    public static let minimumQuestions = 120

    /// The id of module `index` (0-based): `CCCP-M01` ... `CCCP-M10`.
    public static func moduleID(_ index: Int) -> String { String(format: "%@-M%02d", track, index + 1) }

    /// The shape of question `index` (0-based): its module, difficulty and type.
    ///
    /// Consecutive questions go round the modules; each module's questions go round the
    /// difficulties 1–3; one question in five is a multiple-answer question.
    public static func shape(of index: Int) -> (module: Int, difficulty: Int, multiple: Bool) {
        (index % moduleCount, (index / moduleCount) % 3 + 1, (index / (moduleCount * 3)) % 5 == 4)
    }

    /// The id of question `index` (0-based), e.g. `CCCP-M03-000042`.
    public static func questionID(_ index: Int) -> String {
        String(format: "%@-%06d", moduleID(shape(of: index).module), index / moduleCount + 1)
    }

    /// Writes `curricula/cccp.yaml` and `question-banks/cccp-NNNN.yaml` (at most
    /// ``questionsPerFile`` questions each) under `folder`, replacing files of those names.
    ///
    /// - Parameter questions: how many questions, at least ``minimumQuestions``.
    /// - Returns: the curriculum file and the bank files, in order.
    /// - Throws: what writing the files throws.
    public static func write(questions: Int, to folder: URL) throws -> (curriculum: URL, banks: [URL]) {
        precondition(questions >= minimumQuestions, "a bank of \(questions) questions cannot fill the blueprint")
        let manager = FileManager.default
        let curricula = folder.appendingPathComponent("curricula", isDirectory: true)
        let banks = folder.appendingPathComponent("question-banks", isDirectory: true)
        try manager.createDirectory(at: curricula, withIntermediateDirectories: true)
        try manager.createDirectory(at: banks, withIntermediateDirectories: true)
        let curriculum = curricula.appendingPathComponent("cccp.yaml")
        try Data(curriculumYAML().utf8).write(to: curriculum, options: .atomic)
        var files: [URL] = []
        for (number, start) in stride(from: 0, to: questions, by: questionsPerFile).enumerated() {
            let file = banks.appendingPathComponent(String(format: "cccp-%04d.yaml", number + 1))
            try Data(bankYAML(start..<min(start + questionsPerFile, questions)).utf8).write(to: file, options: .atomic)
            files.append(file)
        }
        return (curriculum, files)
    }

    // MARK: Curriculum

    static func curriculumYAML() -> String {
        var lines = [
            "# Synthetic CCCP curriculum written by the benchmark suite (Benchmarks/Sources/BenchKit/SyntheticContent.swift).",
            "track: \(track)",
            "title: {en: \"Certified Contact Center Professional (synthetic)\", zh-Hant: \"客服中心認證專業人員（模擬）\", zh-Hans: \"呼叫中心认证专业人员（模拟）\"}",
            "description:",
            "  en: \"A synthetic curriculum of ten modules for measuring CertDesk with large banks.\"",
            "  zh-Hant: \"用於以大型題庫測量 CertDesk 效能的十個單元模擬課程。\"",
            "  zh-Hans: \"用于以大型题库测量 CertDesk 性能的十个模块模拟课程。\"",
            "level: 1",
            "prerequisites: []",
            "eligibility:",
            "  - {en: \"Open to all contact-centre staff.\", zh-Hant: \"開放給所有客服中心人員。\", zh-Hans: \"面向所有呼叫中心员工。\"}",
            "fees: {currency: \"HKD\", training: 4800, exam: 1200, renewal: 400}",
            "modules:",
        ]
        for index in 0..<moduleCount {
            var generator = SeededGenerator(seed: 0xC0_FFEE &+ UInt64(index))
            let title = Words.title(&generator)
            lines += [
                "  - id: \"\(moduleID(index))\"",
                "    title: {en: \"\(title.en)\", zh-Hant: \"\(title.hant)\", zh-Hans: \"\(title.hans)\"}",
                "    hours: \(Int(moduleHours))",
                "    objectives:",
            ]
            for _ in 0..<2 {
                let objective = Words.sentence(&generator, english: 90, chinese: 36, end: (".", "。"))
                lines += [
                    "      - en: \"\(objective.en)\"", "        zh-Hant: \"\(objective.hant)\"", "        zh-Hans: \"\(objective.hans)\"",
                ]
            }
        }
        lines += [
            "exam:",
            "  duration: \(durationMinutes)",
            "  pass-mark: \(Int(passMark))",
            "  blueprint:",
        ]
        let perModule = paperLength / moduleCount
        for index in 0..<moduleCount {
            lines += ["    - module: \"\(moduleID(index))\"", "      questions: \(perModule)"]
            // Half the entries fix a difficulty mix, half take any difficulty: both assembly rules run.
            if index < moduleCount / 2 { lines.append("      difficulty: {1: 3, 2: 4, 3: 3}") }
        }
        lines += ["credential:", "  valid-years: 3", "  renewal-cpd-hours: 30", ""]
        return lines.joined(separator: "\n")
    }

    // MARK: Bank

    static func bankYAML(_ indices: Range<Int>) -> String {
        var text = "# Synthetic CCCP questions \(indices.lowerBound + 1)–\(indices.upperBound), written by the benchmark suite.\n"
        text += "track: \(track)\nquestions:\n"
        text.reserveCapacity(indices.count * 1_700)
        for index in indices { text += questionYAML(index) }
        return text
    }

    static func questionYAML(_ index: Int) -> String {
        let shape = shape(of: index)
        var generator = SeededGenerator(seed: UInt64(index) &* 0x2545_F491_4F6C_DD1D &+ 0x5EED)
        let stem = Words.sentence(
            &generator, english: 120, chinese: 48,
            end: shape.multiple ? ("? Select all that apply.", "？（複選）") : ("?", "？"))
        let correct: Set<Int> =
            shape.multiple
            ? Set(generator.shuffled(Array(0..<4)).prefix(2)) : [generator.uniform(below: 4)]
        var text = """
              - id: \(questionID(index))
                module: \(moduleID(shape.module))
                type: \(shape.multiple ? "multiple" : "single")
                difficulty: \(shape.difficulty)
                stem:
                  en: "\(stem.en)"
                  zh-Hant: "\(stem.hant)"
                  zh-Hans: "\(stem.hans)"
                options:

            """
        for (offset, id) in ["a", "b", "c", "d"].enumerated() {
            let option = Words.sentence(&generator, english: 40, chinese: 16, end: (".", "。"))
            text += """
                      - {id: \(id), text: {en: "\(option.en)", zh-Hant: "\(option.hant)", zh-Hans: "\(option.hans)"}, \
                correct: \(correct.contains(offset))}

                """
        }
        return text
    }
}

/// The vocabulary synthetic text is drawn from.
enum Words {
    /// One text in the three languages.
    struct Text {
        var en: String
        var hant: String
        var hans: String
    }

    static let english = [
        "the customer", "an agent", "the inbound call", "the queue", "service level", "average handle time", "a complaint",
        "the escalation path", "live chat", "an email reply", "the call script", "the knowledge base", "the quality form",
        "a wrap-up code", "the refund request", "a callback", "the team leader", "the schedule", "adherence", "the survey",
        "first contact resolution", "the identity check", "a card payment", "the privacy notice", "hold time", "a warm transfer",
        "the case record", "a follow-up task", "the billing query", "a delivery delay", "repeat contacts", "the service promise",
        "after-call work", "occupancy", "the abandon rate", "a vulnerable caller", "the callback window", "the CRM screen",
    ]
    static let verbs = [
        "should check", "must record", "can reduce", "will affect", "needs to confirm", "is expected to explain",
        "may escalate", "helps improve", "should summarise", "has to verify", "is measured against", "is linked to",
    ]
    static let chinese: [(hant: String, hans: String)] = [
        ("顧客", "顾客"), ("客服專員", "客服专员"), ("來電", "来电"), ("排隊等候", "排队等待"), ("服務水準", "服务水平"),
        ("處理時間", "处理时长"), ("客訴", "投诉"), ("向上呈報", "升级处理"), ("線上文字客服", "在线客服"), ("電子郵件", "电子邮件"),
        ("話術腳本", "话术脚本"), ("知識庫", "知识库"), ("品質評分表", "质检评分表"), ("結案代碼", "小结代码"), ("退款申請", "退款申请"),
        ("回電", "回电"), ("主管", "组长"), ("班表", "排班"), ("遵循率", "遵从率"), ("滿意度問卷", "满意度问卷"),
        ("一次解決率", "首次解决率"), ("身分驗證", "身份核验"), ("信用卡付款", "银行卡支付"), ("個人資料", "个人信息"),
        ("保留時間", "保持时长"), ("轉接", "转接"), ("案件紀錄", "工单记录"), ("後續追蹤", "后续跟进"), ("帳單問題", "账单问题"),
        ("送貨延誤", "送货延误"), ("重複來電", "重复来电"), ("服務承諾", "服务承诺"), ("話後處理", "话后处理"), ("佔用率", "占用率"),
        ("應該", "应该"), ("優先", "优先"), ("確認", "确认"), ("說明", "说明"), ("記錄", "记录"), ("根據公司政策", "根据公司规定"),
        ("在通話結束前", "在通话结束前"), ("為了提升", "为了提升"), ("降低", "降低"), ("影響", "影响"),
    ]
    static let titles: [Text] = [
        Text(en: "Queues and Service Level", hant: "排隊與服務水準", hans: "排队与服务水平"),
        Text(en: "Handling Complaints", hant: "客訴處理", hans: "投诉处理"),
        Text(en: "Quality and Coaching", hant: "品質與輔導", hans: "质检与辅导"),
        Text(en: "Digital Channels", hant: "數位服務管道", hans: "数字服务渠道"),
        Text(en: "Privacy and Compliance", hant: "個資保護與法規遵循", hans: "个人信息保护与合规"),
    ]

    static func title(_ generator: inout SeededGenerator) -> Text {
        var title = titles[generator.uniform(below: titles.count)]
        let number = generator.uniform(below: 90) + 10
        title.en += " \(number)"
        title.hant += " \(number)"
        title.hans += " \(number)"
        return title
    }

    /// A sentence of about `english` characters in English and `chinese` in each Chinese script.
    static func sentence(_ generator: inout SeededGenerator, english: Int, chinese: Int, end: (en: String, zh: String)) -> Text {
        var en = ""
        var nounLast = false
        while en.count < english - 12 {
            // Noun phrases, with a verb after one now and then.
            let verb = nounLast && generator.uniform(below: 2) == 0
            let phrase = verb ? verbs[generator.uniform(below: verbs.count)] : self.english[generator.uniform(below: self.english.count)]
            nounLast = !verb
            if en.isEmpty {
                en = phrase.prefix(1).uppercased() + phrase.dropFirst()
            } else {
                en += (!verb && generator.uniform(below: 4) == 0 ? ", " : " ") + phrase
            }
        }
        var hant = ""
        var hans = ""
        while hant.count < chinese - 4 {
            let pair = self.chinese[generator.uniform(below: self.chinese.count)]
            let comma = !hant.isEmpty && generator.uniform(below: 5) == 0
            hant += (comma ? "，" : "") + pair.hant
            hans += (comma ? "，" : "") + pair.hans
        }
        return Text(en: en + end.en, hant: hant + end.zh, hans: hans + end.zh.replacingOccurrences(of: "複選", with: "多选"))
    }
}
