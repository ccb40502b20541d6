import CertDeskText
import Foundation

/// The candidate's terminal in raw mode, drawn with ANSI escapes (no curses).
///
/// ``enter()`` saves the settings, switches to raw mode (`cfmakeraw`, keeping `OPOST` so a line
/// feed still returns the carriage), the alternate screen, no autowrap and a hidden cursor.
/// ``restore()`` undoes all of it; so do the handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT
/// (which then exit with 128 + the signal) and for crashes. SIGWINCH wakes ``next(timeout:)``
/// through a pipe, which reports ``TerminalEvent/resized``.
public final class Terminal: RoomTerminal {
    let input: Int32
    let output: Int32
    private var original: termios?
    private var wake: (read: Int32, write: Int32)?
    private var drawn: Frame?
    private var drawnSize: TerminalSize?

    /// A terminal reading `input` and drawing on `output` (standard input and output by default).
    public init(input: Int32 = 0, output: Int32 = 1) {
        self.input = input
        self.output = output
    }

    deinit { restore() }

    public func enter() -> Bool {
        guard original == nil else { return true }
        var settings = termios()
        guard isatty(input) == 1, isatty(output) == 1, tcgetattr(input, &settings) == 0 else { return false }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return false }
        for end in pipeEnds {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wake = (pipeEnds[0], pipeEnds[1])
        original = settings
        TerminalSignals.install(input: input, output: output, settings: settings, wake: pipeEnds[1])
        var raw = settings
        cfmakeraw(&raw)
        raw.c_oflag |= tcflag_t(OPOST)
        tcsetattr(input, TCSANOW, &raw)
        // Alternate screen, autowrap off (nothing can scroll the screen), cursor hidden, cleared.
        StandardOutput.write("\u{1B}[?1049h\u{1B}[?7l\u{1B}[?25l\u{1B}[0m\u{1B}[H\u{1B}[2J", to: output)
        drawn = nil
        return true
    }

    public func restore() {
        guard var settings = original else { return }
        StandardOutput.write(TerminalSignals.reset.description, to: output)
        tcsetattr(input, TCSANOW, &settings)
        TerminalSignals.uninstall()
        if let wake {
            close(wake.read)
            close(wake.write)
        }
        wake = nil
        original = nil
        drawn = nil
    }

    public var size: TerminalSize {
        var window = winsize()
        for descriptor in [output, input] where ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0 && window.ws_col > 0 {
            return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
        }
        return TerminalSize.minimum
    }

    public func draw(_ frame: Frame) {
        guard original == nil || TerminalSignals.isActive else { return }
        let size = self.size
        let previous = drawnSize == size ? drawn : nil
        var out = previous == nil ? "\u{1B}[0m\u{1B}[H\u{1B}[2J" : ""
        for (row, line) in frame.lines.enumerated() {
            let style = row < frame.styles.count ? frame.styles[row] : .plain
            if let previous, row < previous.lines.count, previous.lines[row] == line, previous.styles[row] == style { continue }
            out += "\u{1B}[\(row + 1);1H\u{1B}[0m\u{1B}[2K" + Self.styled(line, style, width: size.columns)
        }
        if !out.isEmpty { StandardOutput.write(out, to: output) }
        drawn = frame
        drawnSize = size
    }

    /// A line with its style's escapes; bars fill the whole width.
    static func styled(_ line: String, _ style: Frame.Style, width: Int) -> String {
        switch style {
        case .plain: line
        case .emphasis: "\u{1B}[1m" + line + "\u{1B}[0m"
        case .bar: "\u{1B}[7m" + TextWidth.pad(line, to: width) + "\u{1B}[0m"
        case .alert: "\u{1B}[1;37;41m" + TextWidth.pad(line, to: width) + "\u{1B}[0m"
        }
    }

    public func next(timeout: TimeInterval) -> TerminalEvent {
        // A crash signal put the terminal back and the process went on: the room cannot continue.
        if original != nil, !TerminalSignals.isActive { return .closed }
        var watched = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
        if let wake { watched.append(pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = Int32(max(0, min(timeout, 60)) * 1000)
        let ready = poll(&watched, nfds_t(watched.count), milliseconds)
        if ready == 0 { return .timeout }
        if ready < 0 { return errno == EINTR ? .timeout : .closed }
        if watched.count > 1, watched[1].revents & Int16(POLLIN) != 0, let wake {
            var sink = [UInt8](repeating: 0, count: 64)
            while read(wake.read, &sink, sink.count) > 0 {}
            drawn = nil
            return .resized
        }
        guard watched[0].revents != 0 else { return .timeout }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = read(input, &chunk, chunk.count)
        if count > 0 { return .input(Array(chunk[..<count])) }
        if count < 0, errno == EINTR || errno == EAGAIN { return .timeout }
        return .closed
    }
}
