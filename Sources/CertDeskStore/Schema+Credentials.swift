import GRDB

extension Schema {
    /// The issuer, its signing keys (public halves only), credentials and their life cycle,
    /// and the CPD hours renewals need.
    ///
    /// A credential row holds the signed document exactly as issued; it never changes.
    /// Revocation and replacement are events beside it, so the history stays whole.
    static func createCredentialTables(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The certification body as its credentials name it. One row.
                CREATE TABLE issuer_profile (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    issuer_id TEXT NOT NULL CHECK (length(trim(issuer_id)) > 0),
                    name TEXT NOT NULL CHECK (json_valid(name) AND json_type(name) = 'object'),
                    verify_url TEXT,
                    updated_at TEXT NOT NULL,
                    updated_by TEXT NOT NULL
                ) STRICT;

                -- Public halves of the issuer's Ed25519 keys; the private halves live in key files.
                -- At most one key is active (not retired); retired keys still verify what they signed.
                CREATE TABLE issuer_keys (
                    id TEXT PRIMARY KEY,
                    public_key TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    retired_at TEXT,
                    retired_by TEXT
                ) STRICT;
                CREATE UNIQUE INDEX issuer_keys_one_active ON issuer_keys(retired_at IS NULL) WHERE retired_at IS NULL;
                CREATE TRIGGER issuer_keys_no_delete BEFORE DELETE ON issuer_keys
                BEGIN SELECT RAISE(ABORT, 'issuer keys are history and cannot be deleted'); END;
                CREATE TRIGGER issuer_keys_retire_only BEFORE UPDATE ON issuer_keys
                WHEN OLD.retired_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.public_key IS NOT OLD.public_key
                    OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by OR NEW.retired_at IS NULL
                BEGIN SELECT RAISE(ABORT, 'an issuer key can only be retired, once'); END;

                CREATE TABLE credentials (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    track TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    sequence INTEGER NOT NULL CHECK (sequence BETWEEN 0 AND 999999),
                    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
                    -- The passing attempt the credential rests on (kept by renewals and reissues).
                    attempt_id INTEGER REFERENCES attempts(id),
                    curriculum_version INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('initial', 'renewal', 'reissue')),
                    replaces TEXT REFERENCES credentials(number),
                    holder_family TEXT NOT NULL,
                    holder_given TEXT NOT NULL,
                    holder_other_family TEXT,
                    holder_other_given TEXT,
                    language TEXT NOT NULL,
                    awarded_at TEXT NOT NULL,
                    valid_from TEXT NOT NULL,
                    valid_until TEXT NOT NULL CHECK (valid_until > valid_from),
                    issued_at TEXT NOT NULL,
                    issued_by TEXT NOT NULL,
                    key_id TEXT NOT NULL REFERENCES issuer_keys(id),
                    status_index INTEGER NOT NULL UNIQUE CHECK (status_index >= 0),
                    -- The signed credential, byte for byte as issued.
                    document TEXT NOT NULL CHECK (json_valid(document)),
                    verification_code TEXT NOT NULL,
                    UNIQUE (track, year, sequence),
                    CHECK ((kind = 'initial') = (replaces IS NULL))
                ) STRICT;
                CREATE UNIQUE INDEX credentials_one_per_attempt ON credentials(attempt_id) WHERE kind = 'initial';
                CREATE INDEX credentials_by_candidate ON credentials(candidate_id, track);

                -- Revocations and replacements. A credential is revoked at most once and replaced at most once.
                CREATE TABLE credential_events (
                    id INTEGER PRIMARY KEY,
                    credential_id INTEGER NOT NULL REFERENCES credentials(id),
                    kind TEXT NOT NULL CHECK (kind IN ('revoked', 'superseded')),
                    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                    successor TEXT REFERENCES credentials(number),
                    at TEXT NOT NULL,
                    by TEXT NOT NULL,
                    UNIQUE (credential_id, kind),
                    CHECK ((kind = 'superseded') = (successor IS NOT NULL))
                ) STRICT;

                -- Continuing professional development a holder completed, counted toward renewal.
                CREATE TABLE cpd_records (
                    id INTEGER PRIMARY KEY,
                    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
                    track TEXT NOT NULL,
                    hours REAL NOT NULL CHECK (hours > 0 AND hours <= 200),
                    activity TEXT NOT NULL CHECK (length(trim(activity)) > 0),
                    completed_on TEXT NOT NULL CHECK (completed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    recorded_at TEXT NOT NULL,
                    recorded_by TEXT NOT NULL
                ) STRICT;
                CREATE INDEX cpd_by_candidate ON cpd_records(candidate_id, track, completed_on);

                -- Corrections of a candidate's name, the names before and after (a misspelt
                -- certificate is reissued after one).
                CREATE TABLE candidate_name_changes (
                    id INTEGER PRIMARY KEY,
                    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
                    before TEXT NOT NULL CHECK (json_valid(before)),
                    after TEXT NOT NULL CHECK (json_valid(after)),
                    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                    changed_at TEXT NOT NULL,
                    changed_by TEXT NOT NULL
                ) STRICT;
                """)
        try appendOnly(["credentials", "credential_events", "cpd_records", "candidate_name_changes"], db)
    }
}
