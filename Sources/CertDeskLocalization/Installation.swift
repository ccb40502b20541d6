import Foundation

/// Where CertDesk's shipped files (`locales/`, `curricula/`, `question-banks/`) are.
///
/// Looked for in `CERTDESK_HOME`, then beside the running executable and its parent folders
/// (a build in `.build/debug/` finds the checkout), then the current folder and its parents,
/// then `/usr/local/share/certdesk` and `/usr/share/certdesk`.
public enum Installation {
    /// The folder holding `locales/`, or `nil` when none is found.
    public static func home(environment: [String: String], executablePath: String? = nil, currentDirectory: String? = nil) -> String? {
        var candidates: [String] = []
        if let configured = environment["CERTDESK_HOME"], !configured.isEmpty { candidates.append(configured) }
        let executable = executablePath ?? CommandLine.arguments.first.map { resolveExecutable($0) }
        if let executable {
            candidates += ancestors(of: (executable as NSString).deletingLastPathComponent)
        }
        candidates += ancestors(of: currentDirectory ?? FileManager.default.currentDirectoryPath)
        candidates += ["/usr/local/share/certdesk", "/usr/share/certdesk"]
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("locales/en.po")) }
    }

    private static func resolveExecutable(_ argument: String) -> String {
        let url = URL(fileURLWithPath: argument).standardizedFileURL.resolvingSymlinksInPath()
        if FileManager.default.fileExists(atPath: "/proc/self/exe"),
            let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        {
            return path
        }
        return url.path
    }

    private static func ancestors(of directory: String) -> [String] {
        var result: [String] = []
        var current = (directory as NSString).standardizingPath
        for _ in 0..<6 {
            result.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { break }
            current = parent
        }
        return result
    }
}
