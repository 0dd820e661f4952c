// Tools > Suppression List…: a person adds a domain and an address and sees them in the table
// and the counts, is told why a wrong entry is refused, removes one after confirming, and
// imports a file: with "add nothing if a line cannot be read" a file with bad lines adds
// nothing and names those lines; without it, the good lines are added.

#include "GuiTestWorkspace.h"

#include "core/campaigns/SuppressionList.h"
#include "models/SuppressionTableModel.h"
#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/SuppressionDialog.h"
#include "ui/Translations.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int timeoutMs = 20000;

QStringList patternsIn(const SuppressionTableModel* model)
{
    QStringList patterns;
    for (int row = 0; row < model->rowCount(); ++row) {
        patterns.append(model->index(row, SuppressionTableModel::PatternColumn).data().toString());
    }
    return patterns;
}

} // namespace

class TestSuppressionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addsADomainAndAnAddress();
    void removesOnlyWhenConfirmed();
    void importWithBadLinesAddsNothingWhenAskedTo();
    void pagesThroughALongList();

private:
    SuppressionDialog* openDialog();
    void add(SuppressionDialog* dialog, const QString& text);
    QString writeFile(const QString& name, const QByteArray& content);
    SuppressionCounts storedCounts() const;
    template <typename T>
    T* child(QObject* dialog, const char* name) const
    {
        return dialog->findChild<T*>(QString::fromLatin1(name));
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestSuppressionDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Dialogs::setWarningsSilent(true);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSuppressionDialog::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    m_window->openInitialWorkspace(m_workspace->path());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
}

void TestSuppressionDialog::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearPendingAnswers();
}

SuppressionDialog* TestSuppressionDialog::openDialog()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("suppressionListAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    return m_window->findChild<SuppressionDialog*>();
}

void TestSuppressionDialog::add(SuppressionDialog* dialog, const QString& text)
{
    auto* edit = child<QLineEdit>(dialog, "addLineEdit");
    edit->clear();
    QTest::keyClicks(edit, text);
    child<QPushButton>(dialog, "addButton")->click();
}

QString TestSuppressionDialog::writeFile(const QString& name, const QByteArray& content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {};
    }
    file.write(content);
    return path;
}

SuppressionCounts TestSuppressionDialog::storedCounts() const
{
    Result<Connection> connection = Connection::open(m_workspace->path());
    if (!connection) {
        return {};
    }
    return SuppressionList(connection->database()).counts().value();
}

void TestSuppressionDialog::addsADomainAndAnAddress()
{
    SuppressionDialog* dialog = openDialog();
    QVERIFY(dialog);
    new QAbstractItemModelTester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, dialog);
    auto* counts = child<QLabel>(dialog, "countsLabel");
    QCOMPARE(counts->text(), QStringLiteral("0 email addresses and 0 domains are never mailed."));

    QTest::keyClicks(child<QLineEdit>(dialog, "reasonLineEdit"), QStringLiteral("asked by phone"));
    add(dialog, QStringLiteral("Competitor.example"));
    QCOMPARE(patternsIn(dialog->model()), QStringList{QStringLiteral("competitor.example")});
    QCOMPARE(dialog->model()->index(0, SuppressionTableModel::KindColumn).data().toString(), QStringLiteral("Domain"));
    QCOMPARE(dialog->model()->index(0, SuppressionTableModel::ReasonColumn).data().toString(),
             QStringLiteral("asked by phone"));
    QCOMPARE(counts->text(), QStringLiteral("0 email addresses and 1 domain are never mailed."));
    QVERIFY(child<QLineEdit>(dialog, "addLineEdit")->text().isEmpty());

    // Enter in the field adds, as the button does.
    auto* edit = child<QLineEdit>(dialog, "addLineEdit");
    QTest::keyClicks(edit, QStringLiteral("Jane.Doe@Example.com"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(patternsIn(dialog->model()),
             (QStringList{QStringLiteral("competitor.example"), QStringLiteral("jane.doe@example.com")}));
    QCOMPARE(counts->text(), QStringLiteral("1 email address and 1 domain are never mailed."));
    QVERIFY(dialog->isVisible());

    // A wrong entry: the engine's message, nothing added.
    add(dialog, QStringLiteral("jane@@example"));
    QCOMPARE(child<QLabel>(dialog, "statusLabel")->text(),
             SuppressionList::normalize(QStringLiteral("jane@@example")).error().message);
    QCOMPARE(dialog->model()->rowCount(), 2);

    // What the table shows is what the workspace holds: a contact at the domain is suppressed.
    Result<Connection> connection = Connection::open(m_workspace->path());
    QVERIFY(connection);
    QVERIFY(
        SuppressionList(connection->database()).isSuppressed(QStringLiteral("ceo@mail.competitor.example")).value());
}

void TestSuppressionDialog::removesOnlyWhenConfirmed()
{
    SuppressionDialog* dialog = openDialog();
    QVERIFY(dialog);
    add(dialog, QStringLiteral("a@example.com"));
    add(dialog, QStringLiteral("b@example.com"));
    QCOMPARE(dialog->model()->rowCount(), 2);
    auto* view = child<QTableView>(dialog, "suppressionsTableView");
    auto* remove = child<QPushButton>(dialog, "removeButton");
    view->clearSelection();
    QVERIFY(!remove->isEnabled());
    view->selectRow(0);
    QVERIFY(remove->isEnabled());

    Dialogs::setNextButton(QMessageBox::No);
    remove->click();
    QVERIFY(!Dialogs::hasPendingAnswers());
    QCOMPARE(dialog->model()->rowCount(), 2);

    Dialogs::setNextButton(QMessageBox::Yes);
    remove->click();
    QCOMPARE(patternsIn(dialog->model()), QStringList{QStringLiteral("b@example.com")});
    QCOMPARE(storedCounts().emails, 1);
    QCOMPARE(child<QLabel>(dialog, "countsLabel")->text(),
             QStringLiteral("1 email address and 0 domains are never mailed."));
}

void TestSuppressionDialog::importWithBadLinesAddsNothingWhenAskedTo()
{
    SuppressionDialog* dialog = openDialog();
    QVERIFY(dialog);
    add(dialog, QStringLiteral("old@example.com"));
    const QString path = writeFile(QStringLiteral("unsubscribes.txt"), "new@example.com\n"
                                                                       "broken@@example.com\n"
                                                                       "old@example.com\n"
                                                                       "spam.example\n"
                                                                       "no way\n");
    QVERIFY(!path.isEmpty());
    auto* refuse = child<QCheckBox>(dialog, "refuseInvalidCheckBox");
    auto* status = child<QLabel>(dialog, "statusLabel");
    auto* report = child<QPlainTextEdit>(dialog, "reportPlainTextEdit");

    refuse->setChecked(true);
    Dialogs::setNextFileName(path);
    child<QPushButton>(dialog, "importButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), timeoutMs);
    QVERIFY2(status->text().startsWith(QLatin1String("Nothing from unsubscribes.txt was added: 2 lines")),
             qPrintable(status->text()));
    QVERIFY(report->isVisibleTo(dialog));
    const QStringList problems = report->toPlainText().split(QLatin1Char('\n'));
    QCOMPARE(problems.size(), 2);
    QVERIFY2(problems.at(0).startsWith(QLatin1String("Line 2")), qPrintable(problems.at(0)));
    QVERIFY2(problems.at(1).startsWith(QLatin1String("Line 5")), qPrintable(problems.at(1)));
    QCOMPARE(storedCounts().emails, 1);
    QCOMPARE(storedCounts().domains, 0);
    QCOMPARE(dialog->model()->rowCount(), 1);

    // Without the check box the readable lines go in, and the others are still named.
    refuse->setChecked(false);
    Dialogs::setNextFileName(path);
    child<QPushButton>(dialog, "importButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), timeoutMs);
    QCOMPARE(status->text(),
             QStringLiteral("From unsubscribes.txt: 2 added, 1 already on the list, 2 lines could not be read."));
    QCOMPARE(report->toPlainText().split(QLatin1Char('\n')).size(), 2);
    QCOMPARE(patternsIn(dialog->model()),
             (QStringList{QStringLiteral("old@example.com"), QStringLiteral("new@example.com"),
                          QStringLiteral("spam.example")}));
    QCOMPARE(child<QLabel>(dialog, "countsLabel")->text(),
             QStringLiteral("2 email addresses and 1 domain are never mailed."));

    // A clean file: no report of problems.
    const QString clean = writeFile(QStringLiteral("clean.csv"), "email,name\nx@example.org,X\n");
    Dialogs::setNextFileName(clean);
    child<QPushButton>(dialog, "importButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), timeoutMs);
    QCOMPARE(status->text(), QStringLiteral("From clean.csv: 1 added, 0 already on the list."));
    QVERIFY(!report->isVisibleTo(dialog));
}

void TestSuppressionDialog::pagesThroughALongList()
{
    {
        Result<Connection> connection = Connection::open(m_workspace->path());
        QVERIFY(connection);
        QStringList lines;
        for (int i = 0; i < 700; ++i) {
            lines.append(QStringLiteral("person%1@example.net").arg(i));
        }
        const QString path = writeFile(QStringLiteral("many.txt"), lines.join(QLatin1Char('\n')).toUtf8());
        QVERIFY(SuppressionList(connection->database()).importFile(path).value().added == 700);
    }
    SuppressionDialog* dialog = openDialog();
    QVERIFY(dialog);
    // The counts are the workspace's; the table has read only the first page so far.
    QCOMPARE(child<QLabel>(dialog, "countsLabel")->text(),
             QStringLiteral("700 email addresses and 0 domains are never mailed."));
    QCoreApplication::processEvents();
    QCOMPARE(dialog->model()->rowCount(), SuppressionTableModel::pageSize);
    auto* view = child<QTableView>(dialog, "suppressionsTableView");
    for (int i = 0; i < 10 && dialog->model()->rowCount() < 700; ++i) {
        view->scrollToBottom();
        QCoreApplication::processEvents();
    }
    QCOMPARE(dialog->model()->rowCount(), 700);
    QCOMPARE(dialog->model()->index(699, 0).data().toString(), QStringLiteral("person699@example.net"));
    QVERIFY(!dialog->model()->canFetchMore(QModelIndex()));
    // Read again (after an import, say): the first page only, until scrolled.
    dialog->model()->reload();
    QCOMPARE(dialog->model()->rowCount(), SuppressionTableModel::pageSize);
}

QTEST_MAIN(TestSuppressionDialog)
#include "test_suppression_dialog.moc"
