import ArgumentParser
import CertDeskStore

/// `certdesk init`: creates an empty CertDesk database.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: help("help.init"))

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try CommandContext(global)
        try context.run {
            let store = try Store.create(at: context.databasePath)
            Console.out(
                context.text(
                    "init.created",
                    [
                        "path": context.databasePath, "schema": try store.appliedMigrations().last ?? "-",
                    ]))
            Console.out(context.text("init.next"))
        }
    }
}
