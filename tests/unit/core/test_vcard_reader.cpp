#include "core/contacts/export/VCardWriter.h"
#include "core/contacts/import/ContactRowBuilder.h"
#include "core/contacts/import/ImportSource.h"
#include "core/contacts/import/VCardReader.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

QList<VCardContact> readAll(QIODevice* device)
{
    VCardReader reader(device);
    QList<VCardContact> cards;
    while (std::optional<VCardContact> card = reader.next())
        cards.append(std::move(*card));
    return cards;
}

QList<VCardContact> readFile(const QString& name)
{
    QFile file(QStringLiteral(MAILROOM_TEST_DATA_DIR "/vcard/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    return readAll(&file);
}

QList<VCardContact> readBytes(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readAll(&buffer);
}

// The contacts an import with the default mapping would make of these cards.
QList<Contact> importedContacts(const QString& path, const QVector<CustomField>& existingFields,
                                ColumnMapping* mappingOut = nullptr)
{
    auto source = ImportSource::open(path);
    if (!source)
        qFatal("cannot open %s", qPrintable(path));
    const ColumnMapping mapping = (*source)->defaultMapping(existingFields, {});
    if (!mapping.problems(existingFields).isEmpty())
        qFatal("mapping problems: %s", qPrintable(mapping.problems(existingFields).join(QLatin1Char(' '))));
    if (mappingOut)
        *mappingOut = mapping;
    QVector<CustomField> fields = existingFields;
    fields += ContactRowBuilder::fieldsToCreate(mapping, existingFields);
    const ContactRowBuilder builder(mapping, fields);
    QList<Contact> contacts;
    while (true) {
        auto row = (*source)->next();
        if (!row || !row->has_value())
            break;
        const ContactRowBuilder::Built built = builder.build((*row)->fields);
        contacts.append(built.contact);
    }
    return contacts;
}

// One test card, CRLF line ends, with Mailroom's extension properties as VCardWriter writes them
// and as other tools mangle them (groups, lower case, folded lines).
const QByteArray MailroomCard = "BEGIN:VCARD\r\n"
                                "VERSION:4.0\r\n"
                                "FN:Zo\xC3\xAB Lund\r\n"
                                "EMAIL:zoe@example.com\r\n"
                                "X-MAILROOM-STATUS:unsubscribed\r\n"
                                "X-MAILROOM-LISTS:Newsletter,Spring fair 2024,Shop\\, Berlin\r\n"
                                "X-MAILROOM-CONSENT-SOURCE:shop counter\\; Aarhus\r\n"
                                "X-MAILROOM-CONSENT-DATE:2024-05-01\r\n"
                                "X-MAILROOM-FIELD;NAME=\"Loyalty points\":1234.5\r\n"
                                "item1.X-MAILROOM-FIELD;NAME=Birthday:1990-02-28\r\n"
                                "x-mailroom-field;name=\"Favourite\":Sm\xC3\xB8rrebr\xC3\xB8"
                                "d\\, with a\\nline\r\n"
                                "  break\r\n"
                                "X-MAILROOM-FIELD;NAME=\"loyalty POINTS\":99\r\n"
                                "X-MAILROOM-FIELD:no name, no field\r\n"
                                "X-MAILROOM-FUTURE:ignored\r\n"
                                "X-ABUID:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE\r\n"
                                "END:VCARD\r\n";

} // namespace

class TestVCardReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAppleContactsExport()
    {
        const QList<VCardContact> cards = readFile(QStringLiteral("apple_contacts.vcf"));
        QCOMPARE(cards.size(), 2);
        const VCardContact& jurgen = cards[0];
        QVERIFY2(jurgen.ok(), qPrintable(jurgen.error));
        QVERIFY2(jurgen.warnings.isEmpty(), qPrintable(jurgen.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(jurgen.line, 1);
        QCOMPARE(jurgen.version, QStringLiteral("3.0"));
        QCOMPARE(jurgen.firstName, QStringLiteral("Jürgen"));
        QCOMPARE(jurgen.lastName, QStringLiteral("Müller"));
        QCOMPARE(jurgen.formattedName, QStringLiteral("Dr. Jürgen Müller"));
        // item2.EMAIL carries type=pref: it wins over the first one.
        QCOMPARE(jurgen.email, QStringLiteral("j.mueller@buecher.example"));
        QCOMPARE(jurgen.emails,
                 QStringList({QStringLiteral("juergen@example.de"), QStringLiteral("j.mueller@buecher.example")}));
        QCOMPARE(jurgen.phone, QStringLiteral("+49 170 1234567"));
        QCOMPARE(jurgen.company, QStringLiteral("Bücher & Co. KG"));
        QCOMPARE(jurgen.street, QStringLiteral("Hauptstraße 5\nHinterhaus"));
        QCOMPARE(jurgen.city, QStringLiteral("Köln"));
        QCOMPARE(jurgen.region, QStringLiteral("NRW"));
        QCOMPARE(jurgen.postcode, QStringLiteral("50667"));
        QCOMPARE(jurgen.country, QStringLiteral("Deutschland"));
        QCOMPARE(jurgen.notes, QStringLiteral("Met at the Frankfurt book fair 2023, stand B12. Prefers calls in the "
                                              "morning; never on Fridays.\nSecond line of the note with a "
                                              "backslash \\ in it."));
        QCOMPARE(jurgen.tags, QStringList({QStringLiteral("Authors"), QStringLiteral("Frankfurt")}));
        // The folded base64 PHOTO block neither ends the card early nor leaks into a field.
        QVERIFY(jurgen.raw.startsWith(QLatin1String("BEGIN:VCARD\nVERSION:3.0")));

        const VCardContact& anna = cards[1];
        QVERIFY2(anna.ok(), qPrintable(anna.error));
        QVERIFY(anna.line > jurgen.line);
        QCOMPARE(anna.email, QStringLiteral("anna@example.com"));
        QCOMPARE(anna.firstName, QStringLiteral("Anna"));
        QVERIFY(anna.tags.isEmpty());
    }

    void readsGoogleContactsExport()
    {
        const QList<VCardContact> cards = readFile(QStringLiteral("google_contacts.vcf"));
        QCOMPARE(cards.size(), 2);
        const VCardContact& sofia = cards[0];
        QVERIFY2(sofia.ok(), qPrintable(sofia.error));
        QCOMPARE(sofia.firstName, QStringLiteral("Sofía"));
        QCOMPARE(sofia.lastName, QStringLiteral("García"));
        // No preference: the first email.
        QCOMPARE(sofia.email, QStringLiteral("sofia.garcia@example.es"));
        QCOMPARE(sofia.emails.size(), 2);
        QCOMPARE(sofia.street, QStringLiteral("Calle Mayor 10"));
        QCOMPARE(sofia.city, QStringLiteral("Madrid"));
        QCOMPARE(sofia.region, QString());
        QCOMPARE(sofia.postcode, QStringLiteral("28013"));
        QCOMPARE(sofia.country, QStringLiteral("España"));
        QCOMPARE(sofia.company, QStringLiteral("Empresa S.L."));
        QCOMPARE(sofia.notes, QStringLiteral("Line one\nLine two"));
        // Google's system group "myContacts" is on every card and is not a tag.
        QCOMPARE(sofia.tags, QStringList({QStringLiteral("Friends"), QStringLiteral("Padel club")}));

        QCOMPARE(cards[1].lastName, QStringLiteral("O'Brien"));
        QVERIFY(cards[1].tags.isEmpty());
        QCOMPARE(cards[1].line, 13);
    }

    void readsOldPhoneExport()
    {
        const QList<VCardContact> cards = readFile(QStringLiteral("nokia_2_1.vcf"));
        QCOMPARE(cards.size(), 3);
        const VCardContact& bjorn = cards[0];
        QVERIFY2(bjorn.ok(), qPrintable(bjorn.error));
        QCOMPARE(bjorn.version, QStringLiteral("2.1"));
        QCOMPARE(bjorn.firstName, QStringLiteral("Björn"));
        QCOMPARE(bjorn.lastName, QStringLiteral("Ångström"));
        QCOMPARE(bjorn.formattedName, QStringLiteral("Björn Ångström"));
        // 2.1 bare "PREF" parameter.
        QCOMPARE(bjorn.phone, QStringLiteral("+46701234567"));
        QCOMPARE(bjorn.phones.size(), 2);
        QCOMPARE(bjorn.email, QStringLiteral("bjorn@example.se"));
        // Soft line breaks joined, =0D=0A a single line break.
        QCOMPARE(bjorn.notes, QStringLiteral("Födelsedag i juni, ring före kl 9.\nAndra raden med mycket lång text "
                                             "som delas upp på flera rader av telefonen."));
        QCOMPARE(bjorn.street, QStringLiteral("Storgatan 1"));
        QCOMPARE(bjorn.city, QStringLiteral("Göteborg"));
        QCOMPARE(bjorn.country, QStringLiteral("Sverige"));

        const VCardContact& renee = cards[1];
        QVERIFY2(renee.ok(), qPrintable(renee.error));
        QCOMPARE(renee.line, 17);
        QCOMPARE(renee.firstName, QStringLiteral("Renée"));
        QCOMPARE(renee.lastName, QStringLiteral("Lévesque"));
        QCOMPARE(renee.company, QStringLiteral("Société"));
        QCOMPARE(renee.email, QStringLiteral("renee@example.fr"));
        QCOMPARE(renee.phone, QStringLiteral("+33 1 23 45 67 89"));

        const VCardContact& anton = cards[2];
        QVERIFY2(anton.ok(), qPrintable(anton.error));
        QCOMPARE(anton.lastName, QStringLiteral("Œuvre"));
        QCOMPARE(anton.email, QStringLiteral("anton@example.cz"));
        // An unknown charset is read as UTF-8 and said so, naming the line.
        QCOMPARE(anton.notes, QStringLiteral("café"));
        QCOMPARE(anton.warnings.size(), 1);
        QVERIFY2(anton.warnings[0].contains(QLatin1String("X-MADE-UP")), qPrintable(anton.warnings[0]));
        QVERIFY2(anton.warnings[0].contains(QLatin1String("29")), qPrintable(anton.warnings[0]));
    }

    void readsVersion4()
    {
        const QList<VCardContact> cards = readFile(QStringLiteral("vcard_4_0.vcf"));
        QCOMPARE(cards.size(), 1);
        const VCardContact& kenji = cards[0];
        QVERIFY2(kenji.ok(), qPrintable(kenji.error));
        QCOMPARE(kenji.version, QStringLiteral("4.0"));
        // PREF=1 on the second email.
        QCOMPARE(kenji.email, QStringLiteral("kenji@home.example.jp"));
        QCOMPARE(kenji.phone, QStringLiteral("+81-90-1234-5678"));
        // A quoted LABEL parameter holding ":" and ";" does not cut the value.
        QCOMPARE(kenji.street, QStringLiteral("1-2-3 Marunouchi"));
        QCOMPARE(kenji.city, QStringLiteral("Chiyoda-ku"));
        QCOMPARE(kenji.region, QStringLiteral("Tokyo"));
        QCOMPARE(kenji.postcode, QStringLiteral("100-0005"));
        QCOMPARE(kenji.country, QStringLiteral("Japan"));
        QCOMPARE(kenji.tags, QStringList({QStringLiteral("Clients"), QStringLiteral("Tokyo, Japan")}));
    }

    void brokenCardDoesNotStopTheNext()
    {
        const QList<VCardContact> cards = readFile(QStringLiteral("one_broken.vcf"));
        QCOMPARE(cards.size(), 3);
        QVERIFY(cards[0].ok());
        QCOMPARE(cards[0].email, QStringLiteral("good.one@example.com"));
        const VCardContact& broken = cards[1];
        QVERIFY(!broken.ok());
        QCOMPARE(broken.line, 7);
        QVERIFY2(broken.error.contains(QLatin1String("10")), qPrintable(broken.error));
        QVERIFY2(broken.error.contains(QLatin1String("this line is garbage")), qPrintable(broken.error));
        QVERIFY(broken.raw.contains(QLatin1String("FN:Broken Card")));
        QVERIFY(cards[2].ok());
        QCOMPARE(cards[2].line, 12);
        QCOMPARE(cards[2].email, QStringLiteral("good.two@example.com"));
    }

    void missingEndIsReported()
    {
        const QList<VCardContact> cards =
            readBytes("BEGIN:VCARD\nVERSION:3.0\nEMAIL:a@example.com\nBEGIN:VCARD\nVERSION:3.0\nEMAIL:b@example.com\n");
        QCOMPARE(cards.size(), 2);
        QVERIFY(!cards[0].ok());
        QVERIFY2(cards[0].error.contains(QLatin1String("4")), qPrintable(cards[0].error));
        QCOMPARE(cards[0].email, QStringLiteral("a@example.com"));
        QVERIFY(!cards[1].ok());
        QVERIFY2(cards[1].error.contains(QLatin1String("END:VCARD")), qPrintable(cards[1].error));
        QCOMPARE(cards[1].line, 4);
    }

    void textOutsideCardsIsOneError()
    {
        const QList<VCardContact> cards =
            readBytes("email,name\na@example.com,A\nb@example.com,B\n\nBEGIN:VCARD\nEMAIL:c@example.com\nEND:VCARD\n");
        QCOMPARE(cards.size(), 2);
        QVERIFY(!cards[0].ok());
        QCOMPARE(cards[0].line, 1);
        QVERIFY(cards[0].raw.contains(QLatin1String("b@example.com,B")));
        QVERIFY(cards[1].ok());
        QCOMPARE(cards[1].line, 5);
        QCOMPARE(cards[1].email, QStringLiteral("c@example.com"));
    }

    void lineEndsAndBom_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray card =
            "BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane;;;\nNOTE:folded\n  note\nEMAIL:jane@example.com\nEND:VCARD\n";
        QTest::newRow("LF") << card;
        QTest::newRow("CRLF") << QByteArray(card).replace("\n", "\r\n");
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF") + card;
        QTest::newRow("lower-case keywords, tab fold") << QByteArray(
            "begin:vcard\nversion:3.0\nn:Doe;Jane;;;\nnote:folded\n\t note\nemail:jane@example.com\nend:vcard");
    }
    void lineEndsAndBom()
    {
        QFETCH(QByteArray, bytes);
        const QList<VCardContact> cards = readBytes(bytes);
        QCOMPARE(cards.size(), 1);
        QVERIFY2(cards[0].ok(), qPrintable(cards[0].error));
        QCOMPARE(cards[0].firstName, QStringLiteral("Jane"));
        QCOMPARE(cards[0].notes, QStringLiteral("folded note"));
        QCOMPARE(cards[0].email, QStringLiteral("jane@example.com"));
    }

    void latinTextWithoutCharsetFallsBack()
    {
        const QList<VCardContact> cards = readBytes("BEGIN:VCARD\nVERSION:2.1\nN:M\xFCller;J\xFCrgen\nEND:VCARD\n");
        QCOMPARE(cards.size(), 1);
        QCOMPARE(cards[0].lastName, QStringLiteral("Müller"));
        QCOMPARE(cards[0].warnings.size(), 1);
    }

    void oldPhoneQuirks()
    {
        // Some Nokia and Sony Ericsson exports write 2.1 base64 PHOTO data on unindented lines
        // ending with a blank line, and quoted-printable hex in lower case.
        const QList<VCardContact> cards = readBytes("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                                                    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQ\r\n"
                                                    "AAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw==\r\n"
                                                    "\r\n"
                                                    "N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:M=c3=bcller;Anna\r\n"
                                                    "EMAIL;INTERNET:anna@example.de\r\n"
                                                    "END:VCARD\r\n");
        QCOMPARE(cards.size(), 1);
        QVERIFY2(cards[0].ok(), qPrintable(cards[0].error));
        QCOMPARE(cards[0].lastName, QStringLiteral("Müller"));
        QCOMPARE(cards[0].email, QStringLiteral("anna@example.de"));
    }

    void garbageAfterPhotoIsStillAnError()
    {
        const QList<VCardContact> cards =
            readBytes("BEGIN:VCARD\nVERSION:3.0\nEMAIL:a@example.com\nnot a property\nEND:VCARD\n");
        QCOMPARE(cards.size(), 1);
        QVERIFY(!cards[0].ok());
        QVERIFY2(cards[0].error.contains(QLatin1String("Line 4")), qPrintable(cards[0].error));
    }

    void readsMailroomProperties()
    {
        const QList<VCardContact> cards = readBytes(MailroomCard);
        QCOMPARE(cards.size(), 1);
        const VCardContact& zoe = cards[0];
        QVERIFY2(zoe.ok(), qPrintable(zoe.error));
        QVERIFY2(zoe.warnings.isEmpty(), qPrintable(zoe.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(zoe.status, QStringLiteral("unsubscribed"));
        // An escaped comma is part of the name, not a separator.
        QCOMPARE(zoe.lists, QStringList({QStringLiteral("Newsletter"), QStringLiteral("Spring fair 2024"),
                                         QStringLiteral("Shop, Berlin")}));
        QCOMPARE(zoe.consentSource, QStringLiteral("shop counter; Aarhus"));
        QCOMPARE(zoe.consentDate, QStringLiteral("2024-05-01"));
        // File order; the name given again in other case keeps its place and takes the later value;
        // a field without a name and unknown X- properties are not fields.
        const QList<QPair<QString, QString>> fields = {
            {QStringLiteral("Loyalty points"), QStringLiteral("99")},
            {QStringLiteral("Birthday"), QStringLiteral("1990-02-28")},
            {QStringLiteral("Favourite"), QStringLiteral("Smørrebrød, with a\nline break")},
        };
        QCOMPARE(zoe.fields, fields);
        QCOMPARE(zoe.email, QStringLiteral("zoe@example.com"));
    }

    void cardsFromOtherProgramsHaveNoMailroomData()
    {
        for (const QString& name : {QStringLiteral("apple_contacts.vcf"), QStringLiteral("google_contacts.vcf"),
                                    QStringLiteral("nokia_2_1.vcf"), QStringLiteral("vcard_4_0.vcf")}) {
            for (const VCardContact& card : readFile(name)) {
                QVERIFY2(card.status.isEmpty(), qPrintable(name));
                QVERIFY2(card.lists.isEmpty(), qPrintable(name));
                QVERIFY2(card.consentSource.isEmpty(), qPrintable(name));
                QVERIFY2(card.consentDate.isEmpty(), qPrintable(name));
                QVERIFY2(card.fields.isEmpty(), qPrintable(name));
            }
        }
    }

    // Whatever VCardWriter writes, the reader gives back: odd field names in RFC 6868 form, long
    // values folded inside a UTF-8 character, every status.
    void readsWhatTheWriterWrites_data()
    {
        QTest::addColumn<int>("status");
        for (ContactStatus status : allContactStatuses())
            QTest::newRow(qPrintable(contactStatusName(status))) << int(status);
    }
    void readsWhatTheWriterWrites()
    {
        QFETCH(int, status);
        Contact contact;
        contact.email = QStringLiteral("jane@example.com");
        contact.status = ContactStatus(status);
        contact.lists = {QStringLiteral("Kunden; Süd"), QStringLiteral("Ünïcödé ") + QString(60, QChar(0x00E9))};
        contact.consentSource = QStringLiteral("web form\nsecond line, \\ and all");
        contact.consentDate = QDate(2023, 12, 31);
        contact.fields = {{QStringLiteral("Quote \" caret ^ name"), QStringLiteral("1")},
                          {QStringLiteral("Long"), QString(200, QChar(0x00FC))}};
        const QList<VCardContact> cards = readBytes(VCardWriter::card(contact));
        QCOMPARE(cards.size(), 1);
        const VCardContact& card = cards[0];
        QVERIFY2(card.ok(), qPrintable(card.error));
        QCOMPARE(card.status,
                 contact.status == ContactStatus::Subscribed ? QString() : contactStatusName(contact.status));
        QCOMPARE(card.lists, contact.lists);
        QCOMPARE(card.consentSource, contact.consentSource);
        QCOMPARE(card.consentDate, QStringLiteral("2023-12-31"));
        const QList<QPair<QString, QString>> fields = {
            {QStringLiteral("Long"), QString(200, QChar(0x00FC))},
            {QStringLiteral("Quote \" caret ^ name"), QStringLiteral("1")},
        };
        QCOMPARE(card.fields, fields);
    }

    void importsMailroomPropertiesAsColumns()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mailroom.vcf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // A second card brings a field the first lacks; its values decide the new fields' types.
        file.write(MailroomCard);
        file.write("BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:max@example.com\r\n"
                   "X-MAILROOM-FIELD;NAME=\"Newsletter by post\":yes\r\n"
                   "X-MAILROOM-FIELD;NAME=Postcode 2:01067\r\n"
                   "X-MAILROOM-FIELD;NAME=\"Bad.Name\":x\r\n"
                   "X-MAILROOM-FIELD;NAME=Birthday:\r\n"
                   "END:VCARD\r\n");
        file.close();

        // Birthday exists as text in the workspace: its type wins over what the values look like.
        const QVector<CustomField> existing = {CustomField{7, QStringLiteral("BIRTHDAY"), FieldType::Text}};
        ColumnMapping mapping;
        const QList<Contact> contacts = importedContacts(path, existing, &mapping);
        QStringList expectedHeaders = ImportSource::vcardHeaders();
        expectedHeaders << QStringLiteral("Loyalty points") << QStringLiteral("Birthday") << QStringLiteral("Favourite")
                        << QStringLiteral("Newsletter by post") << QStringLiteral("Postcode 2");
        QCOMPARE(mapping.headers, expectedHeaders);
        const int first = int(ImportSource::vcardHeaders().size());
        QCOMPARE(mapping.targets.at(first), ColumnTarget::toField(QStringLiteral("Loyalty points"), FieldType::Number));
        QCOMPARE(mapping.targets.at(first + 1), ColumnTarget::toField(QStringLiteral("BIRTHDAY"), FieldType::Text));
        QCOMPARE(mapping.targets.at(first + 2), ColumnTarget::toField(QStringLiteral("Favourite"), FieldType::Text));
        QCOMPARE(mapping.targets.at(first + 3),
                 ColumnTarget::toField(QStringLiteral("Newsletter by post"), FieldType::YesNo));
        // A leading zero is a postcode, not a number.
        QCOMPARE(mapping.targets.at(first + 4), ColumnTarget::toField(QStringLiteral("Postcode 2"), FieldType::Text));

        QCOMPARE(contacts.size(), 2);
        const Contact& zoe = contacts[0];
        QCOMPARE(zoe.email, QStringLiteral("zoe@example.com"));
        QCOMPARE(zoe.status, ContactStatus::Unsubscribed);
        QCOMPARE(zoe.lists, QStringList({QStringLiteral("Newsletter"), QStringLiteral("Spring fair 2024"),
                                         QStringLiteral("Shop"), QStringLiteral("Berlin")}));
        QCOMPARE(zoe.consentSource, QStringLiteral("shop counter; Aarhus"));
        QCOMPARE(zoe.consentDate, QDate(2024, 5, 1));
        QCOMPARE(zoe.fields.value(QStringLiteral("Loyalty points")), QStringLiteral("99"));
        QCOMPARE(zoe.fields.value(QStringLiteral("BIRTHDAY")), QStringLiteral("1990-02-28"));
        QCOMPARE(zoe.fields.value(QStringLiteral("Favourite")), QStringLiteral("Smørrebrød, with a\nline break"));
        const Contact& max = contacts[1];
        QCOMPARE(max.status, ContactStatus::Subscribed);
        QCOMPARE(max.fields.value(QStringLiteral("Newsletter by post")), QStringLiteral("yes"));
        QCOMPARE(max.fields.value(QStringLiteral("Postcode 2")), QStringLiteral("01067"));
        QVERIFY(!max.fields.contains(QStringLiteral("Loyalty points")));
    }

    // Nobody unsubscribed may come back subscribed, and a card without Mailroom's properties
    // (any other address book) must not invent a status, a list or a field.
    void cardFromAnotherProgramImportsSubscribed()
    {
        ColumnMapping mapping;
        const QList<Contact> contacts =
            importedContacts(QStringLiteral(MAILROOM_TEST_DATA_DIR "/vcard/apple_contacts.vcf"), {}, &mapping);
        QCOMPARE(mapping.headers, ImportSource::vcardHeaders());
        QCOMPARE(contacts.size(), 2);
        for (const Contact& contact : contacts) {
            QCOMPARE(contact.status, ContactStatus::Subscribed);
            QVERIFY(contact.lists.isEmpty());
            QVERIFY(contact.consentSource.isEmpty());
            QVERIFY(!contact.consentDate.isValid());
            QVERIFY(contact.fields.isEmpty());
        }
        QCOMPARE(contacts[0].tags, QStringList({QStringLiteral("Authors"), QStringLiteral("Frankfurt")}));
    }

    void manyCardsStream()
    {
        QByteArray bytes;
        for (int i = 0; i < 5000; ++i)
            bytes +=
                "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:user" + QByteArray::number(i) + "@example.com\r\nEND:VCARD\r\n";
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        VCardReader reader(&buffer);
        int count = 0;
        while (std::optional<VCardContact> card = reader.next()) {
            QCOMPARE(card->line, qint64(count) * 4 + 1);
            QCOMPARE(card->email, QStringLiteral("user%1@example.com").arg(count));
            ++count;
        }
        QCOMPARE(count, 5000);
        QCOMPARE(reader.lineCount(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestVCardReader)
#include "test_vcard_reader.moc"
