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
        @OptionGroup var load: LoadOptions

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let store = try context.openStore()
                let importer = BankImporter(store: store, operatorName: context.operatorName, now: { Date() })
                let report = try importer.importBanks(paths: load.paths, dryRun: load.dryRun)
                LoadOutput.print(report, noun: "load.noun.questions", verbose: load.verbose, context: context)
            }
        }
    }
}
