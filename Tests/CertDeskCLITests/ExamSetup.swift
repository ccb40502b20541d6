import CertDeskCore
import Foundation

/// A database of its own in a temporary folder, with a track loaded, candidates trained and
/// registered for one sitting that is under way — all done through the `certdesk` command line.
struct ExamSetup {
    /// The content an exam is drawn from.
    enum Content {
        /// A six-question drill track: one question per module, one of each type in slot order
        /// (single, multiple, true-false, numeric, short, essay), options never shuffled, so a
        /// scripted candidate knows every paper.
        case drill
        /// The shipped CCCP curriculum and bank: 40 questions drawn at random.
        case cccp
    }

    /// A candidate's registration: their number and one-time access code.
    struct Registration {
        var number: String
        var code: String
    }

    /// Why a setup command failed.
    struct CommandFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var result: CertDeskRunner.Result
        var description: String { "certdesk \(arguments.joined(separator: " ")) → \(result.status): \(result.error)\(result.output)" }
    }

    let folder: String
    let database: String
    let runner = CertDeskRunner()
    private(set) var session = ""
    private(set) var registrations: [Registration] = []

    /// Sets up `candidates` registered candidates for a sitting of `content` that started this
    /// minute, lasting `duration` minutes (the curriculum's duration when `nil`).
    init(_ content: Content, candidates: Int = 1, duration: Int? = nil) throws {
        folder = try CertDeskRunner.temporaryFolder()
        database = folder + "/certdesk.sqlite"
        try certdesk(["init"])
        let track: String
        let modules: [String]
        let hours: String
        switch content {
        case .drill:
            try Self.drillCurriculum.write(toFile: folder + "/drill.yaml", atomically: true, encoding: .utf8)
            try Self.drillBank.write(toFile: folder + "/drill-bank.yaml", atomically: true, encoding: .utf8)
            try certdesk(["curriculum", "load", folder + "/drill.yaml"])
            try certdesk(["bank", "import", folder + "/drill-bank.yaml"])
            (track, modules, hours) = ("DRILL", (1...6).map { "DRILL-0\($0)" }, "1")
        case .cccp:
            try certdesk(["curriculum", "load", CertDeskRunner.root + "/curricula"])
            try certdesk(["bank", "import", CertDeskRunner.root + "/question-banks"])
            (track, modules, hours) = ("CCCP", (1...8).map { "CCCP-0\($0)" }, "12")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var sessionArguments = [
            "session", "create", "--track", track, "--starts", formatter.string(from: Date()), "--centre", "Kowloon Bay Centre",
            "--capacity", String(max(candidates, 1)), "--json",
        ]
        if let duration { sessionArguments += ["--duration", String(duration)] }
        session = try json(sessionArguments)["session"] ?? ""
        for index in 1...candidates {
            let number =
                try json([
                    "candidate", "add", "--family", "Chan", "--given", "Candidate \(index)", "--id-document", "A\(1_000_000 + index)",
                    "--json",
                ])["number"] ?? ""
            for module in modules { try certdesk(["training", "record", number, module, "--hours", hours]) }
            let code = try json(["register", number, session, "--json"])["code"] ?? ""
            registrations.append(Registration(number: number, code: code))
        }
    }

    /// Removes the folder and the database in it.
    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// Runs `certdesk` on this database.
    func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> CertDeskRunner.Result {
        try runner.run(arguments + ["--db", database], input: input, extraEnvironment: environment)
    }

    /// Runs `certdesk sit --plain` for a registered candidate, the access code in the environment
    /// as a test centre's kiosk script gives it, typing `input`.
    func sit(_ registration: Registration, input: String, arguments: [String] = []) throws -> CertDeskRunner.Result {
        try run(
            ["sit", "--plain", "--candidate", registration.number] + arguments, input: input,
            environment: ["CERTDESK_ACCESS_CODE": registration.code])
    }

    /// Starts `certdesk sit --plain` for a registered candidate without waiting for it.
    func startSitting(_ registration: Registration, arguments: [String] = []) throws -> RunningCertDesk {
        try runner.start(
            ["sit", "--plain", "--candidate", registration.number, "--db", database] + arguments,
            extraEnvironment: ["CERTDESK_ACCESS_CODE": registration.code])
    }

    /// The stored record of an attempt, as `certdesk attempt show ID --json` prints it.
    func attempt(_ id: Int) throws -> AttemptRecord {
        let arguments = ["attempt", "show", String(id), "--json"]
        let result = try run(arguments)
        guard result.status == 0 else { throw CommandFailed(arguments: arguments, result: result) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(AttemptRecord.self, from: Data(result.output.utf8))
    }

    @discardableResult
    private func certdesk(_ arguments: [String]) throws -> CertDeskRunner.Result {
        let result = try run(arguments)
        guard result.status == 0 else { throw CommandFailed(arguments: arguments, result: result) }
        return result
    }

    private func json(_ arguments: [String]) throws -> [String: String] {
        let result = try certdesk(arguments)
        return try JSONDecoder().decode([String: String].self, from: Data(result.output.utf8))
    }

    static let drillCurriculum = """
        track: DRILL
        title: {en: "Drill Track", zh-Hant: "練習課程", zh-Hans: "练习课程"}
        level: 1
        prerequisites: []
        modules:
          - id: DRILL-01
            title: {en: "Service Level", zh-Hant: "服務水準", zh-Hans: "服务水平"}
            hours: 1
            objectives:
              - {en: "Explain service level.", zh-Hant: "說明服務水準。", zh-Hans: "说明服务水平。"}
          - id: DRILL-02
            title: {en: "Occupancy", zh-Hant: "佔用率", zh-Hans: "占用率"}
            hours: 1
            objectives:
              - {en: "Explain occupancy.", zh-Hant: "說明佔用率。", zh-Hans: "说明占用率。"}
          - id: DRILL-03
            title: {en: "Speed of Answer", zh-Hant: "應答速度", zh-Hans: "应答速度"}
            hours: 1
            objectives:
              - {en: "Explain ASA.", zh-Hant: "說明平均應答速度。", zh-Hans: "说明平均应答速度。"}
          - id: DRILL-04
            title: {en: "Traffic", zh-Hant: "話務量", zh-Hans: "话务量"}
            hours: 1
            objectives:
              - {en: "Compute traffic in Erlangs.", zh-Hant: "計算話務量。", zh-Hans: "计算话务量。"}
          - id: DRILL-05
            title: {en: "Quality", zh-Hant: "品質", zh-Hans: "质量"}
            hours: 1
            objectives:
              - {en: "Run a calibration session.", zh-Hant: "主持校準會議。", zh-Hans: "主持校准会议。"}
          - id: DRILL-06
            title: {en: "Coaching", zh-Hant: "輔導", zh-Hans: "辅导"}
            hours: 1
            objectives:
              - {en: "Plan coaching.", zh-Hant: "規劃輔導。", zh-Hans: "规划辅导。"}
        exam:
          duration: 30
          pass-mark: 70
          blueprint:
            - {module: DRILL-01, questions: 1}
            - {module: DRILL-02, questions: 1}
            - {module: DRILL-03, questions: 1}
            - {module: DRILL-04, questions: 1}
            - {module: DRILL-05, questions: 1}
            - {module: DRILL-06, questions: 1}
        credential:
          valid-years: 3
          renewal-cpd-hours: 30
        """

    static let drillBank = """
        track: DRILL
        questions:
          - id: DRILL-01-001
            module: DRILL-01
            type: single
            difficulty: 2
            shuffle: false
            stem: {en: "Which measure is the share of calls answered within a threshold?", zh-Hant: "哪項指標是在門檻內接聽的來電比例？", zh-Hans: "哪项指标是在阈值内接听的来电比例？"}
            options:
              - {id: a, text: {en: "Service level", zh-Hant: "服務水準", zh-Hans: "服务水平"}, correct: true}
              - {id: b, text: {en: "Occupancy", zh-Hant: "佔用率", zh-Hans: "占用率"}, correct: false}
              - {id: c, text: {en: "Adherence", zh-Hant: "遵循率", zh-Hans: "遵从率"}, correct: false}
          - id: DRILL-02-001
            module: DRILL-02
            type: multiple
            difficulty: 3
            shuffle: false
            stem: {en: "Which raise occupancy? Select all that apply.", zh-Hant: "哪些會提高佔用率？（複選）", zh-Hans: "哪些会提高占用率？（多选）"}
            options:
              - {id: a, text: {en: "More calls", zh-Hant: "來電增加", zh-Hans: "来电增加"}, correct: true}
              - {id: b, text: {en: "Fewer agents", zh-Hant: "人力減少", zh-Hans: "人员减少"}, correct: true}
              - {id: c, text: {en: "Longer breaks off the phone", zh-Hant: "離線休息變長", zh-Hans: "离线休息变长"}, correct: false}
          - id: DRILL-03-001
            module: DRILL-03
            type: true-false
            difficulty: 2
            stem: {en: "ASA includes calls answered immediately.", zh-Hant: "平均應答速度包含立即接聽的來電。", zh-Hans: "平均应答速度包含立即接听的来电。"}
            answer: true
          - id: DRILL-04-001
            module: DRILL-04
            type: numeric
            difficulty: 3
            stem: {en: "120 calls of 300 s in 30 minutes: traffic in Erlangs?", zh-Hant: "30 分鐘內 120 通、每通 300 秒，話務量為多少 Erlang？", zh-Hans: "30 分钟内 120 通、每通 300 秒，话务量为多少 Erlang？"}
            answer: {value: 20, tolerance: 0}
          - id: DRILL-05-001
            module: DRILL-05
            type: short
            difficulty: 1
            stem: {en: "Name the session where evaluators align their scoring.", zh-Hant: "評核人員對齊評分標準的會議稱為？", zh-Hans: "评核人员统一评分标准的会议叫什么？"}
            answer: {en: ["calibration", "calibration session"], zh-Hant: ["校準", "校準會議"], zh-Hans: ["校准", "校准会议"]}
          - id: DRILL-06-001
            module: DRILL-06
            type: essay
            difficulty: 4
            stem: {en: "Design a coaching plan.", zh-Hant: "設計一套輔導計劃。", zh-Hans: "设计一套辅导计划。"}
            rubric: {en: "5 points: cadence; 5 points: measures.", zh-Hant: "5 分：頻率；5 分：衡量方式。", zh-Hans: "5 分：频率；5 分：衡量方式。"}
        """
}

/// An attempt as `certdesk attempt show ID --json` prints it.
struct AttemptRecord: Decodable {
    struct Item: Decodable {
        var slot: Int
        var question: String
        var optionOrder: [String]
        var answer: Answer?
        var flagged: Bool
    }

    struct Entry: Decodable {
        var at: Date
        var kind: String
        var slot: Int?
        var value: String?
        var terminal: String
    }

    var attempt: Int
    var candidate: String
    var session: String
    var startedAt: Date
    var deadline: Date
    var submission: String?
    var submittedAt: Date?
    var items: [Item]
    var history: [Entry]?

    /// The stored answers by slot.
    var answers: [Int: Answer] {
        Dictionary(uniqueKeysWithValues: items.compactMap { item in item.answer.map { (item.slot, $0) } })
    }
}
