import CertDeskContent
import Foundation

/// Reads a fixture file from `Tests/CertDeskContentTests/Fixtures`.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func path(_ name: String) -> String { folder + "/" + name }

    static func file(_ name: String) -> SourceFile {
        let (files, problems) = SourceFile.gather([path(name)])
        precondition(problems.isEmpty && files.count == 1, "fixture \(name) unreadable: \(problems)")
        return files[0]
    }
}
