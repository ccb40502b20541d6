import ArgumentParser
import CertDeskCore
import CertDeskCredentials
import CertDeskKit
import CertDeskLocalization
import CertDeskStore
import Foundation

/// Where the issuer's private key files are: `--keys`, else `CERTDESK_KEYS`, else beside the database.
struct KeyOptions: ParsableArguments {
    @Option(name: .long, help: argumentHelp("help.option.keys")) var keys: String?

    func directory(_ context: CommandContext) -> String { context.keyDirectory(keys) }
}

/// The `-o FILE` of commands that write a document.
struct OutputFileOption: ParsableArguments {
    @Option(name: .customShort("o"), help: argumentHelp("help.option.output-file")) var output: String?
}

extension CommandContext {
    /// The key folder: `flag`, else `CERTDESK_KEYS`, else the database path followed by `.keys`.
    func keyDirectory(_ flag: String?) -> String {
        flag ?? environment["CERTDESK_KEYS"] ?? databasePath + ".keys"
    }

    /// A credential desk on this context's store, signing with keys from `keys` (parsed options),
    /// else from the default key folder.
    func credentialDesk(keys: KeyOptions? = nil) throws -> CredentialDesk {
        // Loaded once: an issue run words every credential in its holder's language.
        var localizers: [Language: Localizer] = [:]
        for language in Language.allCases { localizers[language] = try? localizer(for: language) }
        let wordings = localizers
        return CredentialDesk(
            store: try openStore(), operatorName: operatorName, keyDirectory: keys?.directory(self) ?? keyDirectory(nil), now: { Date() },
            wording: { language, key, arguments in wordings[language]?.text(key, arguments) ?? key })
    }

    /// The message catalogs in `language`: the reader's own, or loaded for a document in another language.
    func localizer(for language: Language) throws -> Localizer {
        language == localizer.language ? localizer : try Localizer.load(language: language, localesDirectory: (home ?? ".") + "/locales")
    }

    /// Writes a document to `path`, or to standard output without one.
    func write(_ text: String, to path: String?) throws {
        guard let path else { return Console.raw(text) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ProblemsError.error("output.write-failed", ["path": path, "detail": error.localizedDescription])
        }
    }

    /// Reads a file a command was given.
    func read(_ path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw ProblemsError.error("input.missing", ["path": path]) }
        guard let data = FileManager.default.contents(atPath: path) else { throw ProblemsError.error("input.unreadable", ["path": path]) }
        return data
    }

    /// A credential's state in words.
    func state(_ record: CredentialRecord, on date: Date = Date()) -> String {
        switch record.status.state(on: date) {
        case .valid: text("credential.state.valid")
        case .notYetValid: text("credential.state.not-yet-valid")
        case .expired: text("credential.state.expired")
        case .revoked: text("credential.state.revoked")
        case .superseded: text("credential.state.superseded", ["successor": record.status.supersession?.successor ?? "—"])
        }
    }

    /// A date as the reader's locale writes it, in the local time zone.
    func day(_ date: Date) -> String { Figures.longDate(date, localizer.language) }

    /// A rule a candidate does not meet, in the reader's language.
    func describe(_ problem: Problem) -> String { localizer.describe(problem) }
}

/// Lines describing a credential, for `credential show`, `issue`, `renew` and `reissue`.
enum CredentialLines {
    static func summary(_ record: CredentialRecord, _ context: CommandContext) -> [String] {
        let language = context.localizer.language
        let holder = [record.holder.displayed, record.holderOther?.displayed].compactMap { $0 }
        let name = language.isChinese ? holder.reversed().joined(separator: " ") : holder.joined(separator: " ")
        var lines = [
            context.text("credential.line.number", ["number": record.number, "track": record.track]),
            context.text("credential.line.holder", ["name": name, "candidate": record.candidateNumber]),
            context.text(
                "credential.line.validity", ["from": context.day(record.status.validFrom), "until": context.day(record.status.validUntil)]),
            context.text("credential.line.state", ["state": context.state(record)]),
            context.text("credential.line.code", ["code": record.verificationCode]),
            context.text("credential.line.key", ["key": record.keyID]),
        ]
        if let replaced = record.replaces {
            lines.append(
                context.text(
                    "credential.line.replaces",
                    ["number": replaced, "kind": context.text("credential.kind." + record.status.kind.rawValue)]))
        }
        if let revocation = record.status.revocation {
            lines.append(
                context.text(
                    "credential.line.revoked", ["at": context.day(revocation.at), "by": revocation.by, "reason": revocation.reason]))
        }
        if let supersession = record.status.supersession {
            let reason = supersession.reason == CredentialDesk.renewalReason ? context.text("credential.kind.renewal") : supersession.reason
            lines.append(
                context.text(
                    "credential.line.superseded",
                    ["at": context.day(supersession.at), "successor": supersession.successor, "reason": reason]))
        }
        return lines
    }
}
