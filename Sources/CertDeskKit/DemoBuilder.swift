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

    public func build(at path: String) throws -> Outcome {
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
        let curricula = try CurriculumLoader(store: store, operatorName: operatorName, now: now)
            .load(paths: [home + "/curricula"])
        let bank = try BankImporter(store: store, operatorName: operatorName, now: now)
            .importBanks(paths: [home + "/question-banks"])
        return Outcome(store: store, curricula: curricula, bank: bank)
    }
}
