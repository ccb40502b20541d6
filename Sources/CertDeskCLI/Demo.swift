import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskLocalization
import CertDeskStore
import Foundation

/// `certdesk demo`: builds a demonstration database from the shipped content and shows it.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: help("help.demo"))

    @Option(name: .long, help: argumentHelp("help.option.lang")) var lang: String?
    @Option(name: .long, help: argumentHelp("help.option.demo-dir")) var dir: String?
    @Flag(name: .long, help: argumentHelp("help.option.no-sit")) var noSit = false
    @Flag(name: .long, help: argumentHelp("help.option.plain")) var plain = false

    func run() throws {
        var arguments = lang.map { ["--lang", $0] } ?? []
        let folder = dir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("certdesk-demo")
        let path = (folder as NSString).appendingPathComponent("demo.sqlite")
        arguments += ["--db", path]
        let context = try CommandContext(GlobalOptions.parseOrExit(arguments), command: Self.self)
        var demo: DemoSitting?
        try context.run {
            // The demo's own administrator makes the changes from here on.
            var context = context
            guard let home = context.home else { throw ProblemsError.error("demo.no-content") }
            Console.out(context.text("demo.heading"))
            Console.out(context.text("demo.database", ["path": path]))
            Console.out()
            let password = SessionFile.newToken().prefix(16).lowercased()
            let outcome = try DemoBuilder(home: home, operatorName: Self.administrator, now: { Date() }).build(at: path, password: password)
            let session = try openSession(
                StaffDesk(store: outcome.store), name: Self.administrator, password: password, hours: StaffDesk.defaultHours,
                context: context)
            context.adopt(session, store: outcome.store)
            Console.out(
                context.text(
                    "demo.administrator", ["name": Self.administrator, "password": password, "until": Figures.clock(session.expires)]))
            Console.out()
            Console.out(context.text("demo.step.curricula", ["folder": home + "/curricula"]))
            // The bank is imported next, so "bank empty" warnings would only be noise here.
            var curricula = outcome.curricula
            curricula.warnings.removeAll { $0.key == "content.blueprint.bank-empty" }
            LoadOutput.print(curricula, noun: "load.noun.curricula", verbose: false, context: context)
            Console.out()
            Console.out(context.text("demo.step.bank", ["folder": home + "/question-banks"]))
            Console.out(
                context.text(
                    "load.summary",
                    [
                        "noun": context.text("load.noun.questions"), "added": String(outcome.bank.count(.added)),
                        "changed": String(outcome.bank.count(.changed)), "unchanged": String(outcome.bank.count(.unchanged)),
                        "warnings": String(outcome.bank.warnings.count),
                    ]))
            context.report(outcome.bank.warnings)
            Console.out()
            Console.out(context.text("demo.step.tracks"))
            try Tracks.render(store: outcome.store, json: false, context: context)
            Console.out()
            let statistics = try BankStatistics.compute(store: outcome.store)
            for row in statistics.tracks {
                Console.out(
                    context.text(
                        "demo.track.forms",
                        [
                            "track": row.track, "items": String(row.items), "forms": String(row.disjointForms),
                            "languages": Language.allCases.map { "\($0.rawValue) \(row.complete[$0.rawValue] ?? 0)" }.joined(
                                separator: ", "),
                        ]))
            }
            Console.out()
            if let sample = try outcome.store.questionSummaries(track: "CCCS").first(where: {
                $0.type == .numeric && $0.module == "CCCS-02"
            }),
                let stored = try outcome.store.questionVersions(id: sample.id).last
            {
                Console.out(context.text("demo.step.sample"))
                BankCommand.Show.print(stored, context: context)
            }
            Console.out(context.text("demo.explore", ["path": path]))
            Console.out()
            try Self.setUpIssuer(context: context, path: path)
            Console.out()
            let persona = NewCandidate(
                name: PersonName(family: context.text("demo.candidate.family"), given: context.text("demo.candidate.given")),
                otherName: PersonName(
                    family: context.text("demo.candidate.other-family"), given: context.text("demo.candidate.other-given")),
                idDocument: "DEMO-0001", email: nil, language: context.localizer.language)
            let prepared = try DemoSitting.prepare(store: outcome.store, name: persona, operatorName: context.operatorName, now: { Date() })
            demo = prepared
            Console.out(context.text("demo.step.sitting"))
            Console.out(
                context.text(
                    "demo.sitting",
                    [
                        "number": prepared.candidate.number, "name": prepared.candidate.fullDisplayName, "session": prepared.sitting.id,
                        "minutes": String(prepared.sitting.durationMinutes), "code": prepared.code,
                    ]))
            Console.out(context.text("demo.resume", ["path": path, "number": prepared.candidate.number, "code": prepared.code]))
        }
        guard let demo, !noSit else { return }
        Console.out()
        let status = try Sit.open(
            context: context, plain: plain, session: demo.sitting.id, candidate: demo.candidate.number, takeOver: false,
            explicitLanguage: nil, code: demo.code)
        // Leaving the demonstration room (or closing its input) is a normal end of the demo.
        if status == 1 || status == 5 { throw ExitCode(status) }
        if status == 0, let attempt = try? context.openStore().attemptID(candidate: demo.candidate.number, sitting: demo.sitting.id) {
            Console.out()
            Console.out(context.text("demo.graded", ["path": path, "attempt": String(attempt), "session": demo.sitting.id]))
            Console.out(context.text("demo.credential-steps", ["path": path, "session": demo.sitting.id]))
        }
    }

    /// The demonstration database's administrator, logged in by the demo for the current OS user.
    static let administrator = "demo"

    /// Names the demonstration issuer and gives it a fresh signing key beside the demonstration database.
    static func setUpIssuer(context: CommandContext, path: String) throws {
        var keys = KeyOptions()
        keys.keys = path + ".keys"
        // The demonstration database was just rebuilt; a key folder left from an earlier run signs nothing in it.
        try? FileManager.default.removeItem(atPath: path + ".keys")
        let desk = try context.credentialDesk(keys: keys)
        var names: [Language: String] = [:]
        for language in Language.allCases {
            let localizer = try context.localizer(for: language)
            names[language] = localizer.text("demo.issuer.name")
        }
        let issuer = try desk.setIssuer(id: "https://cert.example.org", names: names, verifyURL: "https://cert.example.org/verify")
        let key = try desk.initKey()
        Console.out(context.text("demo.step.issuer"))
        Console.out(
            context.text(
                "demo.issuer", ["name": issuer.name.best(for: context.localizer.language), "id": key.key.id, "keys": path + ".keys"]))
    }
}
