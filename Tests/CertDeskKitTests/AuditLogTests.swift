import CertDeskCore
import Foundation
import GRDB
import Testing

@testable import CertDeskKit
@testable import CertDeskStore

/// The audit log through the store: every write leaves one chained entry, and edits made to the
/// file without CertDesk are found.
struct AuditLogTests {
    /// A database file with content loaded and one candidate added, and a raw connection to it.
    func loaded() throws -> (folder: String, store: Store, raw: DatabaseQueue) {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/certdesk.sqlite"
        let store = try Store.create(at: path)
        try Fixtures.loader(store).load(paths: [Fixtures.path("curriculum-valid.yaml")])
        try Fixtures.importer(store).importBanks(paths: [Fixtures.path("bank-valid.yaml")])
        _ = try Registrar(store: store, operatorName: "registrar", now: { Date() }).addCandidate(
            NewCandidate(
                name: PersonName(family: "Chan", given: "Tai Man"), otherName: nil, idDocument: "A1234563", email: "chan@example.org",
                language: .english))
        // Like the sqlite3 shell, which leaves foreign keys off.
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        return (folder, store, try DatabaseQueue(path: path, configuration: configuration))
    }

    @Test func everyWriteLeavesOneChainedEntryWithoutPersonalData() throws {
        let (folder, store, _) = try loaded()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let entries = try store.auditEntries()
        #expect(entries.map(\.action) == ["audit.begin", "curriculum.load", "bank.import", "candidate.add"])
        #expect(entries.map(\.seq) == [1, 2, 3, 4])
        #expect(entries[3].actor == "registrar" && entries[3].subject == "C-000001-8")
        #expect(entries[2].changes > 0)
        let text = String(decoding: try JSONEncoder().encode(entries), as: UTF8.self)
        #expect(!text.contains("A1234563") && !text.contains("chan@example.org"))
        let report = try store.verifyAudit()
        #expect(report.isIntact && report.entries == 4 && report.rowsChecked > 5)
        // A refused write records nothing.
        #expect(throws: ProblemsError.self) {
            try Registrar(store: store, operatorName: "registrar", now: { Date() }).addCandidate(
                NewCandidate(
                    name: PersonName(family: "Chan", given: "Again"), otherName: nil, idDocument: "A123456(3)", email: nil,
                    language: .english))
        }
        #expect(try store.auditEntries().count == 4)
    }

    @Test func aRowEditedAddedOrDeletedBehindCertDesksBackIsFound() throws {
        let (folder, store, raw) = try loaded()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try raw.write { db in
            try db.execute(sql: "UPDATE candidates SET family_name = 'Wong' WHERE number = 'C-000001-8'")
            try db.execute(sql: "DROP TRIGGER question_versions_no_delete")
            try db.execute(sql: "DELETE FROM question_versions WHERE rowid = (SELECT max(rowid) FROM question_versions)")
            try db.execute(
                sql:
                    "INSERT INTO staff (name, role, password, created_at, created_by) VALUES ('mallory', 'administrator', 'scrypt$x', 'now', 'mallory')"
            )
        }
        let report = try store.verifyAudit()
        #expect(report.brokenLink == nil)
        #expect(!report.isIntact)
        let found = Set(report.rowFindings.map { "\($0.table) \($0.kind.rawValue)" })
        #expect(found == ["candidates changed", "question_versions deleted", "staff added"])
        #expect(report.rowFindings.first { $0.table == "candidates" }?.lastEntry == 4)
    }

    @Test func anEntryRemovedOrRewrittenBreaksTheChainWhereItHappened() throws {
        let (folder, store, raw) = try loaded()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET actor = 'someone else' WHERE seq = 3")
        }
        #expect(try store.verifyAudit().brokenLink == AuditReport.BrokenLink(seq: 3, kind: .hash))
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER audit_changes_no_delete")
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_changes WHERE seq = 2")
            try db.execute(sql: "DELETE FROM audit_log WHERE seq = 2")
        }
        #expect(try store.verifyAudit().brokenLink == AuditReport.BrokenLink(seq: 3, kind: .missing))
    }

    @Test func aDatabaseFromBeforeAccountsIsSealedWhenUpgraded() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/old.sqlite"
        // A database as CertDesk left it before staff accounts: schema v4 with content in it.
        let old = try DatabaseQueue(path: path)
        try old.write { db in try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
        try Schema.migrator.migrate(old, upTo: "v4-credentials")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO candidates (id, number, family_name, given_name, id_document, id_document_key, language, created_at, created_by)
                    VALUES (1, 'C-000001-8', 'Chan', 'Tai Man', 'A1234563', 'A1234563', 'en', '2026-01-01T00:00:00.000Z', 'clerk')
                    """)
        }
        try old.close()
        let store = try Store.open(at: path)
        #expect(try store.appliedMigrations().contains("v5-accounts"))
        let first = try #require(try store.auditEntries().first)
        #expect(first.action == "audit.begin" && first.details["rows"] == "1" && first.changes == 1)
        #expect(try store.verifyAudit().isIntact)
        #expect(try store.activeAdministrators() == 0)
        try StaffDesk(store: store).add(name: "admin", role: .administrator, password: "exam office 2026", by: nil)
        #expect(throws: ProblemsError.self) {
            try StaffDesk(store: store).add(name: "second", role: .administrator, password: "exam office 2026", by: nil)
        }
        #expect(try store.verifyAudit().isIntact)
    }

    @Test func loginLocksAfterRepeatedWrongPasswordsAndSessionsEnd() throws {
        let (folder, store, _) = try loaded()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = Clock()
        let desk = StaffDesk(store: store, now: { clock.now }, pause: { _ in })
        try desk.add(name: "Wong.Mei", role: .trainer, password: "green tea at nine", by: "registrar")
        #expect(throws: ProblemsError.self) { try desk.add(name: "x", role: .trainer, password: "green tea at nine", by: "registrar") }
        for _ in 1...4 {
            #expect(refusal { try desk.login(name: "wong.mei", password: "green tea at ten", osUser: "mei") } == "staff.login.wrong")
        }
        #expect(refusal { try desk.login(name: "wong.mei", password: "green tea at ten", osUser: "mei") } == "staff.login.locked")
        // Locked: even the right password is refused, until the lock passes.
        #expect(refusal { try desk.login(name: "wong.mei", password: "green tea at nine", osUser: "mei") } == "staff.login.locked")
        #expect(try store.staffMember(name: "wong.mei")?.lockedUntil != nil)
        clock.now += 16 * 60
        let (session, token) = try desk.login(name: "WONG.MEI", password: "green tea at nine", osUser: "mei", hours: 2)
        #expect(session.staff.failedLogins == 0)
        #expect(try desk.authenticate(token: token, osUser: "mei").staff.name == "wong.mei")
        #expect(refusal { try desk.authenticate(token: token, osUser: "root") } == "session.other-user")
        clock.now += 2 * 3600
        #expect(refusal { try desk.authenticate(token: token, osUser: "mei") } == "session.expired")
        let failures = try store.auditEntries(action: "staff.login-failed")
        #expect(failures.count == 6)
        #expect(failures.map { $0.details["reason"] } == Array(repeating: "wrong-password", count: 5) + ["locked"])
        #expect(try store.verifyAudit().isIntact)
    }

    @Test func passwordsAreHashedWithScryptAndTheRuleRefusesWeakOnes() throws {
        let hash = try PasswordHasher.hash("green tea at nine")
        #expect(hash.hasPrefix("scrypt$32768$8$1$"))
        #expect(!hash.contains("green"))
        #expect(PasswordHasher.verify("green tea at nine", against: hash))
        #expect(!PasswordHasher.verify("green tea at nin", against: hash))
        #expect(!PasswordHasher.verify("", against: hash))
        #expect(try PasswordHasher.hash("green tea at nine") != hash)
        #expect(PasswordRule.problems("short", name: "mei").first?.key == "staff.password.short")
        #expect(PasswordRule.problems("aaaaaaaaaaaaaaa", name: "mei").first?.key == "staff.password.repetitive")
        #expect(PasswordRule.problems("xx-Wong.Mei-2026", name: "wong.mei").first?.key == "staff.password.contains-name")
        #expect(PasswordRule.problems("Password123", name: "mei").first?.key == "staff.password.common")
        #expect(PasswordRule.problems("green tea at nine", name: "mei").isEmpty)
    }
}

/// The key of the first problem `body` throws, or `nil` when it succeeds.
func refusal(_ body: () throws -> Any) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as ProblemsError {
        return error.problems.first?.key
    } catch {
        return "\(error)"
    }
}

/// A clock a test moves by hand.
final class Clock: @unchecked Sendable {
    // Tests touch it from one task at a time.
    var now = Date(timeIntervalSince1970: 1_790_000_000)
}
