import BenchKit
import Foundation

// One process of the multi-process benchmarks: a candidate's terminal (or several) starting an
// exam or answering, through CertDesk or through the raw SQLite floor. See `LoadWorker` and
// `FloorWorker` for the modes; results are lines on standard output (`LoadRecord`).
let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else {
    print("error usage: certdesk-bench-worker start|start-floor|answer|answer-floor key=value...")
    exit(2)
}
let options = Dictionary(
    arguments.dropFirst().compactMap { argument -> (String, String)? in
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }, uniquingKeysWith: { $1 })
do {
    switch mode {
    case "start": try LoadWorker.start(options)
    case "answer": try LoadWorker.answer(options)
    case "start-floor": try FloorWorker.start(options)
    case "answer-floor": try FloorWorker.answer(options)
    default: print("error unknown mode \(mode)")
    }
} catch {
    print("error \(mode): \(error)")
}
fflush(nil)
