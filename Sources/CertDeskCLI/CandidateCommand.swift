import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskStore
import Foundation

/// `certdesk candidate`: the people who sit exams.
struct CandidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidate", abstract: help("help.candidate"), subcommands: [Add.self, List.self, Show.self, Rename.self, Erase.self])

    /// `certdesk candidate add --family F --given G --id-document X [--other-family ... --other-given ...] [--email] [--language]`
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: help("help.candidate.add"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: argumentHelp("help.option.family")) var family: String
        @Option(name: .long, help: argumentHelp("help.option.given")) var given: String = ""
        @Option(name: .long, help: argumentHelp("help.option.other-family")) var otherFamily: String?
        @Option(name: .long, help: argumentHelp("help.option.other-given")) var otherGiven: String?
        @Option(name: .long, help: argumentHelp("help.option.id-document")) var idDocument: String
        @Option(name: .long, help: argumentHelp("help.option.email")) var email: String?
        @Option(name: .customLong("language"), help: argumentHelp("help.option.candidate-language")) var language: String = "en"

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                guard let preferred = Language(lenientTag: language) else {
                    throw ProblemsError.error("candidate.language-invalid", ["value": language])
                }
                let other = (otherFamily != nil || otherGiven != nil) ? PersonName(family: otherFamily ?? "", given: otherGiven ?? "") : nil
                let registrar = Registrar(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
                let candidate = try registrar.addCandidate(
                    NewCandidate(
                        name: PersonName(family: family, given: given), otherName: other, idDocument: idDocument, email: email,
                        language: preferred))
                if output.json {
                    try Console.json(["number": candidate.number, "name": candidate.fullDisplayName])
                } else {
                    Console.out(context.text("candidate.added", ["number": candidate.number, "name": candidate.fullDisplayName]))
                }
            }
        }
    }

    /// `certdesk candidate erase NUMBER --reason TEXT`: removes personal data on the candidate's request.
    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "erase", abstract: help("help.candidate.erase"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.candidate")) var number: String
        @Option(name: .long, help: argumentHelp("help.option.reason")) var reason: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ProblemsError.error("candidate.erase.no-reason") }
                let normalized = try Registrar.candidateNumber(number)
                try context.openStore().eraseCandidate(normalized, reason: reason, by: context.operatorName, at: Date())
                Console.out(context.text("candidate.erased", ["number": normalized]))
            }
        }
    }

    /// `certdesk candidate rename NUMBER --family F --given G [--other-family ... --other-given ... | --no-other-name] --reason TEXT`
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: help("help.candidate.rename"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.candidate")) var number: String
        @Option(name: .long, help: argumentHelp("help.option.family")) var family: String
        @Option(name: .long, help: argumentHelp("help.option.given")) var given: String = ""
        @Option(name: .long, help: argumentHelp("help.option.other-family")) var otherFamily: String?
        @Option(name: .long, help: argumentHelp("help.option.other-given")) var otherGiven: String?
        @Flag(name: .long, help: argumentHelp("help.option.no-other-name")) var noOtherName = false
        @Option(name: .long, help: argumentHelp("help.option.reason")) var reason: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let store = try context.openStore()
                let registrar = Registrar(store: store, operatorName: context.operatorName, now: { Date() })
                let current = try registrar.candidate(number)
                let other: PersonName?
                if noOtherName {
                    other = nil
                } else if otherFamily != nil || otherGiven != nil {
                    other = PersonName(
                        family: otherFamily ?? current.otherName?.family ?? "", given: otherGiven ?? current.otherName?.given ?? "")
                } else {
                    other = current.otherName
                }
                let (before, after) = try registrar.rename(
                    number, name: PersonName(family: family, given: given), otherName: other, reason: reason)
                Console.out(
                    context.text(
                        "candidate.renamed", ["number": after.number, "before": before.fullDisplayName, "after": after.fullDisplayName]))
                let held = try store.credentials(candidate: after.number).filter {
                    $0.status.revocation == nil && $0.status.supersession == nil && $0.status.validUntil > Date()
                }
                for credential in held { Console.out(context.text("candidate.renamed.reissue", ["credential": credential.number])) }
            }
        }
    }

    /// `certdesk candidate list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: help("help.candidate.list"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Row: Encodable {
            var number: String
            var name: String
            var otherName: String?
            var language: String
        }

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let candidates = try context.openStore().candidates()
                let rows = candidates.map {
                    Row(number: $0.number, name: $0.name.displayed, otherName: $0.otherName?.displayed, language: $0.language.rawValue)
                }
                if output.json { return try Console.json(rows) }
                if rows.isEmpty { return Console.out(context.text("candidate.none")) }
                var table = Table([context.text("column.number"), context.text("column.name"), context.text("column.language")])
                for row in rows {
                    table.add([row.number, [row.name, row.otherName].compactMap { $0 }.joined(separator: " "), row.language])
                }
                Console.out(table.render())
            }
        }
    }

    /// `certdesk candidate show NUMBER`
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: help("help.candidate.show"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.candidate")) var number: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let store = try context.openStore()
                let candidate = try Registrar(store: store, operatorName: context.operatorName, now: { Date() }).candidate(number)
                Console.out("\(candidate.number)  \(candidate.fullDisplayName)")
                Console.out(context.text("candidate.field.document", ["value": candidate.idDocument]))
                Console.out(context.text("candidate.field.email", ["value": candidate.email ?? "—"]))
                Console.out(context.text("candidate.field.language", ["value": context.text("language." + candidate.language.rawValue)]))
                Console.out()
                let training = try store.trainingTotals(candidate: candidate.number)
                Console.out(context.text("candidate.training.heading"))
                if training.isEmpty { Console.out("  " + context.text("candidate.training.none")) }
                for total in training {
                    Console.out(
                        "  " + context.text("candidate.training.line", ["module": total.module, "hours": NumericText.compact(total.hours)]))
                }
                Console.out()
                Console.out(context.text("candidate.registrations.heading"))
                let registrations = try store.registrations(candidate: candidate.number)
                if registrations.isEmpty { Console.out("  " + context.text("candidate.registrations.none")) }
                for registration in registrations {
                    let state =
                        registration.submitted
                        ? context.text("attempt.state.submitted")
                        : registration.attemptID != nil ? context.text("attempt.state.started") : context.text("attempt.state.registered")
                    let attempt = registration.attemptID.map { "  " + context.text("attempt.id", ["id": String($0)]) } ?? ""
                    Console.out(
                        "  \(registration.sitting.id)  \(registration.sitting.localTime(registration.sitting.startsAt))  \(registration.sitting.centre)  \(state)\(attempt)"
                    )
                }
            }
        }
    }
}
