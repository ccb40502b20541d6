import ArgumentParser
import CertDeskCore
import CertDeskExam
import CertDeskKit
import CertDeskStore
import CertDeskTerminal
import Foundation

/// `certdesk sit`: the exam room, for candidates.
struct Sit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: help("help.sit"), discussion: help("help.sit.discussion"))

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: argumentHelp("help.option.plain")) var plain = false
    @Option(name: .long, help: argumentHelp("help.option.sit-session")) var session: String?
    @Option(name: .long, help: argumentHelp("help.option.sit-candidate")) var candidate: String?
    @Flag(name: .long, help: argumentHelp("help.option.take-over")) var takeOver = false

    /// How many wrong codes one run of `sit` accepts before it ends (the lockout counts across runs).
    static let triesPerRun = 3

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        let exit = try Self.open(
            context: context, plain: plain, session: session, candidate: candidate, takeOver: takeOver,
            explicitLanguage: global.lang.flatMap(Language.init(lenientTag:)))
        throw ExitCode(exit)
    }

    /// Logs a candidate in and runs the room; returns the exit status.
    static func open(
        context: CommandContext, plain: Bool, session: String?, candidate: String?, takeOver: Bool, explicitLanguage: Language?,
        code given: String? = nil, input: LineInput = LineInput()
    ) throws -> Int32 {
        var status: Int32 = 1
        // The rooms write unbuffered; anything printed before must come out first.
        fflush(nil)
        try context.run {
            let store = try context.openStore()
            let desk = ExamDesk(store: store, now: { Date() })
            let terminal = TerminalIdentity.current()
            var number = candidate
            var outcome: ExamDesk.Outcome?
            for attempt in 1...triesPerRun {
                if number == nil {
                    StandardOutput.write(context.text("room.login.number"))
                    guard case .line(let line) = input.next(timeout: 3600) else { throw ProblemsError.error("room.login.no-input") }
                    number = line
                }
                var code = given ?? context.environment["CERTDESK_ACCESS_CODE"]
                if code == nil || attempt > 1 {
                    StandardOutput.write(context.text("room.login.code"))
                    let read = EchoControl.withoutEcho { input.next(timeout: 3600) }
                    guard case .line(let line) = read else { throw ProblemsError.error("room.login.no-input") }
                    code = line
                }
                do {
                    outcome = try desk.open(
                        candidate: number ?? "", code: code ?? "", sitting: session, language: explicitLanguage, terminal: terminal,
                        takeOver: takeOver)
                    break
                } catch let error as ProblemsError
                    where ["room.login.wrong", "room.login.bad-number"].contains(error.problems.first?.key ?? "") && attempt < triesPerRun
                    && context.environment["CERTDESK_ACCESS_CODE"] == nil
                {
                    context.report(error.problems)
                    if error.problems.first?.key == "room.login.bad-number" { number = nil }
                }
            }
            guard let outcome else { return }
            switch outcome {
            case .closed(let submission, let sittingID):
                throw ProblemsError.error(
                    submission.kind == .expired ? "room.expired" : "room.already-submitted",
                    ["session": sittingID, "time": ItemPresenter(localizer: context.localizer).time(submission.at)])
            case .opened(let opened, let resumed, let tookOver):
                if tookOver { Console.error(context.localizer.speaking(opened.language).text("room.took-over")) }
                let exit: RoomExit
                if plain || isatty(0) != 1 || isatty(1) != 1 {
                    var room = PlainRoom(opened: opened, localizer: context.localizer, input: input, now: { Date() })
                    exit = room.run(resumed: resumed)
                } else {
                    exit = FullScreenRoom(opened: opened, localizer: context.localizer, now: { Date() }).run(resumed: resumed)
                }
                status = exit.status
            }
        }
        return status
    }
}
