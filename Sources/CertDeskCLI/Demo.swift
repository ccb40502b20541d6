import ArgumentParser
import CertDeskCore
import CertDeskKit
import Foundation

/// `certdesk demo`: builds a demonstration database from the shipped content and shows it.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: help("help.demo"))

    @Option(name: .long, help: argumentHelp("help.option.lang")) var lang: String?
    @Option(name: .long, help: argumentHelp("help.option.demo-dir")) var dir: String?

    func run() throws {
        let context = try CommandContext(GlobalOptions.parseOrExit(lang.map { ["--lang", $0] } ?? []))
        try context.run {
            guard let home = context.home else { throw ProblemsError.error("demo.no-content") }
            let folder = dir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("certdesk-demo")
            let path = (folder as NSString).appendingPathComponent("demo.sqlite")
            Console.out(context.text("demo.heading"))
            Console.out(context.text("demo.database", ["path": path]))
            Console.out()
            let outcome = try DemoBuilder(home: home, operatorName: context.operatorName, now: { Date() }).build(at: path)
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
        }
    }
}
