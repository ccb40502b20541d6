import CertDeskCore
import CertDeskExam
import CertDeskKit
import CertDeskStore
import Crypto
import Foundation
import GRDB

/// A database with one sitting under way and candidates registered to it, ready for the exam room.
public struct ExamFixture: Sendable, Codable {
    /// A candidate's login at the exam room's door.
    public struct Login: Sendable, Codable, Hashable {
        public var number: String
        public var code: String

        public init(number: String, code: String) {
            self.number = number
            self.code = code
        }
    }

    public var path: String
    public var sittingID: String
    public var logins: [Login]
}

/// A candidate's login at the exam room's door.
public typealias Login = ExamFixture.Login

/// A database with one sitting whose candidates have all submitted a 100-item paper.
public struct ResultsFixture: Sendable, Codable {
    /// How far the sitting's results have got.
    public enum Stage: String, Sendable, Codable {
        /// Every attempt submitted, none graded.
        case submitted
        /// Every attempt graded (as `certdesk results` does), results not released.
        case graded
        /// Graded and released (`certdesk release`); the issuer is set and a key made, ready for `certdesk issue`.
        case released
    }

    public var path: String
    public var sittingID: String
    public var attempts: Int
    public var stage: Stage
    /// Attempts whose result is a pass, once graded.
    public var passed: Int?
    /// The issuer key folder, for a released fixture.
    public var keyDirectory: String?
}

/// Builds benchmark databases through CertDesk's own use cases (the `CertDeskKit` desks the
/// command line calls), caches them in ``folder`` and hands out a fresh copy on each call.
///
/// Every change is made by the administrator ``operatorName`` and recorded in the audit log,
/// as `certdesk` records it, except the submitted attempts of ``resultsDatabase(attempts:at:)``,
/// which are inserted with SQL (the same rows the exam room writes) because 10,000 candidates
/// answering through the room would take hours. Large databases are built in `/dev/shm` when
/// it exists (`CERTDESK_BENCH_STAGING` names another folder) and copied to the cache when done.
public enum BenchFixture {
    /// The administrator who makes every change.
    public static let operatorName = "bench"
    /// Its password (benchmark databases only).
    public static let password = "Fixture-Pass-7429"
    public static let centre = "HKG-01"
    /// The bank of the results databases: large enough for papers to differ.
    public static let resultsBankSize = 2_000
    /// Where the issuer of released fixtures says it is.
    public static let issuerID = "https://cert.example.org"

    /// The cache: `CERTDESK_BENCH_FIXTURES`, else `.build-bench/fixtures` under the current folder.
    public static var folder: URL {
        let named = ProcessInfo.processInfo.environment["CERTDESK_BENCH_FIXTURES"] ?? ".build-bench/fixtures"
        return URL(fileURLWithPath: named, isDirectory: true)
    }

    /// The CertDesk checkout: `CERTDESK_HOME`, else the folder above `Benchmarks/`.
    public static var home: URL {
        if let named = ProcessInfo.processInfo.environment["CERTDESK_HOME"], !named.isEmpty {
            return URL(fileURLWithPath: named, isDirectory: true)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    // MARK: Content

    /// The synthetic content of `questions` questions, written once into the cache.
    ///
    /// - Returns: the curriculum file and the folder of bank files.
    public static func contentFiles(questions: Int) throws -> (curriculum: URL, banks: URL) {
        let root = folder.appendingPathComponent("content-q\(questions)", isDirectory: true)
        let done = root.appendingPathComponent("complete")
        let files = (root.appendingPathComponent("curricula/cccp.yaml"), root.appendingPathComponent("question-banks", isDirectory: true))
        return try locked("content-q\(questions)-yaml") {
            if FileManager.default.fileExists(atPath: done.path) { return files }
            try? FileManager.default.removeItem(at: root)
            _ = try SyntheticContent.write(questions: questions, to: root)
            try Data().write(to: done)
            return files
        }
    }

    /// A fresh database at `path` with the administrator and the synthetic curriculum loaded,
    /// and no question yet: what `certdesk bank import` starts from.
    ///
    /// - Returns: the bank folder to import.
    public static func curriculumDatabase(questions: Int, at path: String) throws -> URL {
        let content = try contentFiles(questions: questions)
        removeDatabase(at: path)
        let store = try Store.create(at: path)
        try StaffDesk(store: store).add(name: operatorName, role: .administrator, password: password, by: nil)
        _ = try CurriculumLoader(store: store, operatorName: operatorName, now: { Date() }).load(paths: [content.curriculum.path])
        return content.banks
    }

    /// The cached database with the content of `questions` questions loaded (`curriculum load`, `bank import`).
    static func contentDatabase(questions: Int) throws -> String {
        try cached("content-q\(questions)", as: Int.self) { staged in
            let content = try contentFiles(questions: questions)
            let store = try Store.create(at: staged)
            try StaffDesk(store: store).add(name: operatorName, role: .administrator, password: password, by: nil)
            _ = try CurriculumLoader(store: store, operatorName: operatorName, now: { Date() }).load(paths: [content.curriculum.path])
            let report = try BankImporter(store: store, operatorName: operatorName, now: { Date() }).importBanks(paths: [content.banks.path]
            )
            precondition(report.count(.added) == questions, "the bank import added \(report.count(.added)) of \(questions) questions")
            return questions
        }.file
    }

    // MARK: Exam room

    /// A fresh database at `path` with `questions` synthetic questions, one CCCP sitting at
    /// ``centre`` that has started and stays open to new entrants for at least two more hours,
    /// and `candidates` candidates registered to it (training recorded, access codes kept).
    ///
    /// The database is cached; a cached one whose entry closes within two hours is built again.
    public static func examDatabase(questions: Int, candidates: Int, at path: String) throws -> ExamFixture {
        struct Built: Codable {
            var sittingID: String
            var logins: [Login]
            var entryClosesAt: Date
        }
        let (file, built) = try cached(
            "exam-q\(questions)-c\(candidates)", as: Built.self,
            valid: { $0.entryClosesAt.timeIntervalSinceNow > 2 * 3600 }
        ) { staged in
            try copyDatabase(from: try contentDatabase(questions: questions), to: staged)
            let store = try Store.open(at: staged)
            let registrar = Registrar(store: store, operatorName: operatorName, now: { Date() })
            // Started a minute ago; new entrants are let in for the longest late entry allowed.
            let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 60)
            let sitting = try registrar.createSitting(
                NewSitting(
                    track: SyntheticContent.track, startsAt: start, timeZone: "Asia/Hong_Kong", durationMinutes: nil, lateEntryMinutes: 240,
                    centre: centre, capacity: max(candidates, 1)))
            let logins = try register(candidates, to: sitting.id, registrar: registrar, store: store)
            return Built(sittingID: sitting.id, logins: logins, entryClosesAt: sitting.entryClosesAt)
        }
        try copyDatabase(from: file, to: path)
        return ExamFixture(path: path, sittingID: built.sittingID, logins: built.logins)
    }

    // MARK: Results

    /// A fresh database at `path` with one CCCP sitting (bank of ``resultsBankSize``) whose
    /// `attempts` candidates have each submitted a 100-item paper, not yet graded.
    ///
    /// Each candidate has an ability; the chance of answering an item right depends on it and
    /// on the item's difficulty, and a few items are left blank, changed, flagged or revisited.
    public static func resultsDatabase(attempts: Int, at path: String) throws -> ResultsFixture {
        try handOut(try submittedDatabase(attempts: attempts, allPass: false), to: path)
    }

    /// ``resultsDatabase(attempts:at:)`` after `certdesk results` graded every attempt.
    public static func gradedResultsDatabase(attempts: Int, at path: String) throws -> ResultsFixture {
        let source = try submittedDatabase(attempts: attempts, allPass: false)
        let graded = try cached("results-a\(attempts)-graded", as: ResultsFixture.self) { staged in
            try copyDatabase(from: source.file, to: staged)
            var fixture = source.fixture
            let changes = try GradingDesk(store: try Store.open(at: staged), operatorName: operatorName, now: { Date() })
                .gradePending(sitting: fixture.sittingID)
            precondition(changes.count == attempts, "graded \(changes.count) of \(attempts) attempts")
            fixture.stage = .graded
            fixture.passed = changes.filter { $0.current.passed == true }.count
            return fixture
        }
        return try handOut(graded, to: path)
    }

    /// A database at `path` whose `credentials` candidates all passed a sitting whose results
    /// are released, with the issuer profile set and a fresh issuer key in `<path>.keys`: what
    /// `certdesk issue --session` starts from.
    public static func issuanceDatabase(credentials: Int, at path: String) throws -> ResultsFixture {
        let source = try submittedDatabase(attempts: credentials, allPass: true)
        let released = try cached("issuance-n\(credentials)", as: ResultsFixture.self) { staged in
            try copyDatabase(from: source.file, to: staged)
            var fixture = source.fixture
            let store = try Store.open(at: staged)
            let grading = GradingDesk(store: store, operatorName: operatorName, now: { Date() })
            let graded = try grading.gradePending(sitting: fixture.sittingID)
            let passed = graded.filter { $0.current.passed == true }.count
            precondition(passed == credentials, "\(passed) of \(credentials) candidates passed")
            _ = try grading.release(sitting: fixture.sittingID)
            _ = try credentialDesk(store: store, keyDirectory: staged + ".keys").setIssuer(
                id: issuerID, names: [.english: "Contact Centre Certification Board"], verifyURL: issuerID + "/verify")
            fixture.stage = .released
            fixture.passed = passed
            return fixture
        }
        var fixture = try handOut(released, to: path)
        let keys = path + ".keys"
        try? FileManager.default.removeItem(atPath: keys)
        _ = try credentialDesk(store: try Store.open(at: path), keyDirectory: keys).initKey()
        fixture.keyDirectory = keys
        return fixture
    }

    /// A credential desk as `certdesk` builds one, its criteria worded from the message catalogs in ``home``.
    public static func credentialDesk(store: Store, keyDirectory: String) -> CredentialDesk {
        let templates = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, criteriaTemplate($0)) })
        return CredentialDesk(
            store: store, operatorName: operatorName, keyDirectory: keyDirectory, now: { Date() },
            wording: { language, key, arguments in
                guard key == "credential.criteria", var text = templates[language] ?? nil else { return key }
                for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
                return text
            })
    }

    /// `msgstr` of `credential.criteria` in `locales/<language>.po`.
    static func criteriaTemplate(_ language: Language) -> String? {
        let file = home.appendingPathComponent("locales/\(language.rawValue).po")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(of: "msgid \"credential.criteria\""), index + 1 < lines.count else { return nil }
        let line = lines[index + 1]
        guard line.hasPrefix("msgstr \""), line.hasSuffix("\"") else { return nil }
        return String(line.dropFirst(8).dropLast())
    }

    /// The cached database of `attempts` submitted, ungraded attempts.
    static func submittedDatabase(attempts: Int, allPass: Bool) throws -> (file: String, fixture: ResultsFixture) {
        try cached("results-a\(attempts)\(allPass ? "-passing" : "")", as: ResultsFixture.self) { staged in
            try copyDatabase(from: try contentDatabase(questions: resultsBankSize), to: staged)
            let store = try Store.open(at: staged)
            // Registered a week before a sitting that took place yesterday; the clock ticks from there.
            let sittingStart = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 86_400)
            let registration = sittingStart.addingTimeInterval(-7 * 86_400)
            let began = Date()
            let registrar = Registrar(
                store: store, operatorName: operatorName, now: { registration.addingTimeInterval(Date().timeIntervalSince(began)) })
            let sitting = try registrar.createSitting(
                NewSitting(
                    track: SyntheticContent.track, startsAt: sittingStart, timeZone: "Asia/Hong_Kong", durationMinutes: nil,
                    lateEntryMinutes: 30, centre: centre, capacity: max(attempts, 1)))
            _ = try register(attempts, to: sitting.id, registrar: registrar, store: store)
            guard let curriculum = try store.currentCurricula().first(where: { $0.curriculum.track == SyntheticContent.track }) else {
                throw FixtureError("the synthetic curriculum is missing")
            }
            try SubmittedAttempts(
                sitting: sitting, blueprint: curriculum.curriculum.exam.blueprint, allPass: allPass, seed: allPass ? 0xB0B : 0xA11CE
            ).insert(into: staged)
            return ResultsFixture(path: "", sittingID: sitting.id, attempts: attempts, stage: .submitted, passed: nil, keyDirectory: nil)
        }
    }

    static func handOut(_ cache: (file: String, fixture: ResultsFixture), to path: String) throws -> ResultsFixture {
        try copyDatabase(from: cache.file, to: path)
        var fixture = cache.fixture
        fixture.path = path
        return fixture
    }

    // MARK: Candidates

    /// Adds `count` candidates, records their training in every module and registers them, as
    /// `candidate add`, `training record` and `register` do.
    static func register(_ count: Int, to sittingID: String, registrar: Registrar, store: Store) throws -> [Login] {
        guard let curriculum = try store.currentCurricula().first(where: { $0.curriculum.track == SyntheticContent.track })?.curriculum
        else { throw FixtureError("the synthetic curriculum is missing") }
        var logins: [Login] = []
        logins.reserveCapacity(count)
        for index in 0..<count {
            let candidate = try registrar.addCandidate(People.candidate(index))
            for module in curriculum.modules {
                _ = try registrar.recordTraining(candidate: candidate.number, module: module.id, hours: module.hours, note: nil)
            }
            let registration = try registrar.register(candidate: candidate.number, sitting: sittingID)
            logins.append(Login(number: candidate.number, code: registration.code))
            if (index + 1) % 2_000 == 0 { progress("registered \(index + 1) of \(count) candidates") }
        }
        return logins
    }

    // MARK: Files

    /// Copies a closed database file (and nothing else) to `path`, replacing a database there.
    public static func copyDatabase(from source: String, to path: String) throws {
        removeDatabase(at: path)
        try FileManager.default.copyItem(atPath: source, toPath: path)
    }

    /// Removes a database file and its `-wal` and `-shm` companions.
    public static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The cached database `name`, built by `build` (given a path to create it at) when missing or not `valid`.
    ///
    /// The build runs in a staging folder (in memory where possible); the result is checkpointed,
    /// switched to a rollback journal so the one file is the whole database, and moved into the cache.
    static func cached<Meta: Codable>(
        _ name: String, as type: Meta.Type, valid: (Meta) -> Bool = { _ in true }, build: (_ staged: String) throws -> Meta
    ) throws -> (file: String, fixture: Meta) {
        let file = folder.appendingPathComponent("\(name).sqlite").path
        let metaFile = folder.appendingPathComponent("\(name).json")
        // A database built before a migration was added is built again, not upgraded.
        let migrations = try Store.inMemory().appliedMigrations()
        return try locked(name) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            if FileManager.default.fileExists(atPath: file), let data = try? Data(contentsOf: metaFile),
                let entry = try? decoder.decode(CacheEntry<Meta>.self, from: data), entry.migrations == migrations, valid(entry.meta)
            {
                return (file, entry.meta)
            }
            progress("building fixture \(name)")
            let started = Date()
            let staging = stagingFolder().appendingPathComponent("certdesk-bench-\(getpid())-\(name)", isDirectory: true)
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: staging) }
            let staged = staging.appendingPathComponent("\(name).sqlite").path
            let meta = try build(staged)
            // The builder's store is gone; with no other connection, DELETE mode folds the WAL back in.
            _ = try RawSQLite(path: staged, options: .init(journalMode: "DELETE"))
            removeDatabase(at: file)
            let temporary = file + ".\(getpid()).tmp"
            try? FileManager.default.removeItem(atPath: temporary)
            try FileManager.default.copyItem(atPath: staged, toPath: temporary)
            guard rename(temporary, file) == 0 else { throw FixtureError("cannot move \(temporary) to \(file)") }
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            try encoder.encode(CacheEntry(migrations: migrations, meta: meta)).write(to: metaFile, options: .atomic)
            progress("built fixture \(name) in \(Int(Date().timeIntervalSince(started))) s")
            return (file, meta)
        }
    }

    static func stagingFolder() -> URL {
        if let named = ProcessInfo.processInfo.environment["CERTDESK_BENCH_STAGING"], !named.isEmpty {
            return URL(fileURLWithPath: named, isDirectory: true)
        }
        var info = statvfs()
        if statvfs("/dev/shm", &info) == 0, Double(info.f_bavail) * Double(info.f_frsize) > 4e9 {
            return URL(fileURLWithPath: "/dev/shm", isDirectory: true)
        }
        return folder
    }

    /// Runs `body` holding an exclusive lock named `name` in the cache, so two processes never build the same fixture.
    static func locked<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor = open(folder.appendingPathComponent("\(name).lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FixtureError("cannot open the lock of \(name) in \(folder.path)") }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw FixtureError("cannot lock \(name)") }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("[fixture] \(text)\n".utf8))
    }
}

/// What the cache keeps beside a database: the schema it was built with and what its builder returned.
struct CacheEntry<Meta: Codable>: Codable {
    var migrations: [String]
    var meta: Meta
}

/// A fixture that could not be built, and why.
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Names, documents and languages of synthetic candidates.
enum People {
    static let families = ["Chan", "Wong", "Lee", "Cheung", "Lau", "Ng", "Lam", "Ho", "Tsang", "Leung", "Smith", "Patel", "Tan", "Lim"]
    static let givens = ["Tai Man", "Siu Ming", "Ka Yan", "Wing Sze", "Chi Keung", "Mei Ling", "Hoi Yan", "Emily", "Jason", "Priya"]
    /// Chinese names, fixture data as in `question-banks/`.
    static let chineseFamilies = ["陳", "黃", "李", "張", "劉", "吳", "林", "何", "曾", "梁", "鄧", "周"]
    static let chineseGivens = ["大文", "小明", "嘉欣", "詠詩", "志強", "美玲", "凱琳", "家豪", "雅婷", "俊傑"]

    static func candidate(_ index: Int) -> NewCandidate {
        let language: Language = index % 10 < 4 ? .english : index % 10 < 7 ? .traditionalChinese : .simplifiedChinese
        let name = PersonName(family: families[index % families.count], given: givens[(index / families.count) % givens.count])
        let other =
            language == .english && index % 3 != 0
            ? nil
            : PersonName(
                family: chineseFamilies[index % chineseFamilies.count], given: chineseGivens[(index / 7) % chineseGivens.count])
        return NewCandidate(
            name: name, otherName: other, idDocument: String(format: "B%07d(%d)", index + 1, (index * 7 + 3) % 10),
            email: index % 4 == 0 ? nil : "candidate\(index + 1)@example.com", language: language)
    }
}

/// A submitted attempt for every registration of a sitting, inserted with SQL in one
/// transaction: the rows the exam room writes when candidates start, answer, flag, move about
/// and submit (`attempts`, `paper_items`, `responses`, `attempt_events`), with papers drawn by
/// CertDesk's own ``PaperAssembler`` from the pool the room reads, ranked as its pool index ranks it.
struct SubmittedAttempts: Sendable {
    var sitting: Sitting
    var blueprint: [BlueprintEntry]
    /// Every candidate passes (with at least 80 items right), for issuing credentials to all.
    var allPass: Bool
    var seed: UInt64

    /// What answering an item needs: its correct options.
    struct Key: Sendable {
        var multiple: Bool
        var correct: Set<String>
    }

    /// One thing a candidate did, at a time in milliseconds.
    enum Step {
        case answer(Int64, slot: Int, value: String?)
        case flag(Int64, slot: Int, on: Bool)
        case position(Int64, slot: Int)
        case language(Int64, slot: Int, Language)
    }

    enum Outcome { case right, wrong, blank }

    func insert(into path: String) throws {
        precondition(
            (try? Self.encoder.encode(Answer.choices(["a", "c"]))).map { String(decoding: $0, as: UTF8.self) }
                == Self.choicesJSON(["a", "c"]), "answers would not be stored as the exam room stores them")
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let count = try queue.write { db in try insert(db) }
        BenchFixture.progress("inserted \(count) submitted attempts")
    }

    private func insert(_ db: Database) throws -> Int {
        let registrations = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, c.language FROM registrations r JOIN candidates c ON c.id = r.candidate_id
                WHERE r.sitting_id = ? ORDER BY r.id
                """, arguments: [sitting.id])
        var pool: [PoolItem] = []
        var keys: [String: Key] = [:]
        // The pool the room draws from (Store.startAttempt).
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT q.id, v.version, v.module_id, v.difficulty, v.type, v.options, v.shuffle FROM questions q
                JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version WHERE q.track = ?
                AND q.id NOT IN (SELECT question_id FROM voided_questions)
                """, arguments: [sitting.track])
        {
            let options = try JSONDecoder().decode([AnswerOption].self, from: Data((row["options"] as String).utf8))
            let id: String = row["id"]
            pool.append(
                PoolItem(
                    id: id, version: row["version"], module: row["module_id"], difficulty: row["difficulty"],
                    optionIDs: options.map(\.id), shuffleOptions: row["shuffle"]))
            keys[id] = Key(multiple: row["type"] as String == "multiple", correct: Set(options.filter(\.correct).map(\.id)))
        }
        // The pool index's digest (Store.refreshPool), then the attempt's (ExamDesk.draw): no question seen before.
        let lines = pool.map { "\($0.id)@\($0.version)" }.sorted().joined(separator: "\n")
        let poolDigest = SHA256.hash(data: Data(lines.utf8)).map { String(format: "%02x", $0) }.joined()
        let digest = ExamDesk.poolDigest(poolDigest, seen: [])
        let assembler = PaperAssembler(blueprint: blueprint)
        let insertAttempt = try db.cachedStatement(
            sql: """
                INSERT INTO attempts (registration_id, seed, assembler, pool_digest, seen, started_ms, duration_minutes, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertItem = try db.cachedStatement(
            sql: "INSERT INTO paper_items (attempt_id, slot, question_id, version, option_order) VALUES (?, ?, ?, ?, ?)")
        let insertResponse = try db.cachedStatement(
            sql: "INSERT INTO responses (attempt_id, slot, kind, value, at_ms, terminal) VALUES (?, ?, ?, ?, ?, ?)")
        let insertEvent = try db.cachedStatement(
            sql: "INSERT INTO attempt_events (attempt_id, kind, slot, detail, at_ms, terminal) VALUES (?, ?, ?, ?, ?, ?)")
        var generator = SeededGenerator(seed: seed)
        let opens = Int64((sitting.startsAt.timeIntervalSince1970 * 1000).rounded())
        for (index, registration) in registrations.enumerated() {
            let paperSeed = generator.next() & 0x7FFF_FFFF_FFFF_FFFF
            let paper = try assembler.assemble(pool: pool, seen: [], seed: paperSeed)
            // Candidates sit down during the first 20 of the 30 minutes of late entry.
            let started = opens + Int64(generator.uniform(below: 20 * 60_000))
            let deadline = started + Int64(sitting.durationMinutes) * 60_000
            let terminal = "/dev/pts/\(index % 120 + 1)"
            let language = Language(rawValue: registration["language"]) ?? .english
            try insertAttempt.execute(arguments: [
                registration["id"] as Int64, Int64(bitPattern: paperSeed), PaperAssembler.name, digest, "[]", started,
                sitting.durationMinutes, language.rawValue,
            ])
            let attemptID = db.lastInsertedRowID
            for item in paper.items {
                try insertItem.execute(arguments: [attemptID, item.slot, item.questionID, item.version, Self.choicesList(item.optionOrder)])
            }
            try insertEvent.execute(arguments: [attemptID, "started", nil, nil, started, terminal])
            let ability = allPass ? 3 + 0.5 * Self.normal(&generator) : 1 + Self.normal(&generator)
            let (steps, finished) = script(paper, keys: keys, ability: ability, language: language, start: started, generator: &generator)
            precondition(finished < deadline, "a synthetic candidate ran out of time")
            for step in steps {
                switch step {
                case .answer(let at, let slot, let value):
                    try insertResponse.execute(arguments: [attemptID, slot, "answer", value, at, terminal])
                case .flag(let at, let slot, let on):
                    try insertResponse.execute(arguments: [attemptID, slot, "flag", on ? "true" : "false", at, terminal])
                case .position(let at, let slot):
                    try insertEvent.execute(arguments: [attemptID, "position", slot, nil, at, terminal])
                case .language(let at, let slot, let chosen):
                    try insertEvent.execute(arguments: [attemptID, "language", slot, chosen.rawValue, at, terminal])
                }
            }
            try insertEvent.execute(arguments: [attemptID, "submitted", nil, nil, finished, terminal])
        }
        return registrations.count
    }

    /// What one candidate does from sitting down to submitting: a first pass through the
    /// paper, then a look at flagged and a few other items.
    func script(
        _ paper: Paper, keys: [String: Key], ability: Double, language: Language, start: Int64, generator: inout SeededGenerator
    ) -> (steps: [Step], finished: Int64) {
        var outcomes = paper.items.map { item -> Outcome in
            // Rasch-like: the chance of a right answer falls with the item's difficulty.
            let chance = 1 / (1 + exp(-(ability - Double(item.difficulty - 2))))
            let roll = Self.unit(&generator)
            if roll < (ability < 0 ? 0.04 : 0.01) { return .blank }
            return Self.unit(&generator) < chance ? .right : .wrong
        }
        if allPass {
            while outcomes.filter({ $0 == .right }).count < 80 {
                outcomes[generator.uniform(below: outcomes.count)] = .right
            }
        }
        var steps: [Step] = []
        var time = start
        func wait(_ low: Int, _ high: Int) { time += Int64(low + generator.uniform(below: high - low + 1)) }
        var flagged: [Int] = []
        for (index, item) in paper.items.enumerated() {
            if index > 0 { steps.append(.position(time, slot: item.slot)) }
            wait(6_000, 36_000)
            let key = keys[item.questionID] ?? Key(multiple: false, correct: [])
            switch outcomes[index] {
            case .blank:
                // Now and then an answer is chosen and cleared again.
                if generator.uniform(below: 10) == 0 {
                    steps.append(.answer(time, slot: item.slot, value: Self.choicesJSON(wrong(key, item, &generator))))
                    wait(1_000, 4_000)
                    steps.append(.answer(time, slot: item.slot, value: nil))
                }
            case .right, .wrong:
                if generator.uniform(below: 16) == 0 {
                    steps.append(.answer(time, slot: item.slot, value: Self.choicesJSON(wrong(key, item, &generator))))
                    wait(2_000, 10_000)
                }
                let chosen = outcomes[index] == .right ? item.optionOrder.filter(key.correct.contains) : wrong(key, item, &generator)
                steps.append(.answer(time, slot: item.slot, value: Self.choicesJSON(chosen)))
            }
            if generator.uniform(below: 25) == 0 {
                wait(500, 2_000)
                steps.append(.flag(time, slot: item.slot, on: true))
                flagged.append(item.slot)
            }
            wait(500, 4_000)
        }
        if generator.uniform(below: 20) == 0, let slot = paper.items.randomElement(using: &generator)?.slot {
            let other = Language.allCases.filter { $0 != language }
            steps.append(.language(time, slot: slot, other[generator.uniform(below: other.count)]))
        }
        let revisits = flagged + (0..<3).map { _ in paper.items[generator.uniform(below: paper.items.count)].slot }
        for slot in revisits {
            steps.append(.position(time, slot: slot))
            wait(5_000, 25_000)
            if flagged.contains(slot) { steps.append(.flag(time, slot: slot, on: false)) }
        }
        wait(5_000, 60_000)
        return (steps, time)
    }

    /// A wrong answer: another option for single choice; for multiple answers, one right and
    /// one wrong option, only one of the right ones (partial credit), or only wrong ones.
    func wrong(_ key: Key, _ item: PaperItem, _ generator: inout SeededGenerator) -> [String] {
        let right = item.optionOrder.filter(key.correct.contains)
        let others = item.optionOrder.filter { !key.correct.contains($0) }
        guard !others.isEmpty, !right.isEmpty else { return [item.optionOrder.first ?? "a"] }
        guard key.multiple else { return [others[generator.uniform(below: others.count)]] }
        let pick = [right[generator.uniform(below: right.count)], others[generator.uniform(below: others.count)]]
        switch generator.uniform(below: 3) {
        case 0: return item.optionOrder.filter(pick.contains)
        case 1: return [pick[0]]
        default: return others
        }
    }

    /// The store's JSON encoder settings (`json` in CertDeskStore).
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `["a","c"]`, as the store's encoder writes option ids (plain ASCII).
    static func choicesList(_ ids: [String]) -> String { "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]" }

    /// `{"choices":["a","c"]}`: an ``Answer`` as the room stores it.
    static func choicesJSON(_ ids: [String]) -> String { "{\"choices\":" + choicesList(ids) + "}" }

    static func unit(_ generator: inout SeededGenerator) -> Double { Double(generator.next() >> 11) / Double(1 << 53) }

    /// A standard normal draw (Box–Muller).
    static func normal(_ generator: inout SeededGenerator) -> Double {
        let u = max(unit(&generator), 1e-12)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * unit(&generator))
    }
}
