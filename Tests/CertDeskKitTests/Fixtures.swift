import CertDeskKit
import CertDeskStore
import Foundation

/// Content fixtures shared with the content tests, and a store loaded with them.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../CertDeskContentTests/Fixtures").standardized.path

    static func path(_ name: String) -> String { folder + "/" + name }

    static let fixedDate = Date(timeIntervalSince1970: 1_795_000_000)

    static func loader(_ store: Store) -> CurriculumLoader {
        CurriculumLoader(store: store, operatorName: "trainer", now: { fixedDate })
    }

    static func importer(_ store: Store) -> BankImporter {
        BankImporter(store: store, operatorName: "trainer", now: { fixedDate })
    }

    /// An in-memory store with the test curriculum and the valid bank.
    static func loadedStore() throws -> Store {
        let store = try Store.inMemory()
        try loader(store).load(paths: [path("curriculum-valid.yaml")])
        try importer(store).importBanks(paths: [path("bank-valid.yaml")])
        return store
    }

    /// A temporary folder removed by the caller.
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "certdesk-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
