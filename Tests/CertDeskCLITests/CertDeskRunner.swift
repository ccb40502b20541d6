import Foundation

/// Runs the built `certdesk` executable, as an operator would.
struct CertDeskRunner {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// The checkout's root folder (holding locales/, curricula/, question-banks/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The `certdesk` built beside the test bundle.
    static let executable: String = {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("certdesk").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return root + "/.build/debug/certdesk"
    }()

    /// A home folder of the test run's own, where `certdesk login` keeps session files.
    static let home: String = {
        let folder = NSTemporaryDirectory() + "certdesk-test-home-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return folder
    }()

    /// The password of the administrator ``initialise(_:)`` creates.
    static let adminPassword = "exam office 2026"

    var environment: [String: String] = ["CERTDESK_HOME": Self.root, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": Self.home]

    /// Creates a database with the administrator `admin`, who is then logged in (as `certdesk init --admin` does).
    func initialise(_ database: String, extraEnvironment: [String: String] = [:]) throws -> Result {
        try run(
            ["init", "--db", database, "--admin", "admin", "--password-stdin"], input: Self.adminPassword + "\n",
            extraEnvironment: extraEnvironment)
    }
    var workingDirectory = NSTemporaryDirectory()

    /// Runs `certdesk` to the end.
    ///
    /// - Parameters:
    ///   - input: what the operator types, as if piped in; standard input is empty when `nil`.
    ///   - extraEnvironment: variables added to (or replacing) ``environment``.
    func run(_ arguments: [String], input: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        // A file, not a pipe, so a command that exits without reading cannot block or break the writer.
        let inputFile = NSTemporaryDirectory() + "certdesk-input-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: inputFile) }
        try Data((input ?? "").utf8).write(to: URL(fileURLWithPath: inputFile))
        let inputHandle = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputFile))
        defer { try? inputHandle.close() }
        process.standardInput = inputHandle
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Standard error is drained beside standard output, so neither pipe can fill and stall the child.
        let errorText = OutputCollector(error.fileHandleForReading)
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self), error: errorText.waitForEnd())
    }

    /// Starts `certdesk` and returns at once, with a pipe to its standard input, for tests that
    /// type into it line by line, read what it says, or kill it.
    func start(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> RunningCertDesk {
        try RunningCertDesk(
            executable: Self.executable, arguments: arguments, environment: environment.merging(extraEnvironment) { $1 },
            workingDirectory: workingDirectory)
    }

    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "certdesk-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
