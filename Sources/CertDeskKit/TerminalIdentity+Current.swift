import CertDeskStore
import Foundation

extension TerminalIdentity {
    /// This process on this host, with the terminal on standard input.
    public static func current() -> TerminalIdentity {
        var generator = SystemRandomNumberGenerator()
        let token = String(format: "%016llx%016llx", generator.next(), generator.next())
        let name = ttyname(0).map { String(cString: $0) } ?? "stdin"
        return TerminalIdentity(token: token, host: ProcessInfo.processInfo.hostName, pid: getpid(), name: name)
    }

    /// Whether the process that holds an attempt is still running.
    ///
    /// A process on another host is assumed alive (it cannot be checked from here); on this
    /// host, a process that no longer exists has crashed or been killed, and its hold is stale.
    @Sendable public static func isAlive(host: String, pid: Int32) -> Bool {
        guard host == ProcessInfo.processInfo.hostName else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
