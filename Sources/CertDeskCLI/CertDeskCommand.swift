import ArgumentParser

/// `certdesk`: the root of the argument tree.
public struct CertDeskCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "certdesk",
        abstract: help("help.certdesk"),
        discussion: help("help.certdesk.discussion"),
        version: "0.1.0",
        subcommands: [
            Init.self, CurriculumCommand.self, BankCommand.self, Tracks.self, CandidateCommand.self, SessionCommand.self,
            TrainingCommand.self, RegisterCommand.self, Sit.self, Practice.self, AttemptCommand.self, MarkingCommand.self, MarkCommand.self,
            ResultCommand.self, ResultsCommand.self, ReleaseCommand.self, ItemCommand.self, RegradeCommand.self, ReportCommand.self,
            IssuerCommand.self, KeysCommand.self, EligibleCommand.self, IssueCommand.self, CredentialCommand.self,
            CertificateCommand.self, VerifyCommand.self, CPDCommand.self, RenewCommand.self, ReissueCommand.self, RevokeCommand.self,
            RegistryCommand.self, StaffCommand.self, LoginCommand.self, LogoutCommand.self, WhoamiCommand.self, AuditCommand.self,
            BackupCommand.self, RestoreCommand.self, DoctorCommand.self, LocalesCommand.self,
            Demo.self,
        ]
    )

    public init() {}
}
