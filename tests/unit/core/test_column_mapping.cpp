#include "core/contacts/import/ColumnMapping.h"
#include "core/contacts/import/CsvReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

using Kind = ColumnTarget::Kind;
using C = ContactColumn;

struct CsvSample
{
    QStringList headers;
    QVector<QStringList> rows;
};

CsvSample readSample(const QString& name)
{
    CsvSample sample;
    QFile file(QStringLiteral(MAILROOM_TEST_DATA_DIR "/import/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(file.fileName()));
        return sample;
    }
    CsvOptions options;
    options.header = CsvOptions::Header::Present;
    CsvReader reader(&file, options);
    for (;;) {
        auto record = reader.next();
        if (!record.ok() || !record.value()) {
            break;
        }
        sample.rows.append(record.value()->fields);
    }
    sample.headers = reader.header();
    return sample;
}

// The target of the first column with this header; a test fails loudly on a header the file lacks.
ColumnTarget targetOf(const ColumnMapping& mapping, const QString& header)
{
    const qsizetype index = mapping.headers.indexOf(header);
    if (index < 0) {
        qWarning("no column \"%s\" in %s", qPrintable(header), qPrintable(mapping.headers.join(QLatin1Char('|'))));
        return ColumnTarget::toField(QStringLiteral("<missing column>"), FieldType::Text);
    }
    return mapping.targets.at(index);
}

const char* describe(const ColumnTarget& t)
{
    static QByteArray text;
    text =
        QJsonDocument(ColumnMapping{{QStringLiteral("h")}, {t}, {}}.toJson().value(QLatin1String("columns")).toArray())
            .toJson(QJsonDocument::Compact);
    return text.constData();
}

#define CHECK_TARGET(mapping, header, expected)                                                                        \
    do {                                                                                                               \
        const ColumnTarget actual_ = targetOf(mapping, QStringLiteral(header));                                        \
        const ColumnTarget expected_ = (expected);                                                                     \
        if (actual_ != expected_) {                                                                                    \
            const QByteArray a_ = describe(actual_);                                                                   \
            QFAIL(qPrintable(                                                                                          \
                QStringLiteral("%1: got %2, expected %3")                                                              \
                    .arg(QStringLiteral(header), QString::fromUtf8(a_), QString::fromUtf8(describe(expected_)))));     \
        }                                                                                                              \
    } while (false)

ColumnTarget col(ContactColumn c)
{
    return ColumnTarget::toColumn(c);
}

ColumnTarget field(const char* name, FieldType type = FieldType::Text)
{
    return ColumnTarget::toField(QString::fromUtf8(name), type);
}

int countKind(const ColumnMapping& mapping, Kind kind, ContactColumn column = C::Email)
{
    int n = 0;
    for (const ColumnTarget& t : mapping.targets) {
        if (t.kind == kind && (kind != Kind::Column || t.column == column)) {
            ++n;
        }
    }
    return n;
}

} // namespace

class TestColumnMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void googleBefore2023();
    void googleBefore2023AddressAndOrganization();
    void google2023();
    void outlookEnglish();
    void outlookGerman();
    void appleContacts();
    void frenchExport();
    void spanishExport();
    void mailchimpExport();
    void ownExportAndErrorReport();
    void headersCompareWithoutCaseAccentsOrPunctuation();
    void fullNameOnlyWithoutFirstAndLastName();
    void unmatchedHeadersBecomeCustomFields();
    void existingCustomFieldsKeepTheirType();
    void fileWithoutHeaderFindsEmailBySample();
    void fieldTypeGuessing_data();
    void fieldTypeGuessing();
    void emptyColumnsMakeNoField();
    void tagSeparatorFromSamples();
    void fieldNamesFromHeaders();
    void jsonRoundTrip();
    void applySavedFollowsHeaderNames();
    void applySavedGuessesAroundSavedColumns();
    void applySavedRejectsBrokenMappings_data();
    void applySavedRejectsBrokenMappings();
    void problemsNameTheColumn();
    void guessedMappingsOfRealFilesHaveNoProblems();
};

void TestColumnMapping::googleBefore2023()
{
    const CsvSample csv = readSample(QStringLiteral("google_contacts.csv"));
    QCOMPARE(csv.rows.size(), 2);
    const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
    QCOMPARE(m.targets.size(), csv.headers.size());
    CHECK_TARGET(m, "Name", ColumnTarget::ignore()); // Given Name and Family Name are there
    CHECK_TARGET(m, "Given Name", col(C::FirstName));
    CHECK_TARGET(m, "Family Name", col(C::LastName));
    CHECK_TARGET(m, "E-mail 1 - Value", col(C::Email));
    CHECK_TARGET(m, "E-mail 1 - Type", ColumnTarget::ignore());
    CHECK_TARGET(m, "Phone 1 - Value", col(C::Phone));
    CHECK_TARGET(m, "Phone 1 - Type", ColumnTarget::ignore());
    CHECK_TARGET(m, "Notes", col(C::Notes));
    CHECK_TARGET(m, "Group Membership", ColumnTarget::toTags(QStringLiteral(" ::: ")));
    CHECK_TARGET(m, "Nickname", field("Nickname"));
    CHECK_TARGET(m, "Birthday", field("Birthday", FieldType::Date));
    QVERIFY(m.phoneRegion.isEmpty());
}

void TestColumnMapping::googleBefore2023AddressAndOrganization()
{
    const CsvSample csv = readSample(QStringLiteral("google_contacts_legacy.csv"));
    QCOMPARE(csv.rows.size(), 2);
    const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
    CHECK_TARGET(m, "Given Name", col(C::FirstName));
    CHECK_TARGET(m, "Family Name", col(C::LastName));
    CHECK_TARGET(m, "E-mail 1 - Value", col(C::Email));
    CHECK_TARGET(m, "Phone 1 - Value", col(C::Phone));
    CHECK_TARGET(m, "Organization 1 - Name", col(C::Company));
    CHECK_TARGET(m, "Organization 1 - Title", field("Organization 1 - Title"));
    CHECK_TARGET(m, "Address 1 - Street", col(C::Street));
    CHECK_TARGET(m, "Address 1 - City", col(C::City));
    CHECK_TARGET(m, "Address 1 - Region", col(C::Region));
    CHECK_TARGET(m, "Address 1 - Postal Code", col(C::Postcode));
    CHECK_TARGET(m, "Address 1 - Country", col(C::Country));
    CHECK_TARGET(m, "Address 1 - Formatted", ColumnTarget::ignore()); // the same address again
    CHECK_TARGET(m, "Group Membership", ColumnTarget::toTags(QStringLiteral(" ::: ")));
    CHECK_TARGET(m, "Photo", ColumnTarget::ignore());
}

void TestColumnMapping::google2023()
{
    const CsvSample csv = readSample(QStringLiteral("google_contacts_2023.csv"));
    QCOMPARE(csv.rows.size(), 2);
    const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
    CHECK_TARGET(m, "First Name", col(C::FirstName));
    CHECK_TARGET(m, "Last Name", col(C::LastName));
    CHECK_TARGET(m, "Middle Name", ColumnTarget::ignore()); // empty in every row: no field for it
    CHECK_TARGET(m, "Organization Name", col(C::Company));
    CHECK_TARGET(m, "E-mail 1 - Value", col(C::Email));
    CHECK_TARGET(m, "E-mail 1 - Label", ColumnTarget::ignore());
    CHECK_TARGET(m, "E-mail 2 - Value", ColumnTarget::ignore()); // the first email column took Email
    CHECK_TARGET(m, "Phone 1 - Value", col(C::Phone));
    CHECK_TARGET(m, "Phone 2 - Value", ColumnTarget::ignore());
    CHECK_TARGET(m, "Address 1 - Street", col(C::Street));
    CHECK_TARGET(m, "Address 1 - City", col(C::City));
    CHECK_TARGET(m, "Address 1 - Region", col(C::Region));
    CHECK_TARGET(m, "Address 1 - Postal Code", col(C::Postcode));
    CHECK_TARGET(m, "Address 1 - Country", col(C::Country));
    CHECK_TARGET(m, "Labels", ColumnTarget::toTags(QStringLiteral(" ::: ")));
    CHECK_TARGET(m, "Notes", col(C::Notes));
    CHECK_TARGET(m, "Birthday", field("Birthday", FieldType::Date));
    QCOMPARE(countKind(m, Kind::Column, C::Email), 1);
    QCOMPARE(countKind(m, Kind::Column, C::Phone), 1);
}

void TestColumnMapping::outlookEnglish()
{
    const CsvSample csv = readSample(QStringLiteral("outlook_contacts.csv"));
    QCOMPARE(csv.headers.size(), 92);
    QCOMPARE(csv.rows.size(), 2);
    const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
    CHECK_TARGET(m, "First Name", col(C::FirstName));
    CHECK_TARGET(m, "Last Name", col(C::LastName));
    CHECK_TARGET(m, "Company", col(C::Company));
    CHECK_TARGET(m, "E-mail Address", col(C::Email));
    CHECK_TARGET(m, "E-mail Type", ColumnTarget::ignore());
    CHECK_TARGET(m, "E-mail Display Name", ColumnTarget::ignore());
    CHECK_TARGET(m, "E-mail 2 Address", ColumnTarget::ignore());
    // Several columns name the phone: the one the rows fill in most wins.
    CHECK_TARGET(m, "Business Phone", ColumnTarget::ignore());
    CHECK_TARGET(m, "Mobile Phone", col(C::Phone));
    CHECK_TARGET(m, "Business Street", col(C::Street));
    CHECK_TARGET(m, "Business City", col(C::City));
    CHECK_TARGET(m, "Business State", col(C::Region));
    CHECK_TARGET(m, "Business Postal Code", col(C::Postcode));
    CHECK_TARGET(m, "Business Country/Region", col(C::Country));
    CHECK_TARGET(m, "Home Street", ColumnTarget::ignore());
    CHECK_TARGET(m, "Notes", col(C::Notes));
    CHECK_TARGET(m, "Categories", ColumnTarget::toTags(QStringLiteral(";")));
    CHECK_TARGET(m, "Priority", ColumnTarget::ignore());
    CHECK_TARGET(m, "Sensitivity", ColumnTarget::ignore());
    // Fields Mailroom lacks keep their data under names a merge tag can use.
    CHECK_TARGET(m, "User 1", field("User 1", FieldType::Number));
    CHECK_TARGET(m, "Birthday", field("Birthday"));               // "0/0/00": Outlook's empty date
    CHECK_TARGET(m, "Assistant's Phone", ColumnTarget::ignore()); // empty in the samples
    CHECK_TARGET(m, "TTY/TDD Phone", ColumnTarget::ignore());     // empty in the samples
    CHECK_TARGET(m, "Job Title", field("Job Title"));
}

void TestColumnMapping::outlookGerman()
{
    const CsvSample csv = readSample(QStringLiteral("outlook_contacts_de.csv"));
    QCOMPARE(csv.rows.size(), 2);
    QVERIFY2(csv.headers.contains(QStringLiteral("Straße geschäftlich")), qPrintable(csv.headers.join(u'|')));
    const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
    CHECK_TARGET(m, "Vorname", col(C::FirstName));
    CHECK_TARGET(m, "Nachname", col(C::LastName));
    CHECK_TARGET(m, "E-Mail-Adresse", col(C::Email));
    CHECK_TARGET(m, "E-Mail-Typ", ColumnTarget::ignore());
    CHECK_TARGET(m, "E-Mail: Angezeigter Name", ColumnTarget::ignore());
    CHECK_TARGET(m, "E-Mail 2: Adresse", ColumnTarget::ignore());
    CHECK_TARGET(m, "Firma", col(C::Company));
    CHECK_TARGET(m, "Telefon geschäftlich", ColumnTarget::ignore());
    CHECK_TARGET(m, "Mobiltelefon", col(C::Phone)); // filled in on more rows than the office phone
    CHECK_TARGET(m, "Straße geschäftlich", col(C::Street));
    CHECK_TARGET(m, "Ort geschäftlich", col(C::City));
    CHECK_TARGET(m, "Region geschäftlich", col(C::Region));
    CHECK_TARGET(m, "Postleitzahl geschäftlich", col(C::Postcode));
    CHECK_TARGET(m, "Land/Region geschäftlich", col(C::Country));
    CHECK_TARGET(m, "Notizen", col(C::Notes));
    CHECK_TARGET(m, "Kategorien", ColumnTarget::toTags(QStringLiteral(";")));
    CHECK_TARGET(m, "Organisations-Nr.", ColumnTarget::ignore()); // empty in the samples
}

void TestColumnMapping::appleContacts()
{
    const CsvSample csv = readSample(QStringLiteral("apple_contacts.csv"));
    QCOMPARE(csv.rows.size(), 3);
    const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
    CHECK_TARGET(m, "First name", col(C::FirstName));
    CHECK_TARGET(m, "Last name", col(C::LastName));
    CHECK_TARGET(m, "Organization", col(C::Company));
    CHECK_TARGET(m, "Email (home)", col(C::Email));
    CHECK_TARGET(m, "Email (work)", ColumnTarget::ignore());
    CHECK_TARGET(m, "Phone (mobile)", col(C::Phone));
    CHECK_TARGET(m, "Street (home)", col(C::Street));
    CHECK_TARGET(m, "City (home)", col(C::City));
    CHECK_TARGET(m, "State (home)", col(C::Region));
    CHECK_TARGET(m, "ZIP (home)", col(C::Postcode));
    CHECK_TARGET(m, "Country (home)", col(C::Country));
    CHECK_TARGET(m, "Groups", ColumnTarget::toTags());
    CHECK_TARGET(m, "Note", col(C::Notes));
    CHECK_TARGET(m, "Birthday", field("Birthday", FieldType::Date));
    CHECK_TARGET(m, "Newsletter", field("Newsletter", FieldType::YesNo));
    CHECK_TARGET(m, "Job title", field("Job title"));
}

void TestColumnMapping::frenchExport()
{
    const CsvSample csv = readSample(QStringLiteral("french_contacts.csv"));
    QCOMPARE(csv.rows.size(), 2);
    const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
    CHECK_TARGET(m, "Prénom", col(C::FirstName));
    CHECK_TARGET(m, "Nom", col(C::LastName));
    CHECK_TARGET(m, "Adresse e-mail", col(C::Email));
    CHECK_TARGET(m, "Société", col(C::Company));
    CHECK_TARGET(m, "Téléphone", col(C::Phone));
    CHECK_TARGET(m, "Adresse", col(C::Street));
    CHECK_TARGET(m, "Code postal", col(C::Postcode));
    CHECK_TARGET(m, "Ville", col(C::City));
    CHECK_TARGET(m, "Pays", col(C::Country));
    CHECK_TARGET(m, "Étiquettes", ColumnTarget::toTags());
    CHECK_TARGET(m, "Remarques", col(C::Notes));
    CHECK_TARGET(m, "Date d'inscription", field("Date d inscription", FieldType::Date));
}

void TestColumnMapping::spanishExport()
{
    const CsvSample csv = readSample(QStringLiteral("spanish_contacts.csv"));
    QCOMPARE(csv.rows.size(), 2);
    const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
    CHECK_TARGET(m, "Nombre", col(C::FirstName));
    CHECK_TARGET(m, "Apellidos", col(C::LastName));
    CHECK_TARGET(m, "Correo electrónico", col(C::Email));
    CHECK_TARGET(m, "Empresa", col(C::Company));
    CHECK_TARGET(m, "Teléfono móvil", col(C::Phone));
    CHECK_TARGET(m, "Dirección", col(C::Street));
    CHECK_TARGET(m, "Código postal", col(C::Postcode));
    CHECK_TARGET(m, "Ciudad", col(C::City));
    CHECK_TARGET(m, "Provincia", col(C::Region));
    CHECK_TARGET(m, "País", col(C::Country));
    CHECK_TARGET(m, "Etiquetas", ColumnTarget::toTags());
    CHECK_TARGET(m, "Notas", col(C::Notes));
    CHECK_TARGET(m, "Puntos", field("Puntos", FieldType::Number));
}

void TestColumnMapping::mailchimpExport()
{
    const QStringList headers = {
        QStringLiteral("Email Address"), QStringLiteral("First Name"),   QStringLiteral("Last Name"),
        QStringLiteral("Address"),       QStringLiteral("Phone Number"), QStringLiteral("MEMBER_RATING"),
        QStringLiteral("OPTIN_TIME"),    QStringLiteral("OPTIN_IP"),     QStringLiteral("CONFIRM_TIME"),
        QStringLiteral("GMTOFF"),        QStringLiteral("LEID"),         QStringLiteral("EUID"),
        QStringLiteral("TAGS"),          QStringLiteral("LAST_CHANGED")};
    const ColumnMapping m = ColumnMapping::guess(headers, {});
    CHECK_TARGET(m, "Email Address", col(C::Email));
    CHECK_TARGET(m, "First Name", col(C::FirstName));
    CHECK_TARGET(m, "Last Name", col(C::LastName));
    CHECK_TARGET(m, "Address", col(C::Street));
    CHECK_TARGET(m, "Phone Number", col(C::Phone));
    CHECK_TARGET(m, "OPTIN_TIME", col(C::ConsentDate));
    CHECK_TARGET(m, "TAGS", ColumnTarget::toTags());
    for (const char* bookkeeping :
         {"MEMBER_RATING", "OPTIN_IP", "CONFIRM_TIME", "GMTOFF", "LEID", "EUID", "LAST_CHANGED"}) {
        QCOMPARE(targetOf(m, QString::fromLatin1(bookkeeping)), ColumnTarget::ignore());
    }
}

void TestColumnMapping::ownExportAndErrorReport()
{
    // What our export writes: the English labels, then a custom field.
    QStringList labels;
    QStringList keys;
    for (const ContactColumnInfo& info : contactColumns()) {
        labels.append(QString::fromUtf8(info.label));
        keys.append(QString::fromUtf8(info.key));
    }
    for (const QStringList& headers : {labels, keys}) {
        QStringList withField = headers;
        withField.append(QStringLiteral("Birthday"));
        const ColumnMapping m = ColumnMapping::guess(withField, {});
        for (int i = 0; i < contactColumns().size(); ++i) {
            const ContactColumn c = contactColumns().at(i).column;
            ColumnTarget expected = col(c);
            if (c == C::Tags) {
                expected = ColumnTarget::toTags(QStringLiteral(","));
            } else if (c == C::Lists) {
                expected = ColumnTarget::toLists(QStringLiteral(","));
            } else if (c == C::CreatedAt || c == C::UpdatedAt) {
                expected = ColumnTarget::ignore();
            }
            QVERIFY2(m.targets.at(i) == expected, qPrintable(withField.at(i)));
        }
        QCOMPARE(m.targets.last(), field("Birthday"));
        QVERIFY2(m.problems({}).isEmpty(), qPrintable(m.problems({}).join(u'\n')));
    }

    // The error report: Line, Problem, Raw row, then the file's own columns.
    const ColumnMapping report =
        ColumnMapping::guess({QStringLiteral("Line"), QStringLiteral("Problem"), QStringLiteral("Raw row"),
                              QStringLiteral("Email"), QStringLiteral("First name")},
                             {},
                             {{QStringLiteral("12"), QStringLiteral("not an email"), QStringLiteral("x,Jane"),
                               QStringLiteral("x"), QStringLiteral("Jane")}});
    QCOMPARE(report.targets.at(0), ColumnTarget::ignore());
    QCOMPARE(report.targets.at(1), ColumnTarget::ignore());
    QCOMPARE(report.targets.at(2), ColumnTarget::ignore());
    QCOMPARE(report.targets.at(3), col(C::Email));
    QCOMPARE(report.targets.at(4), col(C::FirstName));
}

void TestColumnMapping::headersCompareWithoutCaseAccentsOrPunctuation()
{
    const QVector<QPair<QString, ColumnTarget>> cases = {
        {QStringLiteral("E_MAIL"), col(C::Email)},
        {QStringLiteral("  e-mail  "), col(C::Email)},
        {QStringLiteral("EMAIL ADDRESS"), col(C::Email)},
        {QStringLiteral("Correo Electronico"), col(C::Email)},
        {QStringLiteral("courriel"), col(C::Email)},
        {QStringLiteral("STRASSE"), col(C::Street)},
        {QStringLiteral("straße"), col(C::Street)},
        {QStringLiteral("TELEPHONE"), col(C::Phone)},
        {QStringLiteral("Handy"), col(C::Phone)},
        {QStringLiteral("Móvil"), col(C::Phone)},
        {QStringLiteral("prenom"), col(C::FirstName)},
        {QStringLiteral("Nom de famille"), col(C::LastName)},
        {QStringLiteral("familienname"), col(C::LastName)},
        {QStringLiteral("Unternehmen"), col(C::Company)},
        {QStringLiteral("Entreprise"), col(C::Company)},
        {QStringLiteral("PLZ"), col(C::Postcode)},
        {QStringLiteral("C.P."), col(C::Postcode)},
        {QStringLiteral("Stadt"), col(C::City)},
        {QStringLiteral("Localidad"), col(C::City)},
        {QStringLiteral("Bundesland"), col(C::Region)},
        {QStringLiteral("Région"), col(C::Region)},
        {QStringLiteral("Estado"), col(C::Region)},
        {QStringLiteral("Land"), col(C::Country)},
        {QStringLiteral("Bemerkung"), col(C::Notes)},
        {QStringLiteral("status"), col(C::Status)},
        {QStringLiteral("Schlagwörter"), ColumnTarget::toTags()},
        {QStringLiteral("created_at"), ColumnTarget::ignore()},
        {QStringLiteral("Updated"), ColumnTarget::ignore()},
    };
    for (const auto& [header, expected] : cases) {
        const ColumnMapping m = ColumnMapping::guess({header}, {});
        QVERIFY2(m.targets.at(0) == expected,
                 qPrintable(QStringLiteral("%1 -> %2").arg(header, QString::fromUtf8(describe(m.targets.at(0))))));
    }
}

void TestColumnMapping::fullNameOnlyWithoutFirstAndLastName()
{
    for (const char* header : {"Name", "Full name", "Nom complet", "Nombre completo"}) {
        const ColumnMapping m = ColumnMapping::guess({QStringLiteral("Email"), QString::fromUtf8(header)}, {});
        QVERIFY2(m.targets.at(1) == ColumnTarget::toFullName(), header);
    }
    const ColumnMapping both = ColumnMapping::guess({QStringLiteral("Full name"), QStringLiteral("First name"),
                                                     QStringLiteral("Last name"), QStringLiteral("Email")},
                                                    {});
    QCOMPARE(both.targets.at(0), ColumnTarget::ignore());
    QCOMPARE(both.targets.at(1), col(C::FirstName));
    QCOMPARE(both.targets.at(2), col(C::LastName));
    // German lists: "Vorname" beside "Name" means the surname.
    const ColumnMapping german =
        ColumnMapping::guess({QStringLiteral("Name"), QStringLiteral("Vorname"), QStringLiteral("E-Mail")}, {});
    QCOMPARE(german.targets.at(0), col(C::LastName));
    QCOMPARE(german.targets.at(1), col(C::FirstName));
    QVERIFY(german.problems({}).isEmpty());
}

void TestColumnMapping::unmatchedHeadersBecomeCustomFields()
{
    const QString longHeader = QStringLiteral("Very long header ").repeated(6);
    const ColumnMapping m =
        ColumnMapping::guess({QStringLiteral("Email"), QStringLiteral("Kundennummer"), QStringLiteral("Kundennummer"),
                              QStringLiteral("Größe (cm)"), QStringLiteral("???"), QString(), QStringLiteral("  "),
                              longHeader, QStringLiteral("-Rabatt-")},
                             {});
    QCOMPARE(m.targets.at(1), field("Kundennummer"));
    QCOMPARE(m.targets.at(2), field("Kundennummer 2")); // two columns never fill one new field
    QCOMPARE(m.targets.at(3), field("Größe cm"));
    QCOMPARE(m.targets.at(4), ColumnTarget::ignore()); // nothing of the header makes a name
    QCOMPARE(m.targets.at(5), ColumnTarget::ignore());
    QCOMPARE(m.targets.at(6), ColumnTarget::ignore());
    QCOMPARE(m.targets.at(7).kind, Kind::CustomField);
    QCOMPARE(m.targets.at(7).fieldName.size(), 64);
    QVERIFY(m.targets.at(7).fieldName.startsWith(QStringLiteral("Very long header Very")));
    QCOMPARE(m.targets.at(8), field("Rabatt-"));
    for (const ColumnTarget& t : m.targets) {
        if (t.kind == Kind::CustomField) {
            QVERIFY2(validateFieldName(t.fieldName).ok(), qPrintable(t.fieldName));
        }
    }
    QVERIFY2(m.problems({}).isEmpty(), qPrintable(m.problems({}).join(u'\n')));
}

void TestColumnMapping::existingCustomFieldsKeepTheirType()
{
    const QVector<CustomField> existing = {{1, QStringLiteral("Kundennummer"), FieldType::Number},
                                           {2, QStringLiteral("Mobile"), FieldType::Text},
                                           {3, QStringLiteral("Geburtstag"), FieldType::Date}};
    // The samples look like text, but the workspace already says what the field holds.
    const ColumnMapping m =
        ColumnMapping::guess({QStringLiteral("E-Mail"), QStringLiteral("KUNDENNUMMER"), QStringLiteral("Phone"),
                              QStringLiteral("Mobile"), QStringLiteral("geburtstag")},
                             existing,
                             {{QStringLiteral("a@example.com"), QStringLiteral("K-17"), QStringLiteral("1"),
                               QStringLiteral("2"), QStringLiteral("soon")}});
    QCOMPARE(m.targets.at(1), field("Kundennummer", FieldType::Number));
    QCOMPARE(m.targets.at(2), col(C::Phone));
    // Phone is taken; the workspace has a field for the second number.
    QCOMPARE(m.targets.at(3), field("Mobile", FieldType::Text));
    QCOMPARE(m.targets.at(4), field("Geburtstag", FieldType::Date));
    QVERIFY(m.problems(existing).isEmpty());
}

void TestColumnMapping::fileWithoutHeaderFindsEmailBySample()
{
    const QStringList headers = {QStringLiteral("Column 1"), QStringLiteral("Column 2"), QStringLiteral("Column 3")};
    const QVector<QStringList> rows = {
        {QStringLiteral("Jane"), QStringLiteral("jane@example.com"), QStringLiteral("Doe")},
        {QStringLiteral("Tom"), QString(), QStringLiteral("Baker")},
        {QStringLiteral("Ann"), QStringLiteral("ann@example.org"), QStringLiteral("Lee")},
    };
    const ColumnMapping m = ColumnMapping::guess(headers, {}, rows);
    QCOMPARE(m.targets.at(0), ColumnTarget::ignore()); // not a field called "Column 1"
    QCOMPARE(m.targets.at(1), col(C::Email));
    QCOMPARE(m.targets.at(2), ColumnTarget::ignore());

    // A header naming the email column wins over sniffing.
    const ColumnMapping named =
        ColumnMapping::guess({QStringLiteral("Kontakt"), QStringLiteral("Mail")}, {},
                             {{QStringLiteral("a@example.com"), QStringLiteral("b@example.com")}});
    QCOMPARE(named.targets.at(1), col(C::Email));
    QCOMPARE(named.targets.at(0), field("Kontakt"));
}

void TestColumnMapping::fieldTypeGuessing_data()
{
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<FieldType>("expected");
    QTest::newRow("numbers") << QStringList{QStringLiteral("12"), QString(), QStringLiteral("3.5"),
                                            QStringLiteral("-4")}
                             << FieldType::Number;
    QTest::newRow("dates") << QStringList{QStringLiteral("2024-03-31"), QStringLiteral(" 1999-12-01 ")}
                           << FieldType::Date;
    QTest::newRow("yes/no") << QStringList{QStringLiteral("yes"), QStringLiteral("No"), QStringLiteral("TRUE")}
                            << FieldType::YesNo;
    QTest::newRow("one word among numbers")
        << QStringList{QStringLiteral("12"), QStringLiteral("twelve")} << FieldType::Text;
    QTest::newRow("dates as Outlook writes them")
        << QStringList{QStringLiteral("2024-03-31"), QStringLiteral("3/31/2024")} << FieldType::Text;
    QTest::newRow("no samples") << QStringList{} << FieldType::Text;
    // Leading zeros would be lost as numbers: customer numbers, postcodes, phones.
    QTest::newRow("leading zeros") << QStringList{QStringLiteral("0049301234"), QStringLiteral("12")}
                                   << FieldType::Text;
}

void TestColumnMapping::fieldTypeGuessing()
{
    QFETCH(QStringList, values);
    QFETCH(FieldType, expected);
    QVector<QStringList> rows;
    for (const QString& value : values) {
        rows.append({QStringLiteral("a@example.com"), value});
    }
    const ColumnMapping m = ColumnMapping::guess({QStringLiteral("Email"), QStringLiteral("Wert")}, {}, rows);
    QCOMPARE(m.targets.at(1).kind, Kind::CustomField);
    QCOMPARE(m.targets.at(1).fieldType, expected);
}

void TestColumnMapping::fieldNamesFromHeaders()
{
    const QStringList headers = {QStringLiteral("Email"), QStringLiteral("Assistant's Phone"),
                                 QStringLiteral("TTY/TDD Phone"), QStringLiteral("Organisations-Nr.")};
    const QVector<QStringList> rows = {
        {QStringLiteral("a@example.com"), QStringLiteral("Sam"), QStringLiteral("ext 12"), QStringLiteral("A-17")}};
    const ColumnMapping m = ColumnMapping::guess(headers, {}, rows);
    CHECK_TARGET(m, "Assistant's Phone", field("Assistants Phone"));
    CHECK_TARGET(m, "TTY/TDD Phone", field("TTY TDD Phone"));
    CHECK_TARGET(m, "Organisations-Nr.", field("Organisations-Nr"));
}

void TestColumnMapping::tagSeparatorFromSamples()
{
    const QVector<QStringList> rows = {{QStringLiteral("a@example.com"), QStringLiteral("vip;fair 2024"), QString()},
                                       {QStringLiteral("b@example.com"), QStringLiteral("fair 2024"), QString()},
                                       {QStringLiteral("c@example.com"), QStringLiteral("new;vip"), QString()}};
    const ColumnMapping m =
        ColumnMapping::guess({QStringLiteral("Email"), QStringLiteral("Tags"), QStringLiteral("Lists")}, {}, rows);
    CHECK_TARGET(m, "Tags", ColumnTarget::toTags(QStringLiteral(";")));
    CHECK_TARGET(m, "Lists", ColumnTarget::toLists(QStringLiteral(","))); // nothing to go by: the default
}

void TestColumnMapping::emptyColumnsMakeNoField()
{
    const QVector<QStringList> rows = {{QStringLiteral("a@example.com"), QString()},
                                       {QStringLiteral("b@example.com"), QStringLiteral("  ")}};
    const ColumnMapping m = ColumnMapping::guess({QStringLiteral("Email"), QStringLiteral("Pager")}, {}, rows);
    QCOMPARE(m.targets.at(1).kind, Kind::Ignore);
}

void TestColumnMapping::jsonRoundTrip()
{
    ColumnMapping m;
    m.headers = {QStringLiteral("E-Mail"),  QStringLiteral("Name"),      QStringLiteral("Geburtstag"),
                 QStringLiteral("Gruppen"), QStringLiteral("Verteiler"), QStringLiteral("Fax"),
                 QStringLiteral("Ort")};
    m.targets = {col(C::Email),
                 ColumnTarget::toFullName(),
                 field("Birthday", FieldType::Date),
                 ColumnTarget::toTags(QStringLiteral(";")),
                 ColumnTarget::toLists(QStringLiteral("|")),
                 ColumnTarget::ignore(),
                 col(C::City)};
    m.phoneRegion = QStringLiteral("DE");

    const QJsonObject json = m.toJson();
    QCOMPARE(json.value(QLatin1String("version")).toInt(), 1);
    QCOMPARE(json.value(QLatin1String("phoneRegion")).toString(), QStringLiteral("DE"));
    const QJsonArray columns = json.value(QLatin1String("columns")).toArray();
    QCOMPARE(columns.size(), 7);
    QCOMPARE(columns.at(0).toObject().value(QLatin1String("target")).toString(), QStringLiteral("email"));
    QCOMPARE(columns.at(1).toObject().value(QLatin1String("target")).toString(), QStringLiteral("full_name"));
    QCOMPARE(columns.at(2).toObject().value(QLatin1String("field")).toString(), QStringLiteral("Birthday"));
    QCOMPARE(columns.at(2).toObject().value(QLatin1String("type")).toString(), QStringLiteral("date"));
    QCOMPARE(columns.at(3).toObject().value(QLatin1String("separator")).toString(), QStringLiteral(";"));
    QCOMPARE(columns.at(5).toObject().value(QLatin1String("target")).toString(), QStringLiteral("ignore"));

    // Through text, as a saved mapping travels.
    const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
    const Result<ColumnMapping> applied = ColumnMapping::applySaved(reread, m.headers, {});
    QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().message));
    QCOMPARE(applied->headers, m.headers);
    QCOMPARE(applied->targets, m.targets);
    QCOMPARE(applied->phoneRegion, QStringLiteral("DE"));
    QCOMPARE(applied->toJson(), json);
}

void TestColumnMapping::applySavedFollowsHeaderNames()
{
    const QStringList original = {QStringLiteral("E-Mail"), QStringLiteral("Vorname"), QStringLiteral("Kunde seit"),
                                  QStringLiteral("Gruppen"), QStringLiteral("Fax")};
    ColumnMapping saved = ColumnMapping::guess(original, {});
    saved.targets[2] = field("Customer since", FieldType::Date); // the user renamed the new field
    saved.targets[3] = ColumnTarget::toTags(QStringLiteral("/"));
    saved.targets[4] = ColumnTarget::ignore();
    saved.phoneRegion = QStringLiteral("AT");

    // Another month's file: other order, "e-mail" spelled differently, a new column.
    const QStringList headers = {QStringLiteral("fax"),     QStringLiteral("Gruppen"), QStringLiteral("Kunde seit"),
                                 QStringLiteral("Telefon"), QStringLiteral("Vorname"), QStringLiteral("e-mail")};
    const Result<ColumnMapping> m = ColumnMapping::applySaved(saved.toJson(), headers, {});
    QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
    QCOMPARE(m->headers, headers);
    QCOMPARE(m->targets.at(0), ColumnTarget::ignore());
    QCOMPARE(m->targets.at(1), ColumnTarget::toTags(QStringLiteral("/")));
    QCOMPARE(m->targets.at(2), field("Customer since", FieldType::Date));
    QCOMPARE(m->targets.at(3), col(C::Phone)); // not in the saved mapping: guessed
    QCOMPARE(m->targets.at(4), col(C::FirstName));
    QCOMPARE(m->targets.at(5), col(C::Email));
    QCOMPARE(m->phoneRegion, QStringLiteral("AT"));
    QVERIFY(m->problems({}).isEmpty());
}

void TestColumnMapping::applySavedGuessesAroundSavedColumns()
{
    // The user mapped "Kontakt" to Email; a new "Email" column must not take Email a second time.
    const QJsonObject saved{
        {QStringLiteral("version"), 1},
        {QStringLiteral("columns"), QJsonArray{QJsonObject{{QStringLiteral("header"), QStringLiteral("Kontakt")},
                                                           {QStringLiteral("target"), QStringLiteral("email")}},
                                               QJsonObject{{QStringLiteral("header"), QStringLiteral("Notiz")},
                                                           {QStringLiteral("target"), QStringLiteral("field")},
                                                           {QStringLiteral("field"), QStringLiteral("Info")}}}}};
    const Result<ColumnMapping> m = ColumnMapping::applySaved(
        saved, {QStringLiteral("Email"), QStringLiteral("Kontakt"), QStringLiteral("Notiz"), QStringLiteral("Info")},
        {});
    QVERIFY(m.ok());
    QCOMPARE(m->targets.at(0), ColumnTarget::ignore());
    QCOMPARE(m->targets.at(1), col(C::Email));
    QCOMPARE(m->targets.at(2), field("Info")); // type defaults to text
    QCOMPARE(m->targets.at(3), field("Info 2"));
    QVERIFY(m->phoneRegion.isEmpty());
    QVERIFY2(m->problems({}).isEmpty(), qPrintable(m->problems({}).join(u'\n')));
}

void TestColumnMapping::applySavedRejectsBrokenMappings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no version") << QByteArray("{\"columns\": []}") << QStringLiteral("version");
    QTest::newRow("version 2") << QByteArray("{\"version\": 2, \"columns\": []}") << QStringLiteral("2");
    QTest::newRow("version as text") << QByteArray("{\"version\": \"1\", \"columns\": []}")
                                     << QStringLiteral("version");
    QTest::newRow("no columns") << QByteArray("{\"version\": 1}") << QStringLiteral("columns");
    QTest::newRow("unknown target")
        << QByteArray("{\"version\": 1, \"columns\": [{\"header\": \"Fax\", \"target\": \"telefax\"}]}")
        << QStringLiteral("telefax");
    QTest::newRow("timestamp target")
        << QByteArray("{\"version\": 1, \"columns\": [{\"header\": \"Seit\", \"target\": \"created_at\"}]}")
        << QStringLiteral("created_at");
    QTest::newRow("no target") << QByteArray("{\"version\": 1, \"columns\": [{\"header\": \"Fax\"}]}")
                               << QStringLiteral("Fax");
    QTest::newRow("unknown field type") << QByteArray("{\"version\": 1, \"columns\": [{\"header\": \"Alter\", "
                                                      "\"target\": \"field\", \"field\": \"Age\", \"type\": \"int\"}]}")
                                        << QStringLiteral("int");
    QTest::newRow("field without name")
        << QByteArray("{\"version\": 1, \"columns\": [{\"header\": \"Alter\", \"target\": \"field\"}]}")
        << QStringLiteral("Alter");
    QTest::newRow("column without header")
        << QByteArray("{\"version\": 1, \"columns\": [{\"target\": \"email\"}]}") << QStringLiteral("1");
    QTest::newRow("region not text") << QByteArray("{\"version\": 1, \"phoneRegion\": 49, \"columns\": []}")
                                     << QStringLiteral("region");
}

void TestColumnMapping::applySavedRejectsBrokenMappings()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    QJsonParseError parseError;
    const QJsonObject saved = QJsonDocument::fromJson(json, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const Result<ColumnMapping> m = ColumnMapping::applySaved(saved, {QStringLiteral("Email")}, {});
    QVERIFY(!m.ok());
    QCOMPARE(m.error().code, ErrorCode::InvalidInput);
    QVERIFY2(m.error().message.contains(mentions), qPrintable(m.error().message));
}

void TestColumnMapping::problemsNameTheColumn()
{
    const QVector<CustomField> existing = {{1, QStringLiteral("Geburtstag"), FieldType::Date}};
    ColumnMapping m;
    m.headers = {QStringLiteral("Mail"), QStringLiteral("Name"), QStringLiteral("Geb."), QStringLiteral("Gruppen")};
    m.targets = {col(C::Email), col(C::FirstName), field("Geburtstag", FieldType::Date), ColumnTarget::toTags()};
    QVERIFY2(m.problems(existing).isEmpty(), qPrintable(m.problems(existing).join(u'\n')));

    auto problemsOf = [&](const ColumnMapping& changed) {
        const QStringList p = changed.problems(existing);
        return p.join(u'\n');
    };
    auto expectOne = [&](const ColumnMapping& changed, const QStringList& mentions) {
        const QStringList p = changed.problems(existing);
        QCOMPARE(p.size(), 1);
        for (const QString& word : mentions) {
            QVERIFY2(p.first().contains(word), qPrintable(p.first() + QStringLiteral(" lacks ") + word));
        }
    };

    ColumnMapping noEmail = m;
    noEmail.targets[0] = ColumnTarget::ignore();
    expectOne(noEmail, {QStringLiteral("Email")});

    ColumnMapping twice = m;
    twice.targets[1] = col(C::Email);
    expectOne(twice, {QStringLiteral("\"Mail\""), QStringLiteral("\"Name\""), QStringLiteral("Email")});

    ColumnMapping badName = m;
    badName.targets[2] = field("Geb./Datum", FieldType::Date);
    expectOne(badName, {QStringLiteral("\"Geb.\""), QStringLiteral("Geb./Datum")});

    ColumnMapping wrongType = m;
    wrongType.targets[2] = field("geburtstag", FieldType::Number);
    expectOne(wrongType, {QStringLiteral("\"Geb.\""), QStringLiteral("Geburtstag"), QStringLiteral("number"),
                          QStringLiteral("date")});

    ColumnMapping noSeparator = m;
    noSeparator.targets[3] = ColumnTarget::toTags(QString());
    expectOne(noSeparator, {QStringLiteral("\"Gruppen\""), QStringLiteral("separator")});
    noSeparator.targets[3] = ColumnTarget::toLists(QString());
    expectOne(noSeparator, {QStringLiteral("\"Gruppen\""), QStringLiteral("separator")});

    ColumnMapping region = m;
    region.phoneRegion = QStringLiteral("XX");
    expectOne(region, {QStringLiteral("XX")});
    region.phoneRegion = QStringLiteral("Germany");
    expectOne(region, {QStringLiteral("Germany")});
    region.phoneRegion = QStringLiteral("de");
    QCOMPARE(problemsOf(region), QString());

    ColumnMapping fullAndFirst = m;
    fullAndFirst.targets[3] = ColumnTarget::toFullName();
    expectOne(fullAndFirst, {QStringLiteral("\"Gruppen\""), QStringLiteral("\"Name\"")});

    ColumnMapping notImportable = m;
    notImportable.targets[3] = col(C::CreatedAt);
    expectOne(notImportable, {QStringLiteral("\"Gruppen\"")});

    ColumnMapping sameField = m;
    sameField.targets[3] = field("GEBURTSTAG", FieldType::Date);
    expectOne(sameField, {QStringLiteral("\"Geb.\""), QStringLiteral("\"Gruppen\"")});

    // An empty header is named by its position.
    ColumnMapping unnamed = m;
    unnamed.headers[1] = QString();
    unnamed.targets[1] = col(C::Email);
    expectOne(unnamed, {QStringLiteral("Column 2")});
}

void TestColumnMapping::guessedMappingsOfRealFilesHaveNoProblems()
{
    for (const char* name :
         {"google_contacts.csv", "google_contacts_legacy.csv", "google_contacts_2023.csv", "outlook_contacts.csv",
          "outlook_contacts_de.csv", "apple_contacts.csv", "french_contacts.csv", "spanish_contacts.csv"}) {
        const CsvSample csv = readSample(QString::fromLatin1(name));
        QVERIFY2(!csv.headers.isEmpty(), name);
        const ColumnMapping m = ColumnMapping::guess(csv.headers, {}, csv.rows);
        const QStringList problems = m.problems({});
        QVERIFY2(problems.isEmpty(), qPrintable(QString::fromLatin1(name) + QLatin1Char(':') + problems.join(u'\n')));
        QCOMPARE(countKind(m, Kind::Column, C::Email), 1);
    }
}

QTEST_GUILESS_MAIN(TestColumnMapping)
#include "test_column_mapping.moc"
