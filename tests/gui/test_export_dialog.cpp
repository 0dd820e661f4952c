// File > Export Contacts…: the scopes a person picks (the selection, a list from the sidebar,
// a search), the columns and the format, exported in the background; the files are read back.

#include "GuiTestWorkspace.h"

#include "models/ContactTableModel.h"
#include "models/SidebarModel.h"
#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/ExportDialog.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace {

constexpr int timeoutMs = 20000;

QStringList readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
}

} // namespace

class TestExportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void exportsTheSelectedContacts();
    void exportsAListAsVCard();
    void exportsTheSearchResultWithAllColumns();

private:
    void waitIdle();
    ExportDialog* openDialog();
    void runExport(ExportDialog* dialog, const QString& path);
    QRadioButton* radio(ExportDialog* dialog, const char* name) const
    {
        return dialog->findChild<QRadioButton*>(QString::fromLatin1(name));
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Dialogs::setWarningsSilent(true);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestExportDialog::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    m_window->openInitialWorkspace(m_workspace->path());
    waitIdle();
}

void TestExportDialog::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearPendingAnswers();
}

void TestExportDialog::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
    QCoreApplication::processEvents();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
}

ExportDialog* TestExportDialog::openDialog()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("exportAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    // The selection is resolved to ids off the UI thread first.
    if (!QTest::qWaitFor([this] { return m_window->exportDialog() != nullptr; }, timeoutMs)) {
        return nullptr;
    }
    return m_window->exportDialog();
}

void TestExportDialog::runExport(ExportDialog* dialog, const QString& path)
{
    dialog->findChild<QLineEdit*>(QStringLiteral("pathLineEdit"))->setText(path);
    dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->exportDialog() == nullptr, timeoutMs);
    QVERIFY(QFile::exists(path));
}

void TestExportDialog::exportsTheSelectedContacts()
{
    QTableView* view = m_window->contactsView();
    ContactTableModel* model = m_window->contactModel();
    const int email = model->columnForBuiltin(ContactColumn::Email);
    view->selectionModel()->select(model->index(2, email), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(model->index(5, email), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QString first = model->index(2, email).data().toString();
    const QString second = model->index(5, email).data().toString();

    ExportDialog* dialog = openDialog();
    QVERIFY(dialog);
    // The narrowest scope that applies is preselected; a search was not typed, nothing is in the sidebar.
    QVERIFY(radio(dialog, "selectionRadioButton")->isChecked());
    QVERIFY(radio(dialog, "selectionRadioButton")->text().contains(QLatin1String("The 2 selected contacts")));
    QVERIFY(!radio(dialog, "searchRadioButton")->isEnabled());
    QVERIFY(!radio(dialog, "sidebarRadioButton")->isEnabled());
    QVERIFY(radio(dialog, "visibleColumnsRadioButton")->isChecked());

    const QString path = m_dir.filePath(QStringLiteral("selection.csv"));
    runExport(dialog, path);
    const QStringList lines = readLines(path);
    QCOMPARE(lines.size(), 3);
    // Visible columns only: notes are hidden by default.
    QVERIFY(lines.at(0).contains(QLatin1String("Email")));
    QVERIFY(!lines.at(0).contains(QLatin1String("Notes")));
    QVERIFY(lines.join(QLatin1Char('\n')).contains(first));
    QVERIFY(lines.join(QLatin1Char('\n')).contains(second));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("Exported 2 contacts")),
             qPrintable(m_window->statusBar()->currentMessage()));
}

void TestExportDialog::exportsAListAsVCard()
{
    SidebarModel* sidebar = m_window->sidebarModel();
    const QModelIndex lists = sidebar->indexFor(SidebarModel::Kind::ListsSection);
    QModelIndex newsletter;
    for (int row = 0; row < sidebar->rowCount(lists); ++row) {
        const QModelIndex index = sidebar->index(row, 0, lists);
        if (index.data(SidebarModel::NameRole).toString() == QLatin1String("Newsletter")) {
            newsletter = index;
        }
    }
    QVERIFY(newsletter.isValid());
    m_window->sidebarView()->setCurrentIndex(newsletter);
    waitIdle();
    QCOMPARE(m_window->contactModel()->totalCount(), 1);

    ExportDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(radio(dialog, "sidebarRadioButton")->isChecked());
    QVERIFY(radio(dialog, "sidebarRadioButton")->text().contains(QLatin1String("Newsletter")));
    QVERIFY(!radio(dialog, "selectionRadioButton")->isEnabled());
    radio(dialog, "vcardRadioButton")->setChecked(true);
    // A vCard holds the whole card; Excel's dialect is for CSV.
    QVERIFY(!dialog->findChild<QCheckBox*>(QStringLiteral("excelCheckBox"))->isEnabled());

    const QString path = m_dir.filePath(QStringLiteral("newsletter.vcf"));
    runExport(dialog, path);
    const QString text = readLines(path).join(QLatin1Char('\n'));
    QCOMPARE(text.count(QLatin1String("BEGIN:VCARD")), 1);
    QVERIFY(text.contains(QLatin1String("carol@example.com")));
    QVERIFY(text.contains(QLatin1String("VERSION:4.0")));
}

void TestExportDialog::exportsTheSearchResultWithAllColumns()
{
    m_window->searchLineEdit()->setText(QStringLiteral("bakery"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->filter().search, QStringLiteral("bakery"), timeoutMs);
    waitIdle();
    QCOMPARE(m_window->contactModel()->totalCount(), 5);

    ExportDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(radio(dialog, "searchRadioButton")->isChecked());
    radio(dialog, "allColumnsRadioButton")->setChecked(true);
    dialog->findChild<QCheckBox*>(QStringLiteral("excelCheckBox"))->setChecked(true);

    const QString path = m_dir.filePath(QStringLiteral("bakery.csv"));
    runExport(dialog, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    // For Excel: a byte order mark and semicolons.
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    // All columns, custom fields included.
    QVERIFY(lines.at(0).contains(QLatin1String("Notes")));
    QVERIFY(lines.at(0).contains(QLatin1String("Loyalty points")));
    QVERIFY(lines.at(0).contains(QLatin1Char(';')));
    QVERIFY(m_settings->exportExcel());
}

QTEST_MAIN(TestExportDialog)
#include "test_export_dialog.moc"
