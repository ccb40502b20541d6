import Foundation

/// Drives a program on a real terminal: a detached tmux session on a private server.
///
/// Each session gets its own server socket (`tmux -L`), so tests can run side by side and
/// ``close()`` ends everything they started.
final class TmuxSession {
    enum Failure: Error, CustomStringConvertible {
        case timedOut(waitingFor: String, screen: String)
        case tmux(arguments: [String], status: Int32, error: String)

        var description: String {
            switch self {
            case .timedOut(let needle, let screen): "timed out waiting for \"\(needle)\"; the screen was:\n\(screen)"
            case .tmux(let arguments, let status, let error): "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(error)"
            }
        }
    }

    /// The tmux executable, if installed.
    static let executable = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static var isInstalled: Bool { executable != nil }

    let socket = "certdesk-test-" + UUID().uuidString.prefix(8)
    let name: String

    /// Starts `command` (run by /bin/sh) in a new detached session of `columns` × `rows`.
    init(_ command: String, name: String = "room", columns: Int = 80, rows: Int = 24) throws {
        self.name = name
        try run(["new-session", "-d", "-x", String(columns), "-y", String(rows), "-s", name, command])
    }

    deinit { close() }

    /// Runs a tmux command on this session's server and returns what it printed.
    ///
    /// Output goes through files, not pipes: the server that `new-session` starts outlives the
    /// call, and a pipe it inherited would never reach end of file. For the same reason the
    /// server is started through bash, which first closes every descriptor above 2, so pipes
    /// other tests have open at that moment do not leak into it.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("out")
        let errorURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        let tmux = [Self.executable ?? "/usr/bin/tmux", "-u", "-f", "/dev/null", "-L", socket] + arguments
        // bash: dash cannot name descriptors above 9 in a redirection.
        process.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/bin/bash") ? "/bin/bash" : "/bin/sh")
        process.arguments =
            [
                "-c", #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#, "sh",
            ] + tmux
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color", "SHELL": "/bin/sh"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        try? output.close()
        try? error.close()
        let printed = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            throw Failure.tmux(arguments: arguments, status: process.terminationStatus, error: message)
        }
        return printed
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `C-c`, `Right`) or as plain characters.
    func send(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }

    /// Sends text literally, character by character.
    func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }

    /// The screen as text, lines the terminal wrapped joined again.
    func screen() throws -> String { try run(["capture-pane", "-p", "-J", "-t", name]) }

    /// Polls the screen until it contains every one of `needles`; throws with the screen after `timeout`.
    @discardableResult
    func waitFor(_ needles: String..., timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if needles.allSatisfy(last.contains) { return last }
            usleep(100_000)
        }
        throw Failure.timedOut(waitingFor: needles.joined(separator: "\", \""), screen: last)
    }

    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", name, "-x", String(columns), "-y", String(rows)])
    }

    /// The process id of the shell running in the pane.
    func panePID() throws -> Int32 {
        Int32(try run(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Ends the session, and with it the server (which exits when it has no session left).
    ///
    /// Not `kill-server`: that signals the server, and a server started from a test process
    /// may have inherited a signal mask that blocks it.
    func close() {
        _ = try? run(["kill-session", "-t", name])
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    }
}
