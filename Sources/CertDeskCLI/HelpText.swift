import ArgumentParser
import CertDeskCore
import CertDeskLocalization
import Foundation

/// Help text for the argument tree, from the catalogs, in the language the command line asks for.
///
/// Help is built before arguments are parsed, so the language is read here straight from
/// `--lang` in the raw arguments and from the environment.
enum HelpText {
    static let localizer: Localizer? = {
        let environment = ProcessInfo.processInfo.environment
        let arguments = CommandLine.arguments
        var flag: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { flag = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { flag = String(argument.dropFirst("--lang=".count)) }
        }
        let (language, _) = LanguageResolver.resolve(flag: flag, environment: environment)
        guard let home = Installation.home(environment: environment) else { return nil }
        return try? Localizer.load(language: language, localesDirectory: home + "/locales")
    }()
}

/// The help text of a key.
func help(_ key: String) -> String { HelpText.localizer?.text(key) ?? key }

/// The help text of a key, for an option or argument.
func argumentHelp(_ key: String) -> ArgumentHelp { ArgumentHelp(help(key)) }
