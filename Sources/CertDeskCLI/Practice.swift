import ArgumentParser
import CertDeskCore
import CertDeskExam
import CertDeskKit
import CertDeskTerminal
import Foundation

/// `certdesk practice --track T [--module M] [--count N]`: sample questions with feedback.
struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: help("help.practice"))

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: argumentHelp("help.option.track")) var track: String
    @Option(name: .long, help: argumentHelp("help.option.practice-module")) var module: String?
    @Option(name: .long, help: argumentHelp("help.option.practice-count")) var count: Int = 10
    @Option(name: .long, help: argumentHelp("help.option.seed")) var seed: UInt64?

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            guard count >= 1 else { throw ProblemsError.error("practice.count-invalid", ["value": String(count)]) }
            let store = try context.openStore()
            let all = try store.currentQuestions(track: track.uppercased(), module: module?.uppercased())
            if all.isEmpty {
                throw ProblemsError.error("practice.none", ["track": track.uppercased(), "module": module?.uppercased() ?? "—"])
            }
            let chosenSeed = seed ?? UInt64.random(in: 0...UInt64(Int64.max))
            var generator = SeededGenerator(seed: chosenSeed)
            let questions = Array(generator.shuffled(all).prefix(count))
            var room = PracticeRoom(questions: questions, localizer: context.localizer, input: LineInput())
            room.run(seed: chosenSeed)
        }
    }
}
