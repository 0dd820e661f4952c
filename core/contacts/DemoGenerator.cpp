#include "core/contacts/DemoGenerator.h"

#include "core/contacts/GroupRepository.h"

#include "core/storage/SqlError.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <QVector>

#include <array>
#include <condition_variable>
#include <deque>
#include <initializer_list>
#include <mutex>
#include <random>
#include <thread>

namespace {

QStringList utf8List(std::initializer_list<const char*> items)
{
    QStringList list;
    list.reserve(static_cast<qsizetype>(items.size()));
    for (const char* item : items) {
        list.append(QString::fromUtf8(item));
    }
    return list;
}

// ASCII letters and digits for email local parts and domain labels: "Jürgen Groß" -> "jurgengross".
QString asciiSlug(const QString& text)
{
    QString out;
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    for (QChar c : decomposed) {
        const ushort u = c.unicode();
        if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) {
            out.append(c);
        } else if (u >= 'A' && u <= 'Z') {
            out.append(c.toLower());
        } else if (u == 0x00df) { // ß
            out.append(QLatin1String("ss"));
        } else if (u == 0x00f8 || u == 0x00d8) { // ø Ø
            out.append(QLatin1Char('o'));
        } else if (u == 0x00e6 || u == 0x00c6) { // æ Æ
            out.append(QLatin1String("ae"));
        } else if (u == 0x0153 || u == 0x0152) { // œ Œ
            out.append(QLatin1String("oe"));
        } else if (u == 0x0142 || u == 0x0141) { // ł Ł
            out.append(QLatin1Char('l'));
        } else if (u == 0x0131) { // dotless ı
            out.append(QLatin1Char('i'));
        }
        // Combining marks, spaces, apostrophes and the rest are dropped.
    }
    return out;
}

struct Culture
{
    int weight;
    QString country;
    const char* phonePattern;    // '#' becomes a digit
    const char* postcodePattern; // '#' a digit, 'A' a capital letter
    QString companySuffix;
    QStringList firstNames;
    QStringList lastNames;
    QStringList cities;
    QStringList streets;
    QStringList firstSlugs;
    QStringList lastSlugs;
};

// Phone numbers use ranges set aside for fiction where a country has one (US 555-01xx,
// UK 020 7946 0xxx), so a demo never dials a real person either.
std::vector<Culture> buildCultures()
{
    std::vector<Culture> cultures = {
        {20,
         QStringLiteral("United States"),
         "+1 ### 555-01##",
         "#####",
         QStringLiteral("LLC"),
         utf8List({"James", "Mary", "Michael", "Jennifer", "David", "Linda", "Chris", "Sarah", "Emily", "Daniel",
                   "Ashley", "Matthew", "Olivia", "Ethan", "Madison", "Tyler"}),
         utf8List({"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
                   "Moore", "Jackson", "Martin", "Thompson", "O'Brien", "Nguyen"}),
         utf8List({"New York", "Chicago", "Austin", "Portland", "Denver", "Boston", "Seattle", "San Diego"}),
         utf8List({"Main Street", "Oak Avenue", "Maple Drive", "Elm Street", "Cedar Lane", "Park Avenue"}),
         {},
         {}},
        {10,
         QStringLiteral("United Kingdom"),
         "+44 20 7946 0###",
         "AA# #AA",
         QStringLiteral("Ltd"),
         utf8List({"Oliver", "Amelia", "Harry", "Isla", "George", "Zoë", "Jack", "Sophie", "Charlotte", "William",
                   "Chloë", "Noah"}),
         utf8List({"Clarke", "Wright", "Walker", "Hughes", "Evans", "Roberts", "Wood", "Turner", "Hall", "Green",
                   "Baker", "Patel"}),
         utf8List({"London", "Manchester", "Bristol", "Leeds", "Edinburgh", "Brighton"}),
         utf8List({"High Street", "Church Road", "Station Road", "Victoria Road", "Mill Lane"}),
         {},
         {}},
        {14,
         QStringLiteral("Germany"),
         "+49 30 #######",
         "#####",
         QStringLiteral("GmbH"),
         utf8List({"Lukas", "Anna", "Jürgen", "Sophie", "Maximilian", "Lea", "Björn", "Jörg", "Katharina", "Felix",
                   "Mia", "Lena", "Günther", "Hannah"}),
         utf8List({"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schäfer", "Koch",
                   "Bauer", "Köhler", "Groß", "Weiß"}),
         utf8List({"Berlin", "München", "Hamburg", "Köln", "Düsseldorf", "Leipzig", "Frankfurt am Main"}),
         utf8List({"Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Gartenweg", "Lindenallee"}),
         {},
         {}},
        {8,
         QStringLiteral("Spain"),
         "+34 91 ### ## ##",
         "#####",
         QStringLiteral("S.L."),
         utf8List(
             {"José", "María", "Lucía", "Javier", "Sofía", "Álvaro", "Carmen", "Andrés", "Inés", "Pablo", "Martín"}),
         utf8List({"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
                   "Muñoz", "Jiménez", "Ruiz"}),
         utf8List({"Madrid", "Barcelona", "Valencia", "Sevilla", "Málaga", "Bilbao"}),
         utf8List({"Calle Mayor", "Gran Vía", "Calle de Alcalá", "Avenida de la Constitución"}),
         {},
         {}},
        {8,
         QStringLiteral("France"),
         "+33 1 ## ## ## ##",
         "#####",
         QStringLiteral("SARL"),
         utf8List({"Camille", "Léa", "Chloé", "Louis", "Gabriel", "Hélène", "François", "Amélie", "Théo", "Élodie",
                   "Jules", "Noémie"}),
         utf8List({"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Lefèvre", "Moreau",
                   "Girard", "Rousseau"}),
         utf8List({"Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Bordeaux"}),
         utf8List({"Rue de la Paix", "Rue Victor Hugo", "Avenue Jean Jaurès", "Boulevard Saint-Michel"}),
         {},
         {}},
        {6,
         QStringLiteral("Italy"),
         "+39 06 #### ####",
         "#####",
         QStringLiteral("S.r.l."),
         utf8List({"Giulia", "Francesco", "Alessandro", "Chiara", "Niccolò", "Sofia", "Lorenzo", "Martina", "Matteo",
                   "Aurora"}),
         utf8List(
             {"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "De Luca"}),
         utf8List({"Roma", "Milano", "Napoli", "Torino", "Bologna", "Firenze"}),
         utf8List({"Via Roma", "Via Garibaldi", "Corso Italia", "Via Dante"}),
         {},
         {}},
        {4,
         QStringLiteral("Netherlands"),
         "+31 20 ### ####",
         "#### AA",
         QStringLiteral("B.V."),
         utf8List({"Daan", "Sanne", "Sem", "Femke", "Lotte", "Bram", "Anouk", "Thijs"}),
         utf8List({"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit"}),
         utf8List({"Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven"}),
         utf8List({"Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg"}),
         {},
         {}},
        {3,
         QStringLiteral("Sweden"),
         "+46 8 ### ### ##",
         "### ##",
         QStringLiteral("AB"),
         utf8List({"Åsa", "Björn", "Linnéa", "Erik", "Märta", "Oskar", "Elsa", "Henrik"}),
         utf8List({"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Öberg", "Lindström"}),
         utf8List({"Stockholm", "Göteborg", "Malmö", "Uppsala"}),
         utf8List({"Storgatan", "Drottninggatan", "Kungsgatan"}),
         {},
         {}},
        {4,
         QStringLiteral("Poland"),
         "+48 22 ### ## ##",
         "##-###",
         QStringLiteral("sp. z o.o."),
         utf8List({"Zofia", "Jakub", "Łucja", "Mikołaj", "Katarzyna", "Paweł", "Agnieszka", "Michał"}),
         utf8List({"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zieliński", "Szymańska"}),
         utf8List({"Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk"}),
         utf8List({"ulica Długa", "ulica Polna", "ulica Lipowa"}),
         {},
         {}},
        {5,
         QStringLiteral("Brazil"),
         "+55 11 9####-####",
         "#####-###",
         QStringLiteral("Ltda."),
         utf8List({"João", "Ana", "Gonçalo", "Beatriz", "Tomás", "Mariana", "Luís", "Leonor"}),
         utf8List({"Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Gonçalves"}),
         utf8List({"São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Florianópolis"}),
         utf8List({"Rua das Flores", "Avenida Paulista", "Rua Augusta"}),
         {},
         {}},
        {3,
         QStringLiteral("Turkey"),
         "+90 212 ### ## ##",
         "#####",
         QStringLiteral("A.Ş."),
         utf8List({"Mehmet", "Ayşe", "Emir", "Zeynep", "Elif", "Can", "Yusuf", "Çağla"}),
         utf8List({"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın"}),
         utf8List({"İstanbul", "Ankara", "İzmir", "Bursa"}),
         utf8List({"Atatürk Caddesi", "İstiklal Caddesi", "Cumhuriyet Caddesi"}),
         {},
         {}},
        {4,
         QStringLiteral("Japan"),
         "+81 3-####-####",
         "###-####",
         QStringLiteral("K.K."),
         utf8List({"Haruto", "Yui", "Sōta", "Aoi", "Ren", "Hina", "Yūto", "Sakura"}),
         utf8List({"Satō", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura"}),
         utf8List({"Tokyo", "Osaka", "Kyoto", "Yokohama", "Sapporo"}),
         utf8List({"Chūō-dōri", "Omotesandō", "Meiji-dōri"}),
         {},
         {}},
        {6,
         QStringLiteral("India"),
         "+91 98### #####",
         "######",
         QStringLiteral("Pvt Ltd"),
         utf8List({"Aarav", "Priya", "Vivaan", "Ananya", "Arjun", "Diya", "Rohan", "Saanvi", "Ishaan", "Kavya"}),
         utf8List({"Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Das"}),
         utf8List({"Mumbai", "Bengaluru", "Delhi", "Pune", "Chennai", "Hyderabad"}),
         utf8List({"MG Road", "Park Street", "Linking Road"}),
         {},
         {}},
    };
    for (Culture& culture : cultures) {
        for (const QString& name : culture.firstNames) {
            culture.firstSlugs.append(asciiSlug(name));
        }
        for (const QString& name : culture.lastNames) {
            culture.lastSlugs.append(asciiSlug(name));
        }
    }
    return cultures;
}

const QStringList& trades()
{
    static const QStringList list =
        utf8List({"Bakery", "Coffee", "Design", "Florist", "Yoga Studio", "Books", "Consulting", "Dental", "Fitness",
                  "Garden Supply", "Print Shop", "Wine Bar", "Tailoring", "Photography", "Ceramics", "Bike Repair"});
    return list;
}

const QStringList& brandWords()
{
    static const QStringList list = utf8List({"Northwind", "Blue Harbor", "Green Leaf", "Sunrise", "Little Fox",
                                              "Copper Kettle", "Silver Birch", "Red Door", "Old Mill", "Bright Side"});
    return list;
}

// Reserved for documentation (RFC 2606 / RFC 6761): mail to these never reaches anyone.
const QStringList& mailDomains()
{
    static const QStringList list = utf8List({"mail.example", "post.example", "inbox.example", "webmail.example",
                                              "example.com", "example.net", "example.org"});
    return list;
}

const QStringList& notesPool()
{
    static const QStringList list =
        utf8List({"Met at the spring fair.", "Prefers email over phone calls.", "Asked about wholesale prices.",
                  "Referred by a friend.", "Sent a birthday voucher last year.", "Interested in weekend workshops.",
                  "Ordered gift cards at Christmas.", "Wants the catalogue in print too."});
    return list;
}

struct Weighted
{
    const char* name;
    double probability;
};

// How likely a contact carries each tag / belongs to each list.
constexpr std::array<Weighted, 10> kTags = {{{"customer", 0.40},
                                             {"newsletter", 0.35},
                                             {"prospect", 0.15},
                                             {"returning", 0.12},
                                             {"online", 0.10},
                                             {"local", 0.10},
                                             {"event-2025", 0.06},
                                             {"wholesale", 0.04},
                                             {"vip", 0.03},
                                             {"trade-fair", 0.03}}};
constexpr int kMaxTagsPerContact = 3;

constexpr std::array<Weighted, 5> kLists = {{{"Newsletter", 0.45},
                                             {"Customers", 0.35},
                                             {"Spring sale", 0.12},
                                             {"Event invitations", 0.08},
                                             {"Wholesale partners", 0.03}}};

constexpr std::array<Weighted, 6> kConsentSources = {{{"Signup form", 0.40},
                                                      {"Checkout", 0.25},
                                                      {"Shop counter", 0.12},
                                                      {"Import from spreadsheet", 0.10},
                                                      {"Trade fair", 0.08},
                                                      {"Referral", 0.05}}};

struct DemoField
{
    const char* name;
    int type; // FieldType as stored
};
constexpr std::array<DemoField, 3> kFields = {{{"Loyalty points", 1}, {"Birthday", 2}, {"Wholesale", 3}}};
constexpr double kFieldShare = 0.01;

// The generator draws only from the raw 64-bit stream: std::uniform_*_distribution differ between
// standard libraries, and the same seed must give the same workspace everywhere.
class Dice
{
public:
    explicit Dice(quint64 seed)
        : m_engine(seed)
    {}
    quint64 below(quint64 n) { return n == 0 ? 0 : m_engine() % n; }
    double unit() { return static_cast<double>(m_engine() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    template <typename List>
    const auto& pick(const List& list)
    {
        return list[static_cast<qsizetype>(below(static_cast<quint64>(list.size())))];
    }
    QString pattern(const char* pattern)
    {
        QString out;
        for (const char* p = pattern; *p != '\0'; ++p) {
            if (*p == '#') {
                out.append(QLatin1Char(static_cast<char>('0' + below(10))));
            } else if (*p == 'A') {
                out.append(QLatin1Char(static_cast<char>('A' + below(26))));
            } else {
                out.append(QLatin1Char(*p));
            }
        }
        return out;
    }

private:
    std::mt19937_64 m_engine;
};

// Appends rows to a table with one multi-row INSERT per `rowsPerStatement` rows: one prepared
// statement reused for every full batch, a one-off statement for the remainder.
class BatchInserter
{
public:
    BatchInserter(QSqlDatabase db, const char* insert, const char* table, const char* columns, int columnCount,
                  int rowsPerStatement)
        : m_db(std::move(db))
        , m_insert(QString::fromLatin1(insert))
        , m_table(QString::fromLatin1(table))
        , m_columns(QString::fromLatin1(columns))
        , m_columnCount(columnCount)
        , m_rowsPerStatement(rowsPerStatement)
        , m_full(m_db)
    {
        m_values.reserve(columnCount * rowsPerStatement);
    }

    Status add(std::initializer_list<QVariant> row)
    {
        for (const QVariant& value : row) {
            m_values.append(value);
        }
        if (m_values.size() < m_columnCount * m_rowsPerStatement) {
            return Ok{};
        }
        if (!m_prepared) {
            if (!m_full.prepare(sqlFor(m_rowsPerStatement))) {
                return sqlError(m_full, QT_TRANSLATE_NOOP("SqlError", "prepare the demo data"));
            }
            m_prepared = true;
        }
        return execute(m_full);
    }

    Status flush()
    {
        if (m_values.isEmpty()) {
            return Ok{};
        }
        QSqlQuery q(m_db);
        if (!q.prepare(sqlFor(static_cast<int>(m_values.size() / m_columnCount)))) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "prepare the demo data"));
        }
        return execute(q);
    }

private:
    QString sqlFor(int rows) const
    {
        QString tuple = QStringLiteral("(?");
        for (int i = 1; i < m_columnCount; ++i) {
            tuple += QStringLiteral(",?");
        }
        tuple += QLatin1Char(')');
        QString sql = QStringLiteral("%1 INTO %2 (%3) VALUES ").arg(m_insert, m_table, m_columns);
        sql.reserve(sql.size() + rows * (tuple.size() + 1));
        for (int i = 0; i < rows; ++i) {
            if (i > 0) {
                sql += QLatin1Char(',');
            }
            sql += tuple;
        }
        return sql;
    }

    Status execute(QSqlQuery& q)
    {
        for (qsizetype i = 0; i < m_values.size(); ++i) {
            q.bindValue(static_cast<int>(i), m_values.at(i));
        }
        m_values.clear();
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "write the demo contacts"));
        }
        return Ok{};
    }

    QSqlDatabase m_db;
    QString m_insert;
    QString m_table;
    QString m_columns;
    int m_columnCount;
    int m_rowsPerStatement;
    QSqlQuery m_full;
    bool m_prepared = false;
    QVector<QVariant> m_values;
};

// Finds or creates a custom field; 0 when a field of that name exists with another type
// (the demo then leaves it alone rather than write values the user's field would reject).
Result<qint64> ensureField(QSqlDatabase db, const DemoField& field)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, type FROM custom_fields WHERE name = ?"));
    q.addBindValue(QString::fromLatin1(field.name));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the custom fields"));
    }
    if (q.next()) {
        return q.value(1).toInt() == field.type ? q.value(0).toLongLong() : 0;
    }
    q.prepare(QStringLiteral("INSERT INTO custom_fields (name, type) VALUES (?, ?)"));
    q.addBindValue(QString::fromLatin1(field.name));
    q.addBindValue(field.type);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "create the demo custom fields"));
    }
    return q.lastInsertId().toLongLong();
}

template <std::size_t N>
int pickWeighted(Dice& dice, const std::array<Weighted, N>& items)
{
    double roll = dice.unit();
    for (std::size_t i = 0; i < N; ++i) {
        roll -= items[i].probability;
        if (roll < 0) {
            return static_cast<int>(i);
        }
    }
    return 0;
}

void putDigits(char* out, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

// "2024-03-05T10:20:30.123Z", exactly as QDateTime::toString(Qt::ISODateWithMs) writes a UTC
// time, without its locale-aware machinery: two timestamps per contact add up at a million.
QString isoTimestamp(qint64 msecs)
{
    constexpr qint64 msPerDay = 86400000;
    const qint64 day = msecs >= 0 ? msecs / msPerDay : (msecs - msPerDay + 1) / msPerDay;
    int ms = static_cast<int>(msecs - day * msPerDay);
    int year = 0;
    int month = 0;
    int dayOfMonth = 0;
    QDate(1970, 1, 1).addDays(day).getDate(&year, &month, &dayOfMonth);
    char text[] = "0000-00-00T00:00:00.000Z";
    putDigits(text, year, 4);
    putDigits(text + 5, month, 2);
    putDigits(text + 8, dayOfMonth, 2);
    putDigits(text + 11, ms / 3600000, 2);
    ms %= 3600000;
    putDigits(text + 14, ms / 60000, 2);
    ms %= 60000;
    putDigits(text + 17, ms / 1000, 2);
    putDigits(text + 20, ms % 1000, 3);
    return QString::fromLatin1(text, 24);
}

// The columns are NOT NULL: an empty value must be an empty string, never a null QString.
const QString& emptyText()
{
    static const QString empty = QStringLiteral("");
    return empty;
}

struct DemoRow
{
    qint64 id = 0;
    QString email;
    QString firstName;
    QString lastName;
    QString company;
    QString phone;
    QString street;
    QString city;
    QString postcode;
    QString country;
    QString notes;
    int status = 0;
    QString consentSource;
    QString consentAt;
    QString createdAt;
    QString updatedAt;
    QVector<int> tags;                   // indexes into kTags
    QVector<int> lists;                  // indexes into kLists
    QVector<QPair<int, QString>> fields; // index into kFields, canonical value
};

class RowFactory
{
public:
    explicit RowFactory(quint64 seed)
        : m_dice(seed)
        , m_cultures(buildCultures())
        , m_endMs(DemoGenerator::referenceTime().toMSecsSinceEpoch())
    {
        for (const Culture& culture : m_cultures) {
            m_totalWeight += culture.weight;
        }
    }

    DemoRow make(qint64 id)
    {
        DemoRow row;
        row.id = id;
        row.company = emptyText();
        row.phone = emptyText();
        row.notes = emptyText();
        const Culture& culture = pickCulture();
        const qsizetype first = static_cast<qsizetype>(m_dice.below(static_cast<quint64>(culture.firstNames.size())));
        const qsizetype last = static_cast<qsizetype>(m_dice.below(static_cast<quint64>(culture.lastNames.size())));
        row.firstName = culture.firstNames.at(first);
        row.lastName = culture.lastNames.at(last);
        row.country = culture.country;
        row.city = m_dice.pick(culture.cities);
        // One draw per statement: the order operands are evaluated in is unspecified, and the
        // same seed must give the same rows with every compiler.
        const QString& street = m_dice.pick(culture.streets);
        row.street = street + QLatin1Char(' ') + QString::number(1 + m_dice.below(180));
        row.postcode = m_dice.pattern(culture.postcodePattern);
        if (m_dice.chance(0.7)) {
            row.phone = m_dice.pattern(culture.phonePattern);
        }

        QString companySlug;
        const double companyRoll = m_dice.unit();
        if (companyRoll < 0.45) {
            const QString& trade = m_dice.pick(trades());
            row.company = row.lastName + QLatin1Char(' ') + trade + QLatin1Char(' ') + culture.companySuffix;
        } else if (companyRoll < 0.65) {
            const QString& brand = m_dice.pick(brandWords());
            const QString& trade = m_dice.pick(trades());
            row.company = brand + QLatin1Char(' ') + trade;
        }
        if (!row.company.isEmpty()) {
            companySlug = companyDomain(row.company);
        }

        // The id in every address keeps them unique without remembering a million of them.
        const QString& f = culture.firstSlugs.at(first);
        const QString& l = culture.lastSlugs.at(last);
        const QString n = QString::number(id);
        QString local;
        switch (m_dice.below(5)) {
        case 0:
            local = f + QLatin1Char('.') + l + n;
            break;
        case 1:
            local = f + n;
            break;
        case 2:
            local = f.left(1) + QLatin1Char('.') + l + n;
            break;
        case 3:
            local = f + QLatin1Char('_') + l + QLatin1Char('.') + n;
            break;
        default:
            local = l + QLatin1Char('.') + f + n;
            break;
        }
        const bool workAddress = !companySlug.isEmpty() && m_dice.chance(0.4);
        row.email = local + QLatin1Char('@') + (workAddress ? companySlug : m_dice.pick(mailDomains()));

        // ~93% subscribed, 4% unsubscribed, 2% bounced, 1% complained.
        const double statusRoll = m_dice.unit();
        row.status = statusRoll < 0.93 ? 0 : statusRoll < 0.97 ? 1 : statusRoll < 0.99 ? 2 : 3;

        const qint64 createdMs = m_endMs - static_cast<qint64>(m_dice.below(kSpanMs));
        row.createdAt = isoTimestamp(createdMs);
        row.updatedAt =
            m_dice.chance(0.25)
                ? isoTimestamp(createdMs + static_cast<qint64>(m_dice.below(static_cast<quint64>(m_endMs - createdMs))))
                : row.createdAt;
        row.consentSource =
            QString::fromLatin1(kConsentSources[static_cast<std::size_t>(pickWeighted(m_dice, kConsentSources))].name);
        row.consentAt = row.createdAt.left(10); // yyyy-MM-dd
        if (m_dice.chance(0.08)) {
            row.notes = m_dice.pick(notesPool());
        }

        for (std::size_t i = 0; i < kTags.size(); ++i) {
            if (m_dice.chance(kTags[i].probability) && row.tags.size() < kMaxTagsPerContact) {
                row.tags.append(static_cast<int>(i));
            }
        }
        for (std::size_t i = 0; i < kLists.size(); ++i) {
            if (m_dice.chance(kLists[i].probability)) {
                row.lists.append(static_cast<int>(i));
            }
        }
        if (m_dice.chance(kFieldShare)) {
            row.fields.append({0, QString::number(m_dice.below(5000))});
            if (m_dice.chance(0.6)) {
                const QDate birthday = QDate(1950, 1, 1).addDays(static_cast<qint64>(m_dice.below(20000)));
                row.fields.append({1, birthday.toString(Qt::ISODate)});
            }
            if (m_dice.chance(0.5)) {
                row.fields.append({2, m_dice.chance(0.3) ? QStringLiteral("yes") : QStringLiteral("no")});
            }
        }
        return row;
    }

private:
    static constexpr quint64 kSpanMs = 3ULL * 365 * 24 * 3600 * 1000;

    const Culture& pickCulture()
    {
        int roll = static_cast<int>(m_dice.below(static_cast<quint64>(m_totalWeight)));
        for (const Culture& culture : m_cultures) {
            roll -= culture.weight;
            if (roll < 0) {
                return culture;
            }
        }
        return m_cultures.front();
    }

    // "Müller Bakery GmbH" -> "muller-bakery-gmbh.example"
    QString companyDomain(const QString& company)
    {
        auto cached = m_domains.constFind(company);
        if (cached != m_domains.constEnd()) {
            return *cached;
        }
        QStringList words;
        for (const QString& word : company.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString slug = asciiSlug(word);
            if (!slug.isEmpty()) {
                words.append(slug);
            }
        }
        QString label = words.join(QLatin1Char('-')).left(60);
        while (label.endsWith(QLatin1Char('-'))) {
            label.chop(1);
        }
        const QString domain = label + QStringLiteral(".example");
        m_domains.insert(company, domain);
        return domain;
    }

    Dice m_dice;
    std::vector<Culture> m_cultures;
    int m_totalWeight = 0;
    qint64 m_endMs;
    QHash<QString, QString> m_domains;
};

// Makes the rows on a second thread while the calling thread writes them, a few chunks ahead.
// One producer draws from one random stream in order, so the rows are exactly those made in line.
class RowProducer
{
public:
    RowProducer(quint64 seed, qint64 firstId, qint64 count, int chunk)
        : m_factory(seed)
        , m_firstId(firstId)
        , m_count(count)
        , m_chunk(chunk)
        , m_thread([this] { run(); })
    {}

    ~RowProducer()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }

    RowProducer(const RowProducer&) = delete;
    RowProducer& operator=(const RowProducer&) = delete;

    // The next chunk, in order; empty once every row has been handed out.
    QVector<DemoRow> next()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_ready.empty() || m_finished; });
        if (m_ready.empty()) {
            return {};
        }
        QVector<DemoRow> rows = std::move(m_ready.front());
        m_ready.pop_front();
        lock.unlock();
        m_changed.notify_all();
        return rows;
    }

private:
    static constexpr std::size_t kAhead = 4;

    void run()
    {
        for (qint64 made = 0; made < m_count;) {
            QVector<DemoRow> rows;
            const qint64 size = std::min<qint64>(m_chunk, m_count - made);
            rows.reserve(size);
            for (qint64 i = 0; i < size; ++i) {
                rows.append(m_factory.make(m_firstId + made + i));
            }
            made += size;
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [this] { return m_ready.size() < kAhead || m_stop; });
            if (m_stop) {
                break;
            }
            m_ready.push_back(std::move(rows));
            lock.unlock();
            m_changed.notify_all();
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_finished = true;
        }
        m_changed.notify_all();
    }

    RowFactory m_factory;
    const qint64 m_firstId;
    const qint64 m_count;
    const int m_chunk;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QVector<DemoRow>> m_ready;
    bool m_stop = false;
    bool m_finished = false;
    std::thread m_thread; // last: starts once everything above is constructed
};

// A bigger page cache and a second sorting thread for the run. Restored afterwards.
class BulkLoadSettings
{
public:
    explicit BulkLoadSettings(QSqlDatabase db)
        : m_db(std::move(db))
    {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("PRAGMA cache_size")) && q.next()) {
            m_previous = q.value(0).toLongLong();
            q.finish();
            q.exec(QStringLiteral("PRAGMA cache_size = -262144"));
        }
        // Lets SQLite sort in two threads when it rebuilds the indexes.
        q.exec(QStringLiteral("PRAGMA threads = 2"));
    }
    ~BulkLoadSettings()
    {
        QSqlQuery q(m_db);
        if (m_previous != 0) {
            q.exec(QStringLiteral("PRAGMA cache_size = %1").arg(m_previous));
        }
        q.exec(QStringLiteral("PRAGMA threads = 0"));
    }
    BulkLoadSettings(const BulkLoadSettings&) = delete;
    BulkLoadSettings& operator=(const BulkLoadSettings&) = delete;

private:
    QSqlDatabase m_db;
    qint64 m_previous = 0;
};

// When contacts already exist, a generated address may match one a person typed in; such a
// row gets another suffix. A fresh workspace skips the check.
Status avoidExistingEmails(QSqlDatabase db, QVector<DemoRow>& rows)
{
    QSqlQuery exists(db);
    exists.prepare(QStringLiteral("SELECT 1 FROM contacts WHERE email_key = ?"));
    for (DemoRow& row : rows) {
        for (int attempt = 0;; ++attempt) {
            exists.bindValue(0, row.email);
            if (!exists.exec()) {
                return sqlError(exists, QT_TRANSLATE_NOOP("SqlError", "check the demo addresses"));
            }
            const bool taken = exists.next();
            exists.finish();
            if (!taken) {
                break;
            }
            const qsizetype at = row.email.indexOf(QLatin1Char('@'));
            row.email.insert(at, QStringLiteral("x%1").arg(attempt));
        }
    }
    return Ok{};
}

constexpr int kChunk = 100; // contacts per INSERT: 17 x 100 variables, far below SQLite's limit of 32766
constexpr qint64 kProgressEvery = 10000;
constexpr qint64 kIndexStep = 50000;
constexpr qint64 kRebuildIndexesFrom = 20000;

// Drops the indexes of the contact tables that are not keys, and returns the statements that
// recreate them exactly as the migrations made them.
Result<QStringList> dropSecondaryIndexes(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                               " AND tbl_name IN ('contacts', 'contact_tags', 'list_members',"
                               " 'contact_field_values') ORDER BY name"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the workspace indexes"));
    }
    QStringList names;
    QStringList statements;
    while (q.next()) {
        names.append(q.value(0).toString());
        statements.append(q.value(1).toString());
    }
    q.finish();
    for (const QString& name : std::as_const(names)) {
        if (!q.exec(QStringLiteral("DROP INDEX \"%1\"").arg(name))) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "prepare the workspace for the demo contacts"));
        }
    }
    return statements;
}

} // namespace

QDateTime DemoGenerator::referenceTime()
{
    return QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
}

Result<qint64> DemoGenerator::generate(QSqlDatabase db, qint64 count, quint64 seed, const ProgressCallback& progress)
{
    if (count < 0) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("DemoGenerator", "The number of demo contacts cannot be negative (%1).")
                .arg(count)};
    }
    if (count == 0) {
        return qint64(0);
    }
    BulkLoadSettings cache(db);
    Transaction tx(db);
    if (auto begun = tx.begin(); !begun) {
        return begun.error();
    }

    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM contacts")) || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the workspace"));
    }
    const qint64 firstId = q.value(0).toLongLong() + 1;
    const qint64 existing = q.value(1).toLongLong();
    const bool hadContacts = existing > 0;
    q.finish();

    // A big load into a small workspace drops the secondary indexes and rebuilds them at the
    // end: one sorted CREATE INDEX is several times faster than a million random index inserts.
    // DDL is transactional in SQLite, so a failed or cancelled run still changes nothing.
    QStringList rebuildIndexes;
    if (count >= kRebuildIndexesFrom && count >= existing) {
        auto indexes = dropSecondaryIndexes(db);
        if (!indexes) {
            return indexes.error();
        }
        rebuildIndexes = indexes.value();
    }

    QVector<qint64> tagIds;
    for (const Weighted& tag : kTags) {
        auto id = GroupRepository(db, GroupKind::Tag).ensure(QString::fromLatin1(tag.name));
        if (!id) {
            return id.error();
        }
        tagIds.append(id.value());
    }
    QVector<qint64> listIds;
    for (const Weighted& list : kLists) {
        auto id = GroupRepository(db, GroupKind::List).ensure(QString::fromLatin1(list.name), referenceTime());
        if (!id) {
            return id.error();
        }
        listIds.append(id.value());
    }
    QVector<qint64> fieldIds;
    for (const DemoField& field : kFields) {
        auto id = ensureField(db, field);
        if (!id) {
            return id.error();
        }
        fieldIds.append(id.value());
    }

    // OR FAIL: a multi-row INSERT that may abort halfway keeps a statement journal, a copy of
    // every page it touches; FAIL needs none, and any failure rolls back the whole run anyway.
    BatchInserter contacts(db, "INSERT OR FAIL", "contacts",
                           "id, email, email_key, first_name, last_name, company, phone, street, city, postcode,"
                           " country, notes, status, consent_source, consent_at, created_at, updated_at",
                           17, kChunk);
    BatchInserter contactTags(db, "INSERT", "contact_tags", "contact_id, tag_id", 2, 4 * kChunk);
    BatchInserter listMembers(db, "INSERT", "list_members", "list_id, contact_id", 2, 4 * kChunk);
    BatchInserter fieldValues(db, "INSERT", "contact_field_values", "contact_id, field_id, value", 3, kChunk);

    qint64 done = 0;
    // Progress counts two steps per contact: writing it, then indexing it for search.
    if (progress && !progress(0, 2 * count)) {
        return Error{
            ErrorCode::Cancelled,
            QCoreApplication::translate("DemoGenerator", "Making the demo contacts was cancelled; nothing was added.")};
    }
    RowProducer producer(seed, firstId, count, kChunk);
    while (done < count) {
        QVector<DemoRow> rows = producer.next();
        const qint64 chunk = rows.size();
        if (chunk == 0) {
            return Error{ErrorCode::Database,
                         QCoreApplication::translate("DemoGenerator", "Making the demo contacts stopped early.")};
        }
        if (hadContacts) {
            if (auto s = avoidExistingEmails(db, rows); !s) {
                return s.error();
            }
        }
        for (const DemoRow& row : rows) {
            // Generated addresses are ASCII with lower-case domains, so the key is the address itself.
            Status s = contacts.add({row.id, row.email, row.email.toLower(), row.firstName, row.lastName, row.company,
                                     row.phone, row.street, row.city, row.postcode, row.country, row.notes, row.status,
                                     row.consentSource, row.consentAt, row.createdAt, row.updatedAt});
            if (!s) {
                return s.error();
            }
        }
        // Memberships reference the contacts: those must be written first.
        if (auto s = contacts.flush(); !s) {
            return s.error();
        }
        for (const DemoRow& row : rows) {
            for (int tag : row.tags) {
                if (auto s = contactTags.add({row.id, tagIds.at(tag)}); !s) {
                    return s.error();
                }
            }
            for (int list : row.lists) {
                if (auto s = listMembers.add({listIds.at(list), row.id}); !s) {
                    return s.error();
                }
            }
            for (const auto& [field, value] : row.fields) {
                if (fieldIds.at(field) == 0) {
                    continue;
                }
                if (auto s = fieldValues.add({row.id, fieldIds.at(field), value}); !s) {
                    return s.error();
                }
            }
        }
        done += chunk;
        if (progress && (done % kProgressEvery == 0 || done == count) && !progress(done, 2 * count)) {
            return Error{ErrorCode::Cancelled,
                         QCoreApplication::translate("DemoGenerator",
                                                     "Making the demo contacts was cancelled; nothing was added.")};
        }
    }
    for (BatchInserter* inserter : {&contactTags, &listMembers, &fieldValues}) {
        if (auto s = inserter->flush(); !s) {
            return s.error();
        }
    }
    for (const QString& sql : std::as_const(rebuildIndexes)) {
        if (!q.exec(sql)) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "rebuild the workspace indexes"));
        }
    }
    // The search index last, in a few big statements: once FTS5 is part of a transaction it
    // flushes its pending terms at every statement, so interleaving it with the row inserts
    // costs several times more than indexing whole ranges here.
    QSqlQuery index(db);
    index.prepare(QStringLiteral("INSERT INTO contacts_fts (rowid, email, first_name, last_name, company, tags, notes)"
                                 " SELECT c.id, c.email, c.first_name, c.last_name, c.company,"
                                 " COALESCE((SELECT group_concat(t.name, ' ') FROM contact_tags ct"
                                 "           JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),"
                                 " c.notes FROM contacts c WHERE c.id >= ? AND c.id < ?"));
    for (qint64 indexed = 0; indexed < count;) {
        const qint64 step = std::min<qint64>(kIndexStep, count - indexed);
        index.bindValue(0, firstId + indexed);
        index.bindValue(1, firstId + indexed + step);
        if (!index.exec()) {
            return sqlError(index, QT_TRANSLATE_NOOP("SqlError", "index the demo contacts for search"));
        }
        indexed += step;
        if (progress && !progress(count + indexed, 2 * count)) {
            return Error{ErrorCode::Cancelled,
                         QCoreApplication::translate("DemoGenerator",
                                                     "Making the demo contacts was cancelled; nothing was added.")};
        }
    }
    if (auto committed = tx.commit(); !committed) {
        return committed.error();
    }
    return count;
}
