import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskStore
import Foundation

/// `certdesk audit`: the tamper-evident record of every change.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: help("help.audit"), subcommands: [Show.self, Verify.self])

    /// `certdesk audit show [--since DATE] [--actor NAME] [--action PREFIX] [--last N] [--json]`
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: help("help.audit.show"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: argumentHelp("help.option.since")) var since: String?
        @Option(name: .long, help: argumentHelp("help.option.actor")) var actor: String?
        @Option(name: .long, help: argumentHelp("help.option.action")) var action: String?
        @Option(name: .long, help: argumentHelp("help.option.last")) var last: Int?

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                var start: Date?
                if let since {
                    guard let parsed = Self.parse(since) else { throw ProblemsError.error("audit.since-invalid", ["value": since]) }
                    start = parsed
                }
                if let last, last < 1 { throw ProblemsError.error("audit.last-invalid", ["value": String(last)]) }
                let entries = try context.openStore().auditEntries(since: start, actor: actor, action: action, last: last)
                if output.json { return try Console.json(entries) }
                if entries.isEmpty { return Console.out(context.text("audit.none")) }
                for entry in entries { Console.out(Self.line(entry, context: context)) }
            }
        }

        /// `YYYY-MM-DD` (local midnight) or `YYYY-MM-DD HH:MM` (local time).
        static func parse(_ text: String) -> Date? {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
                formatter.dateFormat = format
                if let date = formatter.date(from: text) { return date }
            }
            return nil
        }

        /// One entry: number, time, who, what (in the reader's language) and why.
        static func line(_ entry: AuditEntry, context: CommandContext) -> String {
            var arguments = entry.details
            arguments["subject"] = entry.subject
            let key = "audit.action." + entry.action
            let what = context.localizer.has(key) ? context.text(key, arguments) : entry.action + " " + entry.subject
            let who = context.text("audit.actor." + entry.actorKind, ["name": entry.actor])
            var line = "#\(entry.seq)  \(Figures.clock(entry.at))  \(who)  \(what)"
            if let reason = entry.reason { line += "  " + context.text("audit.reason", ["reason": reason]) }
            return line
        }
    }

    /// `certdesk audit verify [--anchor SEQ:HASH] [--json]`: exit status 0 when intact, 2 when
    /// something was changed behind CertDesk's back.
    ///
    /// A chain can only show that entries were changed after later ones were written; someone
    /// who rewrites the whole log from the start leaves a consistent chain. An anchor, an entry's
    /// hash written down elsewhere (`audit show --last 1`), catches that too.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: help("help.audit.verify"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: argumentHelp("help.option.anchor")) var anchor: [String] = []

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            var intact = true
            try context.run {
                let store = try context.openStore()
                var anchors: [(seq: Int64, hash: String)] = []
                for text in anchor {
                    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let seq = Int64(parts[0].trimmingCharacters(in: ["#"])), parts[1].count == 64 else {
                        throw ProblemsError.error("audit.anchor-invalid", ["value": text])
                    }
                    anchors.append((seq, parts[1].lowercased()))
                }
                let report = try store.verifyAudit()
                intact = report.isIntact
                var mismatched: [String] = []
                for (seq, hash) in anchors where try store.auditHash(seq: seq) != hash {
                    intact = false
                    mismatched.append(context.text("audit.anchor-mismatch", ["seq": String(seq)]))
                }
                if output.json { return try Console.json(report) }
                for line in AuditLines.describe(report, context: context) { Console.out(line) }
                for line in mismatched { Console.out(line) }
                if report.isIntact, mismatched.isEmpty, !anchors.isEmpty {
                    Console.out(context.text("audit.anchors-match", ["count": String(anchors.count)]))
                }
            }
            if !intact { throw ExitCode(2) }
        }
    }
}

/// The plain words for what `audit verify` and `doctor` found.
enum AuditLines {
    static func describe(_ report: AuditReport, context: CommandContext) -> [String] {
        var lines: [String] = []
        if let link = report.brokenLink {
            lines.append(context.text("audit.broken." + link.kind.rawValue, ["seq": String(link.seq)]))
        }
        for finding in report.rowFindings {
            lines.append(
                context.text(
                    "audit.row." + finding.kind.rawValue,
                    ["table": finding.table, "row": String(finding.row), "seq": finding.lastEntry.map(String.init) ?? "-"]))
        }
        if report.rowFindingCount > report.rowFindings.count {
            lines.append(context.text("audit.row.more", ["count": String(report.rowFindingCount - report.rowFindings.count)]))
        }
        if report.isIntact {
            lines.append(context.text("audit.intact", ["entries": String(report.entries), "rows": String(report.rowsChecked)]))
        } else {
            lines.append(context.text("audit.not-intact"))
        }
        return lines
    }
}

/// `certdesk backup FILE`: a consistent copy, taken while exams run.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: help("help.backup"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: argumentHelp("help.argument.backup-file")) var file: String

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let diagnosis = try context.openStore().backup(to: file)
            if !diagnosis.isHealthy { Console.error(context.localizer.describe(.warning("backup.unhealthy", ["path": file]))) }
            Console.out(
                context.text(
                    "backup.done",
                    ["path": file, "entries": String(diagnosis.audit?.entries ?? 0), "rows": String(diagnosis.audit?.rowsChecked ?? 0)]))
        }
    }
}

/// `certdesk restore FILE`: replaces the database with a backup that passes every check.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: help("help.restore"), discussion: help("help.restore.discussion"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: argumentHelp("help.argument.backup-file")) var file: String

    func run() throws {
        // Restoring into a path with no database needs no session: the backup's own accounts come with it.
        let target = DatabaseLocation.resolve(flag: global.db, environment: ProcessInfo.processInfo.environment)
        let fresh = !FileManager.default.fileExists(atPath: target)
        let context = try CommandContext(global, command: Self.self, variant: fresh ? "--new" : nil)
        try context.run {
            let diagnosis: Diagnosis
            if fresh {
                diagnosis = try Store.restoreNew(from: file, to: context.databasePath, osUser: OSUser.current(), at: Date()).1
            } else {
                diagnosis = try context.openStore().restore(from: file, by: context.operatorName, at: Date())
            }
            Console.out(
                context.text(
                    "restore.done", ["path": file, "db": context.databasePath, "entries": String(diagnosis.audit?.entries ?? 0)]))
        }
    }
}

/// `certdesk doctor [--json]`: integrity, foreign keys, schema and audit log, in plain words.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: help("help.doctor"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        var healthy = true
        try context.run {
            let diagnosis = try Store.diagnose(path: context.databasePath)
            healthy = diagnosis.isHealthy
            if output.json { return try Console.json(diagnosis) }
            Console.out(context.text("doctor.heading", ["db": context.databasePath, "schema": diagnosis.migrations.last ?? "-"]))
            func check(_ ok: Bool, _ good: String, _ bad: String, _ details: [String], _ arguments: [String: String] = [:]) {
                Console.out((ok ? "✓ " : "✗ ") + context.text(ok ? good : bad, arguments.merging(["count": String(details.count)]) { $1 }))
                for detail in details.prefix(20) { Console.out("    " + detail) }
            }
            check(diagnosis.integrity.isEmpty, "doctor.integrity.ok", "doctor.integrity.bad", diagnosis.integrity)
            check(diagnosis.foreignKeys.isEmpty, "doctor.foreign-keys.ok", "doctor.foreign-keys.bad", diagnosis.foreignKeys)
            let schema = diagnosis.schema.map { context.text("doctor.schema." + $0.kind, ["type": $0.type, "name": $0.name]) }
            check(diagnosis.schema.isEmpty, "doctor.schema.ok", "doctor.schema.bad", schema)
            if let audit = diagnosis.audit {
                let lines = audit.isIntact ? [] : AuditLines.describe(audit, context: context).dropLast()
                check(
                    audit.isIntact, "doctor.audit.ok", "doctor.audit.bad", Array(lines),
                    ["entries": String(audit.entries), "rows": String(audit.rowsChecked)])
            } else if diagnosis.hasAuditLog {
                check(false, "doctor.audit.ok", "doctor.audit.unreadable", [])
            } else {
                Console.out("• " + context.text("doctor.audit.not-yet"))
            }
            if diagnosis.openAttempts > 0 {
                Console.out("• " + context.text("doctor.open-attempts", ["count": String(diagnosis.openAttempts)]))
            }
            Console.out(context.text(healthy ? "doctor.healthy" : "doctor.unhealthy"))
        }
        if !healthy { throw ExitCode(2) }
    }
}
