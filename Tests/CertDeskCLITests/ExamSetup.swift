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
    ///
    /// - Parameters:
    ///   - marking: the drill curriculum's `exam.marking` rules, e.g.
    ///     `{second-marker: true, max-difference: 2, resolution: third-marker}`; one marker when `nil`.
    ///   - names: the candidates' family and given names, in the order they are added (and so
    ///     numbered); `Chan Candidate N` for any not given.
    init(
        _ content: Content, candidates: Int = 1, duration: Int? = nil, marking: String? = nil,
        names: [(family: String, given: String)] = []
    ) throws {
        folder = try CertDeskRunner.temporaryFolder()
        database = folder + "/certdesk.sqlite"
        let created = try runner.initialise(database)
        guard created.status == 0 else { throw CommandFailed(arguments: ["init"], result: created) }
        let track: String
        let modules: [String]
        let hours: String
        switch content {
        case .drill:
            var curriculum = try Self.drillCurriculum()
            if let marking {
                curriculum = curriculum.replacingOccurrences(of: "  pass-mark: 70\n", with: "  pass-mark: 70\n  marking: \(marking)\n")
            }
            try curriculum.write(toFile: folder + "/drill.yaml", atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(atPath: Self.drill + "/drill-bank.yaml", toPath: folder + "/drill-bank.yaml")
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
            let name = index <= names.count ? names[index - 1] : (family: "Chan", given: "Candidate \(index)")
            let number =
                try json([
                    "candidate", "add", "--family", name.family, "--given", name.given, "--id-document", "A\(1_000_000 + index)",
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

    /// The folder of the drill track's files, shared with the Kit tests.
    static let drill = CertDeskRunner.root + "/Tests/Shared/drill"

    static func drillCurriculum() throws -> String {
        try String(contentsOfFile: drill + "/drill.yaml", encoding: .utf8)
    }
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
