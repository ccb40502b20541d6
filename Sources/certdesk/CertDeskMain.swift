import CertDeskCLI

/// The `certdesk` executable: hands the command line to the CLI's root command.
@main
enum CertDeskMain {
    static func main() async {
        let arguments = GlobalArgumentOrder.movingGlobalOptionsLast(Array(CommandLine.arguments.dropFirst()))
        await CertDeskCommand.main(arguments)
    }
}
