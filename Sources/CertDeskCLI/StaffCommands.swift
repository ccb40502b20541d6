import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskStore
import CertDeskTerminal
import Foundation

/// How a password reaches CertDesk: typed without echo, or one line of standard input.
struct PasswordOptions: ParsableArguments {
    @Flag(name: .long, help: argumentHelp("help.option.password-stdin")) var passwordStdin = false

    /// Reads a password; a new one is asked twice when typed.
    ///
    /// - Throws: `staff.password.no-input`, `staff.password.mismatch`.
    func read(context: CommandContext, new: Bool) throws -> String {
        if passwordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ProblemsError.error("staff.password.no-input") }
            return line
        }
        guard isatty(0) == 1 else { throw ProblemsError.error("staff.password.no-input") }
        StandardOutput.write(context.text(new ? "staff.password.prompt-new" : "staff.password.prompt"))
        guard let first = EchoControl.withoutEcho({ readLine(strippingNewline: true) }), !first.isEmpty else {
            throw ProblemsError.error("staff.password.no-input")
        }
        guard new else { return first }
        StandardOutput.write(context.text("staff.password.prompt-again"))
        guard EchoControl.withoutEcho({ readLine(strippingNewline: true) }) == first else {
            throw ProblemsError.error("staff.password.mismatch")
        }
        return first
    }
}

/// Opens a staff session for the current OS user and writes its session file.
func openSession(_ desk: StaffDesk, name: String, password: String, hours: Int, context: CommandContext) throws -> StaffSession {
    let path = try SessionFile.location(database: context.databasePath, environment: context.environment)
    let (session, token) = try desk.login(name: name, password: password, osUser: OSUser.current(), hours: hours)
    try SessionFile(database: SessionFile.absolute(context.databasePath), staff: session.staff.name, token: token).write(to: path)
    return session
}

/// `certdesk staff`: the accounts of trainers and administrators.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: help("help.staff"), subcommands: [Add.self, List.self, Disable.self, Enable.self, Password.self])

    enum RoleChoice: String, ExpressibleByArgument, CaseIterable {
        case trainer, administrator
    }

    /// `certdesk staff add NAME --role trainer|administrator [--password-stdin]`
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: help("help.staff.add"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var password: PasswordOptions
        @Argument(help: argumentHelp("help.argument.staff-name")) var name: String
        @Option(name: .long, help: argumentHelp("help.option.role")) var role: RoleChoice

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let checked = try StaffDesk.checkName(name)
                let desk = StaffDesk(store: try context.openStore())
                let member = try desk.add(
                    name: checked, role: StaffRole(rawValue: role.rawValue)!, password: try password.read(context: context, new: true),
                    by: context.operatorName)
                Console.out(context.text("staff.added", ["name": member.name, "role": context.text("role." + member.role.rawValue)]))
            }
        }
    }

    /// `certdesk staff list [--json]`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: help("help.staff.list"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let members = try context.openStore().staff()
                if output.json { return try Console.json(members) }
                var table = Table(
                    ["column.name", "column.role", "column.state", "column.last-login", "column.created"].map { context.text($0) })
                let now = Date()
                for member in members {
                    let state: String
                    if member.disabledAt != nil {
                        state = context.text("staff.state.disabled")
                    } else if let until = member.lockedUntil, until > now {
                        state = context.text("staff.state.locked", ["until": Figures.clock(until)])
                    } else {
                        state = context.text("staff.state.active")
                    }
                    table.add([
                        member.name, context.text("role." + member.role.rawValue), state, member.lastLogin.map(Figures.clock) ?? "—",
                        Figures.clock(member.createdAt),
                    ])
                }
                Console.out(table.render())
            }
        }
    }

    /// `certdesk staff disable NAME --reason TEXT`
    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: help("help.staff.disable"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.staff-name")) var name: String
        @Option(name: .long, help: argumentHelp("help.option.reason")) var reason: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ProblemsError.error("staff.reason-missing") }
                try context.openStore().disableStaff(name: name.lowercased(), reason: reason, by: context.operatorName, at: Date())
                Console.out(context.text("staff.disabled-done", ["name": name.lowercased()]))
            }
        }
    }

    /// `certdesk staff enable NAME`: after a disable or a lockout.
    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: help("help.staff.enable"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.staff-name")) var name: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                try context.openStore().enableStaff(name: name.lowercased(), by: context.operatorName, at: Date())
                Console.out(context.text("staff.enabled", ["name": name.lowercased()]))
            }
        }
    }

    /// `certdesk staff password [NAME] [--password-stdin]`: one's own, or (administrators) anyone's.
    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password", abstract: help("help.staff.password"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var password: PasswordOptions
        @Argument(help: argumentHelp("help.argument.staff-name-own")) var name: String?

        func run() throws {
            // Setting another account's password is an administrator's; one's own is anyone's with a session.
            let context = try CommandContext(global, command: Self.self, variant: name == nil ? nil : "--other")
            try context.run {
                let own = context.operatorName
                let target = name?.lowercased() ?? own
                let desk = StaffDesk(store: try context.openStore())
                try desk.setPassword(name: target, password: try password.read(context: context, new: true), by: own)
                Console.out(context.text("staff.password.changed", ["name": target]))
            }
        }
    }
}

/// `certdesk login NAME [--password-stdin] [--hours H]`
struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: help("help.login"), discussion: help("help.login.discussion"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var password: PasswordOptions
    @Argument(help: argumentHelp("help.argument.staff-name")) var name: String
    @Option(name: .long, help: argumentHelp("help.option.session-hours")) var hours: Int = StaffDesk.defaultHours

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let desk = StaffDesk(store: try context.openStore())
            let session = try openSession(
                desk, name: name, password: try password.read(context: context, new: false), hours: hours, context: context)
            Console.out(
                context.text(
                    "login.opened",
                    [
                        "name": session.staff.name, "role": context.text("role." + session.staff.role.rawValue),
                        "until": Figures.clock(session.expires), "db": context.databasePath,
                    ]))
        }
    }
}

/// `certdesk logout`
struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: help("help.logout"))

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let path = try SessionFile.location(database: context.databasePath, environment: context.environment)
            // Only a missing file means "not logged in"; a file CertDesk cannot trust is reported.
            let file: SessionFile
            do {
                file = try SessionFile.read(path)
            } catch let error as ProblemsError where error.problems.first?.key == "session.file-missing" {
                return Console.out(context.text("logout.none", ["db": context.databasePath]))
            }
            let session = try StaffDesk(store: try context.openStore()).logout(token: file.token)
            SessionFile.remove(path)
            Console.out(context.text("logout.done", ["name": session?.staff.name ?? file.staff, "db": context.databasePath]))
        }
    }
}

/// `certdesk whoami`: the staff session this user has on the database, if any.
struct WhoamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: help("help.whoami"))

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let path = try SessionFile.location(database: context.databasePath, environment: context.environment)
            let file = try SessionFile.read(path)
            let session = try StaffDesk(store: try context.openStore()).authenticate(token: file.token, osUser: OSUser.current())
            Console.out(
                context.text(
                    "login.current",
                    [
                        "name": session.staff.name, "role": context.text("role." + session.staff.role.rawValue),
                        "until": Figures.clock(session.expires), "db": context.databasePath, "user": session.osUser,
                    ]))
        }
    }
}
