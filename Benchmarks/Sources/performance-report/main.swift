import BenchKit
import Foundation

// performance-report [OUTPUT]: writes docs/performance.md (or OUTPUT) from every BenchResult in
// CERTDESK_BENCH_RESULTS (default .build-bench/results).
//
// Also read from the environment, as scripts/bench sets them:
//   CERTDESK_BENCH_COMMAND        the command as typed (default `scripts/bench`)
//   CERTDESK_SWIFT_VERSION_FILE   a file holding the output of `swift --version`
//   CERTDESK_SWIFT_VERSION        the same, given directly
//   CERTDESK_BENCH_FIXTURES       the folder the benchmark databases live in (default .build-bench/fixtures)
//   CERTDESK_BENCH_NOTES          the hand-written analysis to append (default Benchmarks/NOTES.md)

let environment = ProcessInfo.processInfo.environment
let output = CommandLine.arguments.dropFirst().first ?? "docs/performance.md"
let swiftVersion =
    (environment["CERTDESK_SWIFT_VERSION_FILE"].flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
    ?? environment["CERTDESK_SWIFT_VERSION"])?
    .split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
/// `path` relative to the current folder when it lies inside it.
func shown(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
}

let loaded = PerformanceReport.load(from: BenchResult.folder)
let report = PerformanceReport(
    results: loaded.results, unreadable: loaded.unreadable,
    machine: Machine.current(
        databaseFolder: environment["CERTDESK_BENCH_FIXTURES"] ?? ".build-bench/fixtures", swiftVersion: swiftVersion),
    command: environment["CERTDESK_BENCH_COMMAND"] ?? "scripts/bench",
    resultsFolder: shown(BenchResult.folder.standardizedFileURL.path),
    notes: try? String(contentsOfFile: environment["CERTDESK_BENCH_NOTES"] ?? "Benchmarks/NOTES.md", encoding: .utf8),
    generated: Date())
do {
    let url = URL(fileURLWithPath: output)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try report.markdown.write(to: url, atomically: true, encoding: .utf8)
    let found = PerformanceReport.rows.filter { loaded.results[$0.id] != nil }.count
    print("Wrote \(output): \(found) of \(PerformanceReport.rows.count) benchmarks measured, from \(BenchResult.folder.path).")
} catch {
    FileHandle.standardError.write(Data("performance-report: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
