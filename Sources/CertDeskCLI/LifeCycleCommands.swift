import ArgumentParser
import CertDeskCore
import CertDeskCredentials
import CertDeskKit
import CertDeskStore
import Foundation

/// `certdesk cpd record|list`: continuing professional development toward renewal.
struct CPDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cpd", abstract: help("help.cpd"), subcommands: [Record.self, List.self])

    /// `certdesk cpd record CANDIDATE --track T --hours H --activity TEXT [--date YYYY-MM-DD]`
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: help("help.cpd.record"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.candidate")) var candidate: String
        @Option(name: .long, help: argumentHelp("help.option.track")) var track: String
        @Option(name: .long, help: argumentHelp("help.option.cpd-hours")) var hours: Double
        @Option(name: .long, help: argumentHelp("help.option.activity")) var activity: String
        @Option(name: .long, help: argumentHelp("help.option.cpd-date")) var date: String?

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let recorded = try context.credentialDesk().recordCPD(
                    candidate: candidate, track: track, hours: hours, activity: activity, completedOn: date)
                Console.out(
                    context.text(
                        "cpd.recorded",
                        [
                            "hours": Figures.points(recorded.record.hours), "track": recorded.record.track,
                            "number": recorded.record.candidateNumber, "date": recorded.record.completedOn,
                        ]))
                if let credential = recorded.credential {
                    Console.out(
                        context.text(
                            "cpd.progress",
                            [
                                "counted": Figures.points(recorded.counted), "required": Figures.points(recorded.required),
                                "credential": credential,
                            ]))
                }
            }
        }
    }

    /// `certdesk cpd list CANDIDATE`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: help("help.cpd.list"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: argumentHelp("help.argument.candidate")) var candidate: String

        struct Row: Encodable {
            var track: String
            var hours: Double
            var activity: String
            var completedOn: String
        }

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let records = try context.credentialDesk().cpdRecords(candidate: candidate)
                if output.json {
                    return try Console.json(
                        records.map { Row(track: $0.track, hours: $0.hours, activity: $0.activity, completedOn: $0.completedOn) })
                }
                guard !records.isEmpty else { return Console.out(context.text("cpd.none")) }
                var table = Table(["date", "track", "hours", "activity"].map { context.text("column." + $0) }, rightAligned: [2])
                for record in records { table.add([record.completedOn, record.track, Figures.points(record.hours), record.activity]) }
                Console.out(table.render())
            }
        }
    }
}

/// `certdesk renew NUMBER`: a new signed credential for another validity period, once the CPD is recorded.
struct RenewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "renew", abstract: help("help.renew"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var keys: KeyOptions
    @Argument(help: argumentHelp("help.argument.credential")) var number: String

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let (old, new) = try context.credentialDesk(keys: keys).renew(number)
            Console.out(
                context.text(
                    "renew.done", ["old": old.number, "new": new.number, "until": context.day(new.status.validUntil)]))
            Console.out(context.text("renew.next", ["number": new.number]))
        }
    }
}

/// `certdesk reissue NUMBER --reason TEXT`: a replacement with the same validity; the old one is superseded.
struct ReissueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reissue", abstract: help("help.reissue"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var keys: KeyOptions
    @Argument(help: argumentHelp("help.argument.credential")) var number: String
    @Option(name: .long, help: argumentHelp("help.option.reason")) var reason: String

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let (old, new) = try context.credentialDesk(keys: keys).reissue(number, reason: reason)
            Console.out(context.text("reissue.done", ["old": old.number, "new": new.number]))
            Console.out(context.text("renew.next", ["number": new.number]))
        }
    }
}

/// `certdesk revoke NUMBER --reason TEXT`
struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: help("help.revoke"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: argumentHelp("help.argument.credential")) var number: String
    @Option(name: .long, help: argumentHelp("help.option.reason")) var reason: String

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let record = try context.credentialDesk().revoke(number, reason: reason)
            Console.out(context.text("revoke.done", ["number": record.number, "reason": reason]))
            Console.out(context.text("revoke.publish"))
        }
    }
}

/// `certdesk registry export|status-list`: what the certification body publishes.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry", abstract: help("help.registry"), subcommands: [Export.self, StatusList.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: help("help.registry.export"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var file: OutputFileOption

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let registry = try context.credentialDesk().registry()
                try context.write(registry.prettyPrinted(), to: file.output)
                if let path = file.output {
                    let count = registry["credentials"]?.arrayValue?.count ?? 0
                    Console.error(context.text("registry.exported", ["count": String(count), "path": path]))
                }
            }
        }
    }

    struct StatusList: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status-list", abstract: help("help.registry.status-list"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var keys: KeyOptions
        @OptionGroup var file: OutputFileOption

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let desk = try context.credentialDesk(keys: keys)
                let list = try desk.statusListCredential()
                try context.write(list.prettyPrinted(), to: file.output)
                if let path = file.output {
                    let revoked = try desk.allCredentials().filter { $0.status.revocation != nil }.count
                    Console.error(
                        context.text(
                            "registry.status-list-exported",
                            ["path": path, "revoked": String(revoked), "url": list["id"]?.stringValue ?? "—"]))
                }
            }
        }
    }
}
