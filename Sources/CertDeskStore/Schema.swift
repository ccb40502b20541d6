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
        for table in ["imports", "curriculum_versions", "modules", "blueprint_entries", "question_versions"] {
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) rows are history and cannot be changed'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) rows are history and cannot be deleted'); END;
                    """)
        }
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
}
