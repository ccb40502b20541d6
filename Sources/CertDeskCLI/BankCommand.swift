import ArgumentParser
import CertDeskKit
import Foundation

/// `certdesk bank`: question-bank commands.
struct BankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank", abstract: help("help.bank"), subcommands: [Import.self, Stats.self, Show.self])

    /// `certdesk bank import PATH...`
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: help("help.bank.import"))

        @OptionGroup var global: GlobalOptions
        @Flag(name: .long, help: argumentHelp("help.option.dry-run")) var dryRun = false
        @Flag(name: .long, help: argumentHelp("help.option.verbose")) var verbose = false
        @Argument(help: argumentHelp("help.argument.paths")) var paths: [String]

        func run() throws {
            let context = try CommandContext(global)
            try context.run {
                let store = try context.openStore()
                let importer = BankImporter(store: store, operatorName: context.operatorName, now: { Date() })
                let report = try importer.importBanks(paths: paths, dryRun: dryRun)
                LoadOutput.print(report, noun: "load.noun.questions", verbose: verbose, context: context)
            }
        }
    }
}
