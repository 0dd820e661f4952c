// Personalised campaign messages rendered per second on one core, the way `campaign send`
// renders them (CampaignRenderer::render: merge tags, MIME, DKIM): unsigned, rsa-sha256 and
// ed25519-sha256. Also times the bare signature (DkimKey::sign over a header block) so the
// signing overhead can be read against it. Prints "name value" lines for bench_render.sh, and
// writes the ed25519- and rsa-signed sample messages and the keys for the python3-dkim peer.
//
//   bench_render --out DIR [--messages N]

#include "core/campaigns/CampaignRenderer.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/DkimKeyRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "core/campaigns/StarterTemplates.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/security/Vault.h"
#include "core/storage/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

// The process's CPU time, not the thread's: work a library hands to a helper thread is CPU a
// message costs too.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// CPU µs per call of `work` (the DKIM step, the bare signature), the best of five rounds of
// `count / 5` calls: other processes on a shared machine only ever make a round slower.
template <typename F>
double bestMicroseconds(int count, F work)
{
    constexpr int kRounds = 5;
    const int perRound = std::max(1, count / kRounds);
    double best = 1e300;
    int i = 0;
    for (int round = 0; round < kRounds; ++round) {
        const double start = cpuSeconds();
        for (int n = 0; n < perRound; ++n, ++i) {
            work(i);
        }
        best = std::min(best, (cpuSeconds() - start) * 1e6 / perRound);
    }
    return best;
}

[[noreturn]] void fail(const QString& what)
{
    std::fprintf(stderr, "bench_render: %s\n", qPrintable(what));
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

// A newsletter whose message comes to about 20 KB on the wire (HTML of ~11 KB, quoted-printable,
// plus the text part made from it): the starter template with sections repeated, merge tags in it.
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

void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        fail(QStringLiteral("cannot write %1").arg(path));
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("folder for the files"),
                                       QStringLiteral("DIR"));
    const QCommandLineOption countOption(QStringLiteral("messages"), QStringLiteral("messages per figure"),
                                         QStringLiteral("N"), QStringLiteral("3000"));
    const QCommandLineOption onlyOption(QStringLiteral("only"), QStringLiteral("only these variants (for profiling)"),
                                        QStringLiteral("unsigned,rsa,ed25519"));
    parser.addOptions({outOption, countOption, onlyOption});
    parser.process(app);
    const QString out = parser.value(outOption);
    const int messages = parser.value(countOption).toInt();
    if (out.isEmpty() || messages <= 0) {
        fail(QStringLiteral("usage: bench_render --out DIR [--messages N]"));
    }
    QDir().mkpath(out);
    const QString path = QDir(out).filePath(QStringLiteral("render.mailroom"));
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    auto workspace = must(Workspace::create(path), "create the workspace");
    QSqlDatabase db = workspace->database();
    const Vault vault = must(Vault::create(db, QStringLiteral("bench")), "create the vault");
    must(CustomFieldRepository(db).create(QStringLiteral("Loyalty tier"), FieldType::Text), "add a field");
    SenderSettings sender;
    sender.postalAddress = QStringLiteral("Kaffeerösterei Müller, Hauptstraße 1, 10115 Berlin");
    sender.unsubscribeUrlTemplate = QStringLiteral("https://example.com/abmelden/{token}");
    if (auto s = sender.save(db); !s) {
        fail(s.error().message);
    }
    const QStringList names = {QStringLiteral("Anna"),   QStringLiteral("Jürgen"), QStringLiteral("Zoë"),
                               QStringLiteral("Łukasz"), QStringLiteral("Ольга"),  QStringLiteral("佐藤")};
    QVector<Contact> contacts;
    ContactRepository repo(db);
    for (int i = 0; i < 200; ++i) {
        Contact c;
        c.email = QStringLiteral("kunde%1@example.com").arg(i);
        c.firstName = names[i % names.size()];
        c.lastName = QStringLiteral("Müller");
        c.city = i % 3 ? QStringLiteral("Berlin") : QString();
        c.fields.insert(QStringLiteral("Loyalty tier"), i % 2 ? QStringLiteral("Gold") : QStringLiteral("Silber"));
        c.id = must(repo.add(c), "add a contact");
        contacts.append(must(repo.findById(c.id), "read a contact"));
    }
    DkimKeyRepository keys(db);
    const DkimKeyInfo rsa =
        must(keys.generate(vault, QStringLiteral("rsa.example.com"), QStringLiteral("s1"), DkimKey::Algorithm::Rsa2048),
             "make an rsa key");
    const DkimKeyInfo ed =
        must(keys.generate(vault, QStringLiteral("ed.example.com"), QStringLiteral("s1"), DkimKey::Algorithm::Ed25519),
             "make an ed25519 key");

    Campaign campaign;
    campaign.name = QStringLiteral("Bench");
    campaign.subject = QStringLiteral("{{ first_name }}, frisch geröstet: 10 % für {{ loyalty_tier }}");
    campaign.preheader = QStringLiteral("Nur bis Sonntag");
    campaign.fromName = QStringLiteral("Kaffeerösterei Müller");
    campaign.htmlBody = newsletterHtml();
    campaign.footerHtml = StarterTemplates::defaultFooter();
    CampaignRenderer::Options options;
    options.date = QDateTime::currentDateTime();

    std::printf("html_bytes %lld\n", static_cast<long long>(campaign.htmlBody.toUtf8().size()));
    const struct
    {
        const char* name;
        QString from;
        const DkimKeyInfo* key;
    } variants[] = {{"unsigned", QStringLiteral("news@plain.example.com"), nullptr},
                    {"rsa", QStringLiteral("news@rsa.example.com"), &rsa},
                    {"ed25519", QStringLiteral("news@ed.example.com"), &ed}};
    CampaignRepository campaigns(db);
    const QStringList only = parser.value(onlyOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    struct Prepared
    {
        const char* name;
        const DkimKeyInfo* key;
        CampaignRenderer renderer;
        double bestUs = 1e300;
        qint64 bytes = 0;
        qint64 rendered = 0;
    };
    std::vector<Prepared> prepared;
    for (const auto& variant : variants) {
        if (!only.isEmpty() && !only.contains(QLatin1String(variant.name))) {
            continue;
        }
        campaign.fromAddress = variant.from;
        campaign.id = 0;
        campaign.id = must(campaigns.create(campaign), "save the campaign");
        prepared.push_back(Prepared{variant.name, variant.key,
                                    must(CampaignRenderer::prepare(db, campaign, vault, options), "prepare")});
        if (prepared.back().renderer.dkimKey().has_value() != (variant.key != nullptr)) {
            fail(QStringLiteral("the %1 campaign is not signed as it should be").arg(QLatin1String(variant.name)));
        }
    }
    // The variants' rounds take turns (unsigned, rsa, ed25519, unsigned, ...), so that a spell of
    // load from other processes falls on all of them alike and the overhead (signed minus
    // unsigned) compares rounds run under the same conditions; each keeps its best round.
    constexpr int kRenderRounds = 10;
    const int perRound = std::max(1, messages / kRenderRounds);
    for (int round = 0; round < kRenderRounds; ++round) {
        for (Prepared& variant : prepared) {
            const double start = cpuSeconds();
            for (int n = 0; n < perRound; ++n) {
                const int i = round * perRound + n;
                variant.bytes += must(variant.renderer.render(contacts[i % contacts.size()]), "render").bytes.size();
                ++variant.rendered;
            }
            variant.bestUs = std::min(variant.bestUs, (cpuSeconds() - start) * 1e6 / perRound);
        }
    }
    for (const Prepared& variant : prepared) {
        std::printf("%s_per_second %.1f\n", variant.name, 1e6 / variant.bestUs);
        std::printf("%s_us %.2f\n", variant.name, variant.bestUs);
        std::printf("%s_message_bytes %lld\n", variant.name, static_cast<long long>(variant.bytes / variant.rendered));
        const RenderedMessage sample = must(variant.renderer.render(contacts[1]), "render");
        write(QDir(out).filePath(QStringLiteral("%1.eml").arg(QLatin1String(variant.name))), sample.bytes);
        if (variant.key != nullptr) {
            const DkimKey key = must(keys.keyFor(vault, *variant.key), "read the key");
            write(QDir(out).filePath(QStringLiteral("%1.pem").arg(QLatin1String(variant.name))), key.privateKeyPem());
            write(QDir(out).filePath(QStringLiteral("%1.txt").arg(QLatin1String(variant.name))),
                  key.dnsRecordValue().toUtf8());
            // The bare signature over a header block of the size DKIM signs: DkimKey::sign, the
            // library that signs this algorithm (rsa: libcrypto, ed25519: Botan).
            const QByteArray headerBlock = sample.bytes.left(sample.bytes.indexOf("\r\n\r\n"));
            std::printf("%s_raw_sign_us %.2f\n", variant.name,
                        bestMicroseconds(messages, [&](int) { must(key.sign(headerBlock), "sign"); }));
            // The whole DKIM step alone: canonicalisation, body hash, header hash, signature.
            const DkimSigner signer = must(keys.signerFor(vault, *variant.key), "make the signer");
            const QByteArray unsignedMessage = sample.bytes.mid(sample.bytes.indexOf("\r\nDate: ") + 2);
            std::printf("%s_dkim_us %.2f\n", variant.name, bestMicroseconds(messages, [&](int) {
                            must(signer.signatureHeader(unsignedMessage), "sign the message");
                        }));
        }
    }
    return 0;
}
