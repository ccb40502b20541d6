import CertDeskCore
import CertDeskStore
import Foundation
import GRDB
import Testing

struct StoreTests {
    @Test func initRefusesAnExistingFileAndOpenFindsTheSchema() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/certdesk.sqlite"
        _ = try Store.create(at: path)
        #expect(throws: ProblemsError.self) { try Store.create(at: path) }
        #expect(
            try Store.open(at: path).appliedMigrations() == [
                "v1-content", "v2-exam", "v3-grading", "v4-credentials", "v5-accounts", "v6-pool",
            ])
    }

    @Test func aFileThatIsNotOursIsRefusedAndLeftUntouched() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = folder + "/notes.sqlite"
        try "not a database".write(toFile: text, atomically: true, encoding: .utf8)
        let foreign = folder + "/other.sqlite"
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE t(x)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))

        for path in [text, foreign] {
            let error = #expect(throws: ProblemsError.self) { try Store.open(at: path) }
            #expect(error?.problems.first?.key == "store.not-certdesk")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
        #expect(!FileManager.default.fileExists(atPath: foreign + "-wal"))
        let missing = #expect(throws: ProblemsError.self) { try Store.open(at: folder + "/none.sqlite") }
        #expect(missing?.problems.first?.key == "store.missing")
    }

    @Test func aNewerSchemaIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/certdesk.sqlite"
        _ = try Store.create(at: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        let error = #expect(throws: ProblemsError.self) { try Store.open(at: path) }
        #expect(error?.problems.first?.key == "store.newer-schema")
    }

    @Test func questionVersionsCannotBeRewrittenEvenBehindCertDesksBack() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/certdesk.sqlite"
        let store = try Store.create(at: path)
        try Fixtures.loader(store).load(paths: [Fixtures.path("curriculum-valid.yaml")])
        try Fixtures.importer(store).importBanks(paths: [Fixtures.path("bank-valid.yaml")])

        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let raw = try DatabaseQueue(path: path, configuration: configuration)
        for sql in [
            "UPDATE question_versions SET difficulty = 5 WHERE question_id = 'T-01-001'",
            "DELETE FROM question_versions WHERE question_id = 'T-01-001'",
            "UPDATE questions SET current_version = 0 WHERE id = 'T-01-001'",
            "DELETE FROM imports",
            "INSERT INTO question_versions (question_id, version, content_hash, track, module_id, type, difficulty, points, shuffle, scoring, stem, options, languages, derived_fields, source, import_id) VALUES ('X', 1, '\(String(repeating: "0", count: 64))', 'TEST', 'T-01', 'single', 9, 1, 1, 'partial', '{}', '[]', '[]', '[]', 'x', 1)",
            "INSERT INTO question_versions (question_id, version, content_hash, track, module_id, type, difficulty, points, shuffle, scoring, stem, options, languages, derived_fields, source, import_id) VALUES ('X', 1, '\(String(repeating: "0", count: 64))', 'TEST', 'NO-SUCH-MODULE', 'essay', 2, 1, 1, 'partial', '{}', '[]', '[]', '[]', 'x', 1)",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") { try raw.write { db in try db.execute(sql: sql) } }
        }
        #expect(try store.questionVersions(id: "T-01-001").first?.question.difficulty == 2)
    }

    @Test func runsInWALWithFullSynchronousAndForeignKeys() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/certdesk.sqlite"
        _ = try Store.create(at: path)
        let mode = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(try Store.open(at: path).integrityProblems().isEmpty)
    }
}
