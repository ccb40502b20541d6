import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskStore
import Foundation

/// `certdesk init [--admin NAME [--password-stdin]]`: creates an empty CertDesk database and
/// its first administrator, who is logged in straight away.
///
/// On a database that has no administrator yet (one from before staff accounts existed),
/// `init --admin NAME` adds the first one and changes nothing else.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: help("help.init"), discussion: help("help.init.discussion"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var password: PasswordOptions
    @Option(name: .long, help: argumentHelp("help.option.admin")) var admin: String?

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let exists = FileManager.default.fileExists(atPath: context.databasePath)
            var secret: String?
            if let admin {
                let name = try StaffDesk.checkName(admin)
                if exists, try Store.open(at: context.databasePath).activeAdministrators() > 0 {
                    throw ProblemsError.error("staff.first-exists", ["name": name])
                }
                let typed = try password.read(context: context, new: true)
                let problems = PasswordRule.problems(typed, name: name)
                if !problems.isEmpty { throw ProblemsError(problems) }
                secret = typed
            }
            let store = exists ? try Store.open(at: context.databasePath) : try Store.create(at: context.databasePath)
            if !exists {
                Console.out(
                    context.text("init.created", ["path": context.databasePath, "schema": try store.appliedMigrations().last ?? "-"]))
            }
            guard let admin, let secret else {
                if exists { throw ProblemsError.error("store.exists", ["path": context.databasePath]) }
                return Console.out(context.text("init.no-admin"))
            }
            let desk = StaffDesk(store: store)
            let member = try desk.add(name: admin, role: .administrator, password: secret, by: nil)
            let session = try openSession(desk, name: member.name, password: secret, hours: StaffDesk.defaultHours, context: context)
            Console.out(context.text("init.admin", ["name": member.name, "until": Figures.clock(session.expires)]))
            Console.out(context.text("init.next"))
        }
    }
}
