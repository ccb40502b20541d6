import CSQLite
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the benchmarks ran on, read from the machine itself.
struct Machine {
    /// "AMD EPYC × 2".
    var cpu: String
    /// "23.5 GiB".
    var memory: String
    /// "Linux 6.18.44 x86_64".
    var kernel: String
    /// "ext4 on /dev/vda (mounted on /)" for the folder the benchmark databases live in.
    var filesystem: String
    /// The first line of `swift --version`, as the script recorded it.
    var swift: String
    /// `sqlite3_libversion()` of the SQLite library linked here (the system's, as CertDesk links it).
    var sqlite: String

    /// Reads the machine; `databaseFolder` is where the databases were, `swiftVersion` what the script passed.
    static func current(databaseFolder: String, swiftVersion: String?) -> Machine {
        Machine(
            cpu: cpuDescription(), memory: memoryDescription(), kernel: kernelDescription(),
            filesystem: filesystemDescription(of: databaseFolder), swift: swiftVersion ?? "not recorded",
            sqlite: String(cString: sqlite3_libversion()))
    }

    private static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    static func cpuDescription() -> String {
        let lines = read("/proc/cpuinfo").split(separator: "\n")
        let count = lines.filter { $0.hasPrefix("processor") }.count
        let model =
            lines.first { $0.hasPrefix("model name") }.flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        return "\(model) × \(max(count, ProcessInfo.processInfo.activeProcessorCount)) (from /proc/cpuinfo)"
    }

    static func memoryDescription() -> String {
        guard let line = read("/proc/meminfo").split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return "unknown" }
        return String(format: "%.1f GiB (MemTotal in /proc/meminfo)", kilobytes / 1_048_576)
    }

    static func kernelDescription() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return "unknown" }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(text(name.sysname)) \(text(name.release)) \(text(name.machine)) (uname)"
    }

    /// The file system holding `folder` (or its nearest existing parent), from /proc/self/mounts.
    static func filesystemDescription(of folder: String) -> String {
        var path = URL(fileURLWithPath: folder).standardizedFileURL.path
        while !FileManager.default.fileExists(atPath: path), path != "/" {
            path = (path as NSString).deletingLastPathComponent
        }
        if let resolved = realpath(path, nil) {
            path = String(cString: resolved)
            free(resolved)
        }
        var best: (mount: String, device: String, type: String)?
        for line in read("/proc/self/mounts").split(separator: "\n") {
            let fields = line.split(separator: " ").map { $0.replacingOccurrences(of: "\\040", with: " ") }
            guard fields.count >= 3 else { continue }
            let mount = fields[1]
            let inside = mount == "/" || path == mount || path.hasPrefix(mount + "/")
            if inside, mount.count >= (best?.mount.count ?? -1) { best = (mount, fields[0], fields[2]) }
        }
        guard let best else { return "unknown (\(path))" }
        return "\(best.type) on \(best.device), mounted on \(best.mount) (folder \(path))"
    }
}
