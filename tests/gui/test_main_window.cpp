// Drives the main window the way a person does: typing, clicking rows and toolbar buttons,
// pressing the standard shortcuts; then checks what the table, the sidebar and the
// workspace file say. Runs offscreen.

#include "GuiTestWorkspace.h"

#include "models/ContactTableModel.h"
#include "models/SidebarModel.h"
#include "ui/AppSettings.h"
#include "ui/BulkJobRunner.h"
#include "ui/ContactEditor.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

#include <memory>

namespace {

constexpr int timeoutMs = 20000;

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showsEveryContactWithCount();
    void searchFiltersTheTable();
    void searchCombinesWithSidebarTag();
    void editAndSaveUpdatesTableAndWorkspace();
    void invalidEmailShowsMessageAndRefusesSave();
    void newContactIsAddedAndUndoRemovesIt();
    void bulkTagUndoRedo();
    void cancelledBulkAndUndoChangeNothing();
    void bulkStatusUndoRestoresEachStatus();
    void deleteAndUndoRestoresContact();
    void clickingAHeaderSorts();
    void saveWaitsForARunningChange();
    void columnChooserOffersCustomFields();
    void customFieldIsEditedByType();
    void missingAndCorruptWorkspacesShowAMessage();
    void columnVisibilityIsRemembered();

private:
    void openWindow();
    void waitIdle();
    int rowOf(const QString& email) const;
    QString cell(int row, ContactColumn column) const;
    void clickRow(int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    void clickToolBarAction(const QString& objectName);
    qint64 sidebarCount(SidebarModel::Kind kind, const QString& name) const;
    template <typename T>
    T* editorField(const char* objectName) const
    {
        auto* widget = m_window->contactEditor()->findChild<T*>(QString::fromLatin1(objectName));
        Q_ASSERT(widget);
        return widget;
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Message boxes are recorded, not shown: a modal box would stop the test.
    Dialogs::setWarningsSilent(true);
    // As main() does: the English plural forms ("1 contact", "10 contacts").
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMainWindow::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    m_settings = AppSettings::createTemporary();
    openWindow();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearLastWarning();
    Dialogs::clearPendingAnswers();
}

void TestMainWindow::openWindow()
{
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->openInitialWorkspace(m_workspace->path());
    QCOMPARE(m_window->workspacePath(), QFileInfo(m_workspace->path()).absoluteFilePath());
    waitIdle();
}

void TestMainWindow::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
    // Let queued page and count deliveries land.
    QCoreApplication::processEvents();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
}

int TestMainWindow::rowOf(const QString& email) const
{
    ContactTableModel* model = m_window->contactModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(ContactTableModel::EmailRole).toString() == email) {
            return row;
        }
    }
    return -1;
}

QString TestMainWindow::cell(int row, ContactColumn column) const
{
    ContactTableModel* model = m_window->contactModel();
    return model->index(row, model->columnForBuiltin(column)).data().toString();
}

void TestMainWindow::clickRow(int row, Qt::KeyboardModifiers modifiers)
{
    QTableView* view = m_window->contactsView();
    const int column = m_window->contactModel()->columnForBuiltin(ContactColumn::Email);
    const QModelIndex index = m_window->contactModel()->index(row, column);
    view->scrollTo(index);
    const QRect rect = view->visualRect(index);
    QVERIFY(rect.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, rect.center());
}

void TestMainWindow::clickToolBarAction(const QString& objectName)
{
    auto* action = m_window->findChild<QAction*>(objectName);
    QVERIFY2(action, qPrintable(objectName));
    QVERIFY2(action->isEnabled(), qPrintable(objectName + QStringLiteral(" is disabled")));
    auto* toolBar = m_window->findChild<QToolBar*>(QStringLiteral("contactsToolBar"));
    QVERIFY(toolBar);
    QWidget* button = toolBar->widgetForAction(action);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
}

qint64 TestMainWindow::sidebarCount(SidebarModel::Kind kind, const QString& name) const
{
    SidebarModel* model = m_window->sidebarModel();
    QVector<QModelIndex> pending = {QModelIndex()};
    while (!pending.isEmpty()) {
        const QModelIndex parent = pending.takeLast();
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (model->kindOf(index) == kind && index.data(SidebarModel::NameRole).toString() == name) {
                return index.data(SidebarModel::CountRole).toLongLong();
            }
            pending.append(index);
        }
    }
    return -1;
}

void TestMainWindow::showsEveryContactWithCount()
{
    QCOMPARE(m_window->contactModel()->rowCount(), 10);
    QVERIFY(m_window->countLabel()->text().contains(QLatin1String("10 contacts")));
    QCOMPARE(sidebarCount(SidebarModel::Kind::Tag, QStringLiteral("customer")), 4);
    QCOMPARE(sidebarCount(SidebarModel::Kind::List, QStringLiteral("Newsletter")), 1);
    // A big table must never size rows to their contents.
    QCOMPARE(m_window->contactsView()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
}

void TestMainWindow::searchFiltersTheTable()
{
    // Ctrl+F takes the person to the search box.
    m_window->contactsView()->setFocus();
    QTest::keyClick(m_window->contactsView(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_window->searchLineEdit()->hasFocus());

    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("gra"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 1, timeoutMs);
    waitIdle();
    QCOMPARE(cell(0, ContactColumn::Email), QStringLiteral("grace@example.com"));
    QVERIFY(m_window->countLabel()->text().contains(QLatin1String("1 contact")));

    // Company words match too.
    m_window->searchLineEdit()->clear();
    QTest::keyClicks(m_window->searchLineEdit(), QStringLiteral("bakery"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 5, timeoutMs);

    m_window->searchLineEdit()->clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 10, timeoutMs);
}

void TestMainWindow::searchCombinesWithSidebarTag()
{
    SidebarModel* sidebar = m_window->sidebarModel();
    QModelIndex tagIndex;
    const QModelIndex tagsSection = sidebar->index(2, 0);
    for (int row = 0; row < sidebar->rowCount(tagsSection); ++row) {
        const QModelIndex index = sidebar->index(row, 0, tagsSection);
        if (index.data(SidebarModel::NameRole).toString() == QLatin1String("customer")) {
            tagIndex = index;
        }
    }
    QVERIFY(tagIndex.isValid());
    QTreeView* tree = m_window->sidebarView();
    tree->scrollTo(tagIndex);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, tree->visualRect(tagIndex).center());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 4, timeoutMs);

    // Alice, Bob, Carol and Dave are customers; only Bob and Dave work at the bakery.
    QTest::keyClicks(m_window->searchLineEdit(), QStringLiteral("bakery"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 2, timeoutMs);
    waitIdle();
    QStringList emails = {cell(0, ContactColumn::Email), cell(1, ContactColumn::Email)};
    emails.sort();
    QCOMPARE(emails, (QStringList{QStringLiteral("bob@example.com"), QStringLiteral("dave@example.com")}));
}

void TestMainWindow::saveWaitsForARunningChange()
{
    // A bulk change holds the write lock until it commits: a save meanwhile must not block the
    // window on it. It is refused with a message and the edit stays in the editor.
    BulkJobRunner* runner = m_window->jobRunner();
    clickRow(rowOf(QStringLiteral("alice@example.com")));
    runner->setHoldJobs(true);
    Dialogs::setNextText(QStringLiteral("later"));
    clickToolBarAction(QStringLiteral("addTagAction"));
    QTRY_VERIFY_WITH_TIMEOUT(runner->isBusy(), timeoutMs);

    clickRow(rowOf(QStringLiteral("bob@example.com")));
    auto* firstName = editorField<QLineEdit>("firstNameLineEdit");
    QTRY_COMPARE(firstName->text(), QStringLiteral("Bob"));
    firstName->setFocus();
    firstName->selectAll();
    QTest::keyClicks(firstName, QStringLiteral("Bobby"));
    QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("saveContactAction"))->isEnabled());
    QTest::mouseClick(editorField<QPushButton>("saveButton"), Qt::LeftButton);
    QVERIFY2(Dialogs::lastWarning().contains(QLatin1String("running change")), qPrintable(Dialogs::lastWarning()));
    QCOMPARE(m_workspace->stored(QStringLiteral("bob@example.com"))->firstName, QStringLiteral("Bob"));
    QCOMPARE(firstName->text(), QStringLiteral("Bobby"));

    runner->setHoldJobs(false);
    waitIdle();
    QTest::mouseClick(editorField<QPushButton>("saveButton"), Qt::LeftButton);
    waitIdle();
    QCOMPARE(m_workspace->stored(QStringLiteral("bob@example.com"))->firstName, QStringLiteral("Bobby"));
}

void TestMainWindow::editAndSaveUpdatesTableAndWorkspace()
{
    const int row = rowOf(QStringLiteral("bob@example.com"));
    QVERIFY(row >= 0);
    clickRow(row);
    auto* firstName = editorField<QLineEdit>("firstNameLineEdit");
    QTRY_COMPARE(firstName->text(), QStringLiteral("Bob"));

    firstName->setFocus();
    firstName->selectAll();
    QTest::keyClicks(firstName, QStringLiteral("Robert"));
    auto* save = editorField<QPushButton>("saveButton");
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    waitIdle();

    QCOMPARE(m_workspace->stored(QStringLiteral("bob@example.com"))->firstName, QStringLiteral("Robert"));
    QTRY_COMPARE_WITH_TIMEOUT(cell(rowOf(QStringLiteral("bob@example.com")), ContactColumn::FirstName),
                              QStringLiteral("Robert"), timeoutMs);
    QVERIFY(!save->isEnabled());

    // Ctrl+Z from the table undoes the edit in the workspace and on screen.
    m_window->contactsView()->setFocus();
    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier);
    waitIdle();
    QCOMPARE(m_workspace->stored(QStringLiteral("bob@example.com"))->firstName, QStringLiteral("Bob"));
    QTRY_COMPARE_WITH_TIMEOUT(cell(rowOf(QStringLiteral("bob@example.com")), ContactColumn::FirstName),
                              QStringLiteral("Bob"), timeoutMs);
    QTRY_COMPARE(firstName->text(), QStringLiteral("Bob"));
}

void TestMainWindow::invalidEmailShowsMessageAndRefusesSave()
{
    clickRow(rowOf(QStringLiteral("carol@example.com")));
    auto* email = editorField<QLineEdit>("emailLineEdit");
    QTRY_COMPARE(email->text(), QStringLiteral("carol@example.com"));

    email->setFocus();
    email->selectAll();
    QTest::keyClicks(email, QStringLiteral("carol@@example"));
    ContactEditor* editor = m_window->contactEditor();
    const QString problem = editor->problemFor(QStringLiteral("email"));
    QVERIFY2(!problem.isEmpty(), "no message for a broken address");
    // The message is on screen, next to the field.
    bool shown = false;
    for (QLabel* label : editor->findChildren<QLabel*>()) {
        shown = shown || (label->text() == problem && label->isVisible());
    }
    QVERIFY(shown);
    QVERIFY(!editorField<QPushButton>("saveButton")->isEnabled());

    // Ctrl+S does not save it either.
    QTest::keyClick(email, Qt::Key_S, Qt::ControlModifier);
    QCoreApplication::processEvents();
    QVERIFY(m_workspace->stored(QStringLiteral("carol@example.com")).ok());

    // Fixing it clears the message.
    email->selectAll();
    QTest::keyClicks(email, QStringLiteral("carol@example.org"));
    QVERIFY(editor->problemFor(QStringLiteral("email")).isEmpty());
    QVERIFY(editorField<QPushButton>("saveButton")->isEnabled());

    // A duplicate is refused inline too, naming the address.
    email->selectAll();
    QTest::keyClicks(email, QStringLiteral("alice@example.com"));
    QVERIFY(!editor->problemFor(QStringLiteral("email")).isEmpty());
    QVERIFY(!editorField<QPushButton>("saveButton")->isEnabled());

    // Revert brings back the stored contact.
    email->selectAll();
    QTest::keyClicks(email, QStringLiteral("carol@example.org"));
    QTest::mouseClick(editorField<QPushButton>("revertButton"), Qt::LeftButton);
    QCOMPARE(email->text(), QStringLiteral("carol@example.com"));
}

void TestMainWindow::newContactIsAddedAndUndoRemovesIt()
{
    QTest::keyClick(m_window->contactsView(), Qt::Key_N, Qt::ControlModifier);
    auto* email = editorField<QLineEdit>("emailLineEdit");
    QTRY_VERIFY(email->hasFocus());
    QTest::keyClicks(email, QStringLiteral("zoe@example.com"));
    QTest::keyClick(email, Qt::Key_Tab);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Zoe"));
    QCOMPARE(editorField<QLineEdit>("firstNameLineEdit")->text(), QStringLiteral("Zoe"));
    QTest::mouseClick(editorField<QPushButton>("saveButton"), Qt::LeftButton);
    waitIdle();

    QCOMPARE(m_workspace->stored(QStringLiteral("zoe@example.com"))->firstName, QStringLiteral("Zoe"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 11, timeoutMs);
    QVERIFY(rowOf(QStringLiteral("zoe@example.com")) >= 0);

    m_window->contactsView()->setFocus();
    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier);
    waitIdle();
    QVERIFY(!m_workspace->stored(QStringLiteral("zoe@example.com")).ok());

    // A half-typed new contact survives the table reloading underneath it, without a question.
    clickRow(0);
    QTest::keyClick(m_window->contactsView(), Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(email->hasFocus());
    QTest::keyClicks(email, QStringLiteral("yan@example.com"));
    Dialogs::setNextButton(QMessageBox::Discard);
    m_window->contactModel()->refresh();
    waitIdle();
    QVERIFY2(Dialogs::hasPendingAnswers(), "the window asked about unsaved changes nobody was leaving");
    QCOMPARE(email->text(), QStringLiteral("yan@example.com"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 10, timeoutMs);
}

void TestMainWindow::bulkTagUndoRedo()
{
    const QStringList picked = {QStringLiteral("erin@example.com"), QStringLiteral("grace@example.com"),
                                QStringLiteral("ivan@example.com")};
    clickRow(rowOf(picked.at(0)));
    clickRow(rowOf(picked.at(1)), Qt::ControlModifier);
    clickRow(rowOf(picked.at(2)), Qt::ControlModifier);
    QCOMPARE(m_window->contactsView()->selectionModel()->selectedRows().size(), 3);

    Dialogs::setNextText(QStringLiteral("vip"));
    clickToolBarAction(QStringLiteral("addTagAction"));
    waitIdle();

    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::Tag, QStringLiteral("vip")), 3, timeoutMs);
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("Tag 3 contacts with \"vip\""));
    QCOMPARE(m_window->findChild<QAction*>(QStringLiteral("undoAction"))->text(),
             QStringLiteral("&Undo Tag 3 contacts with \"vip\""));
    for (const QString& email : picked) {
        QTRY_COMPARE_WITH_TIMEOUT(cell(rowOf(email), ContactColumn::Tags), QStringLiteral("vip"), timeoutMs);
        QVERIFY(m_workspace->stored(email)->tags.contains(QStringLiteral("vip")));
    }
    QVERIFY(cell(rowOf(QStringLiteral("alice@example.com")), ContactColumn::Tags) == QLatin1String("customer"));

    // Ctrl+Z: one step undoes the whole bulk edit, and the tag it created is gone again.
    m_window->contactsView()->setFocus();
    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier);
    waitIdle();
    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::Tag, QStringLiteral("vip")), -1, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(cell(rowOf(picked.at(0)), ContactColumn::Tags), QString(), timeoutMs);
    QVERIFY(!m_workspace->stored(picked.at(1))->tags.contains(QStringLiteral("vip")));

    // Ctrl+Shift+Z redoes it.
    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    waitIdle();
    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::Tag, QStringLiteral("vip")), 3, timeoutMs);

    // And Ctrl+Y, after another undo.
    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier);
    waitIdle();
    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::Tag, QStringLiteral("vip")), -1, timeoutMs);
    QTest::keyClick(m_window->contactsView(), Qt::Key_Y, Qt::ControlModifier);
    waitIdle();
    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::Tag, QStringLiteral("vip")), 3, timeoutMs);
    QCOMPARE(m_window->undoStack()->count(), 1);
}

void TestMainWindow::cancelledBulkAndUndoChangeNothing()
{
    const QStringList picked = {QStringLiteral("heidi@example.com"), QStringLiteral("judy@example.com")};
    clickRow(rowOf(picked.at(0)));
    clickRow(rowOf(picked.at(1)), Qt::ControlModifier);
    BulkJobRunner* runner = m_window->jobRunner();

    // Cancel pressed while tagging: nothing is tagged and there is nothing to undo.
    runner->setHoldJobs(true);
    Dialogs::setNextText(QStringLiteral("gold"));
    clickToolBarAction(QStringLiteral("addTagAction"));
    QTRY_VERIFY_WITH_TIMEOUT(runner->isBusy(), timeoutMs);
    runner->cancel();
    runner->setHoldJobs(false);
    waitIdle();
    QVERIFY(!m_workspace->stored(picked.at(0))->tags.contains(QStringLiteral("gold")));
    QCOMPARE(m_window->undoStack()->count(), 0);

    // Tag for real, then cancel the undo: the tags stay and Undo is still offered.
    Dialogs::setNextText(QStringLiteral("gold"));
    clickToolBarAction(QStringLiteral("addTagAction"));
    waitIdle();
    QVERIFY(m_workspace->stored(picked.at(1))->tags.contains(QStringLiteral("gold")));
    runner->setHoldJobs(true);
    m_window->contactsView()->setFocus();
    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(runner->isBusy());
    runner->cancel();
    runner->setHoldJobs(false);
    waitIdle();
    QVERIFY(m_workspace->stored(picked.at(1))->tags.contains(QStringLiteral("gold")));
    QTRY_VERIFY(m_window->undoStack()->canUndo());
    QVERIFY(!m_window->undoStack()->canRedo());
    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::Tag, QStringLiteral("gold")), 2, timeoutMs);

    // The undo then works when let through.
    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier);
    waitIdle();
    QVERIFY(!m_workspace->stored(picked.at(1))->tags.contains(QStringLiteral("gold")));
    QVERIFY(m_window->undoStack()->canRedo());
}

void TestMainWindow::bulkStatusUndoRestoresEachStatus()
{
    // Frank starts out bounced; setting everyone to unsubscribed and undoing must give Frank his own status back.
    clickRow(rowOf(QStringLiteral("frank@example.com")));
    auto* status = editorField<QComboBox>("statusComboBox");
    status->setCurrentIndex(status->findData(static_cast<int>(ContactStatus::Bounced)));
    QTest::mouseClick(editorField<QPushButton>("saveButton"), Qt::LeftButton);
    waitIdle();
    QCOMPARE(m_workspace->stored(QStringLiteral("frank@example.com"))->status, ContactStatus::Bounced);

    m_window->contactsView()->setFocus();
    QTest::keyClick(m_window->contactsView(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_window->contactsView()->selectionModel()->selectedRows().size(), 10);
    auto* unsubscribe = m_window->findChild<QAction*>(QStringLiteral("statusAction_unsubscribed"));
    QVERIFY(unsubscribe);
    unsubscribe->trigger();
    waitIdle();
    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::Status, contactStatusLabel(ContactStatus::Unsubscribed)),
                              10, timeoutMs);
    QCOMPARE(m_workspace->stored(QStringLiteral("alice@example.com"))->status, ContactStatus::Unsubscribed);

    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier);
    waitIdle();
    QCOMPARE(m_workspace->stored(QStringLiteral("alice@example.com"))->status, ContactStatus::Subscribed);
    QCOMPARE(m_workspace->stored(QStringLiteral("frank@example.com"))->status, ContactStatus::Bounced);
    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::Status, contactStatusLabel(ContactStatus::Bounced)), 1,
                              timeoutMs);
}

void TestMainWindow::deleteAndUndoRestoresContact()
{
    const Result<Contact> before = m_workspace->stored(QStringLiteral("carol@example.com"));
    QVERIFY(before.ok());
    clickRow(rowOf(QStringLiteral("carol@example.com")));
    QTest::keyClick(m_window->contactsView(), Qt::Key_Delete);
    waitIdle();
    QVERIFY(!m_workspace->stored(QStringLiteral("carol@example.com")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 9, timeoutMs);
    QCOMPARE(rowOf(QStringLiteral("carol@example.com")), -1);
    QVERIFY(m_window->contactEditor()->loadedContact().email != QLatin1String("carol@example.com"));

    // Del in the search box deletes text, not contacts.
    QTest::keyClicks(m_window->searchLineEdit(), QStringLiteral("x"));
    QTest::keyClick(m_window->searchLineEdit(), Qt::Key_Home);
    QTest::keyClick(m_window->searchLineEdit(), Qt::Key_Delete);
    QCOMPARE(m_window->searchLineEdit()->text(), QString());
    waitIdle();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 9, timeoutMs);

    m_window->contactsView()->setFocus();
    QTest::keyClick(m_window->contactsView(), Qt::Key_Z, Qt::ControlModifier);
    waitIdle();
    const Result<Contact> after = m_workspace->stored(QStringLiteral("carol@example.com"));
    QVERIFY(after.ok());
    QCOMPARE(after->id, before->id);
    QCOMPARE(*after, *before); // tags, lists and custom fields included
    QTRY_COMPARE_WITH_TIMEOUT(m_window->contactModel()->rowCount(), 10, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(sidebarCount(SidebarModel::Kind::List, QStringLiteral("Newsletter")), 1, timeoutMs);
}

void TestMainWindow::clickingAHeaderSorts()
{
    QHeaderView* header = m_window->contactsView()->horizontalHeader();
    // By default the newest contact comes first, with no column marked as sorted.
    QCOMPARE(header->sortIndicatorSection(), -1);
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, ContactColumn::Email), QStringLiteral("judy@example.com"), timeoutMs);
    const int firstName = m_window->contactModel()->columnForBuiltin(ContactColumn::FirstName);
    const QPoint onHeader(header->sectionViewportPosition(firstName) + header->sectionSize(firstName) / 2,
                          header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, onHeader);
    waitIdle();
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, ContactColumn::FirstName), QStringLiteral("Alice"), timeoutMs);
    QCOMPARE(m_window->contactModel()->contactSort().column, ContactColumn::FirstName);
    const Qt::SortOrder first = header->sortIndicatorOrder();

    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, onHeader);
    waitIdle();
    QVERIFY(header->sortIndicatorOrder() != first);
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, ContactColumn::FirstName),
                              first == Qt::AscendingOrder ? QStringLiteral("Judy") : QStringLiteral("Alice"),
                              timeoutMs);

    // View > Newest First goes back to the default order.
    header->setSortIndicator(header->sortIndicatorSection(), Qt::DescendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, ContactColumn::FirstName), QStringLiteral("Judy"), timeoutMs);
    header->setSortIndicator(header->sortIndicatorSection(), Qt::AscendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, ContactColumn::FirstName), QStringLiteral("Alice"), timeoutMs);
    m_window->findChild<QAction*>(QStringLiteral("newestFirstAction"))->trigger();
    waitIdle();
    QCOMPARE(header->sortIndicatorSection(), -1);
    QVERIFY(!m_window->contactModel()->contactSort().column.has_value());
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, ContactColumn::Email), QStringLiteral("judy@example.com"), timeoutMs);
}

void TestMainWindow::columnChooserOffersCustomFields()
{
    ContactTableModel* model = m_window->contactModel();
    int loyalty = -1;
    for (int column = 0; column < model->columnCount(); ++column) {
        if (model->headerData(column, Qt::Horizontal).toString() == QLatin1String("Loyalty points")) {
            loyalty = column;
        }
    }
    QVERIFY(loyalty >= 0);
    QVERIFY(m_window->contactsView()->isColumnHidden(loyalty)); // custom fields start hidden

    // The person ticks the custom field in View > Columns… and presses OK.
    bool sawDialog = false;
    QTimer::singleShot(0, this, [&sawDialog] {
        QWidget* dialog = QApplication::activeModalWidget();
        QVERIFY(dialog);
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("columnsListWidget"));
        QVERIFY(list);
        const QList<QListWidgetItem*> items = list->findItems(QStringLiteral("Loyalty points"), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        sawDialog = true;
        items.first()->setCheckState(Qt::Checked);
        auto* buttons = dialog->findChild<QDialogButtonBox*>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    m_window->findChild<QAction*>(QStringLiteral("columnsAction"))->trigger();
    QVERIFY(sawDialog);
    QVERIFY(!m_window->contactsView()->isColumnHidden(loyalty));
    QCOMPARE(model->index(rowOf(QStringLiteral("carol@example.com")), loyalty).data().toString(),
             QStringLiteral("120"));
    QVERIFY(!m_settings->hiddenColumns().contains(QStringLiteral("field:Loyalty points")));
}

void TestMainWindow::customFieldIsEditedByType()
{
    clickRow(rowOf(QStringLiteral("carol@example.com")));
    auto* spinBox = m_window->contactEditor()->findChild<QDoubleSpinBox*>();
    QVERIFY2(spinBox, "a number field is edited in a spin box");
    QTRY_COMPARE(spinBox->value(), 120.0);
    spinBox->setFocus();
    spinBox->selectAll();
    QTest::keyClicks(spinBox, QStringLiteral("150"));
    QTest::mouseClick(editorField<QPushButton>("saveButton"), Qt::LeftButton);
    waitIdle();
    QCOMPARE(m_workspace->stored(QStringLiteral("carol@example.com"))->fields.value(QStringLiteral("Loyalty points")),
             QStringLiteral("150"));
    // Saving another field of Alice (no points) does not invent a value for her.
    clickRow(rowOf(QStringLiteral("alice@example.com")));
    auto* company = editorField<QLineEdit>("companyLineEdit");
    QTRY_COMPARE(company->text(), QStringLiteral("Sunrise Ceramics"));
    company->setFocus();
    company->selectAll();
    QTest::keyClicks(company, QStringLiteral("Alice Ceramics"));
    QTest::mouseClick(editorField<QPushButton>("saveButton"), Qt::LeftButton);
    waitIdle();
    const Result<Contact> alice = m_workspace->stored(QStringLiteral("alice@example.com"));
    QCOMPARE(alice->company, QStringLiteral("Alice Ceramics"));
    QVERIFY(!alice->fields.contains(QStringLiteral("Loyalty points")));
}

void TestMainWindow::missingAndCorruptWorkspacesShowAMessage()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nowhere.mailroom"));
    QVERIFY(!m_window->openWorkspace(missing));
    QVERIFY2(Dialogs::lastWarning().contains(QLatin1String("nowhere.mailroom")), qPrintable(Dialogs::lastWarning()));

    const QString corrupt = dir.filePath(QStringLiteral("garbage.mailroom"));
    QFile file(corrupt);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    Dialogs::clearLastWarning();
    QVERIFY(!m_window->openWorkspace(corrupt));
    QVERIFY(!Dialogs::lastWarning().isEmpty());

    // Locked by another Mailroom (here: held open by the test).
    const QString busy = dir.filePath(QStringLiteral("busy.mailroom"));
    {
        auto holder = Workspace::create(busy);
        QVERIFY(holder.ok());
        Dialogs::clearLastWarning();
        QVERIFY(!m_window->openWorkspace(busy));
        QVERIFY(!Dialogs::lastWarning().isEmpty());
    }

    // Read-only.
    QVERIFY(QFile::setPermissions(busy, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    Dialogs::clearLastWarning();
    QVERIFY(!m_window->openWorkspace(busy));
    QVERIFY2(Dialogs::lastWarning().contains(QLatin1String("read-only")), qPrintable(Dialogs::lastWarning()));

    // The window keeps working on the workspace it had.
    QCOMPARE(m_window->workspacePath(), QFileInfo(m_workspace->path()).absoluteFilePath());
    QCOMPARE(m_window->contactModel()->rowCount(), 10);

    // Through the menu, with the file dialog answered.
    Dialogs::clearLastWarning();
    Dialogs::setNextFileName(missing);
    m_window->findChild<QAction*>(QStringLiteral("openWorkspaceAction"))->trigger();
    QVERIFY(!Dialogs::lastWarning().isEmpty());

    // A new workspace opens empty.
    Dialogs::setNextFileName(dir.filePath(QStringLiteral("fresh")));
    m_window->findChild<QAction*>(QStringLiteral("newWorkspaceAction"))->trigger();
    waitIdle();
    QCOMPARE(m_window->workspacePath(), dir.filePath(QStringLiteral("fresh.mailroom")));
    QCOMPARE(m_window->contactModel()->rowCount(), 0);
    QCOMPARE(m_settings->lastWorkspace(), dir.filePath(QStringLiteral("fresh.mailroom")));
    m_window.reset(); // release the workspace before its folder goes
}

void TestMainWindow::columnVisibilityIsRemembered()
{
    ContactTableModel* model = m_window->contactModel();
    const int company = model->columnForBuiltin(ContactColumn::Company);
    const int phone = model->columnForBuiltin(ContactColumn::Phone);
    QVERIFY(!m_window->contactsView()->isColumnHidden(company));
    m_window->contactsView()->setColumnHidden(company, true);
    m_window->contactsView()->setColumnHidden(phone, false);
    m_window->contactsView()->horizontalHeader()->resizeSection(phone, 177);
    QVERIFY(m_window->close());
    m_window.reset();

    openWindow();
    model = m_window->contactModel();
    QVERIFY(m_window->contactsView()->isColumnHidden(model->columnForBuiltin(ContactColumn::Company)));
    QVERIFY(!m_window->contactsView()->isColumnHidden(model->columnForBuiltin(ContactColumn::Phone)));
    QCOMPARE(m_window->contactsView()->horizontalHeader()->sectionSize(model->columnForBuiltin(ContactColumn::Phone)),
             177);
    // The last workspace is remembered for the next start.
    QCOMPARE(m_settings->lastWorkspace(), QFileInfo(m_workspace->path()).absoluteFilePath());
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
