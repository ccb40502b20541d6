import ArgumentParser
import CertDeskCore
import CertDeskLocalization

/// `certdesk locales`: message catalog commands.
struct LocalesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "locales", abstract: help("help.locales"), subcommands: [Check.self])

    /// `certdesk locales check`: the three catalogs have the same keys and placeholders.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: help("help.locales.check"))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            let problems = CatalogCheck.run(context.localizer)
            if problems.isEmpty {
                let count = context.localizer.catalog(.english)?.entries.count ?? 0
                Console.out(context.text("locales.check.ok", ["count": String(count), "folder": (context.home ?? ".") + "/locales"]))
                return
            }
            try context.run { throw ProblemsError(problems) }
        }
    }
}
