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

/// The options of the content loaders (`curriculum load`, `bank import`).
struct LoadOptions: ParsableArguments {
    @Flag(name: .long, help: argumentHelp("help.option.dry-run")) var dryRun = false
    @Flag(name: .long, help: argumentHelp("help.option.verbose")) var verbose = false
    @Argument(help: argumentHelp("help.argument.paths")) var paths: [String]
}
