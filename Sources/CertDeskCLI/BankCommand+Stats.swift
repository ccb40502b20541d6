import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskText

extension BankCommand {
    /// `certdesk bank stats [--track T] [--json]`
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: help("help.bank.stats"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: argumentHelp("help.option.track")) var track: String?

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let statistics = try BankStatistics.compute(store: try context.openStore(), track: track?.uppercased())
                if output.json { return try Console.json(statistics) }
                if statistics.tracks.isEmpty { return Console.out(context.text("tracks.none")) }
                let language = context.localizer.language
                for row in context.localizer.collator.sorted(statistics.tracks, by: \.track) {
                    Console.out(
                        context.text(
                            "stats.track.heading",
                            [
                                "track": row.track, "title": row.title.best(for: language), "items": String(row.items),
                            ]))
                    var table = Table(
                        [
                            context.text("stats.column.module"), context.text("stats.column.title"), context.text("stats.column.items"),
                            "D1", "D2", "D3", "D4", "D5", context.text("stats.column.per-paper"),
                        ], rightAligned: [2, 3, 4, 5, 6, 7, 8])
                    for module in row.modules {
                        let title =
                            module.title.map { TextWidth.truncate($0.best(for: language), to: 34) }
                            ?? context.text("stats.module.not-in-curriculum")
                        table.add(
                            [module.module, title, String(module.items)] + module.byDifficulty.map(String.init)
                                + [String(module.blueprintQuestions)])
                    }
                    Console.out(table.render(indent: "  "))
                    let types = QuestionType.allCases.map { type in
                        "\(context.text("type.\(type.rawValue)")) \(row.byType[type.rawValue] ?? 0)"
                    }
                    Console.out("  " + context.text("stats.types", ["types": types.joined(separator: " · ")]))
                    let languages = Language.allCases.map { language in
                        context.text(
                            "stats.language",
                            [
                                "language": context.text("language.\(language.rawValue)"),
                                "complete": String(row.complete[language.rawValue] ?? 0), "items": String(row.items),
                                "derived": String(row.derived[language.rawValue] ?? 0),
                            ])
                    }
                    Console.out("  " + context.text("stats.languages", ["languages": languages.joined(separator: " · ")]))
                    if row.orphaned > 0 { Console.out("  " + context.text("stats.orphaned", ["count": String(row.orphaned)])) }
                    if row.shortfalls.isEmpty {
                        Console.out("  " + context.text("stats.forms", ["forms": String(row.disjointForms)]))
                    } else {
                        Console.out("  " + context.text("stats.shortfall", ["count": String(row.shortfalls.count)]))
                        for shortfall in row.shortfalls {
                            let problem = BankSupply.problem(shortfall, track: row.track, severity: .warning, at: nil)
                            Console.out("    " + context.localizer.describe(problem))
                        }
                    }
                    Console.out()
                }
            }
        }
    }
}
