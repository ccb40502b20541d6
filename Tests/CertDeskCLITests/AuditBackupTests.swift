import CertDeskCore
import CertDeskLocalization
import Foundation
import Testing

/// The audit log, backups, restores, `doctor` and erasure through the built `certdesk`: what a
/// realistic sitting leaves in the log, edits made behind CertDesk's back, a backup taken while
/// twenty candidates answer, refused restores, and erasing a candidate's personal data.
struct AuditBackupTests {
    /// Every drill key right (A; A B; A = true; 20; calibration) and an essay to mark.
    static let rightAnswers = ["A", "A B", "A", "20", "calibration", "Weekly coaching with call reviews, measured by quality scores."]
    /// Every drill key wrong and the essay left blank, so the fail is final without marking.
    static let wrongAnswers = ["B", "C", "B", "7", "IVR", ""]

    /// A candidate with personal data that must never reach the audit log.
    static let email = "fung.distinctive@example.net"
    static let idDocument = "K6543210(3)"

    @Test func aReleasedSittingLeavesAnIntactAuditLogThatFiltersAndHoldsNoPersonalData() throws {
        // Given a drill sitting with two candidates, and a second sitting for a candidate with an
        // ID document and email of their own; all three sit and submit, the two essays written
        // are marked, and both sittings' results are released
        let setup = try ExamSetup(.drill, candidates: 2, names: [(family: "Wong", given: "Siu Ming"), (family: "Lee", given: "Ada")])
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let extra = try Self.registerCandidateWithEmail(setup)
        for (registration, answers) in [
            (setup.registrations[0], Self.rightAnswers), (setup.registrations[1], Self.wrongAnswers),
            (extra.registration, Self.rightAnswers),
        ] {
            let sat = try setup.sit(registration, input: ([""] + answers + [":s", "yes"]).joined(separator: "\n") + "\n")
            #expect(sat.status == 0, "\(registration.number): \(sat.error)")
        }
        try Self.succeed(setup, ["mark", "1", "6", "--score", "9", "--comment", "Clear plan."])
        try Self.succeed(setup, ["mark", "3", "6", "--score", "8", "--comment", "Sound plan."])
        try Self.succeed(setup, ["release", "--session", setup.session])
        try Self.succeed(setup, ["release", "--session", extra.session])

        // When the administrator verifies the audit log
        let verify = try setup.run(["audit", "verify"])
        let report = try Self.decode(AuditVerifyReport.self, setup.run(["audit", "verify", "--json"]))
        let entries = try StaffAccessTests.decodeAudit(setup.run(["audit", "show", "--json"]))

        // Then it is intact: every entry chained, every row matching what was recorded
        #expect(verify.status == 0, "\(verify.output)")
        #expect(
            verify.output.contains(try Catalogs.pattern("audit.intact", ["entries": String(entries.count)], in: english)),
            "\(verify.output)")
        #expect(report.brokenLink == nil)
        #expect(report.rowFindingCount == 0)
        #expect(report.entries == entries.count)
        #expect(report.rowsChecked > 0)
        #expect(entries.map(\.seq) == Array(1...entries.count))

        // And the log holds the two releases, the three registrations and the seventeen answers
        // (the blank essay was skipped), each answer under the candidate who gave it
        let numbers = setup.registrations.map(\.number) + [extra.registration.number]
        let releases = entries.filter { $0.action == "result.release" }
        #expect(releases.map(\.subject) == [setup.session, extra.session])
        #expect(releases.allSatisfy { $0.actor == "admin" && $0.actorKind == "staff" })
        #expect(entries.filter { $0.action == "registration.add" }.map(\.subject) == numbers)
        let answers = entries.filter { $0.action == "attempt.answer" }
        #expect(answers.count == 17)
        #expect(answers.allSatisfy { $0.actorKind == "candidate" })
        #expect(numbers.map { number in answers.filter { $0.actor == number }.count } == [6, 5, 6])

        // And `audit show` prints each of those entries in words, under its number
        let shown = try setup.run(["audit", "show"])
        #expect(shown.status == 0, "\(shown.error)")
        let lines = shown.output.split(separator: "\n").map(String.init)
        #expect(lines.count == entries.count)
        for entry in releases + entries.filter({ ["registration.add", "attempt.answer"].contains($0.action) }) {
            let words = english.text("audit.action." + entry.action, entry.details.merging(["subject": entry.subject]) { $1 })
            #expect(!words.contains("{"), "\(words)")
            let line = lines.first { $0.hasPrefix("#\(entry.seq) ") }
            #expect(line?.contains(words) == true, "#\(entry.seq): \(line ?? "missing") lacks \(words)")
        }

        // When the log is filtered by actor and action, and to the last entries
        let filtered = try StaffAccessTests.decodeAudit(setup.run(["audit", "show", "--actor", "admin", "--action", "result", "--json"]))
        let filteredText = try setup.run(["audit", "show", "--actor", "admin", "--action", "result"])
        let byCandidate = try StaffAccessTests.decodeAudit(setup.run(["audit", "show", "--actor", numbers[2], "--json"]))
        let last = try StaffAccessTests.decodeAudit(setup.run(["audit", "show", "--last", "3", "--json"]))

        // Then each shows exactly the matching entries
        #expect(filtered == entries.filter { $0.actor == "admin" && ($0.action == "result" || $0.action.hasPrefix("result.")) })
        #expect(filtered.map(\.action) == ["result.release", "result.release"])
        #expect(filteredText.output.split(separator: "\n").count == filtered.count, "\(filteredText.output)")
        #expect(!byCandidate.isEmpty)
        #expect(byCandidate == entries.filter { $0.actor == numbers[2] })
        #expect(byCandidate.filter { $0.action == "attempt.answer" }.count == 6)
        #expect(last == Array(entries.suffix(3)))

        // And no entry, in either form, holds a candidate's ID document or email
        let personal = ["A1000001", "A1000002", Self.idDocument, "K6543210", Self.email, "example.net"]
        for text in [try setup.run(["audit", "show", "--json"]).output, shown.output] {
            for value in personal {
                #expect(!text.contains(value), "the audit log shows \(value)")
            }
        }
    }

    @Test(.enabled(if: SQLiteShell.available, "needs the sqlite3 shell"))
    func editsBehindCertDesksBackAreCaughtByAuditVerifyAndDoctor() throws {
        // Given a candidate who sat and failed, graded on submission, on a database that
        // `audit verify` and `doctor` find sound
        let setup = try ExamSetup(.drill)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let sat = try setup.sit(setup.registrations[0], input: ([""] + Self.wrongAnswers + [":s", "yes"]).joined(separator: "\n") + "\n")
        #expect(sat.status == 0, "\(sat.error)")
        #expect(try setup.run(["audit", "verify"]).status == 0)
        let healthy = try setup.run(["doctor"])
        #expect(healthy.status == 0, "\(healthy.output)")
        #expect(healthy.output.contains(english.text("doctor.healthy")))
        let grade = try SQLiteShell.run(setup.database, "SELECT max(id) FROM grades").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(grade == "1")

        // When someone drops the trigger that keeps grades append-only and turns the fail into 100%
        try SQLiteShell.run(
            setup.database, "DROP TRIGGER grades_no_update; UPDATE grades SET percentage = 100 WHERE id = \(grade)")

        // Then `audit verify` exits with status 2, naming the changed row of grades
        let verify = try setup.run(["audit", "verify"])
        let report = try Self.decode(AuditVerifyReport.self, setup.run(["audit", "verify", "--json"]), status: 2)
        #expect(verify.status == 2, "\(verify.output)")
        #expect(
            verify.output.contains(try Catalogs.pattern("audit.row.changed", ["table": "grades", "row": grade], in: english)),
            "\(verify.output)")
        #expect(verify.output.contains(english.text("audit.not-intact")))
        #expect(report.rowFindings.map { "\($0.table) \($0.row) \($0.kind)" } == ["grades \(grade) changed"])
        #expect(report.brokenLink == nil)

        // And `doctor` exits with status 2, reporting both the missing trigger and the changed row
        let doctor = try setup.run(["doctor"])
        #expect(doctor.status == 2, "\(doctor.output)")
        #expect(doctor.output.contains("trigger grades_no_update missing"), "\(doctor.output)")
        #expect(doctor.output.contains(english.text("doctor.schema.bad", ["count": "1"])), "\(doctor.output)")
        #expect(
            doctor.output.contains(try Catalogs.pattern("audit.row.changed", ["table": "grades", "row": grade], in: english)),
            "\(doctor.output)")
        #expect(doctor.output.contains(english.text("doctor.unhealthy")))

        // When an entry of the log is rewritten to name someone else, then put back
        let entries = try StaffAccessTests.decodeAudit(setup.run(["audit", "show", "--json"]))
        let registration = try #require(entries.first { $0.action == "registration.add" })
        try SQLiteShell.run(
            setup.database, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'nobody' WHERE seq = \(registration.seq)")
        let rewritten = try Self.decode(AuditVerifyReport.self, setup.run(["audit", "verify", "--json"]), status: 2)
        try SQLiteShell.run(setup.database, "UPDATE audit_log SET actor = 'admin' WHERE seq = \(registration.seq)")
        let putBack = try Self.decode(AuditVerifyReport.self, setup.run(["audit", "verify", "--json"]), status: 2)

        // Then the chain breaks at that entry's hash, and mends when it is put back
        #expect(rewritten.brokenLink == AuditVerifyReport.Link(seq: registration.seq, kind: "hash"))
        #expect(putBack.brokenLink == nil)

        // When that entry is deleted, with the rows it recorded
        try SQLiteShell.run(
            setup.database,
            """
            DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_changes_no_delete;
            DELETE FROM audit_changes WHERE seq = \(registration.seq); DELETE FROM audit_log WHERE seq = \(registration.seq);
            """)

        // Then `audit verify` reports the broken link at the entry after it
        let broken = try setup.run(["audit", "verify"])
        let brokenReport = try Self.decode(AuditVerifyReport.self, setup.run(["audit", "verify", "--json"]), status: 2)
        #expect(broken.status == 2)
        #expect(brokenReport.brokenLink == AuditVerifyReport.Link(seq: registration.seq + 1, kind: "missing"))
        #expect(broken.output.contains(english.text("audit.broken.missing", ["seq": String(registration.seq + 1)])), "\(broken.output)")
    }

    @Test(.enabled(if: SQLiteShell.available, "needs the sqlite3 shell"))
    func aBackupTakenWhileTwentyCandidatesAnswerHoldsEveryAnswerAlreadySavedAndRestores() throws {
        // Given twenty candidates registered for one sitting of a six-question track
        let started = Date()
        let setup = try LoadSetup(candidates: 20)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let log = SittingLog()

        // When all twenty sit at once, answer every question, and keep changing their first
        // answer until told to stop; meanwhile, once all have answered everything, the
        // administrator takes a backup, and another a moment later
        let group = DispatchGroup()
        for registration in setup.registrations {
            group.enter()
            Thread {
                defer { group.leave() }
                log.finish(registration.number, Self.sitUnderLoad(registration, setup: setup, log: log))
            }.start()
        }
        let everyoneAnswering = Date().addingTimeInterval(90)
        while log.ready < setup.registrations.count, log.finishedCount == 0, Date() < everyoneAnswering {
            usleep(20_000)
        }
        #expect(log.ready == setup.registrations.count, "only \(log.ready) candidates answered every question")
        var backups: [TakenBackup] = []
        for index in 1...2 {
            let path = setup.folder + "/backup-\(index).sqlite"
            let before = try setup.responseCount()
            let begun = Date()
            let result = try setup.run(["backup", path])
            let after = try setup.responseCount()
            backups.append(TakenBackup(path: path, result: result, begun: begun, before: before, after: after))
            usleep(300_000)
        }
        log.stop()
        group.wait()

        // Then every candidate submitted, each answer acknowledged
        let runs = log.runs
        #expect(runs.count == 20)
        for run in runs.values {
            #expect(run.submitted, "\(run.number): \(run.result.output.suffix(1_000))")
            #expect(run.result.status == 0, "\(run.number): \(run.result.error)")
            #expect(!run.result.output.contains(english.text("room.not-saved")), "\(run.number)")
        }
        let acknowledgements = log.acknowledgements
        #expect(acknowledgements.count >= 20 * 7, "\(acknowledgements.count) answers acknowledged")

        // And both backups were taken while answers were being saved, and checked whole
        let live = try setup.responses()
        let liveRows = Set(live.map(\.line))
        let attempts = try setup.attemptsByNumber()
        #expect(attempts.count == 20)
        for backup in backups {
            #expect(backup.result.status == 0, "\(backup.result.error)")
            #expect(
                backup.result.output.contains(try Catalogs.pattern("backup.done", ["path": backup.path], in: english)),
                "\(backup.result.output)")
            #expect(!backup.result.error.contains(Catalogs.beginning("backup.unhealthy", ["path": backup.path], in: english)))
            #expect(!FileManager.default.fileExists(atPath: backup.path + ".partial"))

            // And each holds the database as of one moment: a prefix of the saved answers,
            // row for row as the live database still holds them, at least every answer
            // saved before the backup began and none saved after it ended
            let copied = try SQLiteShell.responses(backup.path)
            #expect(copied.map(\.id) == Array(1...Int64(copied.count)), "\(backup.path) is not one moment's copy")
            #expect(copied.allSatisfy { liveRows.contains($0.line) }, "\(backup.path) holds rows the live database does not")
            #expect(
                copied.count >= backup.before && copied.count <= backup.after, "\(backup.before) ≤ \(copied.count) ≤ \(backup.after)")
            var held: [String: Int] = [:]
            for row in copied where row.kind == "answer" { held["\(row.attempt) \(row.slot)", default: 0] += 1 }
            var acknowledged: [String: Int] = [:]
            for answer in acknowledgements where answer.at < backup.begun {
                guard let attempt = attempts[answer.number] else { continue }
                acknowledged["\(attempt) \(answer.slot)", default: 0] += 1
            }
            #expect(!acknowledged.isEmpty)
            for (key, count) in acknowledged {
                #expect(
                    (held[key] ?? 0) >= count, "attempt and slot \(key): \(count) acknowledged before the backup, \(held[key] ?? 0) in it")
            }

            // And it restores, without any session, into a new database that `doctor` finds sound
            // and that holds the same answers
            let restored = backup.path.replacingOccurrences(of: ".sqlite", with: "-restored.sqlite")
            let emptyHome = setup.folder + "/empty-home"
            try FileManager.default.createDirectory(atPath: emptyHome, withIntermediateDirectories: true)
            let restore = try setup.runner.run(["restore", backup.path, "--db", restored], extraEnvironment: ["HOME": emptyHome])
            #expect(restore.status == 0, "\(restore.error)")
            let doctor = try setup.runner.run(["doctor", "--db", restored], extraEnvironment: ["HOME": emptyHome])
            #expect(doctor.status == 0, "\(doctor.output)")
            #expect(doctor.output.contains(english.text("doctor.healthy")), "\(doctor.output)")
            #expect(try SQLiteShell.responses(restored).map(\.line) == copied.map(\.line))
        }
        #expect(backups.contains { $0.after > $0.before }, "no answer was saved while a backup ran")
        #expect(backups.count == 2 && backups[1].before > backups[0].after, "no answer was saved between the backups")

        // And the live database's log is intact after it all
        let verify = try setup.run(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(Date().timeIntervalSince(started) < 120, "took \(Date().timeIntervalSince(started)) s")
    }

    @Test(.enabled(if: SQLiteShell.available, "needs the sqlite3 shell"))
    func restoreRefusesDamagedOrEditedBackupsAndBackupNeverOverwrites() throws {
        // Given a database with a curriculum and a trainer, and a backup of it
        let desk = try OwnDatabase(initialised: true)
        defer { desk.remove() }
        let english = try Catalogs.localizer(.english)
        #expect(try desk.run(["curriculum", "load", ExamSetup.drill + "/drill.yaml"]).status == 0)
        try desk.addStaff("bob", role: "trainer", password: StaffAccessTests.bobPassword)
        let backup = desk.folder + "/backup.sqlite"
        let taken = try desk.run(["backup", backup])
        #expect(taken.status == 0, "\(taken.error)")
        #expect(taken.output.contains(try Catalogs.pattern("backup.done", ["path": backup], in: english)), "\(taken.output)")
        let backupBytes = try Data(contentsOf: URL(fileURLWithPath: backup))

        // When a second backup is written to the same file
        let overwrite = try desk.run(["backup", backup])

        // Then it is refused and the first backup is untouched
        #expect(overwrite.status == 1)
        #expect(overwrite.error.contains(english.describe(.error("backup.exists", ["path": backup]))), "\(overwrite.error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == backupBytes)

        // When the database changes after the backup
        try desk.addStaff("carol", role: "trainer", password: "a long passphrase for the desk")
        let entries = try desk.audit()
        let content = try SQLiteShell.run(desk.database, ".dump")

        // And someone restores a backup cut short, one whose row was edited, and one that is not there
        let truncated = desk.folder + "/truncated.sqlite"
        try backupBytes.prefix(backupBytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        let edited = desk.folder + "/edited.sqlite"
        try FileManager.default.copyItem(atPath: backup, toPath: edited)
        try SQLiteShell.run(edited, "UPDATE staff SET created_by = 'mallory' WHERE name = 'bob'")
        let missing = desk.folder + "/missing.sqlite"
        let fromTruncated = try desk.run(["restore", truncated])
        let fromEdited = try desk.run(["restore", edited])
        let fromMissing = try desk.run(["restore", missing])

        // Then each is refused with exit status 1 and its reason, and the database is unchanged
        #expect(fromTruncated.status == 1)
        #expect(
            fromTruncated.error.contains(Catalogs.beginning("restore.not-certdesk", ["path": truncated], in: english)),
            "\(fromTruncated.error)")
        #expect(fromEdited.status == 1)
        #expect(fromEdited.error.contains(Catalogs.beginning("restore.audit", ["path": edited], in: english)), "\(fromEdited.error)")
        #expect(fromMissing.status == 1)
        #expect(fromMissing.error.contains(english.describe(.error("restore.missing", ["path": missing]))), "\(fromMissing.error)")
        #expect(try desk.audit() == entries)
        #expect(try SQLiteShell.run(desk.database, ".dump") == content)
        #expect(try desk.staff().map(\.name) == ["admin", "bob", "carol"])

        // And the edited backup is refused for a new database too, which is then not created
        let fresh = desk.folder + "/fresh.sqlite"
        let editedToFresh = try desk.runner.run(["restore", edited, "--db", fresh])
        #expect(editedToFresh.status == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh))

        // When someone who is not logged in restores over the database
        let emptyHome = desk.folder + "/empty-home"
        try FileManager.default.createDirectory(atPath: emptyHome, withIntermediateDirectories: true)
        let anonymous = try desk.run(["restore", backup], environment: ["HOME": emptyHome])

        // Then that is refused: replacing a database is an administrator's
        #expect(anonymous.status == 1)
        #expect(
            anonymous.error.contains(
                english.describe(
                    .error(
                        "access.login-required", ["command": "restore", "role": english.text("role.administrator"), "db": desk.database]))),
            "\(anonymous.error)")
        #expect(try desk.audit() == entries)

        // When the administrator restores the good backup
        let restored = try desk.run(["restore", backup])

        // Then the database is as it was at the backup (no carol), the restore is recorded, and
        // the log and `doctor` are content
        #expect(restored.status == 0, "\(restored.error)")
        #expect(restored.output.contains(try Catalogs.pattern("restore.done", ["path": backup, "db": desk.database], in: english)))
        #expect(try desk.staff().map(\.name) == ["admin", "bob"])
        let after = try desk.audit()
        #expect(after.last?.action == "store.restore")
        #expect(after.last?.actor == "admin")
        #expect(!after.contains { $0.action == "staff.add" && $0.subject == "carol" })
        #expect(try desk.run(["audit", "verify"]).status == 0)
        #expect(try desk.run(["doctor"]).status == 0)
    }

    @Test(.enabled(if: SQLiteShell.available, "needs the sqlite3 shell"))
    func erasingACandidateRemovesTheirPersonalDataButKeepsTheirResultAndRefusesCredentialHolders() throws {
        // Given a drill sitting where Siu Ming Wong passes and is issued a credential, and a
        // second sitting where a candidate with an email of their own fails; results released
        let setup = try ExamSetup(.drill, names: [(family: "Wong", given: "Siu Ming")])
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let extra = try Self.registerCandidateWithEmail(setup)
        let (holder, erased) = (setup.registrations[0].number, extra.registration.number)
        for (registration, answers) in [(setup.registrations[0], Self.rightAnswers), (extra.registration, Self.wrongAnswers)] {
            let sat = try setup.sit(registration, input: ([""] + answers + [":s", "yes"]).joined(separator: "\n") + "\n")
            #expect(sat.status == 0, "\(registration.number): \(sat.error)")
        }
        try Self.succeed(setup, ["mark", "1", "6", "--score", "9", "--comment", "Clear plan."])
        try Self.succeed(setup, ["release", "--session", setup.session])
        try Self.succeed(setup, ["release", "--session", extra.session])
        try Self.succeed(
            setup, ["issuer", "set", "--id", "https://cert.example.org", "--name", "Contact Centre Certification Board"])
        try Self.succeed(setup, ["keys", "init"])
        try Self.succeed(setup, ["issue", "--session", setup.session, "--candidate", holder])
        let credentials = try Self.decode([IssuedCredentialRow].self, setup.run(["credential", "list", "--json"]))
        #expect(credentials.count == 1)
        let credential = try #require(credentials.first?.number)
        let before = try setup.run(["candidate", "show", erased])
        #expect(
            before.output.contains("Fung") && before.output.contains(Self.idDocument) && before.output.contains(Self.email),
            "\(before.output)")
        let resultBefore = try Self.decode(ResultSummary.self, setup.run(["result", "2", "--json"]))

        // When the candidate with the email is erased on request
        let erase = try setup.run(["candidate", "erase", erased, "--reason", "request 42"])

        // Then their names, ID document and email are gone from what CertDesk shows and stores
        #expect(erase.status == 0, "\(erase.error)")
        #expect(erase.output.contains(english.text("candidate.erased", ["number": erased])), "\(erase.output)")
        let shown = try setup.run(["candidate", "show", erased])
        let listed = try setup.run(["candidate", "list", "--json"])
        let results = try setup.run(["results", "--session", extra.session, "--json"])
        let dump = try SQLiteShell.run(setup.database, ".dump")
        // (and not left behind in the file's free space either, where a copy of the file would carry it)
        let raw = try [setup.database, setup.database + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
            .map { String(decoding: try Data(contentsOf: URL(fileURLWithPath: $0)), as: UTF8.self) }.joined()
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.contains(erased))
        for (place, text) in [
            ("candidate show", shown.output), ("candidate list", listed.output), ("results", results.output), ("the database", dump),
            ("the file", raw),
        ] {
            for value in ["Fung", "Distinctive", Self.idDocument, "K6543210", Self.email] {
                #expect(!text.contains(value), "\(place) still holds \(value)")
            }
        }

        // And their result stays under their number, unchanged
        let listing = try Self.decode(ResultsSummary.self, results)
        #expect(listing.results.map(\.number) == [erased])
        #expect(listing.results.first?.attempt == 2)
        #expect(listing.results.first?.outcome == "fail")
        let resultAfter = try Self.decode(ResultSummary.self, setup.run(["result", "2", "--json"]))
        #expect(resultAfter.candidate == erased)
        #expect(resultAfter.outcome == resultBefore.outcome)
        #expect(resultAfter.grade.percentage == resultBefore.grade.percentage)

        // And the log records the erasure with its reason, and is still intact
        let entry = try StaffAccessTests.decodeAudit(setup.run(["audit", "show", "--action", "candidate.erase", "--json"]))
        #expect(entry.map(\.subject) == [erased])
        #expect(entry.first?.reason == "request 42")
        let verify = try setup.run(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(try setup.run(["doctor"]).status == 0)

        // When the same candidate is erased again, the credential holder is erased, or a reason is left blank
        let again = try setup.run(["candidate", "erase", erased, "--reason", "request 43"])
        let holderErase = try setup.run(["candidate", "erase", holder, "--reason", "request 44"])
        let blank = try setup.run(["candidate", "erase", holder, "--reason", " "])

        // Then each is refused, and the holder's data stays
        #expect(again.status == 1)
        #expect(again.error.contains(english.describe(.error("candidate.erase.already", ["number": erased]))), "\(again.error)")
        #expect(holderErase.status == 1)
        #expect(
            holderErase.error.contains(
                english.describe(.error("candidate.erase.credentials", ["number": holder, "credentials": credential]))),
            "\(holderErase.error)")
        #expect(blank.status == 1)
        #expect(blank.error.contains(english.describe(.error("candidate.erase.no-reason"))), "\(blank.error)")
        let holderShown = try setup.run(["candidate", "show", holder])
        #expect(holderShown.output.contains("Siu Ming Wong") && holderShown.output.contains("A1000001"), "\(holderShown.output)")
        #expect(try StaffAccessTests.decodeAudit(setup.run(["audit", "show", "--action", "candidate.erase", "--json"])).count == 1)
    }

    // MARK: Helpers

    /// Adds the candidate Distinctive Fung, with an ID document and email, trains them and
    /// registers them for a second drill sitting of their own that is under way.
    static func registerCandidateWithEmail(_ setup: ExamSetup) throws -> (session: String, registration: ExamSetup.Registration) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let session =
            try decode(
                [String: String].self,
                setup.run([
                    "session", "create", "--track", "DRILL", "--starts", formatter.string(from: Date()), "--centre", "Mong Kok Centre",
                    "--capacity", "1", "--json",
                ]))["session"] ?? ""
        let number =
            try decode(
                [String: String].self,
                setup.run([
                    "candidate", "add", "--family", "Fung", "--given", "Distinctive", "--id-document", idDocument, "--email", email,
                    "--json",
                ]))["number"] ?? ""
        for module in (1...6).map({ "DRILL-0\($0)" }) { try succeed(setup, ["training", "record", number, module, "--hours", "1"]) }
        let code = try decode([String: String].self, setup.run(["register", number, session, "--json"]))["code"] ?? ""
        return (session, ExamSetup.Registration(number: number, code: code))
    }

    static func succeed(_ setup: ExamSetup, _ arguments: [String]) throws {
        let result = try setup.run(arguments)
        guard result.status == 0 else { throw ExamSetup.CommandFailed(arguments: arguments, result: result) }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ result: CertDeskRunner.Result, status: Int32 = 0) throws -> T {
        guard result.status == status else { throw CommandFailure(result: result) }
        return try JSONDecoder().decode(type, from: Data(result.output.utf8))
    }

    /// One candidate's run of `sit` under load: answers every question, then keeps changing the
    /// first answer until the log says stop, then submits.
    private static func sitUnderLoad(_ registration: ExamSetup.Registration, setup: LoadSetup, log: SittingLog) -> SittingLog.Run {
        func ended(_ room: RunningCertDesk, submitted: Bool) -> SittingLog.Run {
            SittingLog.Run(number: registration.number, submitted: submitted, result: room.wait())
        }
        guard let room = try? setup.startSitting(registration), var driver = try? RoomDriver(room) else {
            return SittingLog.Run(
                number: registration.number, submitted: false, result: .init(status: -1, output: "", error: "not started"))
        }
        driver.timeout = 60
        guard var screen = driver.begin() else { return ended(room, submitted: false) }
        for number in 1...LoadSetup.questions {
            guard let next = driver.answer(number, on: screen) else { return ended(room, submitted: false) }
            log.acknowledge(registration.number, slot: number)
            screen = next
        }
        log.markReady()
        var round = 0
        let saved = Catalogs.beginning("room.saved", ["number": "1"], in: driver.text)
        while !log.stopped, round < 2_000 {
            room.send(":g 1")
            guard let first = room.read(through: driver.prompt, timeout: 60), let type = driver.questionType(in: first) else {
                return ended(room, submitted: false)
            }
            room.send(alternative(for: type, round: round))
            guard room.read(through: saved, timeout: 60) != nil else { return ended(room, submitted: false) }
            log.acknowledge(registration.number, slot: 1)
            guard room.read(through: driver.prompt, timeout: 60) != nil else { return ended(room, submitted: false) }
            round += 1
        }
        return ended(room, submitted: driver.submit() != nil)
    }

    /// An answer that differs from the one before it (the first differs from ``RoomDriver``'s).
    static func alternative(for type: QuestionType, round: Int) -> String {
        let choices: [String] =
            switch type {
            case .single: ["B", "A"]
            case .multiple: ["B", "A C"]
            case .trueFalse: ["A", "B"]
            case .numeric: ["41", "42"]
            case .short: ["ACD", "IVR"]
            case .essay: ["Coach monthly.", "Coach weekly."]
            }
        return choices[round % 2]
    }
}

/// A backup taken during the load test, with the live database's answer count around it.
private struct TakenBackup {
    var path: String
    var result: CertDeskRunner.Result
    var begun: Date
    var before: Int
    var after: Int
}

/// What the candidates' threads report while they sit: answers acknowledged, with when.
private final class SittingLog: @unchecked Sendable {  // every field is guarded by `lock`
    struct Acknowledged {
        var number: String
        var slot: Int
        var at: Date
    }

    struct Run {
        var number: String
        var submitted: Bool
        var result: CertDeskRunner.Result
    }

    private let lock = NSLock()
    private var answers: [Acknowledged] = []
    private var readyCount = 0
    private var stopping = false
    private var finished: [String: Run] = [:]

    /// Notes an answer the room said it saved, timed after it said so.
    func acknowledge(_ number: String, slot: Int) {
        let now = Date()
        lock.withLock { answers.append(Acknowledged(number: number, slot: slot, at: now)) }
    }

    func markReady() { lock.withLock { readyCount += 1 } }
    func stop() { lock.withLock { stopping = true } }
    func finish(_ number: String, _ run: Run) { lock.withLock { finished[number] = run } }

    var ready: Int { lock.withLock { readyCount } }
    var stopped: Bool { lock.withLock { stopping } }
    var finishedCount: Int { lock.withLock { finished.count } }
    var runs: [String: Run] { lock.withLock { finished } }
    var acknowledgements: [Acknowledged] { lock.withLock { answers } }
}

/// A database with a one-module track of six questions (the drill's, so a scripted candidate can
/// answer them) and candidates registered for a sitting under way; set up with as few
/// commands as possible, several at a time, so twenty candidates are ready in seconds.
private struct LoadSetup {
    static let questions = 6

    let folder: String
    let database: String
    let runner = CertDeskRunner()
    let session: String
    let registrations: [ExamSetup.Registration]

    init(candidates: Int) throws {
        folder = try CertDeskRunner.temporaryFolder()
        database = folder + "/certdesk.sqlite"
        let runner = runner
        let database = database
        let certdesk: @Sendable ([String]) throws -> [String: String] = { arguments in
            let result = try runner.run(arguments + ["--db", database])
            guard result.status == 0 else { throw ExamSetup.CommandFailed(arguments: arguments, result: result) }
            return (try? JSONDecoder().decode([String: String].self, from: Data(result.output.utf8))) ?? [:]
        }
        let created = try runner.initialise(database)
        guard created.status == 0 else { throw ExamSetup.CommandFailed(arguments: ["init"], result: created) }
        try Self.curriculum.write(toFile: folder + "/load.yaml", atomically: true, encoding: .utf8)
        var bank = try String(contentsOfFile: ExamSetup.drill + "/drill-bank.yaml", encoding: .utf8)
            .replacingOccurrences(of: "track: DRILL", with: "track: LOAD")
        for index in 1...6 {
            bank = bank.replacingOccurrences(of: "id: DRILL-0\(index)-001", with: "id: LOAD-01-00\(index)")
                .replacingOccurrences(of: "module: DRILL-0\(index)", with: "module: LOAD-01")
        }
        try bank.write(toFile: folder + "/load-bank.yaml", atomically: true, encoding: .utf8)
        _ = try certdesk(["curriculum", "load", folder + "/load.yaml"])
        _ = try certdesk(["bank", "import", folder + "/load-bank.yaml"])
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let session =
            try certdesk([
                "session", "create", "--track", "LOAD", "--starts", formatter.string(from: Date()), "--centre", "Kowloon Bay Centre",
                "--capacity", String(candidates), "--json",
            ])["session"] ?? ""
        self.session = session
        // Four lanes of candidates at a time: enough to keep the machine busy, few enough that
        // no command waits long for the write lock.
        let lanes = (0..<4).map { lane in Array(stride(from: lane + 1, through: candidates, by: 4)) }
        registrations = try ConcurrentSittingTests.inParallel(lanes) { lane in
            try lane.map { index in
                let number =
                    try certdesk([
                        "candidate", "add", "--family", "Load", "--given", "Candidate \(index)", "--id-document", "L\(2_000_000 + index)",
                        "--json",
                    ])["number"] ?? ""
                _ = try certdesk(["training", "record", number, "LOAD-01", "--hours", "1"])
                let code = try certdesk(["register", number, session, "--json"])["code"] ?? ""
                return ExamSetup.Registration(number: number, code: code)
            }
        }.flatMap { $0 }
    }

    static let curriculum = """
        track: LOAD
        title: {en: "Load Track", zh-Hant: "負載課程", zh-Hans: "负载课程"}
        level: 1
        prerequisites: []
        modules:
          - id: LOAD-01
            title: {en: "Everything at once", zh-Hant: "全部", zh-Hans: "全部"}
            hours: 1
            objectives:
              - {en: "Answer under load.", zh-Hant: "在負載下作答。", zh-Hans: "在负载下作答。"}
        exam:
          duration: 30
          pass-mark: 70
          blueprint:
            - {module: LOAD-01, questions: 6}
        credential:
          valid-years: 3
          renewal-cpd-hours: 30

        """

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    func run(_ arguments: [String]) throws -> CertDeskRunner.Result {
        try runner.run(arguments + ["--db", database])
    }

    func startSitting(_ registration: ExamSetup.Registration) throws -> RunningCertDesk {
        try runner.start(
            ["sit", "--plain", "--candidate", registration.number, "--db", database],
            extraEnvironment: ["CERTDESK_ACCESS_CODE": registration.code])
    }

    func responseCount() throws -> Int {
        Int(try SQLiteShell.run(database, "SELECT count(*) FROM responses").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func responses() throws -> [SQLiteShell.Response] { try SQLiteShell.responses(database) }

    /// Attempt ids by candidate number.
    func attemptsByNumber() throws -> [String: Int64] {
        let lines = try SQLiteShell.lines(
            database,
            """
            SELECT c.number, a.id FROM attempts a JOIN registrations r ON r.id = a.registration_id
            JOIN candidates c ON c.id = r.candidate_id
            """)
        return Dictionary(
            lines.compactMap { line in
                let parts = line.split(separator: "|").map(String.init)
                return parts.count == 2 ? Int64(parts[1]).map { (parts[0], $0) } : nil
            }
        ) { first, _ in first }
    }
}

fileprivate extension SQLiteShell {
    /// A row of `responses`, and the whole row as the shell prints it, to compare files.
    struct Response {
        var id: Int64
        var attempt: Int64
        var slot: Int
        var kind: String
        var line: String
    }

    static func responses(_ database: String) throws -> [Response] {
        try lines(database, "SELECT id, attempt_id, slot, kind, quote(value), at_ms, terminal FROM responses ORDER BY id").compactMap {
            line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 4, let id = Int64(parts[0]), let attempt = Int64(parts[1]), let slot = Int(parts[2]) else { return nil }
            return Response(id: id, attempt: attempt, slot: slot, kind: parts[3], line: line)
        }
    }
}

/// `certdesk audit verify --json`.
private struct AuditVerifyReport: Decodable {
    struct Link: Decodable, Equatable {
        var seq: Int
        var kind: String
    }

    struct Finding: Decodable {
        var table: String
        var row: Int
        var kind: String
        var lastEntry: Int?
    }

    var entries: Int
    var rowsChecked: Int
    var brokenLink: Link?
    var rowFindings: [Finding]
    var rowFindingCount: Int
}

/// A row of `certdesk credential list --json`.
private struct IssuedCredentialRow: Decodable {
    var number: String
}

/// The parts of `certdesk result ID --json` the erasure test compares.
private struct ResultSummary: Decodable {
    struct Grade: Decodable {
        var percentage: Double
    }

    var candidate: String
    var outcome: String
    var grade: Grade
}

/// The parts of `certdesk results --session S --json` the erasure test reads.
private struct ResultsSummary: Decodable {
    struct Row: Decodable {
        var number: String
        var attempt: Int?
        var outcome: String
    }

    var results: [Row]
}
