import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskLocalization
import CertDeskStore
import Foundation

/// What a command needs from the outside world, built once from the global options.
struct CommandContext {
    let localizer: Localizer
    let environment: [String: String]
    let databasePath: String
    let home: String?
    /// The command as typed (`keys rotate`), for messages and the permission table.
    let commandPath: String
    let access: Access
    /// The staff session the command runs under, when it needs one.
    private(set) var session: StaffSession?
    private var authorizedStore: Store?

    /// Sets up language and database location, then checks that whoever runs `command` may.
    ///
    /// - Parameter variant: the form of the command when its options change who may run it
    ///   (`--candidate` for `result --candidate`), as in ``Permissions/table``.
    init(_ options: GlobalOptions, command: any ParsableCommand.Type, variant: String? = nil) throws {
        environment = ProcessInfo.processInfo.environment
        let (language, rejected) = LanguageResolver.resolve(flag: options.lang, environment: environment)
        home = Installation.home(environment: environment)
        guard let home else {
            Console.error("CertDesk cannot find its message catalogs (locales/en.po). Set CERTDESK_HOME to the folder that holds locales/.")
            throw ExitCode(3)
        }
        do {
            localizer = try Localizer.load(language: language, localesDirectory: home + "/locales")
        } catch let error as ProblemsError {
            for problem in error.problems { Console.error("\(problem.location?.description ?? home): \(problem.key) \(problem.arguments)") }
            throw ExitCode(3)
        }
        databasePath = DatabaseLocation.resolve(flag: options.db, environment: environment)
        if let rejected {
            Console.error(localizer.describe(.warning("cli.language.unsupported", ["value": rejected])))
        }
        let path = Permissions.path(of: command) ?? command._commandName
        commandPath = path
        let key = variant.map { path + " " + $0 } ?? path
        access = Permissions.access(key)
        if let role = access.role {
            do {
                (session, authorizedStore) = try authorize(role)
            } catch let error as ProblemsError {
                report(error.problems)
                throw ExitCode(1)
            }
        }
    }

    /// Opens the database and checks the session file of the current user against it.
    private func authorize(_ role: StaffRole) throws -> (StaffSession, Store) {
        let store = try Store.open(at: databasePath)
        let path = try SessionFile.location(database: databasePath, environment: environment)
        let needed = ["command": commandPath, "role": text("role.\(role.rawValue)"), "db": databasePath]
        let file: SessionFile
        do {
            file = try SessionFile.read(path)
        } catch let error as ProblemsError where error.problems.first?.key == "session.file-missing" {
            throw ProblemsError.error("access.login-required", needed)
        }
        guard file.database == SessionFile.absolute(databasePath) else {
            throw ProblemsError.error("session.other-database", ["path": path, "other": file.database, "db": databasePath])
        }
        let session = try StaffDesk(store: store).authenticate(token: file.token, osUser: OSUser.current())
        guard session.staff.role.includes(role) else {
            throw ProblemsError.error(
                "access.needs-role",
                needed.merging(["name": session.staff.name, "own": text("role.\(session.staff.role.rawValue)")]) { $1 })
        }
        return (session, store)
    }

    /// Runs the rest of the command under a session just opened (the demo's administrator).
    mutating func adopt(_ session: StaffSession, store: Store) {
        self.session = session
        authorizedStore = store
    }

    /// Who a change is recorded as made by: the logged-in member of staff, else the OS user.
    var operatorName: String { session?.staff.name ?? OSUser.current() }

    func openStore() throws -> Store { try authorizedStore ?? Store.open(at: databasePath) }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String { localizer.text(key, arguments) }

    /// Runs a command body, turning refused operations into localized messages and exit status 1.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ProblemsError {
            report(error.problems)
            let errors = error.problems.filter { $0.severity == .error }.count
            if errors > 1 { Console.error(text("cli.errors.count", ["count": String(errors)])) }
            throw ExitCode(1)
        }
    }

    /// Prints problems to standard error, errors last so they stay on screen.
    func report(_ problems: [Problem]) {
        for problem in problems.filter({ $0.severity == .warning }) { Console.error(localizer.describe(problem)) }
        for problem in problems.filter({ $0.severity == .error }) { Console.error(localizer.describe(problem)) }
    }
}
