#include "core/campaigns/StarterTemplates.h"

#include <QTest>

class TestStarterTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTemplateIsBuiltIn()
    {
        const auto templates = StarterTemplates::all();
        QCOMPARE(templates.size(), 3);
        for (const StarterTemplate& t : templates) {
            QVERIFY2(t.html.contains(QStringLiteral("<html")), qPrintable(t.id));
            QVERIFY(!t.title.isEmpty());
            QCOMPARE(StarterTemplates::byId(t.id).html, t.html);
        }
        QVERIFY(StarterTemplates::byId(QStringLiteral("nope")).html.isEmpty());
    }

    void theFooterCarriesWhatTheLawAsksFor()
    {
        const QString footer = StarterTemplates::defaultFooter();
        QVERIFY(footer.contains(QStringLiteral("{{ postal_address }}")));
        QVERIFY(footer.contains(QStringLiteral("{{ unsubscribe_url }}")));
    }
};

QTEST_GUILESS_MAIN(TestStarterTemplates)
#include "test_starter_templates.moc"
