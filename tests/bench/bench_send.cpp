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
#include "core/security/Vault.h"
#include "core/storage/Transaction.h"
#include "core/storage/Workspace.h"
#include "tests/unit/core/security/VaultTestSeam.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QThread>

#include <cstdio>
#include <sys/resource.h>

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

struct Counts
{
    qint64 sent = 0;
    qint64 open = 0; // queued, claimed, in doubt or deferred
    qint64 other = 0;
};

Counts countRows(QSqlDatabase db, qint64 campaignId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT state, count(*) FROM outbox WHERE campaign_id = ? GROUP BY state"));
    q.addBindValue(campaignId);
    Counts c;
    if (!q.exec()) {
        fail(QStringLiteral("count the outbox"));
    }
    while (q.next()) {
        const int state = q.value(0).toInt();
        const qint64 n = q.value(1).toLongLong();
        if (state == int(OutboxState::Sent)) {
            c.sent += n;
        } else if (state == int(OutboxState::Queued) || state == int(OutboxState::Sending) ||
                   state == int(OutboxState::InDoubt) || state == int(OutboxState::Deferred)) {
            c.open += n;
        } else {
            c.other += n;
        }
    }
    return c;
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
    const double cpuBefore = cpuSeconds();
    const qint64 startMs = clock.nowMs();
    auto engine = must(DeliveryEngine::start(workspace->path(), vault, clock), "start the engine");
    double rssAt[4] = {-1, -1, -1, -1};
    qint64 rssRows[4] = {0, 0, 0, 0};
    double cpuAtEnd = 0;
    QElapsedTimer guard;
    guard.start();
    for (;;) {
        QThread::msleep(50);
        must(engine->error(), "deliver");
        const Counts c = countRows(db, campaign.id);
        for (int i = 0; i < 4; ++i) {
            if (rssAt[i] < 0 && c.sent * 4 >= total * (i + 1)) {
                rssAt[i] = statusMb("VmRSS");
                rssRows[i] = c.sent;
            }
        }
        if (c.open == 0) {
            cpuAtEnd = cpuSeconds();
            if (c.sent != total) {
                fail(QStringLiteral("%1 of %2 rows were sent, %3 not").arg(c.sent).arg(total).arg(c.other));
            }
            break;
        }
        if (guard.elapsed() > 30 * 60'000) {
            fail(QStringLiteral("still %1 rows to send after 30 minutes").arg(c.open));
        }
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
    const double seconds = double(endMs - startMs) / 1000.0;
    const double cpu = cpuAtEnd - cpuBefore;
    std::printf("seconds %.3f\n", seconds);
    std::printf("per_second %.1f\n", double(total) / seconds);
    std::printf("cpu_seconds %.3f\n", cpu);
    std::printf("cpu_per_1000 %.3f\n", cpu * 1000.0 / double(total));
    std::printf("rss_before_mb %.1f\n", rssBefore);
    for (int i = 0; i < 4; ++i) {
        std::printf("rss_%d_mb %.1f\n", (i + 1) * 25, rssAt[i]);
        std::printf("rss_%d_rows %lld\n", (i + 1) * 25, static_cast<long long>(rssRows[i]));
    }
    std::printf("peak_rss_mb %.1f\n", peak);
}

} // namespace

int main(int argc, char** argv)
{
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
    parser.addOptions({prepareOption, workspaceOption, contactsOption, portOption, connectionsOption, signedOption});
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
    run(path, quint16(port), parser.value(connectionsOption).toInt(), parser.isSet(signedOption));
    return 0;
}
