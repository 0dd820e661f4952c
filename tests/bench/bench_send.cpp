// Delivery throughput: a campaign of personalised ~20 KB messages sent by the DeliveryEngine (the
// code `mailroom-cli campaign send --wait` and the window run, default DeliveryOptions) to an SMTP
// server, one account with N connections. Prints "name value" lines for bench_send.sh.
//
//   bench_send --prepare --workspace FILE [--contacts N]
//       makes the workspace once: a vault, N subscribed contacts on the list "Newsletter" (names
//       in six scripts, a city, a custom field), and an Ed25519 DKIM key for signed.example.
//   bench_send --workspace FILE --port P --connections N [--signed]
//       on a copy of that workspace: a campaign to the list (From plain.example, or
//       signed.example signed with its key), an account on 127.0.0.1:P, start, and the engine
//       until every row is sent. Timed from DeliveryEngine::start to the last row's sent time;
//       CPU by getrusage(RUSAGE_SELF) over the same span (the dispatcher, the writer, every
//       worker and this program's polling), RSS sampled as 25/50/75/100 % of the rows are sent
//       and the peak (VmHWM, reset after the set-up).

#include "core/campaigns/CampaignRenderer.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/DkimKeyRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "core/campaigns/StarterTemplates.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/delivery/AccountRepository.h"
#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/DeliveryEngine.h"
#include "core/delivery/OutboxState.h"
#include "core/delivery/QuotaLedger.h"
#include "core/security/Vault.h"
#include "core/smtp/SmtpSession.h"
#include "core/storage/Transaction.h"
#include "core/storage/Workspace.h"
#include "tests/unit/core/security/VaultTestSeam.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <malloc.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace {

const QString kPassphrase = QStringLiteral("bench");
const QString kSignedDomain = QStringLiteral("signed.example");
const QString kPlainDomain = QStringLiteral("plain.example");

[[noreturn]] void fail(const QString& what)
{
    std::fprintf(stderr, "bench_send: %s\n", qPrintable(what));
    std::exit(1);
}

template <typename T>
T must(Result<T> result, const char* what)
{
    if (!result) {
        fail(QStringLiteral("%1: %2").arg(QLatin1String(what), result.error().message));
    }
    return std::move(result).value();
}

void must(const Status& status, const char* what)
{
    if (!status) {
        fail(QStringLiteral("%1: %2").arg(QLatin1String(what), status.error().message));
    }
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// A line of /proc/self/status in MB ("VmRSS", "VmHWM").
double statusMb(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

// The newsletter of `bench render`: the starter template with sections repeated until the HTML
// is ~11 KB, merge tags in it; with its text part, quoted-printable, ~20 KB on the wire.
QString newsletterHtml()
{
    const QString section = QStringLiteral(
        "<tr><td style=\"padding:8px 32px;\"><h2 style=\"margin:0 0 8px 0;font-size:18px;\">Neu im Laden, "
        "{{ first_name | default: \"liebe Kundin\" }}</h2><p style=\"margin:0 0 16px "
        "0;font-size:16px;line-height:1.5;\">"
        "Diese Woche haben wir frische Bohnen aus Äthiopien und Kolumbien geröstet. Für Sie als {{ loyalty_tier }}-"
        "Mitglied gibt es 10 % Rabatt bis Sonntag. Kommen Sie vorbei in {{ city | default: \"unserem Laden\" }}, "
        "wir freuen uns auf Sie.</p><p><a href=\"https://example.com/angebote?utm_source=mailroom\">Zu den Angeboten"
        "</a></p></td></tr>\n");
    QString html = StarterTemplates::byId(QStringLiteral("newsletter")).html;
    QString sections;
    while (html.size() + sections.size() < 11 * 1024) {
        sections += section;
    }
    return html.replace(QStringLiteral("<tr><td style=\"padding:8px 32px 32px 32px;\">"),
                        sections + QStringLiteral("<tr><td style=\"padding:8px 32px 32px 32px;\">"));
}

void prepare(const QString& path, int count)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    auto workspace = must(Workspace::create(path), "create the workspace");
    QSqlDatabase db = workspace->database();
    // The test seam's cheap KDF: unlocking the vault is set-up, not delivery.
    const Vault vault = must(VaultTestSeam::create(db, kPassphrase), "create the vault");
    must(CustomFieldRepository(db).create(QStringLiteral("Loyalty tier"), FieldType::Text), "add a field");
    SenderSettings sender;
    sender.postalAddress = QStringLiteral("Kaffeerösterei Müller, Hauptstraße 1, 10115 Berlin");
    sender.unsubscribeUrlTemplate = QStringLiteral("https://example.com/abmelden/{token}");
    must(sender.save(db), "save the sender settings");
    const QStringList names = {QStringLiteral("Anna"),   QStringLiteral("Jürgen"), QStringLiteral("Zoë"),
                               QStringLiteral("Łukasz"), QStringLiteral("Ольга"),  QStringLiteral("佐藤")};
    ContactRepository repo(db);
    Transaction tx(db);
    must(tx.begin(), "begin");
    for (int i = 0; i < count; ++i) {
        Contact c;
        c.email = QStringLiteral("kunde%1@example.com").arg(i);
        c.firstName = names[i % names.size()];
        c.lastName = QStringLiteral("Müller");
        c.city = i % 3 ? QStringLiteral("Berlin") : QString();
        c.fields.insert(QStringLiteral("Loyalty tier"), i % 2 ? QStringLiteral("Gold") : QStringLiteral("Silber"));
        c.lists = {QStringLiteral("Newsletter")};
        must(repo.add(c), "add a contact");
    }
    must(tx.commit(), "commit the contacts");
    must(DkimKeyRepository(db).generate(vault, kSignedDomain, QStringLiteral("s1"), DkimKey::Algorithm::Ed25519),
         "make an ed25519 key");
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    std::printf("contacts %d\n", count);
}

// Rows still to go (queued, claimed or deferred): the part of outbox_by_state that
// shrinks as the campaign goes, so polling it costs little.
qint64 openRows(QSqlDatabase db, qint64 campaignId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE campaign_id = ? AND state IN (0, 1, 4)"));
    q.addBindValue(campaignId);
    if (!q.exec() || !q.next()) {
        fail(QStringLiteral("count the outbox"));
    }
    return q.value(0).toLongLong();
}

qint64 rowsIn(QSqlDatabase db, qint64 campaignId, OutboxState state)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE campaign_id = ? AND state = ?"));
    q.addBindValue(campaignId);
    q.addBindValue(int(state));
    if (!q.exec() || !q.next()) {
        fail(QStringLiteral("count the outbox"));
    }
    return q.value(0).toLongLong();
}

// CPU seconds (user + system) of this process's threads by name: the OutboxWriter, the
// DeliveryDispatcher, the pool's workers ("Thread (pooled)") and this program's main thread.
QHash<QString, double> cpuByThread()
{
    QHash<QString, double> byName;
    const double tick = double(sysconf(_SC_CLK_TCK));
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!f.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray stat = f.readAll();
        const qsizetype open = stat.indexOf('(');
        const qsizetype close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            continue;
        }
        const QString name = QString::fromUtf8(stat.mid(open + 1, close - open - 1));
        // After "(comm) ": state is field 3; utime and stime are fields 14 and 15.
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (fields.size() > 12) {
            byName[name] += (fields[11].toDouble() + fields[12].toDouble()) / tick;
        }
    }
    return byName;
}

void run(const QString& path, quint16 port, int connections, bool sign)
{
    auto workspace = must(Workspace::open(path), "open the workspace");
    QSqlDatabase db = workspace->database();
    const Vault vault = must(Vault::unlockWithPassphrase(db, kPassphrase), "unlock the vault");
    const QString domain = sign ? kSignedDomain : kPlainDomain;
    std::optional<qint64> keyId;
    if (sign) {
        const auto key = must(DkimKeyRepository(db).forDomain(kSignedDomain), "find the DKIM key");
        if (key) {
            keyId = key->id;
        } else {
            fail(QStringLiteral("no DKIM key for %1: run --prepare first").arg(kSignedDomain));
        }
    }
    Account account;
    account.name = QStringLiteral("Bench");
    account.preset = AccountPresetId::Smtp;
    account.host = QStringLiteral("127.0.0.1");
    account.port = port;
    account.security = SmtpSecurity::None;
    account.auth = SmtpAuth::None;
    account.fromName = QStringLiteral("Kaffeerösterei Müller");
    account.fromAddress = QStringLiteral("news@%1").arg(domain);
    account.dailyLimit = 10'000'000; // high enough never to throttle
    account.perMinute = 10'000'000;
    account.connections = connections;
    account.dkimKeyId = keyId;
    must(AccountRepository(db).create(account, {}, nullptr), "add the account");

    Campaign campaign;
    campaign.name = QStringLiteral("Bench");
    campaign.subject = QStringLiteral("{{ first_name }}, frisch geröstet: 10 % für {{ loyalty_tier }}");
    campaign.preheader = QStringLiteral("Nur bis Sonntag");
    campaign.fromName = account.fromName;
    campaign.fromAddress = account.fromAddress;
    campaign.htmlBody = newsletterHtml();
    campaign.footerHtml = StarterTemplates::defaultFooter();
    campaign.listIds = {
        must(GroupRepository(db, GroupKind::List).findByName(QStringLiteral("Newsletter")), "find the list").id};
    campaign.id = must(CampaignRepository(db).create(campaign), "save the campaign");

    // The message as the engine renders it for this account: its size, and that it is signed
    // exactly when it should be.
    {
        CampaignRenderer::Options options;
        options.dkimKeyId = keyId;
        const CampaignRenderer renderer = must(CampaignRenderer::prepare(db, campaign, vault, options), "prepare");
        if (renderer.dkimKey().has_value() != sign) {
            fail(QStringLiteral("the campaign is %1 signed").arg(sign ? QStringLiteral("not") : QStringLiteral("")));
        }
        const Contact contact = must(ContactRepository(db).findById(1), "read a contact");
        const QByteArray bytes = must(renderer.render(contact), "render").bytes;
        std::printf("message_bytes %lld\n", static_cast<long long>(bytes.size()));
        std::printf("signed %d\n", bytes.contains("DKIM-Signature:") ? 1 : 0);
    }

    SystemClock clock;
    QElapsedTimer snapshot;
    snapshot.start();
    const CampaignStartReport started =
        must(CampaignDelivery::start(db, campaign.id, vault, clock.nowMs()), "start the campaign");
    std::printf("start_ms %lld\n", static_cast<long long>(snapshot.elapsed()));
    const qint64 total = started.queued;
    std::printf("messages %lld\n", static_cast<long long>(total));

    // The peak from here on: the set-up's own (contacts read, vault) does not count.
    {
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (clear.open(QIODevice::WriteOnly)) {
            clear.write("5");
        }
    }
    const double rssBefore = statusMb("VmRSS");
    const QHash<QString, double> threadCpuBefore = cpuByThread();
    const double cpuBefore = cpuSeconds();
    const qint64 startMs = clock.nowMs();
    auto engine = must(DeliveryEngine::start(workspace->path(), vault, clock), "start the engine");
    double rssAt[4] = {-1, -1, -1, -1};
    double sqliteAt[4] = {0, 0, 0, 0}; // what SQLite holds (page caches of every connection), MB
    double heapAt[4] = {0, 0, 0, 0};   // malloc'd and in use, MB (SQLite's part included)
    qint64 rssRows[4] = {0, 0, 0, 0};
    qint64 msAt[4] = {0, 0, 0, 0}; // since the engine's start
    double cpuAtEnd = 0;
    QElapsedTimer guard;
    guard.start();
    for (;;) {
        QThread::msleep(100);
        must(engine->error(), "deliver");
        const qint64 open = openRows(db, campaign.id);
        const qint64 done = total - open;
        for (int i = 0; i < 4; ++i) {
            if (rssAt[i] < 0 && done * 4 >= total * (i + 1)) {
                rssAt[i] = statusMb("VmRSS");
                sqliteAt[i] = double(sqlite3_memory_used()) / 1048576.0;
                heapAt[i] = double(mallinfo2().uordblks) / 1048576.0;
                rssRows[i] = done;
                msAt[i] = clock.nowMs() - startMs;
            }
        }
        if (open == 0) {
            cpuAtEnd = cpuSeconds();
            break;
        }
        if (guard.elapsed() > 30 * 60'000) {
            fail(QStringLiteral("still %1 rows to send after 30 minutes").arg(open));
        }
    }
    const QHash<QString, double> threadCpu = cpuByThread();
    if (const qint64 sent = rowsIn(db, campaign.id, OutboxState::Sent); sent != total) {
        fail(QStringLiteral("%1 of %2 rows were sent").arg(sent).arg(total));
    }
    const double peak = statusMb("VmHWM");
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT max(updated_at) FROM outbox WHERE campaign_id = ?"));
    q.addBindValue(campaign.id);
    if (!q.exec() || !q.next()) {
        fail(QStringLiteral("read the last send's time"));
    }
    const qint64 endMs = q.value(0).toLongLong();
    engine.reset();
    // What every claim asks first: the account's quota, with this run's sends in its 24 hours.
    {
        const qint64 accountId = must(AccountRepository(db).list(), "list the accounts").value(0).id;
        QuotaLedger quota(db);
        const double cpu = cpuSeconds();
        for (int i = 0; i < 200; ++i) {
            must(quota.available(accountId, clock.nowMs()), "read the quota");
        }
        std::printf("quota_available_us %.1f\n", (cpuSeconds() - cpu) * 1e6 / 200);
    }
    const double seconds = double(endMs - startMs) / 1000.0;
    const double cpu = cpuAtEnd - cpuBefore;
    std::printf("seconds %.3f\n", seconds);
    std::printf("per_second %.1f\n", double(total) / seconds);
    // The rate once every session is open: from the 25 % sample to the last send (the engine
    // opens one more session per dispatcher tick, 200 ms, so 8 take 1.4 s to open).
    if (endMs - startMs > msAt[0] && msAt[0] > 0) {
        std::printf("steady_per_second %.1f\n",
                    double(total - rssRows[0]) * 1000.0 / double(endMs - startMs - msAt[0]));
    }
    std::printf("cpu_seconds %.3f\n", cpu);
    std::printf("cpu_per_1000 %.3f\n", cpu * 1000.0 / double(total));
    std::printf("rss_before_mb %.1f\n", rssBefore);
    for (int i = 0; i < 4; ++i) {
        std::printf("rss_%d_mb %.1f\n", (i + 1) * 25, rssAt[i]);
        std::printf("rss_%d_rows %lld\n", (i + 1) * 25, static_cast<long long>(rssRows[i]));
        std::printf("ms_%d %lld\n", (i + 1) * 25, static_cast<long long>(msAt[i]));
        std::printf("sqlite_%d_mb %.1f\n", (i + 1) * 25, sqliteAt[i]);
        std::printf("heap_%d_mb %.1f\n", (i + 1) * 25, heapAt[i]);
    }
    std::printf("peak_rss_mb %.1f\n", peak);
    // Where the CPU went, per 1,000 messages (threads that ended before the end are missed).
    const struct
    {
        const char* key;
        QString name;
    } threads[] = {{"writer", QStringLiteral("OutboxWriter")},
                   {"dispatcher", QStringLiteral("DeliveryDispatc")}, // comm is cut at 15 bytes
                   {"workers", QStringLiteral("Thread (pooled)")},
                   {"main", QStringLiteral("bench_send")}};
    for (const auto& t : threads) {
        const double used = threadCpu.value(t.name) - threadCpuBefore.value(t.name);
        std::printf("cpu_%s_per_1000 %.3f\n", t.key, used * 1000.0 / double(total));
    }
}

// The parts of one message's path, each alone, for finding where the time goes:
// - render: CampaignRenderer::render, CPU µs (best of five rounds), unsigned and signed;
// - session: SmtpSession::send of one pre-rendered message over one connection, back to back
//   (no database, no rendering): messages/s and CPU per 1,000;
// - render_session: the same with each message rendered before it is sent.
void components(const QString& path, quint16 port, int count)
{
    auto workspace = must(Workspace::open(path), "open the workspace");
    QSqlDatabase db = workspace->database();
    const Vault vault = must(Vault::unlockWithPassphrase(db, kPassphrase), "unlock the vault");
    const auto key = must(DkimKeyRepository(db).forDomain(kSignedDomain), "find the DKIM key");
    if (!key) {
        fail(QStringLiteral("no DKIM key for %1: run --prepare first").arg(kSignedDomain));
    }
    Campaign campaign;
    campaign.name = QStringLiteral("Components");
    campaign.subject = QStringLiteral("{{ first_name }}, frisch geröstet: 10 % für {{ loyalty_tier }}");
    campaign.preheader = QStringLiteral("Nur bis Sonntag");
    campaign.fromName = QStringLiteral("Kaffeerösterei Müller");
    campaign.htmlBody = newsletterHtml();
    campaign.footerHtml = StarterTemplates::defaultFooter();
    campaign.listIds = {
        must(GroupRepository(db, GroupKind::List).findByName(QStringLiteral("Newsletter")), "find the list").id};
    campaign.fromAddress = QStringLiteral("news@%1").arg(kPlainDomain);
    campaign.id = must(CampaignRepository(db).create(campaign), "save the campaign");
    const CampaignRenderer plain = must(CampaignRenderer::prepare(db, campaign, vault, {}), "prepare");
    Campaign signedCampaign = campaign;
    signedCampaign.id = 0;
    signedCampaign.fromAddress = QStringLiteral("news@%1").arg(kSignedDomain);
    signedCampaign.id = must(CampaignRepository(db).create(signedCampaign), "save the campaign");
    CampaignRenderer::Options signing;
    signing.dkimKeyId = key->id;
    const CampaignRenderer signer = must(CampaignRenderer::prepare(db, signedCampaign, vault, signing), "prepare");

    QVector<qint64> ids;
    for (qint64 id = 1; id <= 200; ++id) {
        ids.append(id);
    }
    const QVector<Contact> contacts = must(ContactRepository(db).findByIds(ids), "read contacts");
    const auto renderUs = [&](const CampaignRenderer& renderer) {
        double best = 1e300;
        for (int round = 0; round < 5; ++round) {
            const double start = cpuSeconds();
            for (int i = 0; i < 400; ++i) {
                must(renderer.render(contacts[i % contacts.size()]), "render");
            }
            best = std::min(best, (cpuSeconds() - start) * 1e6 / 400);
        }
        return best;
    };
    std::printf("render_unsigned_us %.1f\n", renderUs(plain));
    std::printf("render_signed_us %.1f\n", renderUs(signer));

    SmtpSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = port;
    settings.security = SmtpSecurity::None;
    settings.auth = SmtpAuth::None;
    const QByteArray message = must(plain.render(contacts[0]), "render").bytes;
    const QString from = campaign.fromAddress;
    const auto sendAll = [&](const char* name, bool render) {
        SmtpSession session(settings);
        must(session.open(), "connect to smtp-sink");
        QElapsedTimer wall;
        wall.start();
        const double cpu = cpuSeconds();
        for (int i = 0; i < count; ++i) {
            const Contact& contact = contacts[i % contacts.size()];
            const QByteArray bytes = render ? must(plain.render(contact), "render").bytes : message;
            const SmtpSendResult result = session.send(from, contact.email, bytes);
            if (!result.delivered()) {
                fail(QStringLiteral("send: %1").arg(result.error));
            }
        }
        const double seconds = double(wall.nsecsElapsed()) / 1e9;
        std::printf("%s_per_second %.1f\n", name, double(count) / seconds);
        std::printf("%s_cpu_per_1000 %.3f\n", name, (cpuSeconds() - cpu) * 1000.0 / double(count));
        session.quit();
    };
    sendAll("session", false);
    sendAll("render_session", true);
}

} // namespace

int main(int argc, char** argv)
{
    DeliveryEngine::prepareProcess(); // as the app and the command line do
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption prepareOption(QStringLiteral("prepare"), QStringLiteral("make the workspace"));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("the workspace file"),
                                             QStringLiteral("FILE"));
    const QCommandLineOption contactsOption(QStringLiteral("contacts"), QStringLiteral("contacts to make"),
                                            QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("the SMTP server's port on 127.0.0.1"),
                                        QStringLiteral("PORT"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"), QStringLiteral("the account's sessions"),
                                               QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption signedOption(QStringLiteral("signed"), QStringLiteral("sign with an Ed25519 DKIM key"));
    const QCommandLineOption componentsOption(QStringLiteral("components"),
                                              QStringLiteral("time the parts of a message's path alone"));
    const QCommandLineOption messagesOption(QStringLiteral("messages"), QStringLiteral("messages for --components"),
                                            QStringLiteral("N"), QStringLiteral("3000"));
    parser.addOptions({componentsOption, messagesOption, prepareOption, workspaceOption, contactsOption, portOption,
                       connectionsOption, signedOption});
    parser.process(app);
    const QString path = parser.value(workspaceOption);
    if (path.isEmpty()) {
        fail(QStringLiteral("usage: bench_send --prepare --workspace FILE [--contacts N] | "
                            "bench_send --workspace FILE --port P --connections N [--signed]"));
    }
    if (parser.isSet(prepareOption)) {
        prepare(path, parser.value(contactsOption).toInt());
        return 0;
    }
    const int port = parser.value(portOption).toInt();
    if (port <= 0 || port > 65535) {
        fail(QStringLiteral("--port: give the SMTP server's port"));
    }
    if (parser.isSet(componentsOption)) {
        components(path, quint16(port), parser.value(messagesOption).toInt());
        return 0;
    }
    run(path, quint16(port), parser.value(connectionsOption).toInt(), parser.isSet(signedOption));
    return 0;
}
