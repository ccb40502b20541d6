import ArgumentParser
import CertDeskCore
import CertDeskCredentials
import CertDeskKit
import CertDeskStore
import Foundation

/// `certdesk issuer set|show`: the certification body as credentials name it.
struct IssuerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuer", abstract: help("help.issuer"), subcommands: [Set.self, Show.self])

    /// `certdesk issuer set --id URL --name TEXT [--name-zh-hant TEXT] [--name-zh-hans TEXT] [--verify-url URL]`
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: help("help.issuer.set"))

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: argumentHelp("help.option.issuer-id")) var id: String
        @Option(name: .long, help: argumentHelp("help.option.issuer-name")) var name: String
        @Option(name: .customLong("name-zh-hant"), help: argumentHelp("help.option.issuer-name-hant")) var nameHant: String?
        @Option(name: .customLong("name-zh-hans"), help: argumentHelp("help.option.issuer-name-hans")) var nameHans: String?
        @Option(name: .long, help: argumentHelp("help.option.verify-url")) var verifyURL: String?

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                var names: [Language: String] = [.english: name]
                names[.traditionalChinese] = nameHant
                names[.simplifiedChinese] = nameHans
                let profile = try context.credentialDesk().setIssuer(id: id, names: names, verifyURL: verifyURL)
                Console.out(context.text("issuer.set", ["id": profile.id, "name": profile.name.best(for: context.localizer.language)]))
            }
        }
    }

    /// `certdesk issuer show`
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: help("help.issuer.show"))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let profile = try context.credentialDesk().issuer()
                Console.out(context.text("issuer.line.id", ["id": profile.id]))
                for language in profile.name.languages {
                    Console.out(context.text("issuer.line.name", ["language": language.tag, "name": profile.name.best(for: language)]))
                }
                Console.out(context.text("issuer.line.verify-url", ["url": profile.verifyURL ?? "—"]))
            }
        }
    }
}

/// `certdesk keys init|rotate|list|export`: the issuer's Ed25519 signing keys.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: help("help.keys"), subcommands: [Init.self, Rotate.self, List.self, Export.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: help("help.keys.init"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var keys: KeyOptions

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let created = try context.credentialDesk(keys: keys).initKey()
                Console.out(context.text("keys.created", ["id": created.key.id, "path": created.path]))
                Console.out(context.text("keys.backup-advice", ["path": created.path]))
            }
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rotate", abstract: help("help.keys.rotate"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var keys: KeyOptions

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let created = try context.credentialDesk(keys: keys).rotateKey()
                Console.out(context.text("keys.rotated", ["id": created.key.id, "path": created.path, "old": created.retired?.id ?? "—"]))
                Console.out(context.text("keys.export-advice"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: help("help.keys.list"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Row: Encodable {
            var id: String
            var publicKeyMultibase: String
            var created: Date
            var retired: Date?
        }

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let keys = try context.credentialDesk().keys()
                if output.json {
                    return try Console.json(
                        keys.map { Row(id: $0.id, publicKeyMultibase: $0.publicKey, created: $0.createdAt, retired: $0.retiredAt) })
                }
                guard !keys.isEmpty else { return Console.out(context.text("keys.none-yet")) }
                var table = Table(["key", "created", "state"].map { context.text("column." + $0) })
                for key in keys {
                    let state =
                        key.retiredAt.map { context.text("keys.state.retired", ["at": context.day($0)]) }
                        ?? context.text("keys.state.active")
                    table.add([key.id, context.day(key.createdAt), state])
                }
                Console.out(table.render())
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: help("help.keys.export"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var file: OutputFileOption

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let document = try context.credentialDesk().publicKeyDocument()
                try context.write(document.prettyPrinted(), to: file.output)
                if let path = file.output { Console.error(context.text("keys.exported", ["path": path])) }
            }
        }
    }
}

/// `certdesk eligible --session S`: who qualifies for the credential, and what the others lack.
struct EligibleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eligible", abstract: help("help.eligible"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: argumentHelp("help.option.session")) var session: String

    struct Row: Encodable {
        var number: String
        var name: String
        /// `eligible`, `issued` or `ineligible`.
        var decision: String
        var credential: String?
        var unmet: [String]
        var reasons: [String]
    }

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let found = try context.credentialDesk().eligibility(sitting: session)
            let rows = EligibilityRows.make(found.entries, context)
            if output.json { return try Console.json(rows) }
            Console.out(
                context.text(
                    "eligible.heading",
                    ["session": found.sitting.id, "track": found.curriculum.title.best(for: context.localizer.language)]))
            guard !rows.isEmpty else { return Console.out(context.text("results.none", ["session": found.sitting.id])) }
            EligibilityRows.print(rows, context)
            let eligible = rows.filter { $0.decision == "eligible" }.count
            let issued = rows.filter { $0.decision == "issued" }.count
            Console.out(
                context.text(
                    "eligible.summary", ["eligible": String(eligible), "issued": String(issued), "count": String(rows.count)]))
            if eligible > 0 { Console.out(context.text("eligible.next", ["session": found.sitting.id])) }
        }
    }
}

enum EligibilityRows {
    static func make(_ entries: [CredentialDesk.EligibilityEntry], _ context: CommandContext) -> [EligibleCommand.Row] {
        let language = context.localizer.language
        let rows = entries.map { entry in
            let name = entry.facts.candidate.displayName(for: language)
            switch entry.decision {
            case .eligible:
                return EligibleCommand.Row(
                    number: entry.facts.candidate.number, name: name, decision: "eligible", credential: nil, unmet: [], reasons: [])
            case .issued(let status):
                return EligibleCommand.Row(
                    number: entry.facts.candidate.number, name: name, decision: "issued", credential: status.number, unmet: [],
                    reasons: [])
            case .ineligible(let problems):
                return EligibleCommand.Row(
                    number: entry.facts.candidate.number, name: name, decision: "ineligible", credential: nil,
                    unmet: problems.map(\.key), reasons: problems.map(context.describe))
            }
        }
        let sortNames = Dictionary(
            entries.map { ($0.facts.candidate.number, $0.facts.candidate.sortName(for: language)) }, uniquingKeysWith: { first, _ in first }
        )
        return context.localizer.collator.sorted(rows) { (sortNames[$0.number] ?? $0.name) + "\u{1}" + $0.number }
    }

    static func print(_ rows: [EligibleCommand.Row], _ context: CommandContext) {
        for row in rows {
            let verdict: String
            switch row.decision {
            case "eligible": verdict = context.text("eligible.state.eligible")
            case "issued": verdict = context.text("eligible.state.issued", ["credential": row.credential ?? "—"])
            default: verdict = context.text("eligible.state.ineligible")
            }
            Console.out("\(row.number)  \(row.name)  \(verdict)")
            for reason in row.reasons { Console.out("    - " + reason) }
        }
    }
}

/// `certdesk issue --session S [--candidate N]`: issues the credential to everyone eligible.
struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "issue", abstract: help("help.issue"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var keys: KeyOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: argumentHelp("help.option.session")) var session: String
    @Option(name: .long, help: argumentHelp("help.option.candidate")) var candidate: String?

    struct Issued: Encodable {
        var number: String
        var candidate: String
        var validFrom: Date
        var validUntil: Date
        var verificationCode: String
    }

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let report = try context.credentialDesk(keys: keys).issue(sitting: session, candidate: candidate)
            if output.json {
                return try Console.json(
                    report.issued.map {
                        Issued(
                            number: $0.number, candidate: $0.candidateNumber, validFrom: $0.status.validFrom,
                            validUntil: $0.status.validUntil,
                            verificationCode: $0.verificationCode)
                    })
            }
            if report.issued.isEmpty {
                let already = report.entries.filter { if case .issued = $0.decision { true } else { false } }.count
                Console.out(context.text("issue.nothing", ["session": report.sitting.id, "already": String(already)]))
            } else {
                Console.out(context.text("issue.done", ["count": String(report.issued.count), "session": report.sitting.id]))
                for record in report.issued {
                    Console.out(
                        "  "
                            + context.text(
                                "issue.line",
                                [
                                    "number": record.number, "candidate": record.candidateNumber,
                                    "name": [record.holder.displayed, record.holderOther?.displayed].compactMap { $0 }.joined(
                                        separator: " "),
                                    "until": context.day(record.status.validUntil),
                                ]))
                }
            }
            let waiting = report.entries.filter { if case .ineligible = $0.decision { true } else { false } }
            if !waiting.isEmpty {
                Console.out(context.text("issue.not-eligible", ["count": String(waiting.count), "session": report.sitting.id]))
            }
        }
    }
}
