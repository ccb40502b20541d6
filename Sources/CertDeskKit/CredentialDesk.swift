import CertDeskCore
import CertDeskCredentials
import CertDeskStore
import Foundation

/// Issuing credentials and keeping them: eligibility, issuance, renewal, reissue and revocation,
/// each credential signed with the issuer's active key.
///
/// The private key lives in a key file in `keyDirectory`, never in the database; the store
/// keeps the public half and which key is active.
public struct CredentialDesk: Sendable {
    /// Text in a given language from the message catalogs (the credential's criteria wording).
    public typealias Wording = @Sendable (_ language: Language, _ key: String, _ arguments: [String: String]) -> String

    /// How long before expiry renewal opens, and how long after it stays open.
    public static let renewalOpensDays = 180
    public static let renewalGraceDays = 90
    /// The reason recorded on a credential replaced by its renewal.
    public static let renewalReason = "renewal"

    let store: Store
    let operatorName: String
    let now: @Sendable () -> Date
    let keyDirectory: String
    let wording: Wording

    public init(
        store: Store, operatorName: String, keyDirectory: String, now: @escaping @Sendable () -> Date,
        wording: @escaping Wording
    ) {
        self.store = store
        self.operatorName = operatorName
        self.keyDirectory = keyDirectory
        self.now = now
        self.wording = wording
    }

    /// The current time to the second, as credentials state it.
    var moment: Date { Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down)) }

    // MARK: Issuer

    /// Sets the issuer profile credentials are signed with.
    ///
    /// - Throws: `issuer.bad-id` unless `id` is an absolute `https:` URL, a `did:` or a `urn:`;
    ///   `issuer.bad-url`; `issuer.no-name`.
    public func setIssuer(id: String, names: [Language: String], verifyURL: String?) throws -> IssuerProfile {
        let id = id.trimmingCharacters(in: .whitespaces)
        guard Self.isIdentifier(id) else { throw ProblemsError.error("issuer.bad-id", ["id": id]) }
        if let verifyURL, URL(string: verifyURL)?.scheme?.hasPrefix("http") != true {
            throw ProblemsError.error("issuer.bad-url", ["url": verifyURL])
        }
        let names = names.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !names.isEmpty else { throw ProblemsError.error("issuer.no-name", [:]) }
        let profile = IssuerProfile(id: id, name: LocalizedText(names), verifyURL: verifyURL)
        try store.setIssuerProfile(profile, by: operatorName, at: now())
        return profile
    }

    static func isIdentifier(_ text: String) -> Bool {
        if text.hasPrefix("did:") || text.hasPrefix("urn:") { return text.split(separator: ":").count >= 3 && !text.contains(" ") }
        guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http", url.host != nil else { return false }
        return url.fragment == nil && url.query == nil
    }

    /// The issuer profile.
    ///
    /// - Throws: `issuer.not-set`.
    public func issuer() throws -> IssuerProfile {
        guard let profile = try store.issuerProfile() else { throw ProblemsError.error("issuer.not-set", [:]) }
        return profile
    }

    // MARK: Keys

    /// A key just made, where its file is, and the key it replaced.
    public struct KeyCreation: Sendable {
        public var key: IssuerKeyRecord
        public var path: String
        public var retired: IssuerKeyRecord?
    }

    /// Creates the first issuer key.
    ///
    /// - Throws: `keys.exists`, or a key-file problem.
    public func initKey() throws -> KeyCreation {
        if let active = try store.issuerKeys().first(where: { $0.retiredAt == nil }) {
            throw ProblemsError.error("keys.exists", ["id": active.id])
        }
        return try createKey(rotate: false)
    }

    /// Creates a new issuer key and retires the active one; what the old key signed still verifies.
    ///
    /// - Throws: `keys.none`, or a key-file problem.
    public func rotateKey() throws -> KeyCreation {
        guard try store.issuerKeys().contains(where: { $0.retiredAt == nil }) else { throw ProblemsError.error("keys.none", [:]) }
        return try createKey(rotate: true)
    }

    private func createKey(rotate: Bool) throws -> KeyCreation {
        let date = moment
        let key = IssuerKey.generate(created: date)
        let path = try Self.keyFile { () throws(KeyFileError) in try KeyFile.write(key, directory: keyDirectory) }
        do {
            let retired = try store.addIssuerKey(
                id: key.id, publicKey: key.publicKeyMultibase, rotate: rotate, by: operatorName, at: date)
            let record = try store.issuerKeys().first { $0.id == key.id }!
            return KeyCreation(key: record, path: path, retired: retired)
        } catch {
            // The store refused: the new file signs nothing, so it goes.
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Every issuer key, oldest first.
    public func keys() throws -> [IssuerKeyRecord] { try store.issuerKeys() }

    /// The issuer's public keys as a Controlled Identifier document (W3C CID 1.0) that
    /// verifiers can hold offline: every key ever used, retired ones included.
    public func publicKeyDocument() throws -> JSONValue {
        let issuer = try issuer()
        let keys = try store.issuerKeys()
        let methods: [JSONValue] = keys.map { key in
            .object([
                "id": .string(Self.method(issuer, key.id)), "type": .string("Multikey"), "controller": .string(issuer.id),
                "publicKeyMultibase": .string(key.publicKey),
            ])
        }
        return .object([
            "@context": .array([.string("https://www.w3.org/ns/cid/v1")]), "id": .string(issuer.id),
            "verificationMethod": .array(methods),
            "assertionMethod": .array(keys.map { .string(Self.method(issuer, $0.id)) }),
        ])
    }

    static func method(_ issuer: IssuerProfile, _ keyID: String) -> String { "\(issuer.id)#\(keyID)" }

    /// The active key, read from its file.
    ///
    /// - Throws: `keys.none`, or a key-file problem (missing, unreadable, loose permissions, …).
    func activeKey() throws -> IssuerKey {
        guard let active = try store.issuerKeys().first(where: { $0.retiredAt == nil }) else {
            throw ProblemsError.error("keys.none", [:])
        }
        let path = KeyFile.path(directory: keyDirectory, id: active.id)
        let key = try Self.keyFile { () throws(KeyFileError) in try KeyFile.read(path) }
        guard key.publicKeyMultibase == active.publicKey else {
            throw ProblemsError.error("keys.file.malformed", ["path": path, "detail": "public-key-mismatch"])
        }
        return key
    }

    static func keyFile<T>(_ body: () throws(KeyFileError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw ProblemsError.error(error.key, error.arguments)
        }
    }

    // MARK: Eligibility and issuance

    /// A registration and what the credential rules decide for it.
    public struct EligibilityEntry: Sendable {
        public var facts: EligibilityFacts
        public var decision: IssuanceRules.Decision
    }

    /// Who of a sitting qualifies for the credential today and, for the others, every rule unmet.
    public func eligibility(sitting: String) throws -> (sitting: Sitting, curriculum: Curriculum, entries: [EligibilityEntry]) {
        let date = moment
        let found = try store.eligibility(sitting: sitting.uppercased())
        return (
            found.sitting, found.curriculum, found.facts.map { EligibilityEntry(facts: $0, decision: IssuanceRules.decide($0, on: date)) }
        )
    }

    /// What an issue run did.
    public struct IssueReport: Sendable {
        public var sitting: Sitting
        public var issued: [CredentialRecord]
        /// Every registration with the rules' decision (made in the issuing transaction).
        public var entries: [EligibilityEntry]
    }

    /// Issues the credential to every eligible candidate of a sitting, or to one candidate.
    /// Running it again issues nothing new.
    ///
    /// - Throws: `issuer.not-set`, `keys.none`, key-file problems, `session.unknown`, and for a
    ///   single candidate who does not qualify, every rule they do not meet.
    public func issue(sitting: String, candidate typed: String? = nil) throws -> IssueReport {
        let number = try typed.map(Registrar.candidateNumber)
        let issuer = try issuer()
        let key = try activeKey()
        let date = moment
        let wording = wording
        let run = try store.issue(
            sitting: sitting.uppercased(), candidate: number, keyID: key.id,
            by: operatorName, at: date,
            select: { facts in
                let decision = IssuanceRules.decide(facts, on: date)
                if number != nil, case .ineligible(let problems) = decision { throw ProblemsError(problems) }
                return decision == .eligible
            },
            sign: { draft in try Self.sign(draft, issuer: issuer, key: key, at: date, wording: wording) })
        let entries = run.facts.map { facts in
            let issued = run.issued.first { $0.attemptID == facts.attemptID && facts.attemptID != nil }
            return EligibilityEntry(
                facts: facts, decision: issued.map { .issued($0.status) } ?? IssuanceRules.decide(facts, on: date))
        }
        return IssueReport(sitting: run.sitting, issued: run.issued, entries: entries)
    }

    /// Builds and signs the credential a draft describes.
    static func sign(_ draft: CredentialDraft, issuer: IssuerProfile, key: IssuerKey, at date: Date, wording: Wording) throws
        -> SignedCredential
    {
        guard let number = CredentialNumber.make(track: draft.track, year: draft.year, sequence: draft.sequence) else {
            throw ProblemsError.error("issue.numbers-exhausted", ["track": draft.track, "year": String(draft.year)])
        }
        let language = draft.candidate.language
        let base = issuer.id.hasSuffix("/") ? String(issuer.id.dropLast()) : issuer.id
        let curriculum = draft.curriculum
        let criteria = wording(
            language, "credential.criteria",
            [
                "track": curriculum.title.best(for: language), "pass": NumericText.compact(curriculum.exam.passMark),
                "hours": NumericText.compact(curriculum.totalHours), "modules": String(curriculum.modules.count),
            ])
        let credential = AchievementCredential(
            id: "\(base)/credentials/\(number)",
            issuer: .init(id: issuer.id, name: issuer.name.best(for: language), url: issuer.verifyURL), number: number,
            holderName: draft.candidate.fullDisplayName, candidateNumber: draft.candidate.number,
            achievement: .init(
                id: "\(base)/achievements/\(draft.track)", code: draft.track, name: curriculum.title.best(for: language),
                description: curriculum.description?.best(for: language) ?? curriculum.title.best(for: language), criteria: criteria,
                language: language.tag),
            validFrom: draft.validFrom, validUntil: draft.validUntil, awardedDate: draft.awardedAt,
            status: BitstringStatusList.entry(listCredential: statusListURL(issuer), index: draft.statusIndex))
        let options: JSONValue = .object([
            "type": .string(DataIntegrityProof.proofType), "cryptosuite": .string(DataIntegrityProof.cryptosuite),
            "created": .string(AchievementCredential.timestamp(date)), "verificationMethod": .string(method(issuer, key.id)),
            "proofPurpose": .string("assertionMethod"),
        ])
        let signed = try DataIntegrityProof.sign(credential.json, options: options, privateKey: key.privateKey)
        return SignedCredential(number: number, document: signed.prettyPrinted(), verificationCode: VerificationCode.make(for: signed))
    }

    /// Where the issuer publishes its revocation list.
    public static func statusListURL(_ issuer: IssuerProfile) -> String {
        (issuer.id.hasSuffix("/") ? String(issuer.id.dropLast()) : issuer.id) + "/status/revocation"
    }

    // MARK: Looking credentials up

    /// The credential a typed number names.
    ///
    /// - Throws: `credential.bad-number` (not of the form, or a wrong check digit), `credential.unknown`.
    public func credential(_ typed: String) throws -> CredentialRecord {
        let number = try Self.credentialNumber(typed)
        guard let record = try store.credential(number: number) else { throw ProblemsError.error("credential.unknown", ["number": number]) }
        return record
    }

    /// The canonical form of a typed credential number.
    ///
    /// - Throws: `credential.bad-number`.
    public static func credentialNumber(_ typed: String) throws -> String {
        guard let number = CredentialNumber.normalize(typed) else {
            throw ProblemsError.error("credential.bad-number", ["number": typed.trimmingCharacters(in: .whitespaces)])
        }
        return number
    }

    /// A candidate's credentials, oldest first.
    public func credentials(candidate typed: String) throws -> [CredentialRecord] {
        try store.credentials(candidate: try Registrar.candidateNumber(typed))
    }

    /// Every credential, oldest first.
    public func allCredentials() throws -> [CredentialRecord] { try store.allCredentials() }

    /// The curriculum a credential was issued under.
    public func curriculum(of record: CredentialRecord) throws -> Curriculum {
        try store.curriculum(track: record.track, version: record.curriculumVersion)
    }

    /// The signed credential as stored.
    public func document(_ record: CredentialRecord) throws -> JSONValue {
        do {
            return try JSONValue.parse(Data(record.document.utf8))
        } catch {
            throw ProblemsError.error("credential.stored-damaged", ["number": record.number])
        }
    }

    // MARK: Life cycle

    /// Revokes a credential; `verify` and the published status list say so from now on.
    ///
    /// - Throws: `credential.bad-number`, `credential.unknown`, `revoke.no-reason`, `revoke.already`, `revoke.superseded`.
    public func revoke(_ typed: String, reason: String) throws -> CredentialRecord {
        let number = try Self.credentialNumber(typed)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ProblemsError.error("revoke.no-reason", ["number": number]) }
        return try store.revoke(number: number, reason: reason, by: operatorName, at: moment)
    }

    /// CPD hours counted toward renewing a credential: those of its track completed since it became valid.
    public static func cpdHours(toward record: CredentialRecord, _ cpd: [CPDRecord], until date: Date) -> Double {
        let from = day(record.status.validFrom)
        let to = day(date)
        return cpd.filter { $0.track == record.track && $0.completedOn >= from && $0.completedOn <= to }.reduce(0) { $0 + $1.hours }
    }

    static func day(_ date: Date) -> String { IssuanceRules.day(date) }

    /// Renews a credential for another `valid-years` after its CPD hours are recorded. The new
    /// credential runs from now until the old expiry plus the track's validity, so renewing
    /// early loses nothing; the old one is marked superseded.
    ///
    /// - Throws: `renew.revoked`, `renew.superseded`, `renew.too-early`, `renew.lapsed`, `renew.cpd`,
    ///   and the issuer and key problems of ``issue(sitting:candidate:)``.
    public func renew(_ typed: String) throws -> (old: CredentialRecord, new: CredentialRecord) {
        let number = try Self.credentialNumber(typed)
        let issuer = try issuer()
        let key = try activeKey()
        let date = moment
        let wording = wording
        guard let stored = try store.credential(number: number) else {
            throw ProblemsError.error("credential.unknown", ["number": number])
        }
        // Renewal follows the track's rules as published now.
        let current = try store.currentCurricula()
        guard let curriculum = current.first(where: { $0.curriculum.track == stored.track })?.curriculum else {
            throw ProblemsError.error(
                "track.unknown", ["track": stored.track, "known": current.map(\.curriculum.track).joined(separator: ", ")])
        }
        return try store.replace(
            number: number, keyID: key.id, by: operatorName, at: date,
            plan: { record, cpd in
                try Self.renewal(record, cpd: cpd, rules: curriculum.credential, at: date)
            },
            sign: { draft in try Self.sign(draft, issuer: issuer, key: key, at: date, wording: wording) })
    }

    /// The renewal the rules allow for a credential, or every reason they refuse.
    static func renewal(_ record: CredentialRecord, cpd: [CPDRecord], rules: CredentialRules, at date: Date) throws -> Replacement {
        let number = record.number
        if let revocation = record.status.revocation {
            throw ProblemsError.error("renew.revoked", ["number": number, "at": day(revocation.at), "reason": revocation.reason])
        }
        if let supersession = record.status.supersession {
            throw ProblemsError.error("renew.superseded", ["number": number, "successor": supersession.successor])
        }
        let until = record.status.validUntil
        let opens = until.addingTimeInterval(-Double(renewalOpensDays) * 86_400)
        let closes = until.addingTimeInterval(Double(renewalGraceDays) * 86_400)
        if date < opens { throw ProblemsError.error("renew.too-early", ["number": number, "opens": day(opens), "until": day(until)]) }
        if date > closes { throw ProblemsError.error("renew.lapsed", ["number": number, "until": day(until), "track": record.track]) }
        let hours = cpdHours(toward: record, cpd, until: date)
        if hours + 0.000_1 < rules.renewalCPDHours {
            throw ProblemsError.error(
                "renew.cpd",
                [
                    "number": number, "hours": NumericText.compact(hours),
                    "required": NumericText.compact(rules.renewalCPDHours), "since": day(record.status.validFrom),
                    "candidate": record.candidateNumber, "track": record.track,
                ])
        }
        return Replacement(kind: .renewal, validFrom: date, validUntil: rules.validUntil(from: until), reason: renewalReason)
    }

    /// Issues a replacement for a lost or misspelt certificate: a new number with the same
    /// validity, signed with the holder's current name; the old one is marked superseded.
    ///
    /// - Throws: `reissue.no-reason`, `reissue.revoked`, `reissue.superseded`, `reissue.expired`, and
    ///   the issuer and key problems of ``issue(sitting:candidate:)``.
    public func reissue(_ typed: String, reason: String) throws -> (old: CredentialRecord, new: CredentialRecord) {
        let number = try Self.credentialNumber(typed)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ProblemsError.error("reissue.no-reason", ["number": number]) }
        let issuer = try issuer()
        let key = try activeKey()
        let date = moment
        let wording = wording
        return try store.replace(
            number: number, keyID: key.id, by: operatorName, at: date,
            plan: { record, _ in
                if let revocation = record.status.revocation {
                    throw ProblemsError.error(
                        "reissue.revoked", ["number": number, "at": Self.day(revocation.at), "reason": revocation.reason])
                }
                if let supersession = record.status.supersession {
                    throw ProblemsError.error("reissue.superseded", ["number": number, "successor": supersession.successor])
                }
                if record.status.validUntil < date {
                    throw ProblemsError.error("reissue.expired", ["number": number, "until": Self.day(record.status.validUntil)])
                }
                return Replacement(
                    kind: .reissue, validFrom: record.status.validFrom, validUntil: record.status.validUntil, reason: reason)
            },
            sign: { draft in try Self.sign(draft, issuer: issuer, key: key, at: date, wording: wording) })
    }

    /// Records CPD hours and says how many count toward renewing the holder's current credential of the track.
    ///
    /// - Throws: `candidate.unknown`, `cpd.unknown-track`, `cpd.no-credential`, `cpd.bad-hours`, `cpd.bad-date`,
    ///   `cpd.future`, `cpd.no-activity`.
    public func recordCPD(candidate typed: String, track: String, hours: Double, activity: String, completedOn: String?) throws
        -> (record: CPDRecord, counted: Double, required: Double, credential: String?)
    {
        let number = try Registrar.candidateNumber(typed)
        let track = track.uppercased()
        guard hours.isFinite, hours > 0, hours <= 200 else {
            throw ProblemsError.error("cpd.bad-hours", ["hours": String(hours)])
        }
        let activity = activity.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !activity.isEmpty else { throw ProblemsError.error("cpd.no-activity", [:]) }
        let date = moment
        let day = completedOn ?? Self.day(date)
        guard let completed = try? Date(day, strategy: .iso8601.year().month().day()), Self.day(completed) == day else {
            throw ProblemsError.error("cpd.bad-date", ["date": day])
        }
        guard completed <= date else { throw ProblemsError.error("cpd.future", ["date": day]) }
        guard let curriculum = try store.currentCurricula().first(where: { $0.curriculum.track == track })?.curriculum else {
            throw ProblemsError.error("cpd.unknown-track", ["track": track])
        }
        let record = try store.recordCPD(
            candidate: number, track: track, hours: hours, activity: activity, completedOn: day, by: operatorName, at: date)
        let current = try store.credentials(candidate: number).last {
            $0.track == track && $0.status.revocation == nil && $0.status.supersession == nil
        }
        let all = try store.cpdRecords(candidate: number)
        let counted = current.map { Self.cpdHours(toward: $0, all, until: date) } ?? 0
        return (record, counted, curriculum.credential.renewalCPDHours, current?.number)
    }

    /// A holder's CPD records, in the order they were completed.
    public func cpdRecords(candidate typed: String) throws -> [CPDRecord] {
        try store.cpdRecords(candidate: try Registrar.candidateNumber(typed))
    }

    // MARK: Publishing

    /// The signed revocation list: a Bitstring Status List credential with a bit set for every revoked credential.
    public func statusListCredential() throws -> JSONValue {
        let issuer = try issuer()
        let key = try activeKey()
        let date = moment
        let credentials = try store.allCredentials()
        var list = BitstringStatusList(length: max(BitstringStatusList.minimumLength, (credentials.map(\.statusIndex).max() ?? 0) + 1))
        for credential in credentials where credential.status.revocation != nil { list[credential.statusIndex] = true }
        let unsigned = BitstringStatusList.credential(
            id: Self.statusListURL(issuer), issuer: .string(issuer.id), validFrom: AchievementCredential.timestamp(date),
            validUntil: nil, list: list)
        let options: JSONValue = .object([
            "type": .string(DataIntegrityProof.proofType), "cryptosuite": .string(DataIntegrityProof.cryptosuite),
            "created": .string(AchievementCredential.timestamp(date)), "verificationMethod": .string(Self.method(issuer, key.id)),
            "proofPurpose": .string("assertionMethod"),
        ])
        return try DataIntegrityProof.sign(unsigned, options: options, privateKey: key.privateKey)
    }

    /// The public registry: every credential's number, holder name, track and validity and
    /// its state today. No candidate number, ID document, email, score or revocation reason.
    public func registry() throws -> JSONValue {
        let issuer = try issuer()
        let date = moment
        var titles: [String: LocalizedText] = [:]
        for stored in try store.currentCurricula() { titles[stored.curriculum.track] = stored.curriculum.title }
        let entries: [JSONValue] = try store.allCredentials().map { record in
            let state = record.status.state(on: date)
            var members: [String: JSONValue] = [
                "number": .string(record.number), "track": .string(record.track),
                "holder": .string([record.holder.displayed, record.holderOther?.displayed].compactMap { $0 }.joined(separator: " ")),
                "validFrom": .string(AchievementCredential.timestamp(record.status.validFrom)),
                "validUntil": .string(AchievementCredential.timestamp(record.status.validUntil)),
                "awarded": .string(AchievementCredential.timestamp(record.awardedAt)), "status": .string(state.rawValue),
            ]
            if let title = titles[record.track] {
                members["title"] = .object(Dictionary(uniqueKeysWithValues: title.languages.map { ($0.tag, .string(title.best(for: $0))) }))
            }
            if let revocation = record.status.revocation { members["revoked"] = .string(AchievementCredential.timestamp(revocation.at)) }
            if let supersession = record.status.supersession { members["supersededBy"] = .string(supersession.successor) }
            return .object(members)
        }
        return .object([
            "issuer": .object(["id": .string(issuer.id), "name": .string(issuer.name.best(for: .english))]),
            "generated": .string(AchievementCredential.timestamp(date)), "credentials": .array(entries),
        ])
    }
}
