#include "core/mail/dkim/DkimCanonicalization.h"
#include "core/mail/dkim/DkimKey.h"
#include "core/mail/dkim/DkimSigner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <map>
#include <thread>
#include <vector>

Q_DECLARE_METATYPE(DkimKey::Algorithm)

namespace {

// RFC 8463 Appendix A: its Ed25519 key (as PKCS#8), its record and its message.
const char rfcEd25519Pem[] = "-----BEGIN PRIVATE KEY-----\n"
                             "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
                             "-----END PRIVATE KEY-----\n";
const char rfcEd25519Record[] = "brisbane._domainkey.football.example.com. IN TXT ( "
                                "\"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\" )";

QByteArray crlf(const QByteArrayList& lines)
{
    return lines.join("\r\n");
}

QByteArray rfcMessage()
{
    return crlf({"From: Joe SixPack <joe@football.example.com>", "To: Suzie Q <suzie@shopping.example.net>",
                 "Subject: Is dinner ready?", "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
                 "Message-ID: <20030712040037.46341.5F8J@football.example.com>", "", "Hi.", "",
                 "We lost the game.  Are you hungry yet?", "", "Joe.", ""});
}

// Messages as the MIME writer will make them, written out by hand.
QByteArray nonAsciiMessage()
{
    return crlf({
        "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.com>",
        "To: =?UTF-8?B?Wm/DqyDFgXVrYXNpZXdpY3o=?= <zoe@example.org>",
        "Subject: =?UTF-8?B?WmFtw7N3aWVuaWUgIzQyIOKAlCBwb3R3aWVyZHplbmllIOKcqA==?=",
        " =?UTF-8?B?IGkgemHFvMOzxYLEhyBnxJnFm2zEhSBqYcW6xYQ=?=",
        "Date: Sat, 28 Nov 2026 09:00:00 +0000",
        "Message-ID: <c1.42@example.com>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        "List-Unsubscribe: <mailto:unsubscribe@example.com?subject=u-7f3a9c>,",
        " <https://example.com/u/7f3a9c>",
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        "",
        "Dzi\xc4\x99kujemy, J\xc3\xbcrgen! \xe2\x9c\xa8",
        "Stra\xc3\x9f"
        "e 1, 10115 Berlin",
        "",
    });
}

QByteArray longLinesMessage()
{
    QByteArrayList lines{
        "From: Shop <news@example.com>",
        "To: a@example.org, b@example.org, c@example.org, d@example.org, e@example.org,",
        "\tf@example.org, g@example.org, h@example.org, i@example.org, j@example.org,",
        "\tk@example.org",
        "Subject: A long newsletter line",
        "Date: Sat, 28 Nov 2026 09:00:00 +0000",
        "Message-ID: <c1.43@example.com>",
        "MIME-Version: 1.0",
        "Content-Type: text/html; charset=UTF-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
    };
    // Quoted-printable soft breaks ("=" at the end of 76-character lines) and an encoded
    // trailing space ("=20") as RFC 2045 6.7 writes them.
    for (int i = 0; i < 40; ++i) {
        lines.append(QByteArray("<p style=3D\"margin:0\">Paragraph ") + QByteArray::number(i) +
                     QByteArray(" of the long one, with words enough to fill it=").leftJustified(75, 'x', true) + "=");
        lines.append(QByteArray("continued here and ended by an encoded space=20"));
    }
    lines.append(QByteArray(900, 'y')); // legal up to 998 (RFC 5322 2.1.1)
    lines.append("");
    return crlf(lines);
}

QByteArray trailingWhitespaceMessage()
{
    return crlf({
        "From:   Shop   <news@example.com>  ",
        "To: reader@example.org\t",
        "Subject:\tSpaces \t everywhere   ",
        "Date: Sat, 28 Nov 2026 09:00:00 +0000",
        "Message-ID: <c1.44@example.com>",
        "",
        "  Indented line with trailing spaces   ",
        "Tabs\tin\t\tthe middle\t",
        "   ",
        "",
        "Last words.  ",
        "",
        "",
        "",
        "",
    });
}

QByteArray emptyBodyMessage()
{
    return crlf({
        "From: news@example.com",
        "To: reader@example.org",
        "Subject: Nothing to say",
        "Date: Sat, 28 Nov 2026 09:00:00 +0000",
        "Message-ID: <c1.45@example.com>",
        "",
        "",
    });
}

QByteArray multipartMessage()
{
    QByteArray attachment;
    for (int i = 0; i < 3000; ++i) {
        attachment.append(static_cast<char>((i * 37) % 256));
    }
    const QByteArray base64 = attachment.toBase64();
    QByteArrayList lines{
        "From: Acme Books <orders@example.com>",
        "To: reader@example.org",
        "Subject: Your invoice",
        "Date: Sat, 28 Nov 2026 09:00:00 +0000",
        "Message-ID: <c1.46@example.com>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"=_mailroom_7f3a9c\"",
        "",
        "This is a multi-part message in MIME format.",
        "",
        "--=_mailroom_7f3a9c",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 7bit",
        "",
        "Your invoice is attached.",
        "",
        "--=_mailroom_7f3a9c",
        "Content-Type: application/pdf; name=\"invoice.pdf\"",
        "Content-Disposition: attachment; filename=\"invoice.pdf\"",
        "Content-Transfer-Encoding: base64",
        "",
    };
    for (qsizetype at = 0; at < base64.size(); at += 76) {
        lines.append(base64.mid(at, 76));
    }
    lines.append("");
    lines.append("--=_mailroom_7f3a9c--");
    lines.append("");
    return crlf(lines);
}

// A body the signer must rewrite, larger than the buffer it rewrites through: tabs, runs of
// spaces and trailing whitespace on every line, some runs long, in ~40 KB.
QByteArray largeRewrittenMessage(const QByteArray& to = "reader@example.org")
{
    QByteArrayList lines{
        "From: Shop <news@example.com>",
        "To: " + to,
        "Subject: A long letter with untidy whitespace",
        "Date: Sat, 28 Nov 2026 09:00:00 +0000",
        "Message-ID: <c1.47." + to + ">",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "",
    };
    for (int i = 0; i < 500; ++i) {
        QByteArray line = "Line " + QByteArray::number(i) + ":\tsome  words \t with" + QByteArray(i % 40, ' ') +
                          "gaps of every width, for " + to + "  ";
        if (i % 50 == 0) {
            line += QByteArray(900, i % 100 == 0 ? ' ' : 'z'); // long runs of one kind of byte
        }
        lines.append(line);
        if (i % 7 == 0) {
            lines.append(" \t ");
        }
    }
    lines.append("");
    lines.append("");
    return crlf(lines);
}

qsizetype bodyStart(const QByteArray& message)
{
    return message.indexOf("\r\n\r\n") + 4;
}

// One body byte changed: the first letter in the middle of the body.
QByteArray withBodyByteChanged(QByteArray message)
{
    const qsizetype start = bodyStart(message);
    if (start >= message.size()) {
        return message + "x\r\n";
    }
    for (qsizetype i = start + (message.size() - start) / 2; i < message.size(); ++i) {
        const char c = message[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            message[i] = c == 'q' ? 'r' : 'q';
            return message;
        }
    }
    qFatal("no letter to change in the body");
    return message;
}

QByteArray withSubjectChanged(QByteArray message)
{
    const qsizetype at = message.indexOf("\r\nSubject:") + 2;
    const qsizetype last = message.indexOf("\r\n", at) - 1;
    message[last] = message[last] == '!' ? '?' : '!';
    return message;
}

// The tag list of a DKIM-Signature field, unfolded, tag -> value (whitespace removed).
std::map<QByteArray, QByteArray> tagsOf(const QByteArray& field)
{
    std::map<QByteArray, QByteArray> tags;
    QByteArray value = field.mid(field.indexOf(':') + 1);
    value.replace("\r\n", "");
    for (const QByteArray& tag : value.split(';')) {
        const qsizetype eq = tag.indexOf('=');
        if (eq > 0) {
            QByteArray tagValue = tag.mid(eq + 1);
            tagValue.replace(" ", "").replace("\t", "");
            tags[tag.left(eq).trimmed()] = tagValue;
        }
    }
    return tags;
}

// RFC 6376 3.4.4 step by step, slowly and plainly.
QByteArray referenceRelaxedBody(const QByteArray& body)
{
    QByteArrayList lines = body.split('\n');
    if (body.endsWith('\n')) {
        lines.removeLast(); // after the final CRLF there is no line
    }
    for (QByteArray& line : lines) {
        line.replace('\r', "").replace('\t', ' ');
        while (line.contains("  ")) {
            line.replace("  ", " ");
        }
        while (line.endsWith(' ')) {
            line.chop(1);
        }
    }
    while (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    return lines.isEmpty() ? QByteArray() : lines.join("\r\n") + "\r\n";
}

qsizetype referenceBareLineEnd(const QByteArray& body)
{
    for (qsizetype i = 0; i < body.size(); ++i) {
        if ((body[i] == '\r' && (i + 1 == body.size() || body[i + 1] != '\n')) ||
            (body[i] == '\n' && (i == 0 || body[i - 1] != '\r'))) {
            return i;
        }
    }
    return -1;
}

QString errorOf(const Result<QByteArray>& result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestDkimSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto rsa = DkimKey::generate(DkimKey::Algorithm::Rsa2048);
        const auto ed = DkimKey::generate(DkimKey::Algorithm::Ed25519);
        QVERIFY(rsa.ok() && ed.ok());
        m_rsa = std::make_unique<DkimKey>(*rsa);
        m_ed25519 = std::make_unique<DkimKey>(*ed);
    }

    void passesTheRfc8463KnownAnswerTest()
    {
        const Status status = DkimSigner::selfTest();
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
    }

    // RFC 6376 3.4.5's example.
    void canonicalisesLikeTheRfcExample()
    {
        QByteArray headers;
        DkimCanonicalization::appendRelaxedHeader(headers, "A: X");
        DkimCanonicalization::appendRelaxedHeader(headers, "B : Y\t\r\n\tZ  ");
        QCOMPARE(headers, QByteArray("a:X\r\nb:Y Z\r\n"));
        QCOMPARE(DkimCanonicalization::relaxedBody(" C \r\nD \t E\r\n\r\n\r\n"), QByteArray(" C\r\nD E\r\n"));
    }

    void canonicalisesBodyEdgeCases_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("canonical");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("only empty lines") << QByteArray("\r\n\r\n \r\n\t\r\n") << QByteArray();
        QTest::newRow("no final CRLF") << QByteArray("abc  ") << QByteArray("abc\r\n");
        QTest::newRow("inner empty lines kept")
            << QByteArray("a\r\n\r\n \r\nb\r\n\r\n") << QByteArray("a\r\n\r\n\r\nb\r\n");
        QTest::newRow("8-bit bytes untouched") << QByteArray("\xc3\xa9\xa0 x\r\n") << QByteArray("\xc3\xa9\xa0 x\r\n");
    }
    void canonicalisesBodyEdgeCases()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, canonical);
        QCOMPARE(DkimCanonicalization::relaxedBody(body), canonical);
    }

    // The fast scans must agree with RFC 6376 3.4.4 read literally, on bodies long enough to span
    // several 16-byte chunks and with the characters that matter at every position.
    void canonicalisesRandomBodiesLikeTheRfcSaysTo()
    {
        QRandomGenerator random(4871);
        const char* const tokens[] = {"a", "b", "=", " ", " ", "\t", "\r\n", "\r\n", "\r", "\n"};
        for (int round = 0; round < 6000; ++round) {
            QByteArray body;
            if (round % 2 == 0) {
                // What a MIME writer makes: words, single spaces, CRLF; then perhaps one flaw put in.
                const int lines = random.bounded(8);
                for (int line = 0; line < lines; ++line) {
                    const int words = random.bounded(6);
                    for (int word = 0; word < words; ++word) {
                        body += (word > 0 ? " " : "") + QByteArray(1 + random.bounded(9), char('a' + word));
                    }
                    body += "\r\n";
                }
                if (!body.isEmpty() && random.bounded(2)) {
                    body.insert(random.bounded(body.size() + 1), tokens[3 + random.bounded(7)]);
                }
            } else {
                const bool withBareEnds = round % 10 == 1;
                const int length = random.bounded(80);
                for (int i = 0; i < length; ++i) {
                    body += tokens[random.bounded(withBareEnds ? 10 : 8)];
                }
                if (random.bounded(2)) {
                    body += "\r\n";
                }
            }
            QByteArray canonical;
            const qsizetype bad = DkimCanonicalization::appendRelaxedBody(canonical, body);
            QCOMPARE(bad, referenceBareLineEnd(body));
            if (bad < 0) {
                QCOMPARE(canonical, referenceRelaxedBody(body));
            } else {
                QVERIFY(canonical.isEmpty());
            }
        }
    }

    // Bodies of many KB: the vector scan over every position of a flaw, and the rewrite through a
    // buffer of a few KB, with lines longer than it and whitespace runs across its pieces.
    void canonicalisesLargeBodiesLikeTheRfcSaysTo()
    {
        QRandomGenerator random(9133);
        for (int round = 0; round < 60; ++round) {
            QByteArray body;
            const int lines = 50 + random.bounded(400);
            for (int line = 0; line < lines; ++line) {
                // Mostly short lines as the MIME writer makes them, sometimes one of up to 9 KB.
                const int words = random.bounded(10) == 0 ? random.bounded(1500) : random.bounded(12);
                for (int word = 0; word < words; ++word) {
                    body += (word > 0 ? " " : "") + QByteArray(1 + random.bounded(7), char('a' + word % 26));
                }
                body += "\r\n";
            }
            body += QByteArray(2 * random.bounded(4), '\0').replace(QByteArray(1, '\0'), "\r\n");
            if (round % 3 == 1) {
                // One flaw anywhere: a tab, a run of spaces, a space before CRLF or a bare line end.
                const char* const flaws[] = {"\t", "  ", "     ", " \r\n", "\r", "\n"};
                body.insert(random.bounded(body.size() + 1), flaws[random.bounded(6)]);
            } else if (round % 3 == 2) {
                // Whitespace runs longer than a piece of the rewrite buffer.
                body.insert(random.bounded(body.size() + 1), QByteArray(3000 + random.bounded(6000), ' '));
            }
            QByteArray canonical;
            const qsizetype bad = DkimCanonicalization::appendRelaxedBody(canonical, body);
            QCOMPARE(bad, referenceBareLineEnd(body));
            if (bad < 0) {
                QCOMPARE(canonical, referenceRelaxedBody(body));
                const auto inPlace = DkimCanonicalization::relaxedBodyInPlace(body);
                if (inPlace) {
                    QCOMPARE(QByteArray(inPlace->data(), inPlace->size()), canonical);
                }
            } else {
                QVERIFY(canonical.isEmpty());
            }
        }
    }

    void signsTheRfcMessageSoThatItsPublishedRecordVerifiesIt()
    {
        const auto key = DkimKey::fromPrivateKey(rfcEd25519Pem);
        QVERIFY(key.ok());
        const DkimSigner signer(*key, QStringLiteral("football.example.com"), QStringLiteral("brisbane"),
                                DkimSigner::defaultSignedHeaders(), QDateTime::fromSecsSinceEpoch(1528637909));
        const auto header = signer.signatureHeader(rfcMessage());
        QVERIFY2(header.ok(), qPrintable(errorOf(header)));
        const auto tags = tagsOf(*header);
        // The RFC's own body hash, and the RFC's tags where ours have the same meaning.
        QCOMPARE(tags.at("bh"), QByteArray("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8="));
        QCOMPARE(tags.at("a"), QByteArray("ed25519-sha256"));
        QCOMPARE(tags.at("c"), QByteArray("relaxed/relaxed"));
        QCOMPARE(tags.at("t"), QByteArray("1528637909"));
        QCOMPARE(tags.at("h"), QByteArray("From:To:Subject:Date:Message-ID:From"));

        const QString file = write(QStringLiteral("rfc8463.eml"), *header + rfcMessage());
        const QString tampered =
            write(QStringLiteral("rfc8463-tampered.eml"), *header + withSubjectChanged(rfcMessage()));
        const auto results = verifyWithDkimpy(rfcEd25519Record, {file, tampered});
        QCOMPARE(results.value(file), QStringLiteral("PASS"));
        QVERIFY2(results.value(tampered).startsWith(QLatin1String("FAIL")), qPrintable(results.value(tampered)));
    }

    void signsWhatPythonDkimAccepts_data()
    {
        QTest::addColumn<DkimKey::Algorithm>("algorithm");
        QTest::newRow("rsa-sha256") << DkimKey::Algorithm::Rsa2048;
        QTest::newRow("ed25519-sha256") << DkimKey::Algorithm::Ed25519;
    }
    void signsWhatPythonDkimAccepts()
    {
        QFETCH(DkimKey::Algorithm, algorithm);
        const DkimKey& key = algorithm == DkimKey::Algorithm::Ed25519 ? *m_ed25519 : *m_rsa;
        const auto record = key.dnsRecord(QStringLiteral("s1"), QStringLiteral("example.com"));
        QVERIFY(record.ok());
        const DkimSigner signer(key, QStringLiteral("example.com"), QStringLiteral("s1"),
                                DkimSigner::defaultSignedHeaders(), QDateTime::currentDateTimeUtc());

        const std::pair<const char*, QByteArray> messages[] = {
            {"non-ascii", nonAsciiMessage()},
            {"long-lines", longLinesMessage()},
            {"trailing-whitespace", trailingWhitespaceMessage()},
            {"empty-body", emptyBodyMessage()},
            {"multipart", multipartMessage()},
            {"large-rewritten", largeRewrittenMessage()},
        };
        QStringList files;
        QMap<QString, bool> expected; // file -> must pass
        auto add = [&](const QString& name, const QByteArray& content, bool passes) {
            const QString file = write(QStringLiteral("%1-%2.eml").arg(QTest::currentDataTag(), name), content);
            files.append(file);
            expected.insert(file, passes);
        };
        for (const auto& [name, message] : messages) {
            const auto header = signer.signatureHeader(message);
            QVERIFY2(header.ok(), qPrintable(errorOf(header)));
            checkFolding(*header);
            const QString n = QLatin1String(name);
            add(n, *header + message, true);
            add(n + QStringLiteral("-subject-changed"), *header + withSubjectChanged(message), false);
            add(n + QStringLiteral("-body-byte-changed"), *header + withBodyByteChanged(message), false);
        }

        const QByteArray message = multipartMessage();
        const auto header = signer.signatureHeader(message);
        QVERIFY(header.ok());
        // Relaxed canonicalisation forgives refolding and whitespace that relays add...
        QByteArray refolded = message;
        refolded.replace("Subject: Your invoice", "Subject:  Your \r\n\t invoice  ");
        add(QStringLiteral("refolded"), *header + refolded + "\r\n\r\n", true);
        // ...and a header field that was not signed may change.
        QByteArray withUnsignedHeader = message;
        withUnsignedHeader.insert(bodyStart(message) - 2, "X-Mailer: relay 1.0\r\n");
        add(QStringLiteral("unsigned-header-added"), *header + withUnsignedHeader, true);
        // But a second From above the signed one is caught (From is signed once more than it occurs).
        add(QStringLiteral("from-added-above"), *header + "From: Mallory <ceo@example.com>\r\n" + message, false);

        const auto results = verifyWithDkimpy(record->toLatin1(), files);
        for (const QString& file : files) {
            const QString result = results.value(file);
            if (expected.value(file)) {
                QVERIFY2(result == QLatin1String("PASS"), qPrintable(file + QStringLiteral(": ") + result));
            } else {
                QVERIFY2(result.startsWith(QLatin1String("FAIL")), qPrintable(file + QStringLiteral(": ") + result));
            }
        }
    }

    void listsInHOnlyTheHeadersTheMessageHas()
    {
        const DkimSigner signer(*m_ed25519, QStringLiteral("example.com"), QStringLiteral("s1"));
        const auto full = signer.signatureHeader(nonAsciiMessage());
        QVERIFY(full.ok());
        QCOMPARE(tagsOf(*full).at("h"), QByteArray("From:To:Subject:Date:Message-ID:MIME-Version:Content-Type:"
                                                   "List-Unsubscribe:List-Unsubscribe-Post:From"));
        QVERIFY2(!tagsOf(*full).count("t"), "no t= unless a timestamp is given");

        const auto bare = signer.signatureHeader(emptyBodyMessage());
        QVERIFY(bare.ok());
        QCOMPARE(tagsOf(*bare).at("h"), QByteArray("From:To:Subject:Date:Message-ID:From"));

        // A header listed by the caller and occurring twice is signed twice; From is added.
        const DkimSigner custom(*m_ed25519, QStringLiteral("example.com"), QStringLiteral("s1"),
                                {QStringLiteral("subject"), QStringLiteral("X-Campaign")});
        const auto twice = custom.signatureHeader("X-Campaign: 1\r\nFrom: a@example.com\r\nSubject: Hi\r\n"
                                                  "X-Campaign: 2\r\n\r\nBody\r\n");
        QVERIFY2(twice.ok(), qPrintable(errorOf(twice)));
        QCOMPARE(tagsOf(*twice).at("h"), QByteArray("From:subject:X-Campaign:X-Campaign:From"));
        QCOMPARE(tagsOf(*twice).at("d"), QByteArray("example.com"));
        QCOMPARE(tagsOf(*twice).at("s"), QByteArray("s1"));
    }

    void signsTheSameBytesTheSameWay()
    {
        // Both algorithms are deterministic, and relaxed canonicalisation ignores the whitespace
        // that differs here: the headers must come out identical.
        const DkimSigner signer(*m_rsa, QStringLiteral("example.com"), QStringLiteral("s1"),
                                DkimSigner::defaultSignedHeaders(), QDateTime::fromSecsSinceEpoch(1800000000));
        const QByteArray message = trailingWhitespaceMessage();
        QByteArray respaced = message;
        respaced.replace("Last words.  ", "Last   words.").replace("To: reader@example.org\t", "To:reader@example.org");
        const auto first = signer.signatureHeader(message);
        const auto second = signer.signatureHeader(message);
        const auto third = signer.signatureHeader(respaced);
        QVERIFY(first.ok() && second.ok() && third.ok());
        QCOMPARE(*second, *first);
        QCOMPARE(*third, *first);
        const auto changed = signer.signatureHeader(withBodyByteChanged(message));
        QVERIFY(changed.ok());
        QVERIFY(*changed != *first);
    }

    void refusesMessagesItCannotSignFaithfully_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("bare LF in body") << QByteArray("From: a@example.com\r\n\r\nline one\nline two\r\n")
                                         << "line 3 has a bare LF";
        QTest::newRow("bare LF in header")
            << QByteArray("From: a@example.com\nSubject: x\r\n\r\nbody\r\n") << "line 1 has a bare LF";
        QTest::newRow("bare CR in body") << QByteArray("From: a@example.com\r\n\r\na\rb\r\n") << "bare CR";
        QTest::newRow("no From") << QByteArray("To: b@example.com\r\n\r\nbody\r\n") << "no From";
        QTest::newRow("not a header line")
            << QByteArray("From: a@example.com\r\nnot a header\r\n\r\nbody\r\n") << "line 2 is not a header field";
        QTest::newRow("fold with nothing before it")
            << QByteArray(" x\r\nFrom: a@example.com\r\n\r\n") << "line 1 starts with a space";
    }
    void refusesMessagesItCannotSignFaithfully()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, mentions);
        const DkimSigner signer(*m_ed25519, QStringLiteral("example.com"), QStringLiteral("s1"));
        const auto header = signer.signatureHeader(message);
        QVERIFY(!header.ok());
        QCOMPARE(header.error().code, ErrorCode::InvalidInput);
        QVERIFY2(header.error().message.contains(mentions), qPrintable(header.error().message));
    }

    // One signer serves a campaign's render threads: same bytes, same signature, from any thread.
    void signsFromSeveralThreadsAtOnce()
    {
        for (const DkimKey* key : {m_ed25519.get(), m_rsa.get()}) {
            const DkimSigner signer(*key, QStringLiteral("example.com"), QStringLiteral("s1"));
            const QByteArray message = multipartMessage();
            const auto expected = signer.signatureHeader(message);
            QVERIFY(expected.ok());
            std::atomic<int> mismatches{0};
            std::vector<std::thread> threads;
            for (int t = 0; t < 4; ++t) {
                threads.emplace_back([&signer, &message, &expected, &mismatches] {
                    for (int i = 0; i < 25; ++i) {
                        const auto header = signer.signatureHeader(message);
                        if (!header.ok() || *header != *expected) {
                            ++mismatches;
                        }
                    }
                });
            }
            for (std::thread& thread : threads) {
                thread.join();
            }
            QCOMPARE(mismatches.load(), 0);
        }
    }

    // Render threads sign different recipients' messages with one signer at once; what each
    // thread signed must verify (python3-dkim), for both algorithms and both body paths.
    void signaturesMadeOnSeveralThreadsAtOnceVerify()
    {
        for (const DkimKey* key : {m_ed25519.get(), m_rsa.get()}) {
            const auto record = key->dnsRecord(QStringLiteral("s1"), QStringLiteral("example.com"));
            QVERIFY(record.ok());
            const DkimSigner signer(*key, QStringLiteral("example.com"), QStringLiteral("s1"));
            constexpr int threadCount = 4;
            constexpr int perThread = 6;
            std::vector<QByteArray> signedMessages(threadCount * perThread);
            std::vector<std::thread> threads;
            for (int t = 0; t < threadCount; ++t) {
                threads.emplace_back([&signer, &signedMessages, t] {
                    for (int i = 0; i < perThread; ++i) {
                        const QByteArray to = "reader" + QByteArray::number(t * perThread + i) + "@example.org";
                        // Half in place (a MIME writer's body), half rewritten.
                        QByteArray message = i % 2 ? largeRewrittenMessage(to) : multipartMessage();
                        if (i % 2 == 0) {
                            message.replace("To: reader@example.org", "To: " + to);
                        }
                        const auto header = signer.signatureHeader(message);
                        signedMessages[static_cast<size_t>(t * perThread + i)] =
                            header.ok() ? *header + message : QByteArray();
                    }
                });
            }
            for (std::thread& thread : threads) {
                thread.join();
            }
            QStringList files;
            for (size_t i = 0; i < signedMessages.size(); ++i) {
                QVERIFY2(!signedMessages[i].isEmpty(), "a thread could not sign its message");
                files.append(
                    write(QStringLiteral("threads-%1-%2.eml").arg(key->algorithmName()).arg(i), signedMessages[i]));
            }
            const auto results = verifyWithDkimpy(record->toLatin1(), files);
            for (const QString& file : files) {
                QVERIFY2(results.value(file) == QLatin1String("PASS"),
                         qPrintable(file + QStringLiteral(": ") + results.value(file)));
            }
        }
    }

    void refusesABadHeaderName()
    {
        const DkimSigner signer(*m_ed25519, QStringLiteral("example.com"), QStringLiteral("s1"),
                                {QStringLiteral("Subject"), QStringLiteral("X-Bad;h=To")});
        const auto header = signer.signatureHeader(emptyBodyMessage());
        QVERIFY(!header.ok());
        QVERIFY2(header.error().message.contains(QLatin1String("\"X-Bad;h=To\"")), qPrintable(header.error().message));
    }

    void refusesABadDomainOrSelector()
    {
        const DkimSigner badDomain(*m_ed25519, QStringLiteral("example com"), QStringLiteral("s1"));
        const auto first = badDomain.signatureHeader(emptyBodyMessage());
        QVERIFY(!first.ok());
        QVERIFY2(first.error().message.contains(QLatin1String("\"example com\"")), qPrintable(first.error().message));

        const DkimSigner badSelector(*m_ed25519, QStringLiteral("example.com"), QStringLiteral("s1;x=1"));
        const auto second = badSelector.signatureHeader(emptyBodyMessage());
        QVERIFY(!second.ok());
        QVERIFY2(second.error().message.contains(QLatin1String("\"s1;x=1\"")), qPrintable(second.error().message));

        // IDN signing domains are signed in their ASCII form.
        const DkimSigner idn(*m_ed25519, QStringLiteral("Bücher.de"), QStringLiteral("s1"));
        const auto third = idn.signatureHeader(emptyBodyMessage());
        QVERIFY(third.ok());
        QCOMPARE(tagsOf(*third).at("d"), QByteArray("xn--bcher-kva.de"));
    }

private:
    QString write(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            qFatal("cannot write %s", qPrintable(path));
        }
        return path;
    }

    // Runs python3-dkim over the files with record served as the only DNS answer; file -> "PASS" or
    // "FAIL: reason".
    QMap<QString, QString> verifyWithDkimpy(const QByteArray& record, const QStringList& files)
    {
        const QString recordFile = write(QStringLiteral("record-%1.txt").arg(++m_records), record);
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     QStringList{QStringLiteral(DKIM_VERIFY_SCRIPT), recordFile} + files);
        if (!python.waitForFinished(120000) || python.exitStatus() != QProcess::NormalExit || python.exitCode() == 2) {
            qWarning("dkim_verify.py: %s", python.readAllStandardError().constData());
            return {};
        }
        QMap<QString, QString> results;
        for (const QByteArray& line : python.readAllStandardOutput().split('\n')) {
            if (line.startsWith("PASS ")) {
                results.insert(QString::fromUtf8(line.mid(5)), QStringLiteral("PASS"));
            } else if (line.startsWith("FAIL ")) {
                const qsizetype colon = line.indexOf(": ", 5);
                results.insert(QString::fromUtf8(line.mid(5, colon - 5)), QString::fromUtf8("FAIL" + line.mid(colon)));
            }
        }
        return results;
    }

    static void checkFolding(const QByteArray& header)
    {
        QVERIFY(header.startsWith("DKIM-Signature: v=1; a="));
        QVERIFY(header.endsWith("\r\n"));
        const QList<QByteArray> lines = header.chopped(2).split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QByteArray line = i + 1 < lines.size() ? lines[i].chopped(1) : lines[i];
            QVERIFY2(line.size() <= 78, line.constData());
            QVERIFY2(!line.contains('\r'), line.constData());
            QVERIFY2(i == 0 || line.startsWith(' '), line.constData());
        }
    }

    QTemporaryDir m_dir;
    int m_records = 0;
    std::unique_ptr<DkimKey> m_rsa;
    std::unique_ptr<DkimKey> m_ed25519;
};

QTEST_GUILESS_MAIN(TestDkimSigner)
#include "test_dkim_signer.moc"
