import ArgumentParser
import CertDeskKit
import Foundation

/// `certdesk curriculum`: trainers' curriculum commands.
struct CurriculumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curriculum", abstract: help("help.curriculum"), subcommands: [Load.self])

    /// `certdesk curriculum load PATH...`
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: help("help.curriculum.load"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var load: LoadOptions

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let store = try context.openStore()
                let loader = CurriculumLoader(store: store, operatorName: context.operatorName, now: { Date() })
                let report = try loader.load(paths: load.paths, dryRun: load.dryRun)
                LoadOutput.print(report, noun: "load.noun.curricula", verbose: load.verbose, context: context)
            }
        }
    }
}
