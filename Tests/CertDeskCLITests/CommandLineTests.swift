import CertDeskCore
import CertDeskGrading
import CertDeskLocalization
import Foundation
import Testing

struct LocalesTests {
    @Test func catalogsAgree() throws {
        let result = try CertDeskRunner().run(["locales", "check"])
        #expect(result.status == 0, "\(result.error)")
    }

    @Test func everyKeyTheCodeUsesIsInTheCatalogs() throws {
        let localizer = try Localizer.load(language: .english, localesDirectory: CertDeskRunner.root + "/locales")
        let known = Set(localizer.catalog(.english)?.entries.keys.map { $0 } ?? [])
        let sources = CertDeskRunner.root + "/Sources"
        let enumerator = FileManager.default.enumerator(atPath: sources)
        let pattern = try Regex(
            #""((?:content|store|locale|locales|load|stats|show|tracks|demo|help|init|cli|bank|track|severity|room|candidate|session|register|training|attempt|practice|column|extra-time|grading|mark|marking|result|results|release|item|regrade|report|rule|flag|letter|certificate|credential|eligible|issue|issuer|keys|verify|cpd|renew|reissue|revoke|registry|input|output|staff|access|role|audit|backup|restore|doctor|login|logout)\.[a-z0-9.-]+)""#
        )
        // Curriculum field paths named in content errors, not message keys.
        let fieldPaths: Set = ["credential.valid-years", "credential.renewal-cpd-hours"]
        var missing: [String] = []
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                let key = String(text[match.range]).trimmingCharacters(in: ["\""])
                // A key ending in a dot is a prefix completed at run time (checked below).
                // An audit action's name is shown through its `audit.action.` message.
                if known.contains("audit.action." + key) { continue }
                if !known.contains(key), !fieldPaths.contains(key), !key.hasSuffix(".sqlite"), !key.hasSuffix(".") {
                    missing.append("\(file): \(key)")
                }
            }
        }
        #expect(missing.isEmpty, "\(missing)")
    }

    @Test func keysBuiltAtRunTimeAreInTheCatalogs() throws {
        let localizer = try Localizer.load(language: .english, localesDirectory: CertDeskRunner.root + "/locales")
        let known = Set(localizer.catalog(.english)?.entries.keys.map { $0 } ?? [])
        var wanted = QuestionType.allCases.map { "room.how." + $0.rawValue }
        wanted += Language.allCases.map { "room.language." + $0.rawValue }
        wanted += ["room.option.true", "room.option.false"]
        wanted += ["submitted", "auto-submitted", "expired", "started", "registered"].map { "attempt.state." + $0 }
        wanted += ["submitted", "marked", "regraded"].map { "result.cause." + $0 }
        wanted += ["ungraded", "pass", "fail", "provisional", "absent", "in-progress"].map { "result.state." + $0 }
        wanted += ItemFlag.allCases.map { "flag." + $0.rawValue }
        wanted += [
            "single", "true-false", "multiple-partial", "multiple-all-or-nothing", "short-normalized", "numeric-tolerance", "essay-blank",
            "single-marker", "two-marker-mean", "two-marker-higher", "third-marker", "awaiting-marking", "voided",
        ].map { "rule." + $0 }
        wanted += ["initial", "renewal", "reissue"].map { "credential.kind." + $0 }
        wanted += ["key", "created", "state", "credential", "number", "name", "valid-until", "date", "track", "hours", "activity"].map {
            "column." + $0
        }
        wanted += ["trainer", "administrator"].map { "role." + $0 }
        wanted += ["staff", "candidate", "system"].map { "audit.actor." + $0 }
        wanted += ["missing", "previous", "hash", "orphan-changes"].map { "audit.broken." + $0 }
        wanted += ["changed", "added", "deleted"].map { "audit.row." + $0 }
        wanted += ["position", "language"].map { "audit.action.attempt." + $0 }
        #expect(wanted.filter { !known.contains($0) }.isEmpty)
    }
}

struct CommandLineTests {
    @Test func errorsSpeakTheOperatorsLanguage() throws {
        let runner = CertDeskRunner()
        let folder = try CertDeskRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try runner.initialise(folder + "/c.sqlite").status == 0)
        let english = try runner.run(["bank", "import", folder + "/missing", "--db", folder + "/c.sqlite"])
        #expect(english.status == 1)
        #expect(english.error.contains(folder + "/missing"))
        #expect(english.error.contains("does not exist"))
        let chinese = try runner.run(
            ["bank", "import", folder + "/missing", "--db", folder + "/c.sqlite"],
            extraEnvironment: ["LANG": "zh_TW.UTF-8"])
        #expect(chinese.status == 1)
        #expect(chinese.error.contains(folder + "/missing"))
        #expect(chinese.error.unicodeScalars.contains { $0.properties.isIdeographic }, "\(chinese.error)")
        let simplified = try runner.run(["--lang", "zh-Hans", "tracks", "--db", folder + "/nothing.sqlite"])
        #expect(simplified.status == 1)
        #expect(simplified.error.contains("certdesk init"))
        #expect(simplified.error != chinese.error)
    }

    @Test func aFileThatIsNotOursIsRefusedAndKept() throws {
        let folder = try CertDeskRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/notes.sqlite"
        try "meeting notes".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CertDeskRunner().run(["tracks", "--db", path])
        #expect(result.status == 1)
        #expect(result.error.contains("not a CertDesk database"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "meeting notes")
    }

    @Test func databasePathComesFromTheEnvironmentWhenNoFlag() throws {
        let folder = try CertDeskRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var runner = CertDeskRunner()
        runner.workingDirectory = folder
        #expect(try runner.run(["init"], extraEnvironment: ["CERTDESK_DB": folder + "/env.sqlite"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/env.sqlite"))
        #expect(try runner.run(["init", "--admin", "admin", "--password-stdin"], input: CertDeskRunner.adminPassword).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/certdesk.sqlite"))
    }

    @Test func dryRunWritesNothing() throws {
        let folder = try CertDeskRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let runner = CertDeskRunner()
        let db = ["--db", folder + "/c.sqlite"]
        _ = try runner.initialise(folder + "/c.sqlite")
        let dry = try runner.run(["curriculum", "load", "--dry-run", CertDeskRunner.root + "/curricula"] + db)
        #expect(dry.status == 0)
        #expect(dry.output.contains("Dry run"))
        let tracks = try runner.run(["tracks"] + db)
        #expect(tracks.output.contains("No tracks"))
    }

    @Test func helpIsLocalized() throws {
        let result = try CertDeskRunner().run(["--lang", "zh-Hans", "bank", "import", "--help"])
        #expect(result.status == 0)
        #expect(result.output.unicodeScalars.contains { $0.properties.isIdeographic }, "\(result.output)")
    }
}
