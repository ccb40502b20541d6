import CertDeskCore
import CertDeskStore
import Foundation

/// Builds the demonstration database from the shipped content, in a place of its own.
///
/// The demo never touches the operator's database: it writes only to the path it is given,
/// replacing an earlier demo there (and refusing to replace a file that is not a CertDesk database).
public struct DemoBuilder: Sendable {
    public struct Outcome: Sendable {
        public var store: Store
        public var curricula: LoadReport
        public var bank: LoadReport
    }

    let home: String
    let operatorName: String
    let now: @Sendable () -> Date

    public init(home: String, operatorName: String, now: @escaping @Sendable () -> Date) {
        self.home = home
        self.operatorName = operatorName
        self.now = now
    }

    /// Rebuilds the demonstration database; its first administrator is ``operatorName``, with `password`.
    public func build(at path: String, password: String) throws -> Outcome {
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if manager.fileExists(atPath: path) {
            _ = try Store.open(at: path)  // refuses a file that is not ours
            for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
                try manager.removeItem(atPath: path + suffix)
            }
        }
        let store = try Store.create(at: path)
        try StaffDesk(store: store, now: now).add(name: operatorName, role: .administrator, password: password, by: nil)
        let curricula = try CurriculumLoader(store: store, operatorName: operatorName, now: now)
            .load(paths: [home + "/curricula"])
        let bank = try BankImporter(store: store, operatorName: operatorName, now: now)
            .importBanks(paths: [home + "/question-banks"])
        return Outcome(store: store, curricula: curricula, bank: bank)
    }
}

/// The demonstration candidate and the short sitting the demo opens.
public struct DemoSitting: Sendable {
    /// Minutes of the demonstration sitting.
    public static let minutes = 15

    public var candidate: Candidate
    public var sitting: Sitting
    public var code: String

    /// Adds the candidate, records their training, schedules a CCCP sitting starting now and registers them.
    public static func prepare(store: Store, name: NewCandidate, operatorName: String, now: @escaping @Sendable () -> Date) throws
        -> DemoSitting
    {
        let registrar = Registrar(store: store, operatorName: operatorName, now: now)
        let candidate = try registrar.addCandidate(name)
        guard let curriculum = try store.currentCurricula().first(where: { $0.curriculum.track == "CCCP" })?.curriculum else {
            throw ProblemsError.error("demo.no-content")
        }
        for module in curriculum.modules {
            _ = try registrar.recordTraining(candidate: candidate.number, module: module.id, hours: module.hours, note: "demo")
        }
        // The sitting starts at the current minute, so the room opens straight away.
        let start = Date(timeIntervalSince1970: (now().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let sitting = try registrar.createSitting(
            NewSitting(
                track: "CCCP", startsAt: start, timeZone: TimeZone.current.identifier, durationMinutes: minutes, lateEntryMinutes: 30,
                centre: "Demo", capacity: 1))
        let registration = try registrar.register(candidate: candidate.number, sitting: sitting.id)
        return DemoSitting(candidate: candidate, sitting: sitting, code: registration.code)
    }
}
