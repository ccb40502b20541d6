import ArgumentParser
import CertDeskCore
import CertDeskKit
import Foundation

/// `certdesk training record CANDIDATE MODULE --hours H`
struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "training", abstract: help("help.training"), subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: help("help.training.record"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.candidate")) var candidate: String
        @Argument(help: argumentHelp("help.argument.module")) var module: String
        @Option(name: .long, help: argumentHelp("help.option.hours")) var hours: Double
        @Option(name: .long, help: argumentHelp("help.option.note")) var note: String?

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let registrar = Registrar(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
                let total = try registrar.recordTraining(candidate: candidate, module: module.uppercased(), hours: hours, note: note)
                Console.out(
                    context.text(
                        "training.recorded",
                        [
                            "hours": NumericText.compact(hours), "module": total.module,
                            "total": NumericText.compact(total.hours),
                        ]))
            }
        }
    }
}
