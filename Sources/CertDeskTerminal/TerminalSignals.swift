import Foundation

/// What the signal handlers need to put the terminal back: written before they are installed,
/// read from inside them.
///
/// A handler may only do async-signal-safe work: it writes the reset escapes, restores the
/// saved termios with `tcsetattr` and ends the process with `_exit`. A resize only writes a
/// byte to a pipe the room's `poll` watches. The state lives in memory allocated once and
/// reached through constant pointers, so a handler never triggers lazy initialisation or an
/// exclusivity check.
enum TerminalSignals {
    /// The terminal to restore and how.
    struct Saved {
        var input: Int32 = -1
        var output: Int32 = -1
        /// The write end of the resize pipe.
        var wake: Int32 = -1
        /// Non-zero while the terminal is in raw mode.
        var active: Int32 = 0
        var settings = termios()
    }

    /// Signals that end the room: the terminal is restored, then the process exits with
    /// 128 + the signal number (130 for SIGINT).
    static let leaving: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Signals of a crash: the terminal is restored, then the signal goes to the handler that
    /// was there before (the runtime's backtrace, or the default).
    static let crashing: [Int32] = [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP]

    /// Escapes that undo the room's screen settings: attributes, autowrap, cursor, main screen.
    static let reset: StaticString = "\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"

    nonisolated(unsafe) static let saved: UnsafeMutablePointer<Saved> = {
        let pointer = UnsafeMutablePointer<Saved>.allocate(capacity: 1)
        pointer.initialize(to: Saved())
        return pointer
    }()

    /// The actions replaced, by signal number, to put back on restore or a crash.
    nonisolated(unsafe) static let previous: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        pointer.initialize(repeating: sigaction(), count: 65)
        return pointer
    }()

    /// Whether the terminal is (still) in the room's raw mode; false after a crash signal put it back.
    static var isActive: Bool { saved.pointee.active != 0 }

    /// Remembers the terminal's settings and installs the handlers.
    static func install(input: Int32, output: Int32, settings: termios, wake: Int32) {
        _ = reset.utf8CodeUnitCount
        _ = previous
        saved.pointee = Saved(input: input, output: output, wake: wake, active: 1, settings: settings)
        for signal in leaving { set(signal, leaveOnSignal) }
        for signal in crashing { set(signal, restoreOnCrash) }
        set(SIGWINCH, wakeOnResize)
    }

    /// Puts the previous handlers back once the terminal is restored.
    static func uninstall() {
        saved.pointee.active = 0
        for signal in leaving + crashing + [SIGWINCH] { sigaction(signal, previous + Int(signal), nil) }
        saved.pointee.wake = -1
    }

    private static func set(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(signal, &action, previous + Int(signal))
    }

    /// Writes the reset escapes and the saved settings back; async-signal-safe.
    static func restoreTerminal() {
        let state = saved
        guard state.pointee.active != 0 else { return }
        _ = write(state.pointee.output, reset.utf8Start, reset.utf8CodeUnitCount)
        withUnsafePointer(to: &state.pointee.settings) { _ = tcsetattr(state.pointee.input, TCSANOW, $0) }
    }
}

private func leaveOnSignal(_ signal: Int32) {
    TerminalSignals.restoreTerminal()
    _exit(128 + signal)
}

private func restoreOnCrash(_ signal: Int32) {
    TerminalSignals.restoreTerminal()
    TerminalSignals.saved.pointee.active = 0
    sigaction(signal, TerminalSignals.previous + Int(signal), nil)
    raise(signal)
}

private func wakeOnResize(_ signal: Int32) {
    let savedErrno = errno
    var byte: UInt8 = 1
    _ = write(TerminalSignals.saved.pointee.wake, &byte, 1)
    errno = savedErrno
}
