import ArgumentParser
import CertDeskCore
import CertDeskKit
import Foundation

/// `certdesk register CANDIDATE SESSION`: registers a candidate and prints the access code.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "register", abstract: help("help.register"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: argumentHelp("help.argument.candidate")) var candidate: String
    @Argument(help: argumentHelp("help.argument.session")) var session: String
    @Flag(name: .long, help: argumentHelp("help.option.new-code")) var newCode = false

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let registrar = Registrar(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
            if newCode {
                let code = try registrar.reissueCode(candidate: candidate, sitting: session)
                if output.json { return try Console.json(["code": code]) }
                Console.out(context.text("register.code-reissued", ["code": code, "session": session]))
                return
            }
            let (found, sitting, code) = try registrar.register(candidate: candidate, sitting: session)
            if output.json { return try Console.json(["number": found.number, "session": sitting.id, "code": code]) }
            Console.out(
                context.text(
                    "register.done",
                    [
                        "number": found.number, "name": found.fullDisplayName, "session": sitting.id,
                        "starts": sitting.localTime(sitting.startsAt), "centre": sitting.centre,
                    ]))
            Console.out(context.text("register.code", ["code": code]))
        }
    }
}
