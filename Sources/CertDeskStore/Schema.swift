import GRDB

/// CertDesk's migrations. A shipped migration never changes; new needs get new migrations.
///
/// Migrations use raw SQL and no application types, so the schema of any past release can be
/// rebuilt exactly. Content tables are append-only: triggers refuse UPDATE and DELETE on every
/// version row, because past and running exams point at exactly what a candidate saw.
enum Schema {
    /// `PRAGMA application_id` of a CertDesk database: "CDSK".
    static let applicationID: Int32 = 0x4344_534B

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-content", migrate: createContentTables)
        migrator.registerMigration("v2-exam", migrate: createExamTables)
        migrator.registerMigration("v3-grading", migrate: createGradingTables)
        migrator.registerMigration("v4-credentials", migrate: createCredentialTables)
        migrator.registerMigration("v5-accounts", migrate: createAccountTables)
        migrator.registerMigration("v6-pool", migrate: createPoolTables)
        return migrator
    }

    private static func createContentTables(_ db: Database) throws {
        try db.execute(
            sql: """
                PRAGMA application_id = \(applicationID);

                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('curriculum', 'bank')),
                    imported_at TEXT NOT NULL CHECK (imported_at GLOB '[0-9][0-9][0-9][0-9]-*'),
                    operator TEXT NOT NULL,
                    paths TEXT NOT NULL CHECK (json_valid(paths)),
                    added INTEGER NOT NULL CHECK (added >= 0),
                    changed INTEGER NOT NULL CHECK (changed >= 0),
                    unchanged INTEGER NOT NULL CHECK (unchanged >= 0),
                    warnings INTEGER NOT NULL CHECK (warnings >= 0)
                ) STRICT;

                CREATE TABLE curriculum_versions (
                    track TEXT NOT NULL CHECK (length(track) BETWEEN 2 AND 16 AND track GLOB '[A-Z]*' AND NOT track GLOB '*[^A-Z0-9]*'),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
                    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
                    title TEXT NOT NULL CHECK (json_valid(title)),
                    prerequisites TEXT NOT NULL CHECK (json_valid(prerequisites) AND json_type(prerequisites) = 'array'),
                    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
                    pass_mark REAL NOT NULL CHECK (pass_mark > 0 AND pass_mark <= 100),
                    valid_years INTEGER NOT NULL CHECK (valid_years BETWEEN 1 AND 50),
                    renewal_cpd_hours REAL NOT NULL CHECK (renewal_cpd_hours >= 0),
                    document TEXT NOT NULL CHECK (json_valid(document)),
                    source TEXT NOT NULL,
                    import_id INTEGER NOT NULL REFERENCES imports(id),
                    PRIMARY KEY (track, version)
                ) STRICT;

                CREATE TABLE tracks (
                    code TEXT PRIMARY KEY,
                    current_version INTEGER NOT NULL,
                    FOREIGN KEY (code, current_version) REFERENCES curriculum_versions(track, version)
                ) STRICT;

                CREATE TABLE modules (
                    track TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    module_id TEXT NOT NULL CHECK (length(module_id) BETWEEN 1 AND 64),
                    position INTEGER NOT NULL CHECK (position >= 1),
                    title TEXT NOT NULL CHECK (json_valid(title)),
                    hours REAL NOT NULL CHECK (hours > 0),
                    objectives TEXT NOT NULL CHECK (json_valid(objectives) AND json_type(objectives) = 'array'),
                    PRIMARY KEY (track, version, module_id),
                    UNIQUE (track, version, position),
                    FOREIGN KEY (track, version) REFERENCES curriculum_versions(track, version)
                ) STRICT;

                CREATE TABLE blueprint_entries (
                    track TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    module_id TEXT NOT NULL,
                    questions INTEGER NOT NULL CHECK (questions >= 1),
                    difficulty_mix TEXT NOT NULL CHECK (json_valid(difficulty_mix) AND json_type(difficulty_mix) = 'object'),
                    PRIMARY KEY (track, version, module_id),
                    FOREIGN KEY (track, version, module_id) REFERENCES modules(track, version, module_id)
                ) STRICT;

                -- Every module id a track has ever had, so a question version can always name its module.
                CREATE TABLE track_modules (
                    track TEXT NOT NULL REFERENCES tracks(code),
                    module_id TEXT NOT NULL,
                    PRIMARY KEY (track, module_id)
                ) STRICT;

                CREATE TABLE question_versions (
                    question_id TEXT NOT NULL CHECK (length(question_id) BETWEEN 1 AND 64),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
                    track TEXT NOT NULL,
                    module_id TEXT NOT NULL,
                    type TEXT NOT NULL CHECK (type IN ('single', 'multiple', 'true-false', 'short', 'numeric', 'essay')),
                    difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
                    points REAL NOT NULL CHECK (points > 0),
                    shuffle INTEGER NOT NULL CHECK (shuffle IN (0, 1)),
                    scoring TEXT NOT NULL CHECK (scoring IN ('partial', 'all-or-nothing')),
                    stem TEXT NOT NULL CHECK (json_valid(stem)),
                    options TEXT NOT NULL CHECK (json_valid(options) AND json_type(options) = 'array'),
                    answer TEXT CHECK (answer IS NULL OR json_valid(answer)),
                    explanation TEXT CHECK (explanation IS NULL OR json_valid(explanation)),
                    rubric TEXT CHECK (rubric IS NULL OR json_valid(rubric)),
                    languages TEXT NOT NULL CHECK (json_valid(languages) AND json_type(languages) = 'array'),
                    derived_fields TEXT NOT NULL CHECK (json_valid(derived_fields) AND json_type(derived_fields) = 'array'),
                    source TEXT NOT NULL,
                    import_id INTEGER NOT NULL REFERENCES imports(id),
                    PRIMARY KEY (question_id, version),
                    FOREIGN KEY (track, module_id) REFERENCES track_modules(track, module_id),
                    CHECK ((type IN ('single', 'multiple') AND json_array_length(options) >= 2 AND answer IS NULL)
                        OR (type = 'true-false' AND ((json_array_length(options) = 2 AND answer IS NULL)
                                                  OR (json_array_length(options) = 0 AND answer IS NOT NULL)))
                        OR (type IN ('short', 'numeric') AND json_array_length(options) = 0 AND answer IS NOT NULL)
                        OR (type = 'essay' AND json_array_length(options) = 0 AND answer IS NULL))
                ) STRICT;
                CREATE INDEX question_versions_by_module ON question_versions(track, module_id);

                CREATE TABLE questions (
                    id TEXT PRIMARY KEY,
                    track TEXT NOT NULL REFERENCES tracks(code),
                    current_version INTEGER NOT NULL,
                    FOREIGN KEY (id, current_version) REFERENCES question_versions(question_id, version)
                ) STRICT;
                CREATE INDEX questions_by_track ON questions(track);
                """)
        try appendOnly(["imports", "curriculum_versions", "modules", "blueprint_entries", "question_versions"], db)
        // A question's current version may only move forward, and never to another track.
        try db.execute(
            sql: """
                CREATE TRIGGER questions_forward_only BEFORE UPDATE ON questions
                WHEN NEW.current_version <= OLD.current_version OR NEW.track <> OLD.track OR NEW.id <> OLD.id
                BEGIN SELECT RAISE(ABORT, 'a question can only move to a newer version'); END;
                CREATE TRIGGER questions_no_delete BEFORE DELETE ON questions
                BEGIN SELECT RAISE(ABORT, 'questions cannot be deleted; retire them instead'); END;
                CREATE TRIGGER tracks_forward_only BEFORE UPDATE ON tracks
                WHEN NEW.current_version <= OLD.current_version OR NEW.code <> OLD.code
                BEGIN SELECT RAISE(ABORT, 'a track can only move to a newer curriculum version'); END;
                """)
    }

    /// Candidates, sittings, registrations, papers and the append-only record of every answer.
    ///
    /// Exam times (`*_ms`) are milliseconds since 1970 UTC, so deadlines compare exactly;
    /// administrative times (`*_at`) are ISO 8601 text.
    private static func createExamTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE candidates (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE CHECK (number GLOB 'C-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9]'),
                    family_name TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
                    given_name TEXT NOT NULL,
                    other_family_name TEXT,
                    other_given_name TEXT,
                    id_document TEXT NOT NULL CHECK (length(trim(id_document)) > 0),
                    id_document_key TEXT NOT NULL UNIQUE,
                    email TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),
                    language TEXT NOT NULL CHECK (language IN ('en', 'zh-Hant', 'zh-Hans')),
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    CHECK ((other_family_name IS NULL) = (other_given_name IS NULL))
                ) STRICT;

                CREATE TABLE sittings (
                    id TEXT PRIMARY KEY,
                    track TEXT NOT NULL,
                    curriculum_version INTEGER NOT NULL,
                    starts_ms INTEGER NOT NULL,
                    time_zone TEXT NOT NULL,
                    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
                    late_entry_minutes INTEGER NOT NULL CHECK (late_entry_minutes BETWEEN 0 AND 240),
                    centre TEXT NOT NULL CHECK (length(trim(centre)) > 0),
                    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    FOREIGN KEY (track, curriculum_version) REFERENCES curriculum_versions(track, version)
                ) STRICT;
                CREATE INDEX sittings_by_start ON sittings(starts_ms);

                CREATE TABLE training_records (
                    id INTEGER PRIMARY KEY,
                    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
                    track TEXT NOT NULL,
                    module_id TEXT NOT NULL,
                    hours REAL NOT NULL CHECK (hours > 0 AND hours <= 1000),
                    note TEXT,
                    recorded_at TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    FOREIGN KEY (track, module_id) REFERENCES track_modules(track, module_id)
                ) STRICT;
                CREATE INDEX training_by_candidate ON training_records(candidate_id);

                CREATE TABLE registrations (
                    id INTEGER PRIMARY KEY,
                    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
                    sitting_id TEXT NOT NULL REFERENCES sittings(id),
                    registered_at TEXT NOT NULL,
                    registered_by TEXT NOT NULL,
                    UNIQUE (candidate_id, sitting_id)
                ) STRICT;
                CREATE INDEX registrations_by_sitting ON registrations(sitting_id);

                -- The latest code of a registration is the one that opens it.
                CREATE TABLE access_codes (
                    id INTEGER PRIMARY KEY,
                    registration_id INTEGER NOT NULL REFERENCES registrations(id),
                    salt TEXT NOT NULL CHECK (length(salt) = 32),
                    code_hash TEXT NOT NULL CHECK (length(code_hash) = 64),
                    issued_at_ms INTEGER NOT NULL,
                    issued_by TEXT NOT NULL
                ) STRICT;
                CREATE INDEX access_codes_by_registration ON access_codes(registration_id, id);

                CREATE TABLE login_failures (
                    id INTEGER PRIMARY KEY,
                    candidate_number TEXT NOT NULL,
                    reason TEXT NOT NULL CHECK (reason IN ('unknown-candidate', 'wrong-code', 'locked')),
                    at_ms INTEGER NOT NULL,
                    terminal TEXT NOT NULL
                ) STRICT;
                CREATE INDEX login_failures_by_number ON login_failures(candidate_number, at_ms);

                CREATE TABLE attempts (
                    id INTEGER PRIMARY KEY,
                    registration_id INTEGER NOT NULL UNIQUE REFERENCES registrations(id),
                    seed INTEGER NOT NULL,
                    assembler TEXT NOT NULL,
                    pool_digest TEXT NOT NULL CHECK (length(pool_digest) = 64),
                    seen TEXT NOT NULL CHECK (json_valid(seen) AND json_type(seen) = 'array'),
                    started_ms INTEGER NOT NULL,
                    duration_minutes INTEGER NOT NULL CHECK (duration_minutes >= 1),
                    language TEXT NOT NULL CHECK (language IN ('en', 'zh-Hant', 'zh-Hans'))
                ) STRICT;

                CREATE TABLE paper_items (
                    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
                    slot INTEGER NOT NULL CHECK (slot >= 1),
                    question_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    option_order TEXT NOT NULL CHECK (json_valid(option_order) AND json_type(option_order) = 'array'),
                    PRIMARY KEY (attempt_id, slot),
                    UNIQUE (attempt_id, question_id),
                    FOREIGN KEY (question_id, version) REFERENCES question_versions(question_id, version)
                ) STRICT;
                CREATE INDEX paper_items_by_question ON paper_items(question_id);

                -- Every answer and flag change is a new row; the latest per slot and kind counts.
                CREATE TABLE responses (
                    id INTEGER PRIMARY KEY,
                    attempt_id INTEGER NOT NULL,
                    slot INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('answer', 'flag')),
                    value TEXT CHECK (value IS NULL OR json_valid(value)),
                    at_ms INTEGER NOT NULL,
                    terminal TEXT NOT NULL,
                    FOREIGN KEY (attempt_id, slot) REFERENCES paper_items(attempt_id, slot),
                    CHECK (kind = 'answer' OR value IN ('true', 'false'))
                ) STRICT;
                CREATE INDEX responses_by_attempt ON responses(attempt_id, slot, id);

                CREATE TABLE attempt_events (
                    id INTEGER PRIMARY KEY,
                    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
                    kind TEXT NOT NULL CHECK (kind IN ('started', 'resumed', 'taken-over', 'position', 'language',
                        'submitted', 'auto-submitted', 'expired')),
                    slot INTEGER,
                    detail TEXT,
                    at_ms INTEGER NOT NULL,
                    terminal TEXT NOT NULL
                ) STRICT;
                CREATE INDEX attempt_events_by_attempt ON attempt_events(attempt_id, id);
                CREATE UNIQUE INDEX attempt_events_one_submission ON attempt_events(attempt_id)
                    WHERE kind IN ('submitted', 'auto-submitted', 'expired');

                -- Which terminal has an attempt open now; the only exam table that is updated.
                CREATE TABLE attempt_holds (
                    attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id),
                    token TEXT NOT NULL,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    terminal TEXT NOT NULL,
                    since_ms INTEGER NOT NULL
                ) STRICT;

                CREATE TABLE extra_time (
                    id INTEGER PRIMARY KEY,
                    sitting_id TEXT NOT NULL REFERENCES sittings(id),
                    registration_id INTEGER REFERENCES registrations(id),
                    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
                    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                    granted_at TEXT NOT NULL,
                    granted_by TEXT NOT NULL
                ) STRICT;
                CREATE INDEX extra_time_by_sitting ON extra_time(sitting_id);

                CREATE TRIGGER responses_closed_after_submission BEFORE INSERT ON responses
                WHEN EXISTS (SELECT 1 FROM attempt_events WHERE attempt_id = NEW.attempt_id
                             AND kind IN ('submitted', 'auto-submitted', 'expired'))
                BEGIN SELECT RAISE(ABORT, 'the attempt has been submitted'); END;
                """)
        try appendOnly(
            [
                "sittings", "training_records", "registrations", "access_codes", "login_failures", "attempts", "paper_items",
                "responses", "attempt_events", "extra_time",
            ], db)
    }
}
