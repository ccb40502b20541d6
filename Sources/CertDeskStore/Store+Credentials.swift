import CertDeskCore
import Foundation
import GRDB

extension Store {
    // MARK: Issuer

    /// The issuer profile, once set.
    public func issuerProfile() throws -> IssuerProfile? {
        try writer.read { db in try Self.issuerProfile(db) }
    }

    /// Sets (or changes) the issuer profile. Credentials already issued keep the profile they were signed with.
    public func setIssuerProfile(_ profile: IssuerProfile, by operatorName: String, at date: Date) throws {
        try perform(AuditAction("issuer.set", subject: profile.id, by: .staff(operatorName), at: date)) { db in
            try db.execute(
                sql: """
                    INSERT INTO issuer_profile (singleton, issuer_id, name, verify_url, updated_at, updated_by)
                    VALUES (1, ?, ?, ?, ?, ?)
                    ON CONFLICT (singleton) DO UPDATE SET issuer_id = excluded.issuer_id, name = excluded.name,
                        verify_url = excluded.verify_url, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """,
                arguments: [profile.id, try json(profile.name), profile.verifyURL, Self.timestamp(date), operatorName])
        }
    }

    static func issuerProfile(_ db: Database) throws -> IssuerProfile? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM issuer_profile") else { return nil }
        return IssuerProfile(id: row["issuer_id"], name: try decode(LocalizedText.self, row["name"]), verifyURL: row["verify_url"])
    }

    // MARK: Keys

    /// Every issuer key, oldest first.
    public func issuerKeys() throws -> [IssuerKeyRecord] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM issuer_keys ORDER BY created_at, id").map(Self.issuerKey) }
    }

    /// Records a new issuer key as the active one. With `rotate`, the active key is retired in
    /// the same transaction and returned; without, an existing key is refused.
    ///
    /// - Throws: `keys.exists` (without `rotate`), `keys.none` (with `rotate`, no active key).
    @discardableResult
    public func addIssuerKey(id: String, publicKey: String, rotate: Bool, by operatorName: String, at date: Date) throws
        -> IssuerKeyRecord?
    {
        try perform(AuditAction(rotate ? "keys.rotate" : "keys.init", subject: id, by: .staff(operatorName), at: date)) { db in
            let active = try Row.fetchOne(db, sql: "SELECT * FROM issuer_keys WHERE retired_at IS NULL").map(Self.issuerKey)
            if rotate {
                guard var active else { throw ProblemsError.error("keys.none", [:]) }
                try db.execute(
                    sql: "UPDATE issuer_keys SET retired_at = ?, retired_by = ? WHERE id = ?",
                    arguments: [Self.timestamp(date), operatorName, active.id])
                active.retiredAt = date
                active.retiredBy = operatorName
                try Self.insertKey(id: id, publicKey: publicKey, by: operatorName, at: date, db)
                return active
            }
            if let active { throw ProblemsError.error("keys.exists", ["id": active.id]) }
            try Self.insertKey(id: id, publicKey: publicKey, by: operatorName, at: date, db)
            return nil
        }
    }

    private static func insertKey(id: String, publicKey: String, by operatorName: String, at date: Date, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO issuer_keys (id, public_key, created_at, created_by) VALUES (?, ?, ?, ?)",
            arguments: [id, publicKey, timestamp(date), operatorName])
    }

    static func issuerKey(_ row: Row) -> IssuerKeyRecord {
        IssuerKeyRecord(
            id: row["id"], publicKey: row["public_key"], createdAt: parseTimestamp(row["created_at"]), createdBy: row["created_by"],
            retiredAt: (row["retired_at"] as String?).map(parseTimestamp), retiredBy: row["retired_by"])
    }

    // MARK: Eligibility and issuance

    /// What the credential rules need for every registration of a sitting, candidate number order.
    ///
    /// - Throws: `session.unknown`.
    public func eligibility(sitting sittingID: String) throws -> (sitting: Sitting, curriculum: Curriculum, facts: [EligibilityFacts]) {
        try writer.read { db in try Self.eligibility(sittingID, only: nil, db) }
    }

    static func eligibility(_ sittingID: String, only number: String?, _ db: Database) throws
        -> (sitting: Sitting, curriculum: Curriculum, facts: [EligibilityFacts])
    {
        guard let sittingRow = try Row.fetchOne(db, sql: "SELECT * FROM sittings WHERE id = ?", arguments: [sittingID]) else {
            throw ProblemsError.error("session.unknown", ["session": sittingID])
        }
        let sitting = sitting(sittingRow)
        let curriculum = try curriculum(sitting.track, version: sitting.curriculumVersion, db)
        let releasedAt = try String.fetchOne(db, sql: "SELECT released_at FROM releases WHERE sitting_id = ?", arguments: [sittingID])
            .map(parseTimestamp)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.*, a.id AS attempt_id FROM registrations r JOIN candidates c ON c.id = r.candidate_id
                LEFT JOIN attempts a ON a.registration_id = r.id
                WHERE r.sitting_id = ? AND (?2 IS NULL OR c.number = ?2) ORDER BY c.number
                """, arguments: [sittingID, number])
        if let number, rows.isEmpty {
            _ = try candidateID(number, db)
            throw ProblemsError.error("register.not-registered", ["number": number, "session": sittingID])
        }
        let facts = try rows.map { row in
            let candidateID: Int64 = row["id"]
            let attemptID: Int64? = row["attempt_id"]
            var hours: [String: Double] = [:]
            for hoursRow in try Row.fetchAll(
                db,
                sql: "SELECT module_id, sum(hours) AS hours FROM training_records WHERE candidate_id = ? AND track = ? GROUP BY module_id",
                arguments: [candidateID, sitting.track])
            {
                hours[hoursRow["module_id"]] = hoursRow["hours"]
            }
            let grade = try attemptID.flatMap {
                try Row.fetchOne(db, sql: "SELECT * FROM grades WHERE attempt_id = ? ORDER BY id DESC LIMIT 1", arguments: [$0])
            }.map(storedGrade)
            let held = try credentialRecords("candidate_id = ?", [candidateID], db)
            let issued = attemptID.flatMap { id in held.first { $0.attemptID == id && $0.status.kind == .initial } }
            return EligibilityFacts(
                candidate: candidate(row), sitting: sitting, curriculum: curriculum, attemptID: attemptID,
                submitted: try attemptID.map { try submission($0, db) != nil } ?? false, grade: grade?.grade, releasedAt: releasedAt,
                trainingHours: hours, credentials: held.map(\.status), issued: issued?.status)
        }
        return (sitting, curriculum, facts)
    }

    /// Issues credentials to the registrations of a sitting that `select` picks, in one
    /// transaction: the facts are read, the numbers and status-list places given, each
    /// credential signed by `sign` and stored, or nothing is.
    ///
    /// - Parameters:
    ///   - number: only this candidate.
    ///   - keyID: the key `sign` signs with; it must be the active key.
    /// - Throws: `session.unknown`, `candidate.unknown`, `register.not-registered`, `keys.not-active`,
    ///   or what `select` and `sign` throw.
    public func issue(
        sitting sittingID: String, candidate number: String?, keyID: String,
        by operatorName: String, at date: Date, select: @escaping @Sendable (EligibilityFacts) throws -> Bool,
        sign: @escaping @Sendable (CredentialDraft) throws -> SignedCredential
    ) throws -> IssueRun {
        let action = AuditAction("credential.issue", subject: sittingID, by: .staff(operatorName), at: date)
        return try perform(action) { db, action in
            try Self.requireActiveKey(keyID, db)
            let (sitting, curriculum, facts) = try Self.eligibility(sittingID, only: number, db)
            var issued: [CredentialRecord] = []
            for fact in facts where try select(fact) {
                let until = curriculum.credential.validUntil(from: date)
                let draft = try Self.draft(
                    track: sitting.track, kind: .initial, replaces: nil, candidate: fact.candidate, attemptID: fact.attemptID,
                    curriculum: curriculum, curriculumVersion: sitting.curriculumVersion, awardedAt: date, validFrom: date,
                    validUntil: until, keyID: keyID, at: date, db)
                issued.append(try Self.store(draft, try sign(draft), by: operatorName, at: date, db))
            }
            action.details = ["numbers": issued.map(\.number).joined(separator: " ")]
            return IssueRun(sitting: sitting, curriculum: curriculum, facts: facts, issued: issued)
        }
    }

    /// Replaces a credential by a renewal or a reissue: `plan` decides from the credential
    /// and the holder's CPD records (and throws to refuse), the new credential is signed and
    /// stored and the old one marked superseded, in one transaction.
    ///
    /// - Throws: `credential.unknown`, `keys.not-active`, or what `plan` and `sign` throw.
    public func replace(
        number: String, keyID: String, by operatorName: String, at date: Date,
        plan: @escaping @Sendable (CredentialRecord, [CPDRecord]) throws -> Replacement,
        sign: @escaping @Sendable (CredentialDraft) throws -> SignedCredential
    ) throws -> (old: CredentialRecord, new: CredentialRecord) {
        try perform(AuditAction("credential.replace", subject: number, by: .staff(operatorName), at: date)) { db, action in
            try Self.requireActiveKey(keyID, db)
            guard var old = try Self.credentialRecords("number = ?", [number], db).first else {
                throw ProblemsError.error("credential.unknown", ["number": number])
            }
            let candidateID = try Self.candidateID(old.candidateNumber, db)
            let cpd = try Self.cpdRecords(candidateID, db)
            let replacement = try plan(old, cpd)
            guard let candidateRow = try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE id = ?", arguments: [candidateID]) else {
                throw ProblemsError.error("candidate.unknown", ["number": old.candidateNumber])
            }
            let draft = try Self.draft(
                track: old.track, kind: replacement.kind, replaces: old.number, candidate: Self.candidate(candidateRow),
                attemptID: old.attemptID, curriculum: try Self.curriculum(old.track, version: old.curriculumVersion, db),
                curriculumVersion: old.curriculumVersion, awardedAt: old.awardedAt, validFrom: replacement.validFrom,
                validUntil: replacement.validUntil, keyID: keyID, at: date,
                db)
            let new = try Self.store(draft, try sign(draft), by: operatorName, at: date, db)
            action.action = replacement.kind == .renewal ? "credential.renew" : "credential.reissue"
            action.reason = replacement.reason
            action.details = ["successor": new.number]
            try db.execute(
                sql: """
                    INSERT INTO credential_events (credential_id, kind, reason, successor, at, by)
                    SELECT id, 'superseded', ?, ?, ?, ? FROM credentials WHERE number = ?
                    """, arguments: [replacement.reason, new.number, Self.timestamp(date), operatorName, old.number])
            old.status.supersession = CredentialStatus.Supersession(at: date, successor: new.number, reason: replacement.reason)
            return (old, new)
        }
    }

    /// Revokes a credential.
    ///
    /// - Throws: `credential.unknown`, `revoke.already` (with when and why),
    ///   `revoke.superseded` (naming the credential that replaced it).
    public func revoke(number: String, reason: String, by operatorName: String, at date: Date) throws -> CredentialRecord {
        try perform(AuditAction("credential.revoke", subject: number, by: .staff(operatorName), reason: reason, at: date)) { db in
            guard var record = try Self.credentialRecords("number = ?", [number], db).first else {
                throw ProblemsError.error("credential.unknown", ["number": number])
            }
            if let revocation = record.status.revocation {
                throw ProblemsError.error(
                    "revoke.already",
                    [
                        "number": number, "at": revocation.at.formatted(.iso8601.year().month().day()), "by": revocation.by,
                        "reason": revocation.reason,
                    ])
            }
            if let supersession = record.status.supersession {
                throw ProblemsError.error("revoke.superseded", ["number": number, "successor": supersession.successor])
            }
            try db.execute(
                sql: """
                    INSERT INTO credential_events (credential_id, kind, reason, at, by)
                    SELECT id, 'revoked', ?, ?, ? FROM credentials WHERE number = ?
                    """, arguments: [reason, Self.timestamp(date), operatorName, number])
            record.status.revocation = CredentialStatus.Revocation(at: date, by: operatorName, reason: reason)
            return record
        }
    }

    static func requireActiveKey(_ keyID: String, _ db: Database) throws {
        let active = try String.fetchOne(db, sql: "SELECT id FROM issuer_keys WHERE retired_at IS NULL")
        guard active == keyID else { throw ProblemsError.error("keys.not-active", ["id": keyID, "active": active ?? "—"]) }
    }

    /// A draft with the next sequence number of the track and year and the next status-list place.
    private static func draft(
        track: String, kind: CredentialStatus.Kind, replaces: String?, candidate: Candidate, attemptID: Int64?, curriculum: Curriculum,
        curriculumVersion: Int, awardedAt: Date, validFrom: Date, validUntil: Date, keyID: String, at date: Date, _ db: Database
    ) throws -> CredentialDraft {
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date).year ?? 2000
        let sequence =
            (try Int.fetchOne(db, sql: "SELECT max(sequence) FROM credentials WHERE track = ? AND year = ?", arguments: [track, year])
                ?? 0) + 1
        guard sequence <= 999_999 else { throw ProblemsError.error("issue.numbers-exhausted", ["track": track, "year": String(year)]) }
        let index = (try Int.fetchOne(db, sql: "SELECT max(status_index) FROM credentials") ?? -1) + 1
        return CredentialDraft(
            track: track, year: year, sequence: sequence, statusIndex: index, kind: kind, replaces: replaces, candidate: candidate,
            attemptID: attemptID, curriculum: curriculum, curriculumVersion: curriculumVersion, awardedAt: awardedAt, validFrom: validFrom,
            validUntil: validUntil,
            keyID: keyID)
    }

    private static func store(_ draft: CredentialDraft, _ signed: SignedCredential, by operatorName: String, at date: Date, _ db: Database)
        throws -> CredentialRecord
    {
        let candidateID = try candidateID(draft.candidate.number, db)
        let other = draft.candidate.otherName
        try db.execute(
            sql: """
                INSERT INTO credentials (number, track, year, sequence, candidate_id, attempt_id, curriculum_version, kind, replaces,
                    holder_family, holder_given, holder_other_family, holder_other_given, language, awarded_at, valid_from,
                    valid_until, issued_at, issued_by, key_id, status_index, document, verification_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                signed.number, draft.track, draft.year, draft.sequence, candidateID, draft.attemptID, draft.curriculumVersion,
                draft.kind.rawValue, draft.replaces, draft.candidate.name.family, draft.candidate.name.given, other?.family,
                other?.given, draft.candidate.language.rawValue, timestamp(draft.awardedAt), timestamp(draft.validFrom),
                timestamp(draft.validUntil), timestamp(date), operatorName, draft.keyID, draft.statusIndex, signed.document,
                signed.verificationCode,
            ])
        guard let record = try credentialRecords("number = ?", [signed.number], db).first else {
            throw ProblemsError.error("credential.unknown", ["number": signed.number])
        }
        return record
    }

    // MARK: Reading credentials

    /// The credential with this (canonical) number.
    public func credential(number: String) throws -> CredentialRecord? {
        try writer.read { db in try Self.credentialRecords("number = ?", [number], db).first }
    }

    /// A candidate's credentials, oldest first.
    ///
    /// - Throws: `candidate.unknown`.
    public func credentials(candidate number: String) throws -> [CredentialRecord] {
        try writer.read { db in try Self.credentialRecords("candidate_id = ?", [try Self.candidateID(number, db)], db) }
    }

    /// A track's curriculum as published in `version`.
    public func curriculum(track: String, version: Int) throws -> Curriculum {
        try writer.read { db in try Self.curriculum(track, version: version, db) }
    }

    /// Every credential, oldest first.
    public func allCredentials() throws -> [CredentialRecord] {
        try writer.read { db in try Self.credentialRecords("1", [], db) }
    }

    static func credentialRecords(_ condition: String, _ arguments: StatementArguments, _ db: Database) throws -> [CredentialRecord] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT k.*, c.number AS candidate_number FROM credentials k JOIN candidates c ON c.id = k.candidate_id
                WHERE k.id IN (SELECT id FROM credentials WHERE \(condition)) ORDER BY k.id
                """, arguments: arguments)
        guard !rows.isEmpty else { return [] }
        var events: [Int64: [Row]] = [:]
        for event in try Row.fetchAll(
            db,
            sql: "SELECT * FROM credential_events WHERE credential_id IN (SELECT id FROM credentials WHERE \(condition))",
            arguments: arguments)
        {
            events[event["credential_id"], default: []].append(event)
        }
        return rows.map { row in
            let own = events[row["id"]] ?? []
            let revoked = own.first { $0["kind"] == "revoked" }
            let superseded = own.first { $0["kind"] == "superseded" }
            let status = CredentialStatus(
                number: row["number"], track: row["track"], kind: CredentialStatus.Kind(rawValue: row["kind"]) ?? .initial,
                validFrom: parseTimestamp(row["valid_from"]), validUntil: parseTimestamp(row["valid_until"]),
                revocation: revoked.map { .init(at: parseTimestamp($0["at"]), by: $0["by"], reason: $0["reason"]) },
                supersession: superseded.map { .init(at: parseTimestamp($0["at"]), successor: $0["successor"], reason: $0["reason"]) })
            let otherFamily: String? = row["holder_other_family"]
            return CredentialRecord(
                status: status, candidateNumber: row["candidate_number"],
                holder: PersonName(family: row["holder_family"], given: row["holder_given"]),
                holderOther: otherFamily.map { PersonName(family: $0, given: row["holder_other_given"] ?? "") },
                language: Language(rawValue: row["language"]) ?? .english, attemptID: row["attempt_id"],
                curriculumVersion: row["curriculum_version"], replaces: row["replaces"], awardedAt: parseTimestamp(row["awarded_at"]),
                issuedAt: parseTimestamp(row["issued_at"]), issuedBy: row["issued_by"], keyID: row["key_id"],
                statusIndex: row["status_index"], document: row["document"], verificationCode: row["verification_code"])
        }
    }

    // MARK: CPD

    /// Records CPD hours a holder completed for a track.
    ///
    /// - Throws: `candidate.unknown`, `cpd.no-credential` (no credential of the track was ever issued to them).
    public func recordCPD(
        candidate number: String, track: String, hours: Double, activity: String, completedOn: String, by operatorName: String,
        at date: Date
    ) throws -> CPDRecord {
        let action = AuditAction(
            "cpd.record", subject: number, by: .staff(operatorName), reason: activity,
            details: ["track": track, "hours": NumericText.compact(hours), "date": completedOn], at: date)
        return try perform(action) { db in
            let candidateID = try Self.candidateID(number, db)
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM credentials WHERE candidate_id = ? AND track = ?", arguments: [candidateID, track]) != nil
            else {
                throw ProblemsError.error("cpd.no-credential", ["number": number, "track": track])
            }
            try db.execute(
                sql: """
                    INSERT INTO cpd_records (candidate_id, track, hours, activity, completed_on, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [candidateID, track, hours, activity, completedOn, Self.timestamp(date), operatorName])
            let id = db.lastInsertedRowID
            return try Self.cpdRecords(candidateID, db).first { $0.id == id }!
        }
    }

    /// A holder's CPD records, in the order they were completed.
    ///
    /// - Throws: `candidate.unknown`.
    public func cpdRecords(candidate number: String) throws -> [CPDRecord] {
        try writer.read { db in try Self.cpdRecords(try Self.candidateID(number, db), db) }
    }

    static func cpdRecords(_ candidateID: Int64, _ db: Database) throws -> [CPDRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.*, c.number FROM cpd_records p JOIN candidates c ON c.id = p.candidate_id
                WHERE p.candidate_id = ? ORDER BY p.completed_on, p.id
                """, arguments: [candidateID]
        ).map { row in
            CPDRecord(
                id: row["id"], candidateNumber: row["number"], track: row["track"], hours: row["hours"], activity: row["activity"],
                completedOn: row["completed_on"], recordedAt: parseTimestamp(row["recorded_at"]), recordedBy: row["recorded_by"])
        }
    }
}
