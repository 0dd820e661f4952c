#include "core/mail/mime/MimeEncoding.h"
#include "tests/unit/core/mail/QuotedPrintableReference.h"

#include <QRandomGenerator>
#include <QTest>

// Bodies arrive exactly as written: quoted-printable and base64 decode to the original bytes,
// and no encoded line is long enough for a relay to break or refuse it.
namespace {

// RFC 2045 6.7 decoding, strict: anything but "=XX" and "=" CRLF after an "=" fails.
std::optional<QByteArray> decodeQuotedPrintable(const QByteArray& encoded)
{
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c != '=') {
            out += c;
            continue;
        }
        if (encoded.mid(i + 1, 2) == "\r\n") {
            i += 2;
            continue;
        }
        bool ok = false;
        const int byte = encoded.mid(i + 1, 2).toInt(&ok, 16);
        if (!ok || encoded.mid(i + 1, 2).toUpper() != encoded.mid(i + 1, 2)) {
            return std::nullopt;
        }
        out += char(byte);
        i += 2;
    }
    return out;
}

// Each line ends in CRLF (but perhaps the last), is printable ASCII of at most 76 characters,
// and has no space or tab at its end.
void verifyLines(const QByteArray& encoded)
{
    const QList<QByteArray> lines = encoded.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (i + 1 < lines.size()) {
            QVERIFY2(line.endsWith('\r'), line.constData());
            line.chop(1);
        }
        QVERIFY2(line.size() <= 76, line.constData());
        QVERIFY2(!line.endsWith(' ') && !line.endsWith('\t'), line.constData());
        for (char c : line) {
            QVERIFY2((c >= 32 && c < 127) || c == '\t', line.constData());
        }
    }
    QVERIFY(!encoded.contains("=_"));
}

} // namespace

class TestMimeEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineEndsBecomeCrlf()
    {
        QCOMPARE(MimeEncoding::canonicalLineEnds("a\nb\rc\r\nd\n\ne\r\r\n"),
                 QByteArray("a\r\nb\r\nc\r\nd\r\n\r\ne\r\n\r\n"));
        QCOMPARE(MimeEncoding::canonicalLineEnds("no line end"), QByteArray("no line end"));
        QCOMPARE(MimeEncoding::canonicalLineEnds("\nlf\n\nonly\nx"), QByteArray("\r\nlf\r\n\r\nonly\r\nx"));
        QCOMPARE(MimeEncoding::canonicalLineEnds("lf at the end\n"), QByteArray("lf at the end\r\n"));
    }

    void quotedPrintableEdgeCases_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("plain") << QByteArray("Hello\r\n") << QByteArray("Hello\r\n");
        QTest::newRow("equals") << QByteArray("a=b\r\n") << QByteArray("a=3Db\r\n");
        QTest::newRow("trailing space") << QByteArray("end \r\n") << QByteArray("end=20\r\n");
        QTest::newRow("trailing tab") << QByteArray("end\t\r\nx\r\n") << QByteArray("end=09\r\nx\r\n");
        QTest::newRow("inner spaces stay") << QByteArray("a  b\tc\r\n") << QByteArray("a  b\tc\r\n");
        QTest::newRow("no final line end") << QByteArray("Hello") << QByteArray("Hello=\r\n");
        QTest::newRow("trailing space at the very end") << QByteArray("Hi ") << QByteArray("Hi=20=\r\n");
        QTest::newRow("utf-8") << QByteArray("Grüße\r\n") << QByteArray("Gr=C3=BC=C3=9Fe\r\n");
        QTest::newRow("bare lf is data") << QByteArray("a\nb") << QByteArray("a=0Ab=\r\n");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("empty lines") << QByteArray("\r\n\r\n") << QByteArray("\r\n\r\n");
        QTest::newRow("76 fits") << QByteArray(76, 'x') + "\r\n" << QByteArray(76, 'x') + "\r\n";
        QTest::newRow("77 breaks") << QByteArray(77, 'x') + "\r\n" << QByteArray(75, 'x') + "=\r\nxx\r\n";
        QTest::newRow("76 at the end needs room for the soft break")
            << QByteArray(76, 'x') << QByteArray(75, 'x') + "=\r\nx=\r\n";
        QTest::newRow("escape is never split") << QByteArray(74, 'x') + "=\r\n" << QByteArray(74, 'x') + "=\r\n=3D\r\n";
        QTest::newRow("escape fits at the end of a line") << QByteArray(73, 'x') + "=\r\n"
                                                          << QByteArray(73, 'x') + "=3D\r\n";
        QTest::newRow("space before a soft break stays") << QByteArray(74, 'x') + " y z\r\n"
                                                         << QByteArray(74, 'x') + " =\r\ny z\r\n";
        QTest::newRow("75 fits") << QByteArray(75, 'x') + "\r\n" << QByteArray(75, 'x') + "\r\n";
        QTest::newRow("75 at the end fits before the soft break")
            << QByteArray(75, 'x') << QByteArray(75, 'x') + "=\r\n";
        QTest::newRow("77 at the end") << QByteArray(77, 'x') << QByteArray(75, 'x') + "=\r\nxx=\r\n";
        QTest::newRow("two soft breaks") << QByteArray(160, 'x') + "\r\n"
                                         << QByteArray(75, 'x') + "=\r\n" + QByteArray(75, 'x') + "=\r\n" +
                                                QByteArray(10, 'x') + "\r\n";
        QTest::newRow("equals in the 76th column moves down") << QByteArray(75, 'x') + "=y\r\n"
                                                              << QByteArray(75, 'x') + "=\r\n=3Dy\r\n";
        QTest::newRow("equals ending a 76 column line") << QByteArray(73, 'x') + "=\r\n"
                                                        << QByteArray(73, 'x') + "=3D\r\n";
        QTest::newRow("trailing space in the 76th column") << QByteArray(75, 'x') + " \r\n"
                                                           << QByteArray(75, 'x') + "=\r\n=20\r\n";
        QTest::newRow("trailing tab just fits") << QByteArray(73, 'x') + "\t\r\n" << QByteArray(73, 'x') + "=09\r\n";
        QTest::newRow("encoded trailing space that would pass column 76") << QByteArray(74, 'x') + " \r\n"
                                                                          << QByteArray(74, 'x') + "=\r\n=20\r\n";
        QTest::newRow("trailing space at the break without a line end")
            << QByteArray(73, 'x') + " " << QByteArray(73, 'x') + "=\r\n=20=\r\n";
        QTest::newRow("utf-8 split across a soft break") << QByteArray(72, 'x') + "\xC3\xA9\r\n"
                                                         << QByteArray(72, 'x') + "=C3=\r\n=A9\r\n";
        QTest::newRow("utf-8 ending a 76 column line") << QByteArray(70, 'x') + "\xC3\xA9\r\n"
                                                       << QByteArray(70, 'x') + "=C3=A9\r\n";
        QTest::newRow("cr only is data") << QByteArray("a\rb\r") << QByteArray("a=0Db=0D=\r\n");
        QTest::newRow("cr before crlf") << QByteArray("a\r\r\nb\r\n") << QByteArray("a=0D\r\nb\r\n");
        QTest::newRow("lf after crlf") << QByteArray("a\r\n\nb") << QByteArray("a\r\n=0Ab=\r\n");
        QTest::newRow("long run after an escape")
            << "=" + QByteArray(100, 'x') << "=3D" + QByteArray(72, 'x') + "=\r\n" + QByteArray(28, 'x') + "=\r\n";
        QTest::newRow("tab inside a run stays") << QByteArray(20, 'x') + "\t" + QByteArray(20, 'y') + "\r\n"
                                                << QByteArray(20, 'x') + "\t" + QByteArray(20, 'y') + "\r\n";
    }

    void quotedPrintableEdgeCases()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, encoded);
        QCOMPARE(MimeEncoding::quotedPrintable(text), encoded);
        verifyLines(encoded);
        QCOMPARE(decodeQuotedPrintable(encoded).value(), text);
    }

    void longLinesAreSoftBrokenAndDecodeBack()
    {
        // 5000 characters on one line: a relay refuses lines over 998 (RFC 5321 4.5.3.1.6).
        QByteArray text;
        for (int i = 0; i < 500; ++i) {
            text += "word=é. ";
        }
        text += "\r\n.leading dot\r\nFrom here\r\n";
        const QByteArray encoded = MimeEncoding::quotedPrintable(text);
        verifyLines(encoded);
        QCOMPARE(decodeQuotedPrintable(encoded).value(), text);
    }

    void randomBytesRoundTrip()
    {
        QRandomGenerator random(4);
        for (int round = 0; round < 200; ++round) {
            QByteArray data(random.bounded(0, 600), Qt::Uninitialized);
            for (char& c : data) {
                // Mostly spaces, line ends and '=' so that the edge cases meet.
                static const char alphabet[] = " \t\r\n=.xX\xC3\xA9\x00";
                c = random.bounded(4) == 0 ? char(random.bounded(256)) : alphabet[random.bounded(11)];
            }
            const QByteArray text = MimeEncoding::canonicalLineEnds(data);
            const QByteArray qp = MimeEncoding::quotedPrintable(text);
            verifyLines(qp);
            QVERIFY(qp.isEmpty() || qp.endsWith("\r\n"));
            QCOMPARE(decodeQuotedPrintable(qp).value(), text);
            const QByteArray b64 = MimeEncoding::base64(data);
            verifyLines(b64);
            QCOMPARE(QByteArray::fromBase64(b64), data);
        }
    }

    void fastEncoderEqualsTheReference()
    {
        // Lines around the column limit, made of runs, blanks, "=", non-ASCII and stray CR or
        // LF, so every way a soft break can fall is met; with and without canonical line ends.
        QRandomGenerator random(76);
        static const char* const pieces[] = {" ", "\t", "\r", "\n", "\r\n", "=", ".", "\xC3\xA9", "\x7F", "~"};
        for (int round = 0; round < 3000; ++round) {
            QByteArray data;
            const int size = random.bounded(0, 400);
            while (data.size() < size) {
                const int pick = random.bounded(14);
                if (pick >= 10) {
                    data += QByteArray(random.bounded(1, 90), 'x');
                } else {
                    data += pieces[pick];
                }
            }
            for (const QByteArray& text : {data, MimeEncoding::canonicalLineEnds(data)}) {
                const QByteArray encoded = MimeEncoding::quotedPrintable(text);
                QCOMPARE(encoded, QuotedPrintableReference::quotedPrintable(text));
                const TransferEncoding chosen = QuotedPrintableReference::choose(text);
                QCOMPARE(MimeEncoding::choose(text, true), chosen);
            }
            // Any line ends: what canonicalLineEnds, choose and encode make in three steps.
            const QByteArray canonical = MimeEncoding::canonicalLineEnds(data);
            const TransferEncoding chosen = QuotedPrintableReference::choose(canonical);
            const MimeEncoding::EncodedText both = MimeEncoding::encodeText(data);
            QCOMPARE(both.encoding, chosen);
            QCOMPARE(both.body, chosen == TransferEncoding::QuotedPrintable
                                    ? QuotedPrintableReference::quotedPrintable(canonical)
                                    : MimeEncoding::base64(canonical));
        }
    }

    void encodeTextPicksWhatChooseWould()
    {
        const QByteArray german = QString::fromUtf8("Sehr geehrte Frau Müller,\r\nvielen Dank = 10 %.\r\n").toUtf8();
        const MimeEncoding::EncodedText qp = MimeEncoding::encodeText(german);
        QCOMPARE(qp.encoding, TransferEncoding::QuotedPrintable);
        QCOMPARE(qp.body, QByteArray("Sehr geehrte Frau M=C3=BCller,\r\nvielen Dank =3D 10 %.\r\n"));
        const QByteArray russian = QString::fromUtf8("Здравствуйте, спасибо за заказ\r\n").toUtf8();
        const MimeEncoding::EncodedText b64 = MimeEncoding::encodeText(russian);
        QCOMPARE(b64.encoding, TransferEncoding::Base64);
        QCOMPARE(QByteArray::fromBase64(b64.body), russian);
        QCOMPARE(MimeEncoding::encodeText(QByteArray()).encoding, TransferEncoding::QuotedPrintable);
        QCOMPARE(MimeEncoding::encodeText(QByteArray()).body, QByteArray());

        // LF line ends, as the editor and the database hold texts, go out as CRLF line ends.
        QByteArray germanLf = german;
        germanLf.replace("\r\n", "\n");
        QCOMPARE(MimeEncoding::encodeText(germanLf).body, qp.body);
        QByteArray russianLf = russian;
        russianLf.replace("\r\n", "\n");
        QCOMPARE(MimeEncoding::encodeText(russianLf).encoding, TransferEncoding::Base64);
        QCOMPARE(MimeEncoding::encodeText(russianLf).body, b64.body);
        QCOMPARE(MimeEncoding::encodeText("a\rb\r\nc\n").body, QByteArray("a\r\nb\r\nc\r\n"));
        // The choice weighs the text with its CRLFs: "é" CRLF is 4 bytes, 8 either way, so
        // quoted-printable; "é" LF alone would be 3 bytes, 7 against base64's 4.
        const MimeEncoding::EncodedText lineEndCounts = MimeEncoding::encodeText("\xC3\xA9\n");
        QCOMPARE(lineEndCounts.encoding, TransferEncoding::QuotedPrintable);
        QCOMPARE(lineEndCounts.body, QByteArray("=C3=A9\r\n"));
    }

    void base64LinesAre76Characters()
    {
        QByteArray data(1000, Qt::Uninitialized);
        for (int i = 0; i < data.size(); ++i) {
            data[i] = char(i * 7);
        }
        const QByteArray encoded = MimeEncoding::base64(data);
        const QList<QByteArray> lines = encoded.split('\n');
        QCOMPARE(lines.size(), (1336 + 75) / 76);
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            QCOMPARE(lines.at(i).size(), 77); // 76 and the CR
        }
        QVERIFY(!encoded.endsWith("\r\n"));
        QCOMPARE(QByteArray::fromBase64(encoded), data);
        QCOMPARE(MimeEncoding::base64(QByteArray()), QByteArray());
        QCOMPARE(MimeEncoding::base64("abc"), QByteArray("YWJj"));
    }

    void chooserPrefersQuotedPrintableForMostlyAsciiText()
    {
        QCOMPARE(MimeEncoding::choose("Hello, world.\r\n", true), TransferEncoding::QuotedPrintable);
        QCOMPARE(MimeEncoding::choose(
                     QString::fromUtf8("Sehr geehrte Frau Müller, vielen Dank für Ihre Bestellung.").toUtf8(), true),
                 TransferEncoding::QuotedPrintable);
        QCOMPARE(MimeEncoding::choose(QString::fromUtf8("お問い合わせいただきありがとうございます。").toUtf8(), true),
                 TransferEncoding::Base64);
        QCOMPARE(MimeEncoding::choose(QString::fromUtf8("Здравствуйте, спасибо за заказ").toUtf8(), true),
                 TransferEncoding::Base64);
        QCOMPARE(MimeEncoding::choose("plain ascii", false), TransferEncoding::Base64);
        QCOMPARE(MimeEncoding::headerValue(TransferEncoding::QuotedPrintable), QByteArray("quoted-printable"));
        QCOMPARE(MimeEncoding::headerValue(TransferEncoding::Base64), QByteArray("base64"));
    }
};

QTEST_GUILESS_MAIN(TestMimeEncoding)
#include "test_mime_encoding.moc"
