#include "core/contacts/export/VCardWriter.h"
#include "core/contacts/import/VCardReader.h"

#include <QBuffer>
#include <QStringDecoder>
#include <QTest>

namespace {

QList<VCardContact> readBack(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    VCardReader reader(&buffer);
    QList<VCardContact> cards;
    while (std::optional<VCardContact> card = reader.next()) {
        cards.append(std::move(*card));
    }
    return cards;
}

QByteArray writeAll(const QList<Contact>& contacts)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    VCardWriter writer(&buffer);
    for (const Contact& contact : contacts) {
        if (!writer.write(contact).ok()) {
            return {};
        }
    }
    return buffer.data();
}

Contact everyField()
{
    Contact c;
    c.email = "zoë.łukasiewicz@例え.jp";
    c.firstName = "Zoë";
    c.lastName = "Łukasiewicz-Ñúñez";
    c.company = "Bücher; Bäume, & Co\\KG";
    c.phone = "+49 30 1234-567";
    c.street = "Hauptstraße 5, Hinterhaus; 2. Stock";
    c.city = "Köln";
    c.region = "NRW";
    c.postcode = "50667";
    c.country = "Deutschland";
    c.notes = "Met at the fair; liked it, a lot.\nSecond line\r\nThird line with a \\ backslash";
    c.tags = {"vip", "kunde", "日本"};
    return c;
}

} // namespace

// What an address book or VCardReader reads back is exactly what the contact held.
class TestVCardWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAPlainCardByteForByte()
    {
        Contact c;
        c.email = "jane@example.com";
        c.firstName = "Jane";
        c.lastName = "Doe";
        c.company = "Acme";
        c.phone = "+1 555 0100";
        c.city = "Springfield";
        c.country = "USA";
        c.notes = "Two\nlines";
        c.tags = {"customer", "vip"};
        QCOMPARE(VCardWriter::card(c), QByteArray("BEGIN:VCARD\r\n"
                                                  "VERSION:4.0\r\n"
                                                  "FN:Jane Doe\r\n"
                                                  "N:Doe;Jane;;;\r\n"
                                                  "EMAIL:jane@example.com\r\n"
                                                  "TEL:+1 555 0100\r\n"
                                                  "ORG:Acme\r\n"
                                                  "ADR:;;;Springfield;;;USA\r\n"
                                                  "NOTE:Two\\nlines\r\n"
                                                  "CATEGORIES:customer,vip\r\n"
                                                  "END:VCARD\r\n"));
    }

    void escapesPerRfc6350_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "Anna"
                               << "Anna";
        QTest::newRow("comma") << "a,b"
                               << "a\\,b";
        QTest::newRow("semicolon") << "a;b"
                                   << "a\\;b";
        QTest::newRow("backslash") << "C:\\temp"
                                   << "C:\\\\temp";
        QTest::newRow("LF") << "a\nb"
                            << "a\\nb";
        QTest::newRow("CRLF is one break") << "a\r\nb"
                                           << "a\\nb";
        QTest::newRow("CR") << "a\rb"
                            << "a\\nb";
        QTest::newRow("colon stays") << "http://x"
                                     << "http://x";
    }
    void escapesPerRfc6350()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(VCardWriter::escaped(text), expected);
    }

    void readsBackThroughVCardReader()
    {
        const Contact c = everyField();
        const QList<VCardContact> cards = readBack(VCardWriter::card(c));
        QCOMPARE(cards.size(), 1);
        const VCardContact& card = cards.first();
        QVERIFY2(card.ok(), qPrintable(card.error));
        QVERIFY2(card.warnings.isEmpty(), qPrintable(card.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(card.version, QString("4.0"));
        QCOMPARE(card.formattedName, QString("Zoë Łukasiewicz-Ñúñez"));
        QCOMPARE(card.firstName, c.firstName);
        QCOMPARE(card.lastName, c.lastName);
        QCOMPARE(card.email, c.email);
        QCOMPARE(card.phone, c.phone);
        QCOMPARE(card.company, c.company);
        QCOMPARE(card.street, c.street);
        QCOMPARE(card.city, c.city);
        QCOMPARE(card.region, c.region);
        QCOMPARE(card.postcode, c.postcode);
        QCOMPARE(card.country, c.country);
        // The CRLF in the note comes back as the one line break a vCard has.
        QCOMPARE(card.notes, QString("Met at the fair; liked it, a lot.\nSecond line\nThird line with a \\ backslash"));
        QCOMPARE(card.tags, c.tags);
    }

    void longNonAsciiLinesFoldWithoutSplittingCharacters()
    {
        Contact c;
        c.email = "long@example.com";
        // Two-, three- and four-byte characters, so a naive cut at 75 octets would land inside one.
        c.firstName = QString("Ĳsbrand").repeated(12);
        c.notes = QString("日本語のメモ, ").repeated(40) + QString("😀;").repeated(30) + "\nend";
        c.company = QString("x").repeated(74) + QString("é").repeated(3);
        const QByteArray bytes = VCardWriter::card(c);

        QVERIFY(bytes.endsWith("END:VCARD\r\n"));
        const QList<QByteArray> lines = bytes.left(bytes.size() - 1).split('\n'); // drop the last LF
        int continuations = 0;
        for (const QByteArray& line : lines) {
            QVERIFY2(line.endsWith('\r'), line.constData());
            const QByteArray content = line.left(line.size() - 1);
            QVERIFY2(!content.contains('\r'), content.constData());
            QVERIFY2(content.size() <= 75, qPrintable(QString("%1 octets: %2").arg(content.size()).arg(content)));
            // Each physical line is valid UTF-8 on its own: no character was cut in two.
            QStringDecoder utf8(QStringDecoder::Utf8);
            const QString text = utf8.decode(content);
            QVERIFY2(!utf8.hasError(), content.constData());
            if (content.startsWith(' ')) {
                ++continuations;
            }
        }
        QVERIFY(continuations > 10);

        const QList<VCardContact> cards = readBack(bytes);
        QCOMPARE(cards.size(), 1);
        QVERIFY2(cards.first().ok(), qPrintable(cards.first().error));
        QCOMPARE(cards.first().firstName, c.firstName);
        QCOMPARE(cards.first().company, c.company);
        QCOMPARE(cards.first().notes, c.notes);
    }

    void foldsAtExactly75Octets()
    {
        const QByteArray line = QByteArray("NOTE:") + QByteArray(200, 'a');
        const QByteArray folded = VCardWriter::folded(line);
        const QList<QByteArray> parts = folded.split('\n');
        QCOMPARE(parts.at(0).size(), 76); // 75 octets and the CR
        QCOMPARE(parts.at(1).size(), 76); // a space, 74 octets and the CR
        QVERIFY(parts.at(1).startsWith(' '));
        QCOMPARE(VCardWriter::folded("FN:x"), QByteArray("FN:x\r\n"));
        // A line of exactly 75 octets is not folded.
        QCOMPARE(VCardWriter::folded(QByteArray(75, 'b')), QByteArray(75, 'b') + "\r\n");
    }

    void formattedNameFallsBackToCompanyThenEmail()
    {
        Contact c;
        c.email = "info@shop.example";
        c.company = "Shop, Ltd";
        QList<VCardContact> cards = readBack(VCardWriter::card(c));
        QCOMPARE(cards.first().formattedName, QString("Shop, Ltd"));
        QVERIFY(!VCardWriter::card(c).contains("\r\nN:"));
        c.company.clear();
        cards = readBack(VCardWriter::card(c));
        QCOMPARE(cards.first().formattedName, QString("info@shop.example"));
        c.lastName = "Solo";
        cards = readBack(VCardWriter::card(c));
        QCOMPARE(cards.first().formattedName, QString("Solo"));
        QCOMPARE(cards.first().lastName, QString("Solo"));
        QVERIFY(cards.first().firstName.isEmpty());
    }

    void leavesOutEmptyProperties()
    {
        Contact c;
        c.email = "a@example.com";
        QCOMPARE(VCardWriter::card(c), QByteArray("BEGIN:VCARD\r\n"
                                                  "VERSION:4.0\r\n"
                                                  "FN:a@example.com\r\n"
                                                  "EMAIL:a@example.com\r\n"
                                                  "END:VCARD\r\n"));
    }

    void writesMailroomExtensions()
    {
        Contact c;
        c.email = "a@example.com";
        c.status = ContactStatus::Unsubscribed;
        c.lists = {"Newsletter", "Shop, Berlin"};
        c.consentSource = "web form";
        c.consentDate = QDate(2024, 5, 1);
        c.fields = {{"Loyalty points", "120.5"}, {"Birthday", "1990-02-03"}, {"Motto", "Carpe; diem,\nfriends"}};
        const QByteArray bytes = VCardWriter::card(c);
        QVERIFY2(bytes.contains("\r\nX-MAILROOM-STATUS:unsubscribed\r\n"), bytes.constData());
        QVERIFY2(bytes.contains("\r\nX-MAILROOM-LISTS:Newsletter,Shop\\, Berlin\r\n"), bytes.constData());
        QVERIFY2(bytes.contains("\r\nX-MAILROOM-CONSENT-SOURCE:web form\r\n"), bytes.constData());
        QVERIFY2(bytes.contains("\r\nX-MAILROOM-CONSENT-DATE:2024-05-01\r\n"), bytes.constData());
        // Sorted by name, so the same contact always gives the same bytes.
        QVERIFY2(bytes.contains("\r\nX-MAILROOM-FIELD;NAME=\"Birthday\":1990-02-03\r\n"
                                "X-MAILROOM-FIELD;NAME=\"Loyalty points\":120.5\r\n"
                                "X-MAILROOM-FIELD;NAME=\"Motto\":Carpe\\; diem\\,\\nfriends\r\n"),
                 bytes.constData());
        // The reader still reads the card, ignoring what it does not know.
        const QList<VCardContact> cards = readBack(bytes);
        QCOMPARE(cards.size(), 1);
        QVERIFY2(cards.first().ok(), qPrintable(cards.first().error));
        QCOMPARE(cards.first().email, c.email);

        c.status = ContactStatus::Subscribed;
        QVERIFY(!VCardWriter::card(c).contains("X-MAILROOM-STATUS"));
    }

    void manyCardsReadBackInOrder()
    {
        QList<Contact> contacts;
        for (int i = 0; i < 50; ++i) {
            Contact c = everyField();
            c.email = QString("person%1@example.com").arg(i);
            c.firstName = QString("Ünal %1").arg(i);
            c.notes = QString("Note %1;\nwith, punctuation").arg(i);
            contacts.append(c);
        }
        const QByteArray bytes = writeAll(contacts);
        const QList<VCardContact> cards = readBack(bytes);
        QCOMPARE(cards.size(), contacts.size());
        for (int i = 0; i < cards.size(); ++i) {
            QVERIFY2(cards.at(i).ok(), qPrintable(cards.at(i).error));
            QCOMPARE(cards.at(i).email, contacts.at(i).email);
            QCOMPARE(cards.at(i).firstName, contacts.at(i).firstName);
            QCOMPARE(cards.at(i).notes, contacts.at(i).notes);
            QCOMPARE(cards.at(i).tags, contacts.at(i).tags);
        }
    }

    void sameContactSameBytes() { QCOMPARE(VCardWriter::card(everyField()), VCardWriter::card(everyField())); }

    void reportsAWriteFailure()
    {
        QBuffer buffer;
        buffer.open(QIODevice::ReadOnly); // not writable
        VCardWriter writer(&buffer);
        const Status written = writer.write(everyField());
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, ErrorCode::FileError);
    }
};

QTEST_GUILESS_MAIN(TestVCardWriter)
#include "test_vcard_writer.moc"
