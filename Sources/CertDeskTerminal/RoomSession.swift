import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import Foundation

/// The full-screen room at work: keys in, saves through the backend, frames out, the clock
/// checked every second and the hold every few seconds.
///
/// The terminal is restored by ``FullScreenRoom`` after ``run(resumed:)`` returns; what the
/// candidate must still read then (submitted, left, taken over) is collected in ``farewell``.
struct RoomSession {
    let backend: any ExamBackend
    let renderer: ScreenRenderer
    let terminal: any RoomTerminal
    let now: () -> Date
    var state: ScreenState
    var decoder = KeyDecoder()
    /// Lines to print on the normal screen once the terminal is restored.
    var farewell: [String] = []
    var size = TerminalSize.minimum
    var lastCheck: Date

    /// What an action left the room to do.
    enum Step: Equatable {
        /// Done (or nothing to do): carry on.
        case proceed
        /// Refused or failed; the status line says why. Stay where the candidate is.
        case stay
        /// The room closes.
        case exit(RoomExit)

        var exit: RoomExit? {
            if case .exit(let exit) = self { return exit }
            return nil
        }
    }

    /// How often the room asks the store whether it still holds the attempt and for extra time.
    static let checkInterval: TimeInterval = 3
    /// How long to wait for the rest of an escape sequence before taking Esc as a key.
    static let escapeWait: TimeInterval = 0.05

    init(opened: OpenedAttempt, localizer: Localizer, terminal: any RoomTerminal, now: @escaping () -> Date) {
        backend = opened.backend
        renderer = ScreenRenderer(localizer: localizer)
        self.terminal = terminal
        self.now = now
        let start = now()
        state = ScreenState(room: opened.room(now: start))
        lastCheck = start
    }

    var presenter: ItemPresenter { renderer.presenter }
    var text: Localizer { presenter.localizer }

    /// Runs until the exam is submitted, the candidate leaves, another terminal takes over or
    /// the input ends.
    mutating func run(resumed: Bool) -> RoomExit {
        if resumed {
            state.mode = .question
            state.status = .init(
                text.text(
                    "room.resumed", ["left": ExamRoom.clock(state.room.remaining(at: now())), "number": String(state.room.index + 1)]))
        }
        while true {
            if let exit = checkClock() { return exit }
            if let exit = checkHold() { return exit }
            size = terminal.size
            terminal.draw(renderer.render(state, size: size, now: now()))
            switch terminal.next(timeout: waitTime()) {
            case .input(let bytes):
                for key in decoder.feed(bytes) {
                    if let exit = handle(key) { return exit }
                }
            case .timeout:
                for key in decoder.flush() {
                    if let exit = handle(key) { return exit }
                }
            case .resized:
                continue
            case .closed:
                if case .exit(let exit) = commitDraft() { return exit }
                backend.release()
                farewell.append(text.text("room.input-closed"))
                return .inputClosed
            }
        }
    }

    /// Until the countdown shows the next second (at most one), or briefly while an escape
    /// sequence is incomplete.
    private func waitTime() -> TimeInterval {
        if decoder.hasPending { return Self.escapeWait }
        let left = state.room.remaining(at: now())
        let fraction = left - left.rounded(.down)
        return min(1, max(0.01, (fraction > 0.001 ? fraction : 1) + 0.005))
    }

    /// The five-minute warning, and submission when time is up.
    private mutating func checkClock() -> RoomExit? {
        switch state.room.tick(at: now()) {
        case .none:
            return nil
        case .warnFiveMinutes:
            state.status = .init(
                text.text("room.warning.five-minutes", ["left": ExamRoom.clock(state.room.remaining(at: now()))]), kind: .warning)
            return nil
        case .timeUp:
            // The answer being typed is saved if the store still takes it; then the paper goes in.
            if case .exit(let exit) = commitDraft() { return exit }
            farewell.append(text.text("room.time-up"))
            return submit(automatic: true)
        }
    }

    /// Every few seconds: is the attempt still ours, and has extra time been granted?
    private mutating func checkHold() -> RoomExit? {
        let time = now()
        guard time.timeIntervalSince(lastCheck) >= Self.checkInterval else { return nil }
        lastCheck = time
        if let held = try? backend.stillHeld(), !held { return takenOver() }
        if let deadline = try? backend.currentDeadline(), abs(deadline.timeIntervalSince(state.room.deadline)) >= 1 {
            let added = Int((deadline.timeIntervalSince(state.room.deadline) / 60).rounded())
            state.room.deadline = deadline
            state.status = .init(
                text.text("room.extra-time", ["minutes": String(added), "left": ExamRoom.clock(state.room.remaining(at: time))]))
        }
        return nil
    }
}
