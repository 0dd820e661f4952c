#include "core/storage/Migrations.h"

#include "core/storage/SqlError.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

std::vector<Migration> buildMigrations()
{
    std::vector<Migration> steps;
    steps.push_back(Migration{
        1,
        "contacts, tags, lists and custom fields",
        {
            // Plain key/value metadata; schema_version lives here rather than in a
            // SQLite-only pragma so the same scheme serves a PostgreSQL workspace later.
            QStringLiteral("CREATE TABLE workspace_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO workspace_info (key, value) VALUES ('application', 'mailroom')"),
            QStringLiteral("CREATE TABLE contacts ("
                           " id INTEGER PRIMARY KEY,"
                           " email TEXT NOT NULL,"
                           " email_key TEXT NOT NULL UNIQUE,"
                           " first_name TEXT NOT NULL DEFAULT '',"
                           " last_name TEXT NOT NULL DEFAULT '',"
                           " company TEXT NOT NULL DEFAULT '',"
                           " phone TEXT NOT NULL DEFAULT '',"
                           " street TEXT NOT NULL DEFAULT '',"
                           " city TEXT NOT NULL DEFAULT '',"
                           " region TEXT NOT NULL DEFAULT '',"
                           " postcode TEXT NOT NULL DEFAULT '',"
                           " country TEXT NOT NULL DEFAULT '',"
                           " notes TEXT NOT NULL DEFAULT '',"
                           " status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
                           " consent_source TEXT NOT NULL DEFAULT '',"
                           " consent_at TEXT,"
                           " created_at TEXT NOT NULL,"
                           " updated_at TEXT NOT NULL)"),
            // Keyset paging needs an index per sortable column, with id as the tie-breaker.
            QStringLiteral("CREATE INDEX contacts_by_email ON contacts (email_key, id)"),
            QStringLiteral("CREATE INDEX contacts_by_first_name ON contacts (first_name COLLATE NOCASE, id)"),
            QStringLiteral("CREATE INDEX contacts_by_last_name ON contacts (last_name COLLATE NOCASE, id)"),
            QStringLiteral("CREATE INDEX contacts_by_company ON contacts (company COLLATE NOCASE, id)"),
            QStringLiteral("CREATE INDEX contacts_by_city ON contacts (city COLLATE NOCASE, id)"),
            QStringLiteral("CREATE INDEX contacts_by_country ON contacts (country COLLATE NOCASE, id)"),
            QStringLiteral("CREATE INDEX contacts_by_status ON contacts (status, id)"),
            QStringLiteral("CREATE INDEX contacts_by_created ON contacts (created_at, id)"),
            QStringLiteral("CREATE INDEX contacts_by_updated ON contacts (updated_at, id)"),
            QStringLiteral("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)"),
            QStringLiteral("CREATE TABLE contact_tags ("
                           " contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
                           " tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
                           " PRIMARY KEY (contact_id, tag_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX contact_tags_by_tag ON contact_tags (tag_id, contact_id)"),
            QStringLiteral("CREATE TABLE lists (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                           " created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE list_members ("
                           " list_id INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,"
                           " contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
                           " PRIMARY KEY (list_id, contact_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX list_members_by_contact ON list_members (contact_id, list_id)"),
            QStringLiteral("CREATE TABLE custom_fields (id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                           " type INTEGER NOT NULL CHECK (type BETWEEN 0 AND 3))"),
            QStringLiteral("CREATE TABLE contact_field_values ("
                           " contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
                           " field_id INTEGER NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,"
                           " value TEXT NOT NULL,"
                           " PRIMARY KEY (contact_id, field_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX field_values_by_field ON contact_field_values (field_id, value, contact_id)"),
        }});
    steps.push_back(Migration{
        2,
        "full-text search over names, email, company, tags and notes",
        {
            // A self-contained FTS5 table keyed by contact id; the repository keeps it in
            // step with contacts and their tags. Prefix indexes make as-you-type "j*", "jo*" cheap.
            QStringLiteral("CREATE VIRTUAL TABLE contacts_fts USING fts5("
                           " email, first_name, last_name, company, tags, notes,"
                           " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"),
            QStringLiteral("INSERT INTO contacts_fts (rowid, email, first_name, last_name, company, tags, notes)"
                           " SELECT c.id, c.email, c.first_name, c.last_name, c.company,"
                           " COALESCE((SELECT group_concat(t.name, ' ') FROM contact_tags ct"
                           "           JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),"
                           " c.notes FROM contacts c"),
        }});
    steps.push_back(Migration{3,
                              "drop an index the email column's own unique index already provides",
                              {
                                  // email_key is UNIQUE and NOT NULL, so its automatic index orders (email_key, id) by
                                  // itself: SQLite sorts and pages the Email column on it with no temporary b-tree.
                                  // One index fewer to keep up on every write (a million-row import most of all).
                                  QStringLiteral("DROP INDEX contacts_by_email"),
                              }});
    steps.push_back(Migration{
        4,
        "campaigns, segments, suppressions, the vault and DKIM keys",
        {
            // A segment's rules are JSON (match all/any, a list of conditions): they are read and
            // written whole by Segment, and a rule kind added later needs no new column.
            QStringLiteral("CREATE TABLE segments (id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                           " rules TEXT NOT NULL,"
                           " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
            // One row per suppressed address (kind 0: pattern is the email key) or whole domain
            // (kind 1: pattern is the lower-case ASCII domain). Checked on every audience.
            QStringLiteral("CREATE TABLE suppressions (id INTEGER PRIMARY KEY,"
                           " kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 1),"
                           " pattern TEXT NOT NULL,"
                           " reason TEXT NOT NULL DEFAULT '',"
                           " created_at TEXT NOT NULL,"
                           " UNIQUE (kind, pattern))"),
            QStringLiteral("CREATE TABLE campaigns (id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL,"
                           " subject TEXT NOT NULL DEFAULT '',"
                           " preheader TEXT NOT NULL DEFAULT '',"
                           " from_name TEXT NOT NULL DEFAULT '',"
                           " from_address TEXT NOT NULL DEFAULT '',"
                           " reply_to TEXT NOT NULL DEFAULT '',"
                           " html_body TEXT NOT NULL DEFAULT '',"
                           // Empty: the text part is generated from the HTML when rendering.
                           " text_body TEXT NOT NULL DEFAULT '',"
                           // HTML under every message: the postal address and the unsubscribe link.
                           " footer_html TEXT NOT NULL DEFAULT '',"
                           " segment_id INTEGER REFERENCES segments (id) ON DELETE SET NULL,"
                           " status INTEGER NOT NULL DEFAULT 0,"
                           " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
            // The lists and tags a campaign goes to (kind 0: list, 1: tag), before its segment narrows them.
            QStringLiteral("CREATE TABLE campaign_groups ("
                           " campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
                           " kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 1),"
                           " group_id INTEGER NOT NULL,"
                           " PRIMARY KEY (campaign_id, kind, group_id)) WITHOUT ROWID"),
            // Attachments and inline images (content_id set) are stored in the workspace, so a
            // campaign renders the same bytes however the files on disk change.
            QStringLiteral("CREATE TABLE campaign_attachments (id INTEGER PRIMARY KEY,"
                           " campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
                           " file_name TEXT NOT NULL,"
                           " mime_type TEXT NOT NULL,"
                           " content_id TEXT,"
                           " content BLOB NOT NULL)"),
            QStringLiteral("CREATE INDEX campaign_attachments_by_campaign ON campaign_attachments (campaign_id, id)"),
            // The vault's records: AES-256/GCM ciphertext (nonce and tag inside), never plaintext.
            QStringLiteral("CREATE TABLE secrets (id INTEGER PRIMARY KEY,"
                           " kind TEXT NOT NULL,"
                           " name TEXT NOT NULL,"
                           " ciphertext BLOB NOT NULL,"
                           " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
                           " UNIQUE (kind, name))"),
            QStringLiteral("CREATE TABLE dkim_keys (id INTEGER PRIMARY KEY,"
                           " domain TEXT NOT NULL COLLATE NOCASE,"
                           " selector TEXT NOT NULL,"
                           " algorithm TEXT NOT NULL CHECK (algorithm IN ('rsa-sha256', 'ed25519-sha256')),"
                           " public_key TEXT NOT NULL,"
                           " secret_id INTEGER NOT NULL REFERENCES secrets (id),"
                           " created_at TEXT NOT NULL,"
                           " UNIQUE (domain, selector))"),
        }});
    steps.push_back(Migration{
        5,
        "sender accounts, the outbox, quotas and campaign schedules",
        {
            // Delivery times are integer milliseconds since the epoch (UTC): the scheduler compares
            // and adds them on every claim, and they index cheaply.
            QStringLiteral("CREATE TABLE accounts (id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                           " preset TEXT NOT NULL CHECK (preset IN ('gmail', 'workspace', 'outlook', 'ses', 'smtp')),"
                           " host TEXT NOT NULL,"
                           " port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),"
                           " security TEXT NOT NULL CHECK (security IN ('starttls', 'tls', 'none')),"
                           " auth TEXT NOT NULL CHECK (auth IN ('password', 'xoauth2', 'none')),"
                           " user_name TEXT NOT NULL DEFAULT '',"
                           // 1: AUTH may go over a connection without TLS (the user said so for this account).
                           " allow_plaintext_auth INTEGER NOT NULL DEFAULT 0,"
                           // SHA-256 of the one certificate the user trusts for this account (lower-case hex), or ''.
                           " trusted_certificate TEXT NOT NULL DEFAULT '',"
                           " from_name TEXT NOT NULL DEFAULT '',"
                           " from_address TEXT NOT NULL,"
                           " daily_limit INTEGER NOT NULL CHECK (daily_limit > 0),"
                           " per_minute INTEGER NOT NULL CHECK (per_minute > 0),"
                           " connections INTEGER NOT NULL CHECK (connections BETWEEN 1 AND 32),"
                           " dkim_key_id INTEGER REFERENCES dkim_keys (id) ON DELETE SET NULL,"
                           // The password or OAuth token, in the vault; never in this table.
                           " secret_id INTEGER REFERENCES secrets (id),"
                           // The rate's token bucket, kept so a restart does not refill it.
                           " bucket_tokens REAL NOT NULL DEFAULT 0,"
                           " bucket_at INTEGER NOT NULL DEFAULT 0,"
                           // After a reply that means the account hit a limit: no sending before this time.
                           " cool_until INTEGER NOT NULL DEFAULT 0,"
                           " cool_reason TEXT NOT NULL DEFAULT '',"
                           " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
            // The messages that may have reached an account's server, per minute (minute = ms
            // since the epoch / 60,000): the rolling 24-hour cap sums them. A send counts until
            // the end of its minute plus 24 hours, at most a minute longer than exactly, so the
            // cap is never passed; and a day is at most 1,441 rows per account whatever it
            // sends, so the sum stays cheap at 100,000 a day. Apart from the outbox, so
            // deleting a campaign frees no quota.
            QStringLiteral("CREATE TABLE account_sends ("
                           " account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
                           " minute INTEGER NOT NULL,"
                           " sends INTEGER NOT NULL,"
                           " PRIMARY KEY (account_id, minute)) WITHOUT ROWID"),
            // The accounts a campaign may send from; none: every account.
            QStringLiteral("CREATE TABLE campaign_accounts ("
                           " campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
                           " account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
                           " PRIMARY KEY (campaign_id, account_id)) WITHOUT ROWID"),
            QStringLiteral("ALTER TABLE campaigns ADD COLUMN scheduled_at INTEGER"),
            // The queue: a row per recipient, made when the campaign starts. contact_id has no
            // foreign key: a contact deleted after the snapshot is skipped, not cascaded away.
            // state: see OutboxState. claim_boot is the boot id of the machine that claimed the
            // row, which tells a killed process (its commits survived) from a power cut.
            QStringLiteral("CREATE TABLE outbox (id INTEGER PRIMARY KEY,"
                           " campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
                           " contact_id INTEGER NOT NULL,"
                           " email TEXT NOT NULL,"
                           " state INTEGER NOT NULL DEFAULT 0,"
                           " attempts INTEGER NOT NULL DEFAULT 0,"
                           " next_attempt_at INTEGER NOT NULL DEFAULT 0,"
                           " account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,"
                           " claim_boot TEXT NOT NULL DEFAULT '',"
                           " reply TEXT NOT NULL DEFAULT '',"
                           " queued_at INTEGER NOT NULL,"
                           " updated_at INTEGER NOT NULL,"
                           " UNIQUE (campaign_id, contact_id))"),
            QStringLiteral("CREATE INDEX outbox_by_state ON outbox (campaign_id, state, next_attempt_at, id)"),
            // Every attempt on a recipient and what the server said: the per-recipient log.
            QStringLiteral("CREATE TABLE outbox_log (id INTEGER PRIMARY KEY,"
                           " outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,"
                           " at INTEGER NOT NULL,"
                           " account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,"
                           " state INTEGER NOT NULL,"
                           " reply TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX outbox_log_by_item ON outbox_log (outbox_id, id)"),
        }});
    return steps;
}

} // namespace

const std::vector<Migration>& Migrations::all()
{
    static const std::vector<Migration> steps = buildMigrations();
    return steps;
}

int Migrations::latestVersion()
{
    return all().back().version;
}

Result<int> Migrations::currentVersion(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the workspace schema"));
    }
    q.next();
    if (q.value(0).toInt() == 0) {
        return 0;
    }
    if (!q.exec(QStringLiteral("SELECT value FROM workspace_info WHERE key = 'application'")) || !q.next() ||
        q.value(0).toString() != QLatin1String("mailroom")) {
        return Error{ErrorCode::WorkspaceCorrupt,
                     QCoreApplication::translate("Migrations", "%1 is a database, but not a Mailroom workspace.")
                         .arg(db.databaseName())};
    }
    if (!q.exec(QStringLiteral("SELECT value FROM workspace_info WHERE key = 'schema_version'")) || !q.next()) {
        return Error{ErrorCode::WorkspaceCorrupt,
                     QCoreApplication::translate("Migrations", "The workspace %1 has no schema version; it is damaged.")
                         .arg(db.databaseName())};
    }
    bool ok = false;
    const int version = q.value(0).toString().toInt(&ok);
    if (!ok || version < 1) {
        return Error{ErrorCode::WorkspaceCorrupt,
                     QCoreApplication::translate("Migrations", "The workspace %1 has an unreadable schema version.")
                         .arg(db.databaseName())};
    }
    return version;
}

Status Migrations::migrate(QSqlDatabase db, int targetVersion)
{
    if (targetVersion < 0) {
        targetVersion = latestVersion();
    }
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    // Read the version inside the write transaction: two processes opening a new
    // workspace at once must not both apply step 1.
    const Result<int> current = currentVersion(db);
    if (!current) {
        return current.error();
    }
    if (current.value() > latestVersion()) {
        return Error{ErrorCode::WorkspaceTooNew,
                     QCoreApplication::translate(
                         "Migrations",
                         "The workspace %1 was made by a newer Mailroom (schema %2; this version reads up to %3). "
                         "Update Mailroom to open it.")
                         .arg(db.databaseName())
                         .arg(current.value())
                         .arg(latestVersion())};
    }
    if (current.value() >= targetVersion) {
        return Ok{};
    }
    QSqlQuery q(db);
    for (const Migration& step : all()) {
        if (step.version <= current.value() || step.version > targetVersion) {
            continue;
        }
        for (const QString& sql : step.statements) {
            if (!q.exec(sql)) {
                return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "upgrade the workspace schema"));
            }
        }
        q.prepare(QStringLiteral("INSERT INTO workspace_info (key, value) VALUES ('schema_version', ?)"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
        q.addBindValue(QString::number(step.version));
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "record the schema version"));
        }
    }
    return tx.commit();
}
