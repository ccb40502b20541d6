import Foundation

/// A `certdesk` process started by a test and still running: the test types lines into it,
/// waits for what it prints, and may kill it.
///
/// One test drives one process from one thread; the output is collected in the background.
final class RunningCertDesk: @unchecked Sendable {  // `cursor` is only used by the one thread driving the process
    let process: Process
    let output: OutputCollector
    let errors: OutputCollector
    private let input: FileHandle
    private var cursor = 0

    /// A write to a child that has died must fail, not kill the test runner with SIGPIPE.
    private static let brokenPipesIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()

    init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String) throws {
        Self.brokenPipesIgnored
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        let inputPipe = Pipe()
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        input = inputPipe.fileHandleForWriting
        output = OutputCollector(outputPipe.fileHandleForReading)
        errors = OutputCollector(errorPipe.fileHandleForReading)
    }

    var pid: Int32 { process.processIdentifier }

    /// Types `line` and Enter; false when the process no longer reads.
    @discardableResult
    func send(_ line: String) -> Bool {
        var bytes = Array((line + "\n").utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBufferPointer { write(input.fileDescriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }

    /// Closes standard input, as when the candidate's terminal goes away.
    func closeInput() { try? input.close() }

    /// Waits until the process prints `text` (after what earlier reads consumed) and returns
    /// everything printed up to and including it; `nil` when it ended or `timeout` passed first.
    func read(through text: String, timeout: TimeInterval = 60) -> String? {
        guard let end = output.offset(after: text, from: cursor, timeout: timeout) else { return nil }
        defer { cursor = end }
        return output.text(from: cursor, to: end)
    }

    /// Sends `signal` (e.g. SIGKILL) to the process.
    func kill(_ signal: Int32) { _ = Foundation.kill(pid, signal) }

    /// Waits for the process to end and returns its status and everything it printed.
    func wait() -> CertDeskRunner.Result {
        closeInput()
        process.waitUntilExit()
        return CertDeskRunner.Result(status: process.terminationStatus, output: output.waitForEnd(), error: errors.waitForEnd())
    }

    /// Whether the process ended by a signal rather than by exiting.
    var wasKilled: Bool { process.terminationReason == .uncaughtSignal }
}
