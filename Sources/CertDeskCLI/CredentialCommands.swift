import ArgumentParser
import CertDeskCertificate
import CertDeskCore
import CertDeskCredentials
import CertDeskKit
import CertDeskLocalization
import CertDeskStore
import Foundation

/// `certdesk credential show|list|export`: issued credentials.
struct CredentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential", abstract: help("help.credential"), subcommands: [Show.self, List.self, Export.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: help("help.credential.show"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.credential")) var number: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let record = try context.credentialDesk().credential(number)
                for line in CredentialLines.summary(record, context) { Console.out(line) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: help("help.credential.list"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: argumentHelp("help.option.candidate")) var candidate: String?

        struct Row: Encodable {
            var number: String
            var track: String
            var candidate: String
            var name: String
            var validFrom: Date
            var validUntil: Date
            var state: String
        }

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let desk = try context.credentialDesk()
                let records = try candidate.map { try desk.credentials(candidate: $0) } ?? desk.allCredentials()
                let now = Date()
                let rows = records.map { record in
                    Row(
                        number: record.number, track: record.track, candidate: record.candidateNumber,
                        name: [record.holder.displayed, record.holderOther?.displayed].compactMap { $0 }.joined(separator: " "),
                        validFrom: record.status.validFrom, validUntil: record.status.validUntil,
                        state: record.status.state(on: now).rawValue)
                }
                if output.json { return try Console.json(rows) }
                guard !records.isEmpty else { return Console.out(context.text("credential.none")) }
                var table = Table(["credential", "number", "name", "valid-until", "state"].map { context.text("column." + $0) })
                for (record, row) in zip(records, rows) {
                    table.add([row.number, row.candidate, row.name, context.day(row.validUntil), context.state(record, on: now)])
                }
                Console.out(table.render())
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: help("help.credential.export"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var file: OutputFileOption
        @Argument(help: argumentHelp("help.argument.credential")) var number: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let record = try context.credentialDesk().credential(number)
                try context.write(record.document, to: file.output)
                if let path = file.output { Console.error(context.text("credential.exported", ["number": record.number, "path": path])) }
            }
        }
    }
}

/// `certdesk certificate print NUMBER [--lang L | --bilingual] -o FILE.pdf`
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: help("help.certificate"), subcommands: [Print.self])

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "print", abstract: help("help.certificate.print"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.credential")) var number: String
        @Flag(name: .long, help: argumentHelp("help.option.bilingual")) var bilingual = false
        @Option(name: .customShort("o"), help: argumentHelp("help.option.pdf-file")) var output: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let desk = try context.credentialDesk()
                let record = try desk.credential(number)
                if let revocation = record.status.revocation {
                    throw ProblemsError.error(
                        "certificate.revoked", ["number": record.number, "at": context.day(revocation.at), "reason": revocation.reason])
                }
                if let supersession = record.status.supersession {
                    throw ProblemsError.error("certificate.superseded", ["number": record.number, "successor": supersession.successor])
                }
                let issuer = try desk.issuer()
                let curriculum = try desk.curriculum(of: record)
                // An explicit --lang chooses the certificate's language; otherwise the holder's.
                let primary = global.lang.flatMap { Language(lenientTag: $0) } ?? record.language
                let mode: CertificateDocument.LanguageMode
                if bilingual {
                    let secondary: Language =
                        primary.isChinese ? .english : (record.language.isChinese ? record.language : .traditionalChinese)
                    mode = .bilingual(primary: primary, secondary: secondary)
                } else {
                    mode = .single(primary)
                }
                let localizer = try context.localizer(for: primary)
                let names = [record.holder, record.holderOther].compactMap { $0 }
                let chinese = names.first { $0.isHan }?.displayed
                let latin = names.first { !$0.isHan }?.displayed
                func dates(_ date: Date) -> String {
                    mode.languages.map { Figures.longDate(date, $0) }.joined(separator: " / ")
                }
                var titles: [Language: String] = [:]
                for language in mode.languages { titles[language] = curriculum.title.best(for: language) }
                let issuerName = mode.languages.map { issuer.name.best(for: $0) }.reduce(into: [String]()) {
                    if !$0.contains($1) { $0.append($1) }
                }.joined(separator: "  ")
                let document = CertificateDocument(
                    holderName: .init(latin: latin, chinese: chinese), trackTitle: titles, credentialNumber: record.number,
                    issuedOn: dates(record.status.validFrom), expiresOn: dates(record.status.validUntil), issuer: issuerName,
                    verificationCode: record.verificationCode, verificationURL: issuer.verifyURL, languageMode: mode)
                do {
                    try CertificatePDF.render(document, wording: localizer, to: output)
                } catch {
                    throw ProblemsError.error("certificate.render-failed", ["path": output, "detail": "\(error)"])
                }
                Console.out(context.text("certificate.printed", ["number": record.number, "path": output]))
                if record.status.validUntil < Date() {
                    Console.error(context.text("certificate.expired-warning", ["until": context.day(record.status.validUntil)]))
                }
            }
        }
    }
}

/// `certdesk verify FILE|NUMBER`: checks a credential offline and says valid, expired, revoked or tampered.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: help("help.verify"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: argumentHelp("help.argument.verify")) var subject: String
    @Option(name: .long, help: argumentHelp("help.option.code")) var code: String?
    @Option(name: .long, help: argumentHelp("help.option.public-keys")) var publicKeys: String?
    @Option(name: .long, help: argumentHelp("help.option.status-list")) var statusList: String?

    struct Report: Encodable {
        var verdict: String
        var number: String?
        var holder: String?
        var achievement: String?
        var validFrom: Date?
        var validUntil: Date?
        var revokedAt: Date?
        var reason: String?
        var supersededBy: String?
        var key: String?
        var statusChecked: Bool
    }

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        var exitStatus: Int32 = 0
        try context.run {
            let verification: CredentialDesk.Verification
            let isFile = FileManager.default.fileExists(atPath: subject) || subject.hasSuffix(".json")
            if isFile {
                let data = try context.read(subject)
                if statusList != nil, publicKeys == nil { throw ProblemsError.error("verify.status-list.needs-keys") }
                if let code, let document = try? JSONValue.parse(data),
                    VerificationCode.normalize(code) != VerificationCode.make(for: document)
                {
                    verification = CredentialDesk.Verification(verdict: .tampered(.code), facts: nil, record: nil, statusSource: .unchecked)
                } else if let publicKeys {
                    verification = try CredentialDesk.verifyOffline(
                        data: data, keyDocument: try context.read(publicKeys), statusList: try statusList.map(context.read), now: Date())
                } else {
                    verification = try context.credentialDesk().verify(data: data)
                }
            } else {
                verification = try context.credentialDesk().verify(number: subject, code: code)
            }
            exitStatus = verification.verdict.exitStatus
            let facts = verification.facts
            var report = Report(
                verdict: verification.verdict.code, number: facts?.number ?? verification.record?.number, holder: facts?.holderName,
                achievement: facts?.achievementName, validFrom: facts?.validFrom, validUntil: facts?.validUntil, key: facts?.keyID,
                statusChecked: verification.statusSource != .unchecked)
            if case .revoked(let at, let reason) = verification.verdict {
                report.revokedAt = at
                report.reason = reason
            }
            if case .superseded(let successor, _) = verification.verdict { report.supersededBy = successor }
            if case .tampered(let how) = verification.verdict { report.reason = how.rawValue }
            if output.json { return try Console.json(report) }
            if verification.verdict == .valid, verification.statusSource == .unchecked {
                Console.out(context.text("verify.verdict.valid-unchecked"))
            } else {
                Console.out(Self.verdict(verification.verdict, context))
            }
            if let facts {
                if let number = report.number { Console.out(context.text("verify.line.number", ["number": number])) }
                if let holder = facts.holderName { Console.out(context.text("verify.line.holder", ["name": holder])) }
                if let name = facts.achievementName { Console.out(context.text("verify.line.achievement", ["name": name])) }
                if let issuer = facts.issuerName { Console.out(context.text("verify.line.issuer", ["name": issuer])) }
                Console.out(
                    context.text(
                        "verify.line.validity",
                        ["from": context.day(facts.validFrom), "until": facts.validUntil.map(context.day) ?? "—"]))
                Console.out(context.text("verify.line.key", ["key": facts.keyID]))
            }
            switch verification.statusSource {
            case .store: Console.out(context.text("verify.status.store"))
            case .statusList(let date): Console.out(context.text("verify.status.list", ["at": context.day(date)]))
            case .unchecked: if facts != nil { Console.out(context.text("verify.status.unchecked")) }
            }
        }
        if exitStatus != 0 { throw ExitCode(exitStatus) }
    }

    static func verdict(_ verdict: CredentialDesk.Verdict, _ context: CommandContext) -> String {
        switch verdict {
        case .valid: context.text("verify.verdict.valid")
        case .expired(let until): context.text("verify.verdict.expired", ["until": context.day(until)])
        case .notYetValid(let from): context.text("verify.verdict.not-yet-valid", ["from": context.day(from)])
        case .revoked(let at, let reason):
            if let at, let reason {
                context.text("verify.verdict.revoked", ["at": context.day(at), "reason": reason])
            } else {
                context.text("verify.verdict.revoked-list")
            }
        case .superseded(let successor, let at):
            context.text("verify.verdict.superseded", ["successor": successor, "at": context.day(at)])
        case .tampered(let how): context.text("verify.verdict.tampered") + "\n" + context.text(how.rawValue)
        case .unknownKey(let key): context.text("verify.verdict.unknown-key", ["key": key])
        case .unsupported(let suite): context.text("verify.verdict.unsupported", ["suite": suite])
        }
    }
}
