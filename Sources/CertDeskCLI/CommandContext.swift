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

    init(_ options: GlobalOptions) throws {
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
    }

    var operatorName: String { OperatorName.current(environment: environment) }

    func openStore() throws -> Store { try Store.open(at: databasePath) }

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
