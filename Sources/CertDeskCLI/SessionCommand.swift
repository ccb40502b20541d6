import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskStore
import Foundation

/// `certdesk session`: exam sittings.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: help("help.session"), subcommands: [Create.self, List.self, ExtraTime.self])

    /// `certdesk session create --track T --starts "YYYY-MM-DD HH:MM" --centre NAME --capacity N`
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: help("help.session.create"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: argumentHelp("help.option.track")) var track: String
        @Option(name: .long, help: argumentHelp("help.option.starts")) var starts: String
        @Option(name: .long, help: argumentHelp("help.option.centre")) var centre: String
        @Option(name: .long, help: argumentHelp("help.option.capacity")) var capacity: Int
        @Option(name: .long, help: argumentHelp("help.option.duration")) var duration: Int?
        @Option(name: .long, help: argumentHelp("help.option.late-entry")) var lateEntry: Int = 30

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let zone = TimeZone.current
                let start = try Registrar.parseStart(starts, timeZone: zone)
                guard (0...240).contains(lateEntry) else {
                    throw ProblemsError.error("session.late-entry-invalid", ["value": String(lateEntry)])
                }
                let registrar = Registrar(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
                let sitting = try registrar.createSitting(
                    NewSitting(
                        track: track.uppercased(), startsAt: start, timeZone: zone.identifier, durationMinutes: duration,
                        lateEntryMinutes: lateEntry, centre: centre, capacity: capacity))
                if output.json { return try Console.json(["session": sitting.id]) }
                Console.out(
                    context.text(
                        "session.created",
                        [
                            "session": sitting.id, "track": sitting.track, "starts": sitting.localTime(sitting.startsAt),
                            "centre": sitting.centre, "capacity": String(sitting.capacity), "minutes": String(sitting.durationMinutes),
                        ]))
            }
        }
    }

    /// `certdesk session list [--track T]`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: help("help.session.list"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: argumentHelp("help.option.track")) var track: String?

        struct Row: Encodable {
            var session: String
            var track: String
            var starts: String
            var minutes: Int
            var centre: String
            var capacity: Int
            var registered: Int
            var started: Int
            var submitted: Int
        }

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let rows = try context.openStore().sittings(track: track?.uppercased()).map { summary in
                    let sitting = summary.sitting
                    return Row(
                        session: sitting.id, track: sitting.track, starts: sitting.localTime(sitting.startsAt),
                        minutes: sitting.durationMinutes,
                        centre: sitting.centre, capacity: sitting.capacity, registered: summary.registered, started: summary.started,
                        submitted: summary.submitted)
                }
                if output.json { return try Console.json(rows) }
                if rows.isEmpty { return Console.out(context.text("session.none")) }
                var table = Table(
                    ["session", "track", "starts", "minutes", "centre", "registered", "started", "submitted"].map {
                        context.text("column." + $0)
                    }, rightAligned: [3, 5, 6, 7])
                for row in rows {
                    table.add([
                        row.session, row.track, row.starts, String(row.minutes), row.centre, "\(row.registered)/\(row.capacity)",
                        String(row.started), String(row.submitted),
                    ])
                }
                Console.out(table.render())
            }
        }
    }

    /// `certdesk session extra-time SESSION [--candidate N] --minutes M --reason TEXT`
    struct ExtraTime: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "extra-time", abstract: help("help.session.extra-time"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.session")) var session: String
        @Option(name: .long, help: argumentHelp("help.option.extra-candidate")) var candidate: String?
        @Option(name: .long, help: argumentHelp("help.option.minutes")) var minutes: Int
        @Option(name: .long, help: argumentHelp("help.option.reason")) var reason: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let registrar = Registrar(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
                try registrar.grantExtraTime(sitting: session, candidate: candidate, minutes: minutes, reason: reason)
                let key = candidate == nil ? "session.extra-time.all" : "session.extra-time.one"
                Console.out(context.text(key, ["session": session, "minutes": String(minutes), "number": candidate ?? ""]))
            }
        }
    }
}
