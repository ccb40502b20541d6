import CertDeskCore
import CertDeskCredentials
import CertDeskKit
import CertDeskStore
import Crypto
import Foundation
import GRDB
import Testing

/// Issuing, verifying, renewing, reissuing and revoking credentials on the DRILL track.
struct CredentialDeskTests {
    static let wrong: [Int: Answer] = [
        1: .choices(["b"]), 2: .choices(["c"]), 3: .choices([TrueFalseOption.falseID]), 4: .text("5"), 5: .text("nothing"),
        6: .text("No idea."),
    ]

    /// A fixture with a released sitting: Chan passed, Lee failed, Wong was absent.
    struct Released {
        let fixture: GradingFixture
        let sitting: Sitting
        let passed: String
        let failed: String
        let absent: String
        let keys: String

        init(release: Bool = true) throws {
            fixture = try GradingFixture()
            sitting = try fixture.sitting()
            let chan = try fixture.registered("Chan", for: sitting)
            let lee = try fixture.registered("Lee", for: sitting)
            absent = try fixture.registered("Wong", for: sitting).number
            let passedAttempt = try fixture.sit(chan, answers: GradingFixture.allRight)
            let failedAttempt = try fixture.sit(lee, answers: CredentialDeskTests.wrong)
            passed = chan.number
            failed = lee.number
            fixture.clock.advance(by: 3600)
            _ = try fixture.desk("marker").mark(attempt: passedAttempt, item: "6", score: 9, comment: "Clear plan.")
            _ = try fixture.desk("marker").mark(attempt: failedAttempt, item: "6", score: 1, comment: "No plan.")
            if release { _ = try fixture.desk().release(sitting: sitting.id) }
            keys = fixture.folder + "/keys"
        }

        func desk(keys: String? = nil) -> CredentialDesk {
            let clock = fixture.clock
            return CredentialDesk(
                store: fixture.store, operatorName: "registrar", keyDirectory: keys ?? self.keys, now: { clock.now },
                wording: { language, key, _ in "\(key)@\(language.tag)" })
        }

        /// Sets the issuer and makes the first key.
        func setUp() throws {
            _ = try desk().setIssuer(
                id: "https://cert.example.org", names: [.english: "Contact Centre Certification Board", .traditionalChinese: "客服中心認證委員會"],
                verifyURL: "https://cert.example.org/verify")
            _ = try desk().initKey()
        }

        /// Credentials rows and events, counted behind the store's back.
        func rows() throws -> [String: Int] {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: fixture.folder + "/certdesk.sqlite", configuration: configuration)
            return try queue.read { db in
                var counts: [String: Int] = [:]
                for table in ["credentials", "credential_events", "cpd_records", "issuer_keys"] {
                    counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                }
                return counts
            }
        }
    }

    // MARK: Eligibility and issuance

    @Test func onlyAReleasedPassIsIssuedAndIssuingTwiceIssuesNothingNew() throws {
        let setup = try Released(release: false)
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()

        let before = try desk.eligibility(sitting: setup.sitting.id).entries
        let unreleased = before.first { $0.facts.candidate.number == setup.passed }?.decision
        #expect(unreleased == .ineligible([.error("eligible.unreleased", ["number": setup.passed, "session": setup.sitting.id])]))
        let rows = try setup.rows()
        #expect(refusal { _ = try desk.issue(sitting: setup.sitting.id, candidate: setup.passed) }?.key == "eligible.unreleased")
        #expect(try setup.rows() == rows)

        _ = try setup.fixture.desk().release(sitting: setup.sitting.id)
        let decisions = Dictionary(
            uniqueKeysWithValues: try desk.eligibility(sitting: setup.sitting.id).entries.map { ($0.facts.candidate.number, $0.decision) })
        #expect(decisions[setup.passed] == .eligible)
        guard case .ineligible(let failed) = decisions[setup.failed] else { Issue.record("failed candidate eligible"); return }
        #expect(failed.map(\.key) == ["eligible.failed"])
        #expect(failed.first?.arguments["pass"] == "70")
        guard case .ineligible(let absent) = decisions[setup.absent] else { Issue.record("absent candidate eligible"); return }
        #expect(absent.map(\.key) == ["eligible.absent"])

        #expect(refusal { _ = try desk.issue(sitting: setup.sitting.id, candidate: setup.failed) }?.key == "eligible.failed")
        #expect(try setup.rows() == rows)

        let first = try desk.issue(sitting: setup.sitting.id)
        #expect(first.issued.count == 1)
        let credential = try #require(first.issued.first)
        #expect(credential.candidateNumber == setup.passed)
        #expect(CredentialNumber.normalize(credential.number) == credential.number)
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: setup.fixture.clock.now).year!
        #expect(credential.number == CredentialNumber.make(track: "DRILL", year: year, sequence: 1))

        let second = try desk.issue(sitting: setup.sitting.id)
        #expect(second.issued.isEmpty)
        #expect(second.entries.contains { $0.decision == .issued(credential.status) })
        #expect(try setup.rows()["credentials"] == 1)
    }

    @Test func theIssuedCredentialIsAnOpenBadgeSignedWithTheActiveKeyAndVerifies() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()
        let record = try #require(try desk.issue(sitting: setup.sitting.id).issued.first)
        let document = try desk.document(record)

        #expect(document["type"]?.arrayValue == [.string("VerifiableCredential"), .string("AchievementCredential")])
        #expect(document["@context"]?.arrayValue?.first == .string("https://www.w3.org/ns/credentials/v2"))
        #expect(document["id"]?.stringValue == "https://cert.example.org/credentials/\(record.number)")
        #expect(document["credentialSubject"]?["achievement"]?["humanCode"]?.stringValue == "DRILL")
        #expect(document["credentialSubject"]?["achievement"]?["name"]?.stringValue == "Drill Track")
        let names = document["credentialSubject"]?["identifier"]?.arrayValue?.compactMap { $0["identityHash"]?.stringValue }
        #expect(names == ["Tai Man Chan", setup.passed])
        #expect(document["validFrom"]?.stringValue == AchievementCredential.timestamp(record.status.validFrom))
        #expect(document["credentialStatus"]?["statusListIndex"]?.stringValue == String(record.statusIndex))
        // No personal data beyond the name and candidate number.
        #expect(!record.document.contains("IDCHAN"))
        let proof = try #require(document["proof"])
        #expect(proof["cryptosuite"]?.stringValue == "eddsa-jcs-2022")
        #expect(proof["verificationMethod"]?.stringValue == "https://cert.example.org#\(record.keyID)")

        // The proof checks with the published public key, independently of the desk.
        let published = try desk.publicKeyDocument()
        let method = try #require(published["verificationMethod"]?.arrayValue?.first)
        let publicKey = try #require(method["publicKeyMultibase"]?.stringValue.flatMap(Multikey.ed25519PublicKey))
        #expect(DataIntegrityProof.verify(document, publicKey: publicKey) == .valid)
        #expect(try desk.verify(number: record.number, code: nil).verdict == .valid)
        #expect(try desk.verify(number: record.number.lowercased(), code: record.verificationCode.lowercased()).verdict == .valid)
        #expect(try desk.verify(number: record.number, code: "0000-0000-0000").verdict == .tampered(.code))
        #expect(try desk.verify(data: Data(record.document.utf8)).verdict == .valid)
    }

    @Test func oneChangedCharacterInTheJSONIsTampered() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()
        let record = try #require(try desk.issue(sitting: setup.sitting.id).issued.first)
        let renamed = record.document.replacingOccurrences(of: "Chan", with: "Chen")
        #expect(renamed != record.document)
        #expect(try desk.verify(data: Data(renamed.utf8)).verdict == .tampered(.signature))
        let later = record.document.replacingOccurrences(of: "\"validUntil\": \"20", with: "\"validUntil\": \"21")
        #expect(try desk.verify(data: Data(later.utf8)).verdict == .tampered(.signature))
        let broken = record.document.replacingOccurrences(of: "\"proof\": {", with: "\"proof\": [")
        #expect(try desk.verify(data: Data(broken.utf8)).verdict == .tampered(.notJSON))
    }

    @Test func aWrongCheckDigitIsCaughtBeforeAnyLookup() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()
        let record = try #require(try desk.issue(sitting: setup.sitting.id).issued.first)
        let check = Int(String(record.number.last!))!
        let wrong = String(record.number.dropLast()) + String((check + 1) % 10)
        #expect(refusal { _ = try desk.verify(number: wrong, code: nil) }?.key == "credential.bad-number")
        #expect(refusal { _ = try desk.revoke(wrong, reason: "test") }?.key == "credential.bad-number")
        #expect(try desk.credential(record.number.replacingOccurrences(of: "-", with: " ")).number == record.number)
    }

    // MARK: Keys

    @Test func missingUnreadableOrLooseKeyFilesRefuseToSignAndChangeNothing() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        #expect(refusal { _ = try setup.desk().issue(sitting: setup.sitting.id) }?.key == "issuer.not-set")
        _ = try setup.desk().setIssuer(id: "https://cert.example.org", names: [.english: "Board"], verifyURL: nil)
        #expect(refusal { _ = try setup.desk().issue(sitting: setup.sitting.id) }?.key == "keys.none")
        let created = try setup.desk().initKey()
        let rows = try setup.rows()

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: created.path)
        let loose = refusal { _ = try setup.desk().issue(sitting: setup.sitting.id) }
        #expect(loose?.key == "keys.file.loose-permissions")
        #expect(loose?.arguments["path"] == created.path)
        #expect(try setup.rows() == rows)

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: created.path)
        let elsewhere = setup.fixture.folder + "/elsewhere"
        #expect(refusal { _ = try setup.desk(keys: elsewhere).issue(sitting: setup.sitting.id) }?.key == "keys.file.missing")
        try "not a key".write(toFile: created.path + ".tmp", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: created.path)
        try FileManager.default.moveItem(atPath: created.path + ".tmp", toPath: created.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: created.path)
        #expect(refusal { _ = try setup.desk().issue(sitting: setup.sitting.id) }?.key == "keys.file.malformed")
        #expect(try setup.rows() == rows)
        #expect(refusal { _ = try setup.desk().initKey() }?.key == "keys.exists")
    }

    @Test func rotatingTheKeyKeepsWhatTheOldKeySignedValid() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()
        let before = try #require(try desk.issue(sitting: setup.sitting.id).issued.first)
        let rotated = try desk.rotateKey()
        #expect(rotated.retired?.id == before.keyID)
        #expect(rotated.key.id != before.keyID)
        #expect(try desk.verify(number: before.number, code: nil).verdict == .valid)
        let reissued = try desk.reissue(before.number, reason: "certificate lost")
        #expect(reissued.new.keyID == rotated.key.id)
        #expect(try desk.verify(number: reissued.new.number, code: nil).verdict == .valid)
        #expect(try desk.publicKeyDocument()["verificationMethod"]?.arrayValue?.count == 2)
    }

    // MARK: Life cycle

    @Test func aRevocationShowsInVerifyAndInThePublishedStatusList() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()
        let record = try #require(try desk.issue(sitting: setup.sitting.id).issued.first)
        let keys = Data(try desk.publicKeyDocument().prettyPrinted().utf8)
        let cleanList = Data(try desk.statusListCredential().prettyPrinted().utf8)
        let offline = try CredentialDesk.verifyOffline(
            data: Data(record.document.utf8), keyDocument: keys, statusList: cleanList, now: setup.fixture.clock.now)
        #expect(offline.verdict == .valid)

        setup.fixture.clock.advance(by: 86_400)
        #expect(refusal { _ = try desk.revoke(record.number, reason: "  ") }?.key == "revoke.no-reason")
        _ = try desk.revoke(record.number, reason: "Exam misconduct found on review")
        let verdict = try desk.verify(number: record.number, code: nil).verdict
        #expect(verdict == .revoked(at: setup.fixture.clock.now, reason: "Exam misconduct found on review"))
        #expect(verdict.exitStatus == 4)

        let rows = try setup.rows()
        let twice = refusal { _ = try desk.revoke(record.number, reason: "again") }
        #expect(twice?.key == "revoke.already")
        #expect(twice?.arguments["reason"] == "Exam misconduct found on review")
        #expect(refusal { _ = try desk.renew(record.number) }?.key == "renew.revoked")
        #expect(refusal { _ = try desk.reissue(record.number, reason: "lost") }?.key == "reissue.revoked")
        #expect(try setup.rows() == rows)

        let list = Data(try desk.statusListCredential().prettyPrinted().utf8)
        let revoked = try CredentialDesk.verifyOffline(
            data: Data(record.document.utf8), keyDocument: keys, statusList: list, now: setup.fixture.clock.now)
        #expect(revoked.verdict == .revoked(at: nil, reason: nil))
        let unchecked = try CredentialDesk.verifyOffline(
            data: Data(record.document.utf8), keyDocument: keys, statusList: nil, now: setup.fixture.clock.now)
        #expect(unchecked.verdict == .valid)
        #expect(unchecked.statusSource == .unchecked)
        let forged = String(decoding: list, as: UTF8.self).replacingOccurrences(of: "\"revocation\"", with: "\"suspension\"")
        #expect(
            refusal {
                _ = try CredentialDesk.verifyOffline(
                    data: Data(record.document.utf8), keyDocument: keys, statusList: Data(forged.utf8), now: setup.fixture.clock.now)
            }?.key == "verify.status-list.invalid")
    }

    @Test func renewalNeedsTheWindowAndTheCPDHoursAndExtendsFromTheOldExpiry() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()
        let record = try #require(try desk.issue(sitting: setup.sitting.id).issued.first)
        let rows = try setup.rows()
        #expect(refusal { _ = try desk.renew(record.number) }?.key == "renew.too-early")
        #expect(try setup.rows() == rows)

        // Ten days before expiry, with 20 of the 30 CPD hours.
        setup.fixture.clock.set(record.status.validUntil.addingTimeInterval(-10 * 86_400))
        let progress = try desk.recordCPD(
            candidate: setup.passed, track: "drill", hours: 20, activity: "Workforce planning workshop", completedOn: nil)
        #expect(progress.counted == 20)
        #expect(progress.required == 30)
        #expect(
            refusal { _ = try desk.recordCPD(candidate: setup.passed, track: "DRILL", hours: 0, activity: "x", completedOn: nil) }?.key
                == "cpd.bad-hours")
        #expect(
            refusal { _ = try desk.recordCPD(candidate: setup.passed, track: "DRILL", hours: 5, activity: "x", completedOn: "2099-01-01") }?
                .key == "cpd.future")
        #expect(
            refusal { _ = try desk.recordCPD(candidate: setup.failed, track: "DRILL", hours: 5, activity: "x", completedOn: nil) }?.key
                == "cpd.no-credential")
        let short = refusal { _ = try desk.renew(record.number) }
        #expect(short?.key == "renew.cpd")
        #expect(short?.arguments["hours"] == "20")

        _ = try desk.recordCPD(candidate: setup.passed, track: "DRILL", hours: 10, activity: "Quality calibration course", completedOn: nil)
        let (old, new) = try desk.renew(record.number)
        #expect(old.status.supersession?.successor == new.number)
        #expect(new.status.kind == .renewal)
        #expect(new.replaces == record.number)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        #expect(new.status.validUntil == calendar.date(byAdding: .year, value: 3, to: record.status.validUntil))
        #expect(new.awardedAt == record.awardedAt)
        #expect(try desk.verify(number: record.number, code: nil).verdict == .superseded(by: new.number, at: setup.fixture.clock.now))
        #expect(try desk.verify(number: new.number, code: nil).verdict == .valid)
        #expect(refusal { _ = try desk.renew(record.number) }?.key == "renew.superseded")
        #expect(refusal { _ = try desk.revoke(record.number, reason: "x") }?.key == "revoke.superseded")
    }

    @Test func anExpiredCredentialVerifiesAsExpiredAndALapsedOneCannotBeRenewed() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()
        let record = try #require(try desk.issue(sitting: setup.sitting.id).issued.first)
        setup.fixture.clock.set(record.status.validUntil.addingTimeInterval(86_400))
        let verdict = try desk.verify(number: record.number, code: nil).verdict
        #expect(verdict == .expired(record.status.validUntil))
        #expect(verdict.exitStatus == 3)
        #expect(refusal { _ = try desk.reissue(record.number, reason: "lost") }?.key == "reissue.expired")
        setup.fixture.clock.set(record.status.validUntil.addingTimeInterval(100 * 86_400))
        #expect(refusal { _ = try desk.renew(record.number) }?.key == "renew.lapsed")
    }

    @Test func aReissueKeepsTheValidityAndSupersedesTheOldNumber() throws {
        let setup = try Released()
        defer { setup.fixture.remove() }
        try setup.setUp()
        let desk = setup.desk()
        let record = try #require(try desk.issue(sitting: setup.sitting.id).issued.first)
        #expect(refusal { _ = try desk.reissue(record.number, reason: "") }?.key == "reissue.no-reason")
        // The name was misspelt: corrected, then the certificate reissued under the right name.
        #expect(
            refusal {
                _ = try setup.fixture.registrar.rename(
                    setup.passed, name: PersonName(family: "Chan", given: "Tai Man"), otherName: nil, reason: "x")
            }?.key == "candidate.rename.same")
        #expect(
            refusal {
                _ = try setup.fixture.registrar.rename(
                    setup.passed, name: PersonName(family: "Chan", given: "Tai Wai"), otherName: nil, reason: " ")
            }?.key == "candidate.rename.no-reason")
        _ = try setup.fixture.registrar.rename(
            setup.passed, name: PersonName(family: "Chan", given: "Tai Wai"), otherName: PersonName(family: "陳", given: "大偉"),
            reason: "misspelt at registration")
        let (old, new) = try desk.reissue(record.number, reason: "certificate lost in a move")
        #expect(new.document.contains("Tai Wai Chan 陳大偉"))
        #expect(new.holderOther == PersonName(family: "陳", given: "大偉"))
        #expect(try desk.verify(number: new.number, code: nil).verdict == .valid)
        #expect(new.number != record.number)
        #expect(new.status.validFrom == record.status.validFrom)
        #expect(new.status.validUntil == record.status.validUntil)
        #expect(old.status.supersession?.reason == "certificate lost in a move")
        #expect(refusal { _ = try desk.reissue(record.number, reason: "again") }?.key == "reissue.superseded")
        // The registry lists both, with no candidate number or ID document.
        let registry = try desk.registry().prettyPrinted()
        #expect(registry.contains(record.number) && registry.contains(new.number))
        #expect(registry.contains("\"superseded\""))
        #expect(!registry.contains(setup.passed) && !registry.contains("IDCHAN"))
    }
}
