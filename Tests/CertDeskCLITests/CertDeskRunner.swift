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

    var environment: [String: String] = ["CERTDESK_HOME": Self.root, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    var workingDirectory = NSTemporaryDirectory()

    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "certdesk-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
