import CertDeskCore
import CertDeskLocalization
import Foundation
import Testing

/// Staff accounts, roles and sessions through the built `certdesk`: who may run what, how a
/// session file is kept and checked, wrong passwords, lockouts, expired and disabled sessions,
/// and a candidate's access code opening only their own exam.
struct StaffAccessTests {
    static let bobPassword = "chalk and cheese 42"

    @Test func initCreatesTheAdministratorWithAPrivateSessionFileAndRefusesWeakPasswords() throws {
        // Given a folder with no database, and an operator whose home holds no session yet
        let desk = try OwnDatabase()
        defer { desk.remove() }
        let english = try Catalogs.localizer(.english)

        // When `init --admin admin` is given a short password, one containing the name, and a
        // common one
        let weak: [(password: String, problem: Problem)] = [
            ("short", .error("staff.password.short", ["minimum": "10", "length": "5"])),
            ("my-admin-desk-26", .error("staff.password.contains-name", ["name": "admin"])),
            ("Password123", .error("staff.password.common")),
        ]
        for (password, problem) in weak {
            let refused = try desk.run(["init", "--admin", "admin", "--password-stdin"], input: password + "\n")

            // Then each is refused with its reason, and nothing is created: no database, no session
            #expect(refused.status == 1, "\(password): \(refused.output)")
            #expect(refused.error.contains(english.describe(problem)), "\(password): \(refused.error)")
            #expect(!FileManager.default.fileExists(atPath: desk.database), "\(password)")
            #expect(try desk.sessionFiles().isEmpty, "\(password)")
        }

        // When a good password is given
        let created = try desk.run(["init", "--admin", "admin", "--password-stdin"], input: CertDeskRunner.adminPassword + "\n")

        // Then the database exists and admin is logged in: one session file, mode 0600, in a
        // folder only its owner may enter, naming the database and admin, and holding a token
        // that was printed nowhere
        #expect(created.status == 0, "\(created.error)")
        #expect(FileManager.default.fileExists(atPath: desk.database))
        #expect(created.output.contains(Catalogs.beginning("init.admin", ["name": "admin"], in: english)), "\(created.output)")
        let files = try desk.sessionFiles()
        #expect(files.count == 1, "\(files)")
        let sessionFile = try #require(files.first)
        #expect(try mode(of: sessionFile) == 0o600)
        #expect(try mode(of: desk.sessionFolder) == 0o700)
        #expect(try mode(of: desk.home + "/.certdesk") == 0o700)
        let content = try String(contentsOfFile: sessionFile, encoding: .utf8)
        let fields = Dictionary(
            content.split(separator: "\n").compactMap { line in
                line.firstIndex(of: " ").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
            }
        ) { first, _ in first }
        #expect(fields["database"] == desk.database, "\(content)")
        #expect(fields["staff"] == "admin", "\(content)")
        let token = try #require(fields["token"])
        #expect(token.count >= 32)
        #expect(!created.output.contains(token) && !created.error.contains(token))

        // And `whoami` names admin as administrator of this database
        let whoami = try desk.run(["whoami"])
        #expect(whoami.status == 0, "\(whoami.error)")
        let current = try Catalogs.pattern(
            "login.current", ["name": "admin", "role": english.text("role.administrator"), "db": desk.database], in: english)
        #expect(whoami.output.contains(current), "\(whoami.output)")

        // And a second `init --admin` on the same database is refused: the first administrator exists
        let again = try desk.run(["init", "--admin", "eve", "--password-stdin"], input: "a long enough secret 9\n")
        #expect(again.status == 1)
        #expect(again.error.contains(english.describe(.error("staff.first-exists", ["name": "eve"]))), "\(again.error)")
        #expect(try desk.staff().map(\.name) == ["admin"])
    }

    @Test func aTrainerMayLoadContentButIsRefusedAdministratorCommandsInTheirOwnLanguage() throws {
        // Given a database whose administrator adds bob as a trainer, and bob logged in with a
        // session file of his own
        let desk = try OwnDatabase(initialised: true)
        defer { desk.remove() }
        let english = try Catalogs.localizer(.english)
        let chinese = try Catalogs.localizer(.traditionalChinese)
        let added = try desk.run(["staff", "add", "bob", "--role", "trainer", "--password-stdin"], input: Self.bobPassword + "\n")
        #expect(added.status == 0, "\(added.error)")
        let bob = try desk.login("bob", password: Self.bobPassword)
        let whoami = try desk.run(["whoami"], session: bob)
        #expect(
            whoami.output.contains(
                try Catalogs.pattern(
                    "login.current", ["name": "bob", "role": english.text("role.trainer"), "db": desk.database], in: english)),
            "\(whoami.output)\(whoami.error)")

        // When bob loads a curriculum
        let load = try desk.run(["curriculum", "load", ExamSetup.drill + "/drill.yaml"], session: bob)

        // Then it works, and the audit log says bob did it
        #expect(load.status == 0, "\(load.error)")
        #expect(try desk.audit().last.map { [$0.actor, $0.action] } == ["bob", "curriculum.load"])
        let entriesBefore = try desk.audit()
        let contentBefore = SQLiteShell.available ? try SQLiteShell.run(desk.database, ".dump") : ""

        // When bob tries what only administrators may do
        let attempts: [(path: String, arguments: [String], input: String?)] = [
            ("issue", ["issue", "--session", "DRILL-261201-01"], nil),
            ("revoke", ["revoke", "CD-2026-000001", "--reason", "test"], nil),
            ("keys rotate", ["keys", "rotate"], nil),
            ("release", ["release", "--session", "DRILL-261201-01"], nil),
            ("staff add", ["staff", "add", "carol", "--role", "administrator", "--password-stdin"], "another long secret 7\n"),
        ]
        for attempt in attempts {
            let refused = try desk.run(attempt.arguments, input: attempt.input, session: bob)

            // Then each is refused with exit status 1, naming the command, the role it needs and bob's own
            #expect(refused.status == 1, "\(attempt.path): \(refused.output)")
            let expected = english.describe(
                .error(
                    "access.needs-role",
                    [
                        "command": attempt.path, "role": english.text("role.administrator"), "db": desk.database, "name": "bob",
                        "own": english.text("role.trainer"),
                    ]))
            #expect(refused.error.contains(expected), "\(attempt.path): \(refused.error)")
        }

        // When bob, who reads Traditional Chinese, tries to revoke a credential
        let inChinese = try desk.run(["revoke", "CD-2026-000001", "--reason", "test", "--lang", "zh-Hant"], session: bob)

        // Then the refusal is in Traditional Chinese and names the administrator role in it
        let administrator = chinese.text("role.administrator")
        #expect(
            administrator != "role.administrator" && administrator != english.text("role.administrator"), "untranslated: \(administrator)")
        #expect(inChinese.status == 1)
        #expect(inChinese.error.contains(administrator), "\(inChinese.error)")
        #expect(
            inChinese.error.contains(
                chinese.describe(
                    .error(
                        "access.needs-role",
                        [
                            "command": "revoke", "role": administrator, "db": desk.database, "name": "bob",
                            "own": chinese.text("role.trainer"),
                        ]))), "\(inChinese.error)")

        // And none of the refused commands changed anything: the same audit log, the same
        // content, still two accounts, no signing key
        #expect(try desk.audit() == entriesBefore)
        if SQLiteShell.available { #expect(try SQLiteShell.run(desk.database, ".dump") == contentBefore) }
        #expect(try desk.staff().map(\.name) == ["admin", "bob"])
        #expect(!FileManager.default.fileExists(atPath: desk.database + ".keys"))

        // And the administrator may do what bob may not (the refusal was about the role, not the command)
        let keys = try desk.run(["keys", "init"])
        #expect(keys.status == 0, "\(keys.error)")
        #expect(FileManager.default.fileExists(atPath: desk.database + ".keys"))
    }

    @Test func withoutASessionAdministratorCommandsAskForALoginAndLogoutEndsTheSession() throws {
        // Given a database whose administrator is logged in
        let desk = try OwnDatabase(initialised: true)
        defer { desk.remove() }
        let english = try Catalogs.localizer(.english)
        let loginRequired = english.describe(
            .error("access.login-required", ["command": "candidate list", "role": english.text("role.administrator"), "db": desk.database]))
        #expect(try desk.run(["candidate", "list"]).status == 0)

        // When another operator, with an empty home folder, or with a session file that does not
        // exist, lists candidates
        let emptyHome = desk.folder + "/empty-home"
        try FileManager.default.createDirectory(atPath: emptyHome, withIntermediateDirectories: true)
        let noHome = try desk.run(["candidate", "list"], environment: ["HOME": emptyHome])
        let noFile = try desk.run(["candidate", "list"], session: desk.folder + "/nobody.session")

        // Then both are refused with exit status 1 and told to log in
        for refused in [noHome, noFile] {
            #expect(refused.status == 1)
            #expect(refused.error.contains(loginRequired), "\(refused.error)")
            #expect(refused.error.contains("certdesk login"))
            #expect(refused.output.isEmpty)
        }

        // When admin logs out
        let sessionFile = try #require(try desk.sessionFiles().first)
        let logout = try desk.run(["logout"])

        // Then the session file is gone, the log says so, and the next administrator command asks for a login
        #expect(logout.status == 0, "\(logout.error)")
        #expect(logout.output.contains(english.text("logout.done", ["name": "admin", "db": desk.database])), "\(logout.output)")
        #expect(!FileManager.default.fileExists(atPath: sessionFile))
        let after = try desk.run(["candidate", "list"])
        #expect(after.status == 1)
        #expect(after.error.contains(loginRequired), "\(after.error)")
        #expect(try desk.run(["whoami"]).status == 1)

        // And a copy of the session file kept from before the logout opens nothing
        let relogin = try desk.login("admin", password: CertDeskRunner.adminPassword)
        let kept = desk.folder + "/kept.session"
        try FileManager.default.copyItem(atPath: relogin, toPath: kept)
        #expect(try desk.run(["logout"], session: relogin).status == 0)
        let reused = try desk.run(["candidate", "list"], session: kept)
        #expect(reused.status == 1)
        #expect(reused.error.contains(Catalogs.beginning("session.ended", in: english)), "\(reused.error)")
        #expect(
            try desk.audit(as: try desk.login("admin", password: CertDeskRunner.adminPassword)).filter { $0.action == "staff.logout" }.count
                == 2)
    }

    @Test func wrongPasswordsAreSlowRecordedAndFiveInARowLockTheAccountUntilEnabled() throws {
        // Given bob, a trainer
        let desk = try OwnDatabase(initialised: true)
        defer { desk.remove() }
        let english = try Catalogs.localizer(.english)
        try desk.addStaff("bob", role: "trainer", password: Self.bobPassword)
        let bob = desk.folder + "/bob.session"
        let wrong = english.describe(.error("staff.login.wrong", ["name": "bob", "tries": "5", "minutes": "15"]))
        func login(_ password: String) throws -> (result: CertDeskRunner.Result, seconds: TimeInterval) {
            let started = Date()
            let result = try desk.run(["login", "bob", "--password-stdin"], input: password + "\n", session: bob)
            return (result, Date().timeIntervalSince(started))
        }

        // When he types a wrong password
        let first = try login("cheese and chalk 42")

        // Then it is refused after a pause of at least a second, without saying whether the name
        // or the password was wrong, no session file is written, and the log records the failure
        #expect(first.result.status == 1)
        #expect(first.result.error.contains(wrong), "\(first.result.error)")
        #expect(first.seconds >= 1.0, "\(first.seconds) s")
        #expect(!FileManager.default.fileExists(atPath: bob))
        let failures = try desk.audit(action: "staff.login-failed")
        #expect(failures.count == 1)
        #expect(failures.first?.subject == "bob")
        #expect(failures.first?.details["reason"] == "wrong-password")
        #expect(try desk.staff().first { $0.name == "bob" }?.failedLogins == 1)

        // And an unknown name is refused in the same words
        let unknown = try desk.run(["login", "bobby", "--password-stdin"], input: Self.bobPassword + "\n", session: bob)
        #expect(unknown.status == 1)
        #expect(unknown.error.contains(english.text("staff.login.wrong", ["name": "bobby", "tries": "5", "minutes": "15"])))

        // When he then logs in with the right one
        let right = try login(Self.bobPassword)

        // Then the count of failures starts again
        #expect(right.result.status == 0, "\(right.result.error)")
        #expect(try desk.staff().first { $0.name == "bob" }?.failedLogins == 0)

        // When he types five wrong passwords in a row, then the right one
        let wrongs = try (1...5).map { try login("wrong guess number \($0)") }
        let lockedOut = try login(Self.bobPassword)

        // Then the first four are refused as wrong, the fifth locks the account, and even the
        // right password is refused while it is locked
        let locked = Catalogs.beginning("staff.login.locked", ["name": "bob"], in: english)
        for (index, attempt) in wrongs.enumerated() {
            #expect(attempt.result.status == 1)
            #expect(attempt.seconds >= 1.0, "\(attempt.seconds) s")
            #expect(attempt.result.error.contains(index < 4 ? wrong : locked), "try \(index + 1): \(attempt.result.error)")
        }
        #expect(lockedOut.result.status == 1)
        #expect(lockedOut.result.error.contains(locked), "\(lockedOut.result.error)")
        #expect(lockedOut.result.error.contains("certdesk staff enable bob"))

        // And the lockout shows in the staff list for about 15 minutes, and every refusal is in the log
        let listed = try #require(try desk.staff().first { $0.name == "bob" })
        let until = try #require(listed.lockedUntil.flatMap(parseDate), "\(listed)")
        #expect(until > Date().addingTimeInterval(14 * 60) && until < Date().addingTimeInterval(16 * 60), "\(until)")
        #expect(listed.failedLogins == 5)
        let refusals = try desk.audit(action: "staff.login-failed").filter { $0.subject == "bob" }
        #expect(refusals.map { $0.details["reason"] ?? "?" } == Array(repeating: "wrong-password", count: 6) + ["locked"])
        let table = try desk.run(["staff", "list"])
        #expect(table.output.contains(Catalogs.beginning("staff.state.locked", in: english)), "\(table.output)")

        // When the administrator enables bob again
        let enabled = try desk.run(["staff", "enable", "bob"])
        let back = try login(Self.bobPassword)

        // Then he can log in, and the lock is gone from the list
        #expect(enabled.status == 0, "\(enabled.error)")
        #expect(back.result.status == 0, "\(back.result.error)")
        let unlocked = try #require(try desk.staff().first { $0.name == "bob" })
        #expect(unlocked.lockedUntil == nil)
        #expect(unlocked.failedLogins == 0)
        #expect(try desk.run(["whoami"], session: bob).output.contains("bob"))
    }

    @Test(.enabled(if: SQLiteShell.available, "needs the sqlite3 shell"))
    func aSessionUsedByAnotherOSUserOrPastItsExpiryIsRefusedAndTheEditShowsInTheAuditLog() throws {
        // Given bob, a trainer, logged in and listing sessions, on a database whose audit log is intact
        let desk = try OwnDatabase(initialised: true)
        defer { desk.remove() }
        let english = try Catalogs.localizer(.english)
        try desk.addStaff("bob", role: "trainer", password: Self.bobPassword)
        let bob = try desk.login("bob", password: Self.bobPassword)
        #expect(try desk.run(["session", "list"], session: bob).status == 0)
        #expect(try desk.run(["audit", "verify"]).status == 0)
        let bobsSession = "staff_id = (SELECT id FROM staff WHERE name = 'bob')"
        let osUser = try SQLiteShell.run(desk.database, "SELECT os_user FROM staff_sessions WHERE \(bobsSession)")
            .trimmingCharacters(in: .whitespacesAndNewlines)

        // When the session's token is recorded as opened by another OS user
        try SQLiteShell.run(desk.database, "UPDATE staff_sessions SET os_user = 'mallory' WHERE \(bobsSession)")
        let borrowed = try desk.run(["session", "list"], session: bob)

        // Then bob's command is refused, naming both users
        #expect(borrowed.status == 1)
        #expect(
            borrowed.error.contains(english.describe(.error("session.other-user", ["owner": "mallory", "user": osUser]))),
            "\(borrowed.error)")
        #expect(try desk.run(["audit", "verify"]).status == 2)

        // When the row is put back as it was, bob's session works again and the log is whole again
        try SQLiteShell.run(desk.database, "UPDATE staff_sessions SET os_user = '\(osUser)' WHERE \(bobsSession)")
        #expect(try desk.run(["session", "list"], session: bob).status == 0)
        #expect(try desk.run(["audit", "verify"]).status == 0)

        // When the session is made to expire by editing the database
        try SQLiteShell.run(desk.database, "UPDATE staff_sessions SET expires_ms = opened_ms + 1 WHERE \(bobsSession)")
        let expired = try desk.run(["session", "list"], session: bob)

        // Then bob's command is refused, saying the session expired and how to log in again
        #expect(expired.status == 1)
        let expiry = try Catalogs.pattern("session.expired", ["name": "bob"], in: english)
        #expect(expired.error.contains(expiry), "\(expired.error)")
        #expect(expired.error.contains("certdesk login bob"))
        #expect(try desk.run(["whoami"], session: bob).status == 1)

        // And the edit itself is caught: `audit verify` exits with status 2 and names the row's table
        let verify = try desk.run(["audit", "verify"])
        #expect(verify.status == 2, "\(verify.output)")
        #expect(
            verify.output.contains(try Catalogs.pattern("audit.row.changed", ["table": "staff_sessions"], in: english)), "\(verify.output)")
        #expect(verify.output.contains(english.text("audit.not-intact")))

        // And bob can log in afresh
        let again = try desk.login("bob", password: Self.bobPassword)
        #expect(try desk.run(["session", "list"], session: again).status == 0)
    }

    @Test func aDisabledAccountIsShutOutAndTheLastAdministratorCannotBeDisabled() throws {
        // Given bob, a trainer who is logged in, and carol, a second administrator
        let desk = try OwnDatabase(initialised: true)
        defer { desk.remove() }
        let english = try Catalogs.localizer(.english)
        try desk.addStaff("bob", role: "trainer", password: Self.bobPassword)
        try desk.addStaff("carol", role: "administrator", password: "a long passphrase for the desk")
        let bob = try desk.login("bob", password: Self.bobPassword)
        let carol = try desk.login("carol", password: "a long passphrase for the desk")
        #expect(try desk.run(["session", "list"], session: bob).status == 0)

        // When the administrator disables bob, giving a reason
        let disabled = try desk.run(["staff", "disable", "bob", "--reason", "left the team"])

        // Then bob's next command is refused (his session ended), he cannot log in again, and the
        // list and the log show it
        #expect(disabled.status == 0, "\(disabled.error)")
        #expect(disabled.output.contains(english.text("staff.disabled-done", ["name": "bob"])), "\(disabled.output)")
        let next = try desk.run(["session", "list"], session: bob)
        #expect(next.status == 1)
        #expect(next.error.contains(Catalogs.beginning("session.ended", in: english)), "\(next.error)")
        let relogin = try desk.run(["login", "bob", "--password-stdin"], input: Self.bobPassword + "\n", session: bob)
        #expect(relogin.status == 1)
        #expect(relogin.error.contains(english.describe(.error("staff.login.disabled", ["name": "bob"]))), "\(relogin.error)")
        #expect(try desk.staff().first { $0.name == "bob" }?.disabledAt != nil)
        let entry = try desk.audit(action: "staff.disable").last
        #expect(entry?.subject == "bob")
        #expect(entry?.reason == "left the team")
        #expect(entry?.actor == "admin")

        // When carol disables admin, and then tries to disable herself, the last administrator
        let adminGone = try desk.run(["staff", "disable", "admin", "--reason", "handed over"], session: carol)
        let lastOne = try desk.run(["staff", "disable", "carol", "--reason", "leaving"], session: carol)

        // Then the first is done and admin's session ends; the second is refused and carol stays
        #expect(adminGone.status == 0, "\(adminGone.error)")
        #expect(try desk.run(["candidate", "list"]).status == 1)
        #expect(lastOne.status == 1)
        #expect(lastOne.error.contains(english.describe(.error("staff.last-administrator", ["name": "carol"]))), "\(lastOne.error)")
        let members = try desk.staff(as: carol)
        #expect(members.first { $0.name == "carol" }?.disabledAt == nil)
        #expect(try desk.run(["candidate", "list"], session: carol).status == 0)

        // And a blank reason is refused
        let blank = try desk.run(["staff", "disable", "bob", "--reason", "  "], session: carol)
        #expect(blank.status == 1)
    }

    @Test func sessionFilesOthersCouldReadOrThatAreNotPlainFilesOfTheUserAreRefused() throws {
        // Given an administrator's good session file
        let desk = try OwnDatabase(initialised: true)
        defer { desk.remove() }
        let english = try Catalogs.localizer(.english)
        let good = try #require(try desk.sessionFiles().first)
        #expect(try desk.run(["candidate", "list"], session: good).status == 0)

        // When a copy is left readable by everyone (mode 0644)
        let loose = desk.folder + "/loose.session"
        try FileManager.default.copyItem(atPath: good, toPath: loose)
        #expect(chmod(loose, 0o644) == 0)
        let fromLoose = try desk.run(["candidate", "list"], session: loose)

        // Then it is refused, saying why
        #expect(fromLoose.status == 1)
        #expect(fromLoose.error.contains(english.describe(.error("session.loose", ["path": loose, "mode": "0644"]))), "\(fromLoose.error)")

        // When the session file is a symbolic link to the good one
        let link = desk.folder + "/link.session"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: good)
        let fromLink = try desk.run(["candidate", "list"], session: link)

        // Then it is refused too
        #expect(fromLink.status == 1)
        #expect(fromLink.error.contains(english.describe(.error("session.not-a-file", ["path": link]))), "\(fromLink.error)")

        // When a copy belongs to another user (the tests run as root, who can give it away)
        if geteuid() == 0 {
            let foreign = desk.folder + "/foreign.session"
            try FileManager.default.copyItem(atPath: good, toPath: foreign)
            #expect(chmod(foreign, 0o600) == 0)
            let nobody = getpwnam("nobody").map { $0.pointee.pw_uid } ?? 65534
            #expect(chown(foreign, nobody, getegid()) == 0)
            let fromForeign = try desk.run(["candidate", "list"], session: foreign)

            // Then it is refused: a session cannot be borrowed
            #expect(fromForeign.status == 1)
            #expect(
                fromForeign.error.contains(
                    english.describe(.error("session.wrong-owner", ["path": foreign, "owner": String(nobody), "user": String(geteuid())]))),
                "\(fromForeign.error)")
        }

        // When the good file is edited so it names another database
        let moved = desk.folder + "/moved.session"
        let text = try String(contentsOfFile: good, encoding: .utf8)
            .replacingOccurrences(of: "database " + desk.database, with: "database " + desk.folder + "/other.sqlite")
        try text.write(toFile: moved, atomically: true, encoding: .utf8)
        #expect(chmod(moved, 0o600) == 0)
        let fromMoved = try desk.run(["candidate", "list"], session: moved)

        // Then it is refused as belonging to another database
        #expect(fromMoved.status == 1)
        #expect(fromMoved.error.contains(Catalogs.beginning("session.other-database", ["path": moved], in: english)), "\(fromMoved.error)")

        // And the good file still works
        #expect(try desk.run(["candidate", "list"], session: good).status == 0)
    }

    @Test func aCandidatesAccessCodeOpensOnlyTheirOwnAttempt() throws {
        // Given two candidates registered for a drill sitting
        let setup = try ExamSetup(.drill, candidates: 2)
        defer { setup.remove() }
        let english = try Catalogs.localizer(.english)
        let (first, second) = (setup.registrations[0], setup.registrations[1])

        // When someone runs `sit` with the first candidate's number and the second's access code
        let borrowed = try setup.sit(ExamSetup.Registration(number: first.number, code: second.code), input: "\n")

        // Then it is refused as a wrong code, and no attempt was started for anyone
        #expect(borrowed.status == 1)
        #expect(borrowed.error.contains(english.describe(.error("room.login.wrong", ["left": "4"]))), "\(borrowed.error)")
        #expect(!borrowed.output.contains(english.text("room.plain.begin")))
        #expect(try setup.run(["attempt", "show", "1"]).status == 1)

        // When the second candidate sits with their own code and submits
        let own = try setup.sit(
            second, input: (["", "A", "A B", "A", "20", "calibration", "", ":s", "yes"]).joined(separator: "\n") + "\n")

        // Then their attempt is theirs
        #expect(own.status == 0, "\(own.error)")
        #expect(try setup.attempt(1).candidate == second.number)

        // And the second candidate's code still opens neither the first candidate's exam nor
        // their result, while it opens the second's own result
        let again = try setup.sit(ExamSetup.Registration(number: first.number, code: second.code), input: "\n")
        #expect(again.status == 1)
        #expect(try setup.run(["attempt", "show", "2"]).status == 1)
        let otherResult = try setup.run(["result", "--candidate", first.number], environment: ["CERTDESK_ACCESS_CODE": second.code])
        #expect(otherResult.status == 1)
        let ownResult = try setup.run(["result", "--candidate", second.number], environment: ["CERTDESK_ACCESS_CODE": second.code])
        #expect(ownResult.status == 0, "\(ownResult.error)")
        #expect(ownResult.output.contains(english.text("result.candidate.not-released", ["session": setup.session])), "\(ownResult.output)")

        // And the refusals are in the audit log against the first candidate's number
        let failed = try StaffAccessTests.decodeAudit(setup.run(["audit", "show", "--json", "--action", "room.login-failed"]))
        #expect(failed.count >= 2)
        #expect(failed.allSatisfy { $0.subject == first.number }, "\(failed)")
    }

    // MARK: Helpers

    static func decodeAudit(_ result: CertDeskRunner.Result) throws -> [AuditLogEntry] {
        guard result.status == 0 else { throw CommandFailure(result: result) }
        return try JSONDecoder().decode([AuditLogEntry].self, from: Data(result.output.utf8))
    }
}

/// The permission bits of a file or folder.
func mode(of path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o7777
}

/// An ISO 8601 time as `--json` output writes it, with or without fractions of a second.
func parseDate(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
}

/// A command that should have worked and did not.
struct CommandFailure: Error, CustomStringConvertible {
    var result: CertDeskRunner.Result
    var description: String { "certdesk → \(result.status): \(result.error)\(result.output)" }
}

/// An entry of `certdesk audit show --json`.
struct AuditLogEntry: Decodable, Equatable {
    var seq: Int
    var actorKind: String
    var actor: String
    var action: String
    var subject: String
    var reason: String?
    var details: [String: String]
    var changes: Int
    var hash: String
}

/// A row of `certdesk staff list --json`.
struct StaffListing: Decodable {
    var name: String
    var role: String
    var failedLogins: Int
    var lockedUntil: String?
    var disabledAt: String?
}

/// A database of its own in a temporary folder, run with a home folder of its own, so its
/// session files are the test's alone.
struct OwnDatabase {
    let folder: String
    let database: String
    let home: String
    let runner: CertDeskRunner

    /// - Parameter initialised: create the database with the administrator `admin`, logged in.
    init(initialised: Bool = false) throws {
        folder = try CertDeskRunner.temporaryFolder()
        database = folder + "/certdesk.sqlite"
        home = folder + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var runner = CertDeskRunner()
        runner.environment["HOME"] = home
        self.runner = runner
        if initialised {
            let created = try runner.initialise(database)
            guard created.status == 0 else { throw CommandFailure(result: created) }
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    var sessionFolder: String { home + "/.certdesk/sessions" }

    /// The session files in this home's session folder.
    func sessionFiles() throws -> [String] {
        guard FileManager.default.fileExists(atPath: sessionFolder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: sessionFolder).filter { $0.hasSuffix(".session") }.sorted()
            .map { sessionFolder + "/" + $0 }
    }

    /// Runs `certdesk` on this database: as the administrator whose session is in this home
    /// folder, or under the session file `session`.
    func run(_ arguments: [String], input: String? = nil, session: String? = nil, environment: [String: String] = [:]) throws
        -> CertDeskRunner.Result
    {
        var extra = environment
        if let session { extra["CERTDESK_SESSION_FILE"] = session }
        return try runner.run(arguments + ["--db", database], input: input, extraEnvironment: extra)
    }

    /// Adds a staff account as the administrator.
    func addStaff(_ name: String, role: String, password: String) throws {
        let added = try run(["staff", "add", name, "--role", role, "--password-stdin"], input: password + "\n")
        guard added.status == 0 else { throw CommandFailure(result: added) }
    }

    /// Logs `name` in with a session file of their own in the folder; returns its path.
    func login(_ name: String, password: String) throws -> String {
        let path = folder + "/\(name).session"
        let opened = try run(["login", name, "--password-stdin"], input: password + "\n", session: path)
        guard opened.status == 0 else { throw CommandFailure(result: opened) }
        return path
    }

    /// The audit log as `audit show --json` prints it, read by the administrator (or `session`).
    func audit(action: String? = nil, as session: String? = nil) throws -> [AuditLogEntry] {
        try StaffAccessTests.decodeAudit(run(["audit", "show", "--json"] + (action.map { ["--action", $0] } ?? []), session: session))
    }

    /// The staff accounts as `staff list --json` prints them.
    func staff(as session: String? = nil) throws -> [StaffListing] {
        let listed = try run(["staff", "list", "--json"], session: session)
        guard listed.status == 0 else { throw CommandFailure(result: listed) }
        return try JSONDecoder().decode([StaffListing].self, from: Data(listed.output.utf8))
    }
}

/// The sqlite3 shell, for edits made behind CertDesk's back.
enum SQLiteShell {
    static let path = "/usr/bin/sqlite3"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: path) }

    struct Failed: Error, CustomStringConvertible {
        var sql: String
        var error: String
        var description: String { "sqlite3: \(sql): \(error)" }
    }

    /// Runs `sql` on a database file and returns what the shell printed (`|` between columns).
    @discardableResult
    static func run(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-bail", "-cmd", ".timeout 10000", database, sql]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = OutputCollector(error.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = errors.waitForEnd()
        guard process.terminationStatus == 0 else { throw Failed(sql: sql, error: errorText) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The lines a query printed.
    static func lines(_ database: String, _ sql: String) throws -> [String] {
        try run(database, sql).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}
