import ArgumentParser
import CertDeskCore

/// Who may run a command.
enum Access: String, CaseIterable {
    /// No session: the command reads nothing private, or creates a database of its own.
    case anyone
    /// A candidate, who proves who they are with their access code (the command asks for it).
    case candidate
    /// A trainer's or an administrator's staff session.
    case trainer
    /// An administrator's staff session.
    case administrator

    /// The staff role this access needs, if any.
    var role: StaffRole? {
        switch self {
        case .anyone, .candidate: nil
        case .trainer: .trainer
        case .administrator: .administrator
        }
    }
}

/// Who is running a command, for the permission table.
enum Principal: String, CaseIterable {
    /// Nobody logged in, no access code.
    case nobody
    /// A candidate with their access code.
    case candidate
    case trainer
    case administrator

    var role: StaffRole? { StaffRole(rawValue: rawValue) }
}

/// The one table of what each command needs. Every command of the argument tree has an entry
/// (a test walks the tree); a command missing from it is refused to everyone but administrators.
///
/// Keys are command paths as typed (`keys rotate`); a command whose options change who may use
/// it has a second entry for that form (`result --candidate`).
enum Permissions {
    static let table: [String: Access] = [
        // Setting up, signing in, checking.
        "init": .anyone, "login": .anyone, "logout": .anyone, "whoami": .anyone, "demo": .anyone, "locales check": .anyone,
        "verify": .anyone, "tracks": .anyone, "doctor": .anyone,
        // Candidates prove themselves with their access code.
        "sit": .candidate, "result --candidate": .candidate,
        // Trainers: content, training, marking, item statistics.
        "curriculum load": .trainer, "bank import": .trainer, "bank stats": .trainer, "bank show": .trainer, "practice": .trainer,
        "training record": .trainer, "marking queue": .trainer, "marking show": .trainer, "mark": .trainer,
        "report items": .trainer, "item voided": .trainer, "session list": .trainer, "staff password": .trainer,
        // Administrators: candidates, sessions, results, credentials, keys, staff, the record itself.
        "candidate add": .administrator, "candidate list": .administrator, "candidate show": .administrator,
        "candidate rename": .administrator, "candidate erase": .administrator,
        "session create": .administrator, "session extra-time": .administrator, "register": .administrator,
        "attempt show": .administrator, "result": .administrator, "results": .administrator, "release": .administrator,
        "item void": .administrator, "regrade": .administrator, "report session": .administrator,
        "issuer set": .administrator, "issuer show": .administrator, "keys init": .administrator, "keys rotate": .administrator,
        "keys list": .administrator, "keys export": .administrator, "eligible": .administrator, "issue": .administrator,
        "credential show": .administrator, "credential list": .administrator, "credential export": .administrator,
        "certificate print": .administrator, "cpd record": .administrator, "cpd list": .administrator,
        "renew": .administrator, "reissue": .administrator, "revoke": .administrator,
        "registry export": .administrator, "registry status-list": .administrator,
        "staff add": .administrator, "staff list": .administrator, "staff disable": .administrator,
        "staff enable": .administrator, "staff password --other": .administrator,
        "audit show": .administrator, "audit verify": .administrator, "backup": .administrator, "restore": .administrator,
        "restore --new": .anyone,
    ]

    /// What a command needs; a command the table lacks needs an administrator.
    static func access(_ path: String) -> Access { table[path] ?? .administrator }

    /// Whether `principal` may run a command that needs `access`.
    ///
    /// A candidate's command is open to everyone at this gate, because the command itself then
    /// asks for the access code, which opens only that candidate's own registrations.
    static func allows(_ access: Access, _ principal: Principal) -> Bool {
        switch access {
        case .anyone, .candidate: true
        case .trainer, .administrator: principal.role.map { $0.includes(access.role!) } ?? false
        }
    }

    /// The path of a command type in the argument tree (`keys rotate`), or `nil` if it is not in it.
    static func path(of command: any ParsableCommand.Type) -> String? {
        func search(_ node: any ParsableCommand.Type, _ prefix: [String]) -> [String]? {
            for child in node.configuration.subcommands {
                let path = prefix + [child._commandName]
                if ObjectIdentifier(child) == ObjectIdentifier(command) { return path }
                if let found = search(child, path) { return found }
            }
            return nil
        }
        return search(CertDeskCommand.self, []).map { $0.joined(separator: " ") }
    }

    /// Every runnable command path of the tree (commands without subcommands).
    static func leafPaths() -> [String] {
        func walk(_ node: any ParsableCommand.Type, _ prefix: [String]) -> [String] {
            node.configuration.subcommands.flatMap { child -> [String] in
                let path = prefix + [child._commandName]
                return child.configuration.subcommands.isEmpty ? [path.joined(separator: " ")] : walk(child, path)
            }
        }
        return walk(CertDeskCommand.self, [])
    }
}
