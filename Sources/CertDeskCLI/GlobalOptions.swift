import ArgumentParser

/// Options every command accepts: where the database is and which language to speak.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: argumentHelp("help.option.db"))
    var db: String?

    @Option(name: .long, help: argumentHelp("help.option.lang"))
    var lang: String?
}

/// The `--json` switch of listing commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: argumentHelp("help.option.json"))
    var json = false
}
