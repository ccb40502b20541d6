/// Lets the global options stand before the command, as in `certdesk --lang zh-Hant tracks`.
///
/// The argument parser only knows options on the command that declares them, so `--db` and
/// `--lang` given before the subcommand are moved to the end of the command line.
public enum GlobalArgumentOrder {
    static let globalOptions: Set<String> = ["--db", "--lang"]

    public static func movingGlobalOptionsLast(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if globalOptions.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if let name = argument.split(separator: "=").first, argument.contains("="), globalOptions.contains(String(name)) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        return Array(arguments[index...]) + leading
    }
}
