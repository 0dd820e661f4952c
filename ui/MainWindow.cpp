#include "ui/MainWindow.h"

#include "ui/AccountsDialog.h"
#include "ui/AppSettings.h"
#include "ui/BulkJobRunner.h"
#include "ui/CampaignWindows.h"
#include "ui/ColumnChooserDialog.h"
#include "ui/ContactController.h"
#include "ui/ContactEditor.h"
#include "ui/DeliveryController.h"
#include "ui/Dialogs.h"
#include "ui/DkimKeysDialog.h"
#include "ui/ExportDialog.h"
#include "ui/ImportJob.h"
#include "ui/ImportWizard.h"
#include "ui/SegmentListDialog.h"
#include "ui/SenderSettingsDialog.h"
#include "ui/SuppressionDialog.h"
#include "ui/VaultSession.h"

#include "core/campaigns/DemoCampaign.h"
#include "core/contacts/ContactColumn.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/DemoGenerator.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Workspace.h"
#include "models/ContactTableModel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Typing settles for this long before the table is filtered: a search per keystroke
// would queue queries the person has already typed past.
constexpr int searchDebounceMs = 150;
// The seed of the demo workspace: every first run shows the same contacts.
constexpr quint64 demoSeed = 20240501;
constexpr qint64 demoContacts = 10000;

const QString workspaceFilter()
{
    return QCoreApplication::translate("MainWindow", "Mailroom workspaces (*.mailroom);;All files (*)");
}

} // namespace

MainWindow::MainWindow(AppSettings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Mailroom"));
    setObjectName(QStringLiteral("MainWindow"));
    m_undoStack = new QUndoStack(this);
    m_runner = new BulkJobRunner(this, this);
    m_vaultSession = new VaultSession(this);
    m_campaignWindows = new CampaignWindows(m_vaultSession, m_settings, this);
    m_delivery = new DeliveryController(m_vaultSession, m_settings, this);
    m_controller = new ContactController(m_runner, m_undoStack, this);

    createActions();
    createCentralWidgets();
    createMenus();
    createSettingsActions();
    createToolBar();

    m_countLabel = new QLabel(this);
    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setMaximumHeight(14);
    m_busyBar->setTextVisible(false);
    m_busyBar->setAccessibleName(tr("Loading"));
    m_busyBar->hide();
    statusBar()->addPermanentWidget(m_busyBar);
    m_deliveryLabel = new QLabel(this);
    m_deliveryLabel->setObjectName(QStringLiteral("deliveryLabel"));
    m_deliveryLabel->hide();
    statusBar()->addPermanentWidget(m_deliveryLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    connect(m_delivery, &DeliveryController::statusMessage, this,
            [this](const QString& message, int timeoutMs) { statusBar()->showMessage(message, timeoutMs); });
    connect(m_delivery, &DeliveryController::changed, this, &MainWindow::updateDeliveryIndicator);
    connect(m_delivery, &DeliveryController::runningChanged, this, &MainWindow::updateDeliveryIndicator);
    connect(m_delivery, &DeliveryController::activityChanged, this, &MainWindow::updateDeliveryIndicator);

    connect(m_undoStack, &QUndoStack::indexChanged, this, &MainWindow::updateUndoActions);
    connect(m_undoStack, &QUndoStack::canUndoChanged, this, &MainWindow::updateUndoActions);
    connect(m_undoStack, &QUndoStack::canRedoChanged, this, &MainWindow::updateUndoActions);
    connect(m_runner, &BulkJobRunner::busyChanged, this, &MainWindow::onJobBusyChanged);
    connect(m_controller, &ContactController::contactsChanged, this, &MainWindow::onContactsChanged);
    connect(m_controller, &ContactController::failed, this,
            [this](const QString& message) { Dialogs::warning(this, tr("Mailroom"), message); });
    connect(m_controller, &ContactController::changeApplied, this,
            [this](const QString& description) { statusBar()->showMessage(description, 8000); });
    connect(m_controller, &ContactController::cancelled, this,
            [this] { statusBar()->showMessage(tr("Cancelled: nothing was changed."), 5000); });

    resize(1280, 800);
    restoreWindowSettings();
    updateActions();
    updateStatusBar();
}

MainWindow::~MainWindow()
{
    // The stack clears itself on destruction; nothing here should react any more.
    m_undoStack->disconnect(this);
    for (const QPointer<QDialog>& dialog : std::as_const(m_settingsDialogs)) {
        delete dialog.data();
    }
    // Campaign editors stop their workers and let go of the workspace's connection first.
    delete m_campaignWindows;
    m_campaignWindows = nullptr;
    // Delivery stops (workers finish the message in hand) while the vault is still open.
    delete m_delivery;
    m_delivery = nullptr;
    // The wizard's import and the export dialog's worker stop while the runner is still here.
    for (QObject* window :
         {static_cast<QObject*>(m_importWizard.data()), static_cast<QObject*>(m_exportDialog.data())}) {
        if (window) {
            window->disconnect(this);
            delete window;
        }
    }
    m_controller->setDatabase(QSqlDatabase());
    m_vaultSession->setWorkspace(QSqlDatabase(), QString());
    // Stop the worker before the workspace it writes to goes away.
    delete m_runner;
    m_runner = nullptr;
}

void MainWindow::createActions()
{
    m_newWorkspaceAction = new QAction(tr("&New Workspace…"), this);
    connect(m_newWorkspaceAction, &QAction::triggered, this, &MainWindow::newWorkspaceDialog);
    m_openWorkspaceAction = new QAction(tr("&Open Workspace…"), this);
    m_openWorkspaceAction->setShortcut(QKeySequence::Open);
    connect(m_openWorkspaceAction, &QAction::triggered, this, &MainWindow::openWorkspaceDialog);
    m_importAction = new QAction(tr("&Import Contacts…"), this);
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_importAction->setToolTip(tr("Import contacts from a CSV or vCard file (Ctrl+Shift+I)"));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importContacts);
    m_exportAction = new QAction(tr("&Export Contacts…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportAction->setToolTip(tr("Export contacts to a CSV or vCard file (Ctrl+Shift+E)"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportContacts);
    m_quitAction = new QAction(tr("&Quit"), this);
    // Some platforms bind no key to Quit; Ctrl+Q is what the README promises.
    m_quitAction->setShortcut(
        QKeySequence::keyBindings(QKeySequence::Quit).value(0, QKeySequence(Qt::CTRL | Qt::Key_Q)));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = new QAction(tr("&Undo"), this);
    m_undoAction->setShortcut(QKeySequence::Undo);
    connect(m_undoAction, &QAction::triggered, this, [this] {
        if (!m_runner->isBusy()) {
            m_undoStack->undo();
        }
    });
    m_redoAction = new QAction(tr("&Redo"), this);
    // Both conventions people know, whatever the platform's own binding is.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence& key :
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)}) {
        if (!redoKeys.contains(key)) {
            redoKeys.append(key);
        }
    }
    m_redoAction->setShortcuts(redoKeys);
    connect(m_redoAction, &QAction::triggered, this, [this] {
        if (!m_runner->isBusy()) {
            m_undoStack->redo();
        }
    });
    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_searchLineEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchLineEdit->selectAll();
    });
    m_selectAllAction = new QAction(tr("Select &All Contacts"), this);
    connect(m_selectAllAction, &QAction::triggered, this, [this] {
        m_tableView->setFocus(Qt::OtherFocusReason);
        m_tableView->selectAll();
    });

    m_columnsAction = new QAction(tr("&Columns…"), this);
    connect(m_columnsAction, &QAction::triggered, this, &MainWindow::showColumnChooser);
    // Headers sort by a column; this returns to the default order, newest contacts first.
    m_newestFirstAction = new QAction(tr("&Newest First"), this);
    connect(m_newestFirstAction, &QAction::triggered, this,
            [this] { m_tableView->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder); });

    m_newContactAction = new QAction(tr("&New Contact"), this);
    m_newContactAction->setShortcut(QKeySequence::New);
    m_newContactAction->setToolTip(
        tr("Add a contact (%1)").arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));
    connect(m_newContactAction, &QAction::triggered, this, &MainWindow::newContact);
    m_saveContactAction = new QAction(tr("&Save Contact"), this);
    m_saveContactAction->setShortcut(QKeySequence::Save);
    m_deleteAction = new QAction(tr("&Delete"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setToolTip(tr("Delete the selected contacts (Del)"));
    // Del deletes contacts only from the table; in a text field it deletes text.
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    m_addTagAction = new QAction(tr("Add &Tag…"), this);
    m_addTagAction->setToolTip(tr("Tag the selected contacts"));
    connect(m_addTagAction, &QAction::triggered, this, [this] { changeGroupOfSelected(GroupKind::Tag, true); });
    m_removeTagAction = new QAction(tr("&Remove Tag…"), this);
    connect(m_removeTagAction, &QAction::triggered, this, [this] { changeGroupOfSelected(GroupKind::Tag, false); });
    m_addToListAction = new QAction(tr("Add to &List…"), this);
    m_addToListAction->setToolTip(tr("Add the selected contacts to a list"));
    connect(m_addToListAction, &QAction::triggered, this, [this] { changeGroupOfSelected(GroupKind::List, true); });
    m_removeFromListAction = new QAction(tr("Remove &from List…"), this);
    connect(m_removeFromListAction, &QAction::triggered, this,
            [this] { changeGroupOfSelected(GroupKind::List, false); });

    // Object names let tests (and accessibility tools) find the actions a person clicks.
    const QList<QPair<QAction*, const char*>> named = {
        {m_newWorkspaceAction, "newWorkspaceAction"},
        {m_openWorkspaceAction, "openWorkspaceAction"},
        {m_importAction, "importAction"},
        {m_exportAction, "exportAction"},
        {m_quitAction, "quitAction"},
        {m_undoAction, "undoAction"},
        {m_redoAction, "redoAction"},
        {m_findAction, "findAction"},
        {m_selectAllAction, "selectAllAction"},
        {m_columnsAction, "columnsAction"},
        {m_newestFirstAction, "newestFirstAction"},
        {m_newContactAction, "newContactAction"},
        {m_saveContactAction, "saveContactAction"},
        {m_deleteAction, "deleteAction"},
        {m_addTagAction, "addTagAction"},
        {m_removeTagAction, "removeTagAction"},
        {m_addToListAction, "addToListAction"},
        {m_removeFromListAction, "removeFromListAction"},
    };
    for (const auto& [action, name] : named) {
        action->setObjectName(QString::fromLatin1(name));
    }

    m_statusMenu = new QMenu(tr("Set &Status"), this);
    m_statusMenu->setObjectName(QStringLiteral("statusMenu"));
    for (ContactStatus status : allContactStatuses()) {
        QAction* action = m_statusMenu->addAction(contactStatusLabel(status));
        action->setObjectName(QStringLiteral("statusAction_%1").arg(contactStatusName(status)));
        connect(action, &QAction::triggered, this, [this, status] { setStatusOfSelected(status); });
        m_statusActions.append(action);
    }
}

void MainWindow::createMenus()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_newWorkspaceAction);
    fileMenu->addAction(m_openWorkspaceAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_importAction);
    fileMenu->addAction(m_exportAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(m_undoAction);
    editMenu->addAction(m_redoAction);
    editMenu->addSeparator();
    editMenu->addAction(m_findAction);
    editMenu->addAction(m_selectAllAction);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_columnsAction);
    viewMenu->addAction(m_newestFirstAction);

    QMenu* contactsMenu = menuBar()->addMenu(tr("&Contacts"));
    contactsMenu->addAction(m_newContactAction);
    contactsMenu->addAction(m_saveContactAction);
    contactsMenu->addAction(m_deleteAction);
    contactsMenu->addSeparator();
    contactsMenu->addAction(m_addTagAction);
    contactsMenu->addAction(m_removeTagAction);
    contactsMenu->addAction(m_addToListAction);
    contactsMenu->addAction(m_removeFromListAction);
    contactsMenu->addMenu(m_statusMenu);

    QMenu* campaignsMenu = menuBar()->addMenu(tr("C&ampaigns"));
    campaignsMenu->setObjectName(QStringLiteral("campaignsMenu"));
    m_campaignWindows->addActionsTo(campaignsMenu);
    m_outboxAction = campaignsMenu->addAction(tr("&Outbox…"));
    m_outboxAction->setObjectName(QStringLiteral("outboxAction"));
    m_outboxAction->setToolTip(tr("What is being sent, to whom, and when it will finish"));
    connect(m_outboxAction, &QAction::triggered, this, [this] { m_delivery->showOutbox(); });
}

void MainWindow::createSettingsActions()
{
    // Beside the campaigns: what every campaign of the workspace uses (sender, keys, audience).
    QMenu* menu = findChild<QMenu*>(QStringLiteral("campaignsMenu"));
    if (!menu) {
        menu = menuBar()->addMenu(tr("C&ampaigns"));
        menu->setObjectName(QStringLiteral("campaignsMenu"));
    }
    menu->addSeparator();
    const auto addAction = [this, menu](const QString& text, const char* name, std::function<QDialog*()> make) {
        QAction* action = menu->addAction(text);
        action->setObjectName(QString::fromLatin1(name));
        // One of each at a time: asking again brings the open one forward.
        auto current = std::make_shared<QPointer<QDialog>>();
        connect(action, &QAction::triggered, this, [this, make, current] {
            if (!m_workspace) {
                return;
            }
            if (*current) {
                (*current)->raise();
                (*current)->activateWindow();
                return;
            }
            QDialog* dialog = make();
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            *current = dialog;
            m_settingsDialogs.removeIf([](const QPointer<QDialog>& open) { return open.isNull(); });
            m_settingsDialogs.append(dialog);
            dialog->open();
        });
        m_settingsActions.append(action);
    };
    addAction(tr("&Sender Settings…"), "senderSettingsAction",
              [this] { return new SenderSettingsDialog(m_workspace->database(), this); });
    addAction(tr("&DKIM Keys…"), "dkimKeysAction", [this] {
        return new DkimKeysDialog(m_workspace->database(), m_workspace->path(), m_vaultSession, this);
    });
    addAction(tr("Sender &Accounts…"), "senderAccountsAction",
              [this] { return new AccountsDialog(m_workspace->database(), m_vaultSession, m_settings, this); });
    menu->addSeparator();
    addAction(tr("S&egments…"), "segmentsAction",
              [this] { return new SegmentListDialog(m_workspace->database(), m_workspace->path(), this); });
    addAction(tr("Su&ppression List…"), "suppressionListAction",
              [this] { return new SuppressionDialog(m_workspace->database(), m_workspace->path(), this); });
}

void MainWindow::createToolBar()
{
    QToolBar* toolBar = addToolBar(tr("Contacts"));
    toolBar->setObjectName(QStringLiteral("contactsToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->setMovable(false);
    toolBar->addAction(m_newContactAction);
    toolBar->addAction(m_deleteAction);
    toolBar->addSeparator();
    toolBar->addAction(m_addTagAction);
    toolBar->addAction(m_removeTagAction);
    toolBar->addAction(m_addToListAction);
    toolBar->addAction(m_removeFromListAction);
    toolBar->addAction(m_statusMenu->menuAction());
    if (auto* statusButton = qobject_cast<QToolButton*>(toolBar->widgetForAction(m_statusMenu->menuAction()))) {
        statusButton->setPopupMode(QToolButton::InstantPopup);
    }
    toolBar->addSeparator();
    toolBar->addAction(m_undoAction);
    toolBar->addAction(m_redoAction);
}

void MainWindow::createCentralWidgets()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));

    m_sidebarView = new QTreeView(m_splitter);
    m_sidebarView->setObjectName(QStringLiteral("sidebarTreeView"));
    m_sidebarView->setHeaderHidden(true);
    m_sidebarView->setRootIsDecorated(true);
    m_sidebarView->setUniformRowHeights(true);
    m_sidebarView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sidebarView->setAccessibleName(tr("Lists, tags and statuses"));

    auto* center = new QWidget(m_splitter);
    auto* centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    m_searchLineEdit = new QLineEdit(center);
    m_searchLineEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchLineEdit->setPlaceholderText(tr("Search names, email, company, tags and notes (Ctrl+F)"));
    m_searchLineEdit->setClearButtonEnabled(true);
    m_searchLineEdit->setAccessibleName(tr("Search contacts"));
    centerLayout->addWidget(m_searchLineEdit);

    m_tableView = new QTableView(center);
    m_tableView->setObjectName(QStringLiteral("contactsTableView"));
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->setWordWrap(false);
    m_tableView->setCornerButtonEnabled(false);
    m_tableView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tableView->setAccessibleName(tr("Contacts"));
    // Fixed row heights: asking a million rows for their size would read them all.
    m_tableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_tableView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_tableView->verticalHeader()->hide();
    m_tableView->horizontalHeader()->setSectionsMovable(false);
    m_tableView->horizontalHeader()->setHighlightSections(false);
    m_tableView->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->addAction(m_deleteAction);
    centerLayout->addWidget(m_tableView);

    // A new workspace's first screen: the first thing a new user does is bring their list in.
    m_emptyWidget = new QWidget(center);
    m_emptyWidget->setObjectName(QStringLiteral("emptyWorkspaceWidget"));
    auto* emptyLayout = new QVBoxLayout(m_emptyWidget);
    auto* emptyLabel = new QLabel(tr("This workspace has no contacts yet.\nImport them from a spreadsheet, Google "
                                     "Contacts, Outlook or a phone, or add them one by one."),
                                  m_emptyWidget);
    emptyLabel->setAlignment(Qt::AlignCenter);
    emptyLabel->setWordWrap(true);
    auto* emptyButtons = new QHBoxLayout;
    auto* importButton = new QPushButton(tr("&Import Contacts…"), m_emptyWidget);
    importButton->setObjectName(QStringLiteral("emptyImportButton"));
    importButton->setDefault(true);
    auto* addButton = new QPushButton(tr("&New Contact"), m_emptyWidget);
    emptyButtons->addStretch(1);
    emptyButtons->addWidget(importButton);
    emptyButtons->addWidget(addButton);
    emptyButtons->addStretch(1);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(emptyLabel);
    emptyLayout->addLayout(emptyButtons);
    emptyLayout->addStretch(2);
    m_emptyWidget->hide();
    centerLayout->addWidget(m_emptyWidget, 1);
    connect(importButton, &QPushButton::clicked, m_importAction, &QAction::trigger);
    connect(addButton, &QPushButton::clicked, m_newContactAction, &QAction::trigger);

    m_editor = new ContactEditor(m_splitter);
    m_editor->setObjectName(QStringLiteral("contactEditor"));
    m_editor->setValidator([this](const Contact& contact) {
        if (!m_workspace) {
            return QVector<QPair<QString, QString>>();
        }
        QVector<QPair<QString, QString>> problems = m_controller->repository().problems(contact);
        const bool emailOk = std::none_of(problems.cbegin(), problems.cend(), [](const QPair<QString, QString>& p) {
            return p.first == QLatin1String("email");
        });
        // A duplicate is caught as it is typed, not only when Save fails.
        if (emailOk) {
            Result<Contact> existing = m_controller->repository().findByEmail(contact.email);
            if (existing && existing->id != contact.id) {
                const QString name =
                    QStringList{existing->firstName, existing->lastName}.join(QLatin1Char(' ')).trimmed();
                problems.append({QStringLiteral("email"),
                                 name.isEmpty()
                                     ? tr("%1 is already in this workspace.").arg(existing->email)
                                     : tr("%1 is already in this workspace as %2.").arg(existing->email, name)});
            }
        }
        return problems;
    });

    m_splitter->addWidget(m_sidebarView);
    m_splitter->addWidget(center);
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({220, 700, 360});
    m_splitter->setCollapsible(1, false);
    setCentralWidget(m_splitter);

    setTabOrder(m_sidebarView, m_searchLineEdit);
    setTabOrder(m_searchLineEdit, m_tableView);
    setTabOrder(m_tableView, m_editor);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchDebounceMs);
    connect(m_searchTimer, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_searchLineEdit, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    // Enter searches at once.
    connect(m_searchLineEdit, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer->stop();
        applyFilter();
    });

    connect(m_tableView, &QWidget::customContextMenuRequested, this, &MainWindow::showTableMenu);
    connect(m_tableView->horizontalHeader(), &QWidget::customContextMenuRequested, this, &MainWindow::showHeaderMenu);
    connect(m_saveContactAction, &QAction::triggered, m_editor, &ContactEditor::save);
    connect(m_editor, &ContactEditor::saveRequested, this, &MainWindow::onSaveRequested);
    connect(m_editor, &ContactEditor::modifiedChanged, this, &MainWindow::updateActions);
}

void MainWindow::restoreWindowSettings()
{
    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty()) {
        restoreGeometry(geometry);
    }
    const QByteArray state = m_settings->windowState();
    if (!state.isEmpty()) {
        restoreState(state);
    }
    const QByteArray splitter = m_settings->splitterState();
    if (!splitter.isEmpty()) {
        m_splitter->restoreState(splitter);
    }
}

void MainWindow::saveWindowSettings()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSplitterState(m_splitter->saveState());
    saveColumnSettings();
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_runner->isBusy()) {
        const QMessageBox::StandardButton answer = Dialogs::question(
            this, tr("Mailroom"), tr("A change is still running. Cancel it and quit? Nothing of it will be kept."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_runner->cancel();
        m_runner->waitForIdle();
    }
    if (!confirmEditorChanges() || !m_campaignWindows->closeAll()) {
        event->ignore();
        return;
    }
    // The wizard and the export dialog are windows of their own; they go with this one.
    if (m_importWizard) {
        m_importWizard->close();
    }
    if (m_exportDialog) {
        m_exportDialog->close();
    }
    saveWindowSettings();
    event->accept();
}

QString MainWindow::workspacePath() const
{
    return m_workspace ? m_workspace->path() : QString();
}

bool MainWindow::isBusy() const
{
    return m_runner->isBusy() || m_resolving || (m_contactModel && m_contactModel->isLoading()) ||
           (m_sidebarModel && m_sidebarModel->isLoading());
}

// ---- Workspaces ----

void MainWindow::openInitialWorkspace(const QString& requestedPath)
{
    if (!requestedPath.isEmpty()) {
        openWorkspace(requestedPath);
        return;
    }
    const QString last = m_settings->lastWorkspace();
    if (!last.isEmpty() && QFileInfo::exists(last) && openWorkspace(last)) {
        return;
    }
    openDemoWorkspace();
}

bool MainWindow::openWorkspace(const QString& path)
{
    if (m_runner->isBusy()) {
        Dialogs::warning(this, tr("Open Workspace"), tr("Wait until the running change has finished."));
        return false;
    }
    if (m_workspace && QFileInfo(path).absoluteFilePath() == QFileInfo(m_workspace->path()).absoluteFilePath()) {
        return true;
    }
    if (!confirmEditorChanges() || !m_campaignWindows->closeAll()) {
        return false;
    }
    Result<std::unique_ptr<Workspace>> workspace = Workspace::open(path);
    if (!workspace) {
        Dialogs::warning(this, tr("Cannot Open Workspace"), workspace.error().message);
        return false;
    }
    setWorkspace(std::move(workspace).value());
    return true;
}

bool MainWindow::createWorkspace(const QString& path)
{
    if (m_runner->isBusy()) {
        Dialogs::warning(this, tr("New Workspace"), tr("Wait until the running change has finished."));
        return false;
    }
    if (!confirmEditorChanges() || !m_campaignWindows->closeAll()) {
        return false;
    }
    Result<std::unique_ptr<Workspace>> workspace = Workspace::create(path);
    if (!workspace) {
        Dialogs::warning(this, tr("Cannot Create Workspace"), workspace.error().message);
        return false;
    }
    setWorkspace(std::move(workspace).value());
    return true;
}

void MainWindow::openDemoWorkspace()
{
    const QString path = Workspace::demoPath();
    if (QFileInfo::exists(path)) {
        openWorkspace(path);
        return;
    }
    Result<std::unique_ptr<Workspace>> created = Workspace::create(path);
    if (!created) {
        Dialogs::warning(this, tr("Cannot Create the Demo Workspace"), created.error().message);
        return;
    }
    // Keep the new workspace (and its lock) while the worker fills it through its own connection.
    auto pending = std::make_shared<std::unique_ptr<Workspace>>(std::move(created).value());
    m_runner->setWorkspacePath(path);
    m_runner->run(
        tr("Making a demo workspace with %L1 sample contacts…").arg(demoContacts),
        [](QSqlDatabase db, const ProgressCallback& progress) -> Result<BulkChange> {
            Result<qint64> added = DemoGenerator::generate(db, demoContacts, demoSeed, progress);
            if (!added) {
                return added.error();
            }
            if (auto campaign = DemoCampaign::add(db); !campaign) {
                return campaign.error();
            }
            return BulkChange{};
        },
        [this, pending, path](const Result<BulkChange>& result) {
            if (!result && result.error().code != ErrorCode::Cancelled) {
                Dialogs::warning(this, tr("Cannot Create the Demo Workspace"), result.error().message);
            }
            // Even an empty demo is a working workspace to start from.
            setWorkspace(std::move(*pending));
        });
}

void MainWindow::newWorkspaceDialog()
{
    std::optional<QString> path = Dialogs::saveFileName(this, tr("New Workspace"), workspaceFilter());
    if (!path) {
        return;
    }
    QString file = *path;
    if (QFileInfo(file).suffix().isEmpty()) {
        file += QStringLiteral(".mailroom");
    }
    createWorkspace(file);
}

void MainWindow::openWorkspaceDialog()
{
    std::optional<QString> path = Dialogs::openFileName(this, tr("Open Workspace"), workspaceFilter());
    if (path) {
        openWorkspace(*path);
    }
}

void MainWindow::setWorkspace(std::unique_ptr<Workspace> workspace)
{
    if (m_contactModel) {
        saveColumnSettings();
    }
    m_undoStack->clear();
    m_editor->clearContact();
    m_currentContactId = 0;
    m_rowWaitingForPage = false;
    m_sidebarFilter.reset();
    m_sidebarSelection.reset();

    // Models first: they hold connections to the old file.
    m_tableView->setModel(nullptr);
    m_sidebarView->setModel(nullptr);
    delete m_contactModel;
    m_contactModel = nullptr;
    delete m_sidebarModel;
    m_sidebarModel = nullptr;
    m_controller->setDatabase(QSqlDatabase());
    m_campaignWindows->setWorkspace(QSqlDatabase(), QString());
    m_delivery->setWorkspace(QSqlDatabase(), QString());
    m_vaultSession->setWorkspace(QSqlDatabase(), QString());
    m_workspace = std::move(workspace);

    const QString path = m_workspace->path();
    m_controller->setDatabase(m_workspace->database());
    m_runner->setWorkspacePath(path);
    m_vaultSession->setWorkspace(m_workspace->database(), path);
    m_campaignWindows->setWorkspace(m_workspace->database(), path);
    m_delivery->setWorkspace(m_workspace->database(), path);
    // Campaigns sending (or due) when the workspace was last closed go on, once the window shows.
    QTimer::singleShot(0, m_delivery, [delivery = m_delivery] { delivery->startIfNeeded(); });
    m_settings->setLastWorkspace(path);
    setWindowTitle(tr("%1 — Mailroom").arg(QFileInfo(path).completeBaseName()));

    m_contactModel = new ContactTableModel(path, this);
    m_sidebarModel = new SidebarModel(path, this);
    loadCustomFields();

    m_tableView->setModel(m_contactModel);
    // Newest contacts first, until a header is clicked. In this order a search reads straight off
    // the search index, so typing stays fast on a million contacts (docs/benchmarks.md).
    m_tableView->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    m_tableView->setSortingEnabled(true);
    applyColumnSettings();

    m_sidebarView->setModel(m_sidebarModel);
    m_sidebarView->header()->setStretchLastSection(false);
    m_sidebarView->header()->setSectionResizeMode(SidebarModel::NameColumn, QHeaderView::Stretch);
    m_sidebarView->header()->setSectionResizeMode(SidebarModel::CountColumn, QHeaderView::ResizeToContents);
    m_sidebarView->expandAll();
    m_sidebarView->setCurrentIndex(m_sidebarModel->indexFor(SidebarModel::Kind::All));

    connect(m_sidebarView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onSidebarSelectionChanged);
    connect(m_sidebarModel, &QAbstractItemModel::modelReset, this, &MainWindow::onSidebarReset);
    connect(m_sidebarModel, &SidebarModel::loadingChanged, this, &MainWindow::updateStatusBar);
    connect(m_sidebarModel, &SidebarModel::errorOccurred, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentRowChanged);
    connect(m_tableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_contactModel, &ContactTableModel::countChanged, this, &MainWindow::updateStatusBar);
    connect(m_contactModel, &ContactTableModel::loadingChanged, this, &MainWindow::updateStatusBar);
    connect(m_contactModel, &ContactTableModel::errorOccurred, this,
            [this](const QString& message) { Dialogs::warning(this, tr("Mailroom"), message); });
    connect(m_contactModel, &ContactTableModel::modelReset, this, &MainWindow::updateActions);
    connect(m_contactModel, &ContactTableModel::pageLoaded, this, [this] {
        // The row the person clicked may have been waiting for its page.
        if (m_rowWaitingForPage) {
            onCurrentRowChanged();
        }
    });

    applyFilter();
    updateActions();
    updateStatusBar();
}

void MainWindow::loadCustomFields()
{
    Result<QVector<CustomField>> fields = CustomFieldRepository(m_workspace->database()).all();
    m_customFields = fields ? *fields : QVector<CustomField>();
    m_contactModel->setCustomFields(m_customFields);
    m_editor->setCustomFields(m_customFields);
}

// ---- Filtering and the current contact ----

void MainWindow::applyFilter()
{
    if (!m_contactModel) {
        return;
    }
    ContactFilter filter = m_sidebarFilter.value_or(ContactFilter{});
    filter.search = m_searchLineEdit->text().trimmed();
    if (filter != m_contactModel->filter()) {
        m_contactModel->setFilter(filter);
    }
}

void MainWindow::onSidebarSelectionChanged()
{
    const QModelIndex index = m_sidebarView->currentIndex();
    if (!index.isValid()) {
        return;
    }
    std::optional<ContactFilter> filter = m_sidebarModel->filterFor(index);
    if (!filter) {
        return; // a section heading: keep the current filter
    }
    m_sidebarFilter = filter;
    m_sidebarSelection = qMakePair(m_sidebarModel->kindOf(index), index.data(SidebarModel::IdRole).toLongLong());
    applyFilter();
}

void MainWindow::onSidebarReset()
{
    m_sidebarView->expandAll();
    if (!m_sidebarSelection) {
        m_sidebarView->setCurrentIndex(m_sidebarModel->indexFor(SidebarModel::Kind::All));
        return;
    }
    QModelIndex index = m_sidebarModel->indexFor(m_sidebarSelection->first, m_sidebarSelection->second);
    if (!index.isValid()) {
        // The tag or list is gone (its last member left): show everyone again.
        index = m_sidebarModel->indexFor(SidebarModel::Kind::All);
    }
    m_sidebarView->setCurrentIndex(index);
}

void MainWindow::onCurrentRowChanged()
{
    const QModelIndex current = m_tableView->currentIndex();
    m_rowWaitingForPage = false;
    if (!current.isValid()) {
        return;
    }
    const qint64 id = m_contactModel->contactId(current.row());
    m_rowWaitingForPage = id == 0; // not loaded yet: pageLoaded calls back
    if (id == 0 || id == m_currentContactId) {
        return;
    }
    if (!confirmEditorChanges()) {
        return;
    }
    showContact(id);
}

void MainWindow::showContact(qint64 id)
{
    Result<Contact> contact = m_controller->repository().findById(id);
    if (!contact) {
        m_currentContactId = 0;
        m_editor->clearContact();
        return;
    }
    m_currentContactId = id;
    m_editor->setContact(*contact);
}

bool MainWindow::confirmEditorChanges()
{
    if (!m_editor->hasContact() || !m_editor->isModified()) {
        return true;
    }
    const Contact edited = m_editor->contact();
    const QMessageBox::StandardButton answer = Dialogs::question(
        this, tr("Unsaved Changes"),
        tr("Save your changes to %1?").arg(edited.email.isEmpty() ? tr("the new contact") : edited.email),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) {
        return false;
    }
    if (answer == QMessageBox::Save) {
        if (m_editor->hasProblems()) {
            m_editor->save(); // shows where
            return false;
        }
        onSaveRequested(edited);
        return !m_editor->isModified();
    }
    m_editor->revert();
    return true;
}

void MainWindow::onSaveRequested(const Contact& contact)
{
    if (!m_workspace) {
        return;
    }
    if (m_runner->isBusy()) {
        // The running change holds the workspace's write lock until it commits; saving now
        // would freeze the window until then. The edit stays in the editor.
        Dialogs::warning(this, tr("Save Contact"),
                         tr("Wait until the running change has finished, then save again. Your edit is kept."));
        return;
    }
    if (contact.id == 0) {
        Result<qint64> id = m_controller->addContact(contact);
        if (!id) {
            Dialogs::warning(this, tr("Cannot Add Contact"), id.error().message);
            return;
        }
        showContact(*id);
        statusBar()->showMessage(tr("Added %1.").arg(contact.email), 5000);
        return;
    }
    Status saved = m_controller->saveContact(contact);
    if (!saved) {
        Dialogs::warning(this, tr("Cannot Save Contact"), saved.error().message);
        return;
    }
    showContact(contact.id);
    statusBar()->showMessage(tr("Saved %1.").arg(contact.email), 5000);
}

void MainWindow::onContactsChanged()
{
    if (!m_contactModel) {
        return;
    }
    m_contactModel->refresh();
    m_sidebarModel->refresh();
    // The shown contact may have changed (undo) or gone (delete).
    if (m_currentContactId != 0 && !m_editor->isModified()) {
        showContact(m_currentContactId);
    }
    updateActions();
}

// ---- Bulk actions ----

QVector<QPair<int, int>> MainWindow::selectedRowRanges() const
{
    QVector<QPair<int, int>> ranges;
    if (!m_tableView->selectionModel()) {
        return ranges;
    }
    for (const QItemSelectionRange& range : m_tableView->selectionModel()->selection()) {
        ranges.append({range.top(), range.bottom()});
    }
    std::sort(ranges.begin(), ranges.end());
    // Row selection gives one range per row block and column; merge what overlaps.
    QVector<QPair<int, int>> merged;
    for (const auto& range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.first <= merged.last().second + 1) {
            merged.last().second = std::max(merged.last().second, range.second);
        } else {
            merged.append(range);
        }
    }
    return merged;
}

void MainWindow::withSelectedIds(const std::function<void(const QVector<qint64>&)>& action)
{
    const QVector<QPair<int, int>> ranges = selectedRowRanges();
    if (ranges.isEmpty() || !m_contactModel || m_runner->isBusy() || m_resolving) {
        return;
    }
    m_resolving = true;
    updateActions();
    m_contactModel->resolveIds(ranges, this, [this, action](QVector<qint64> ids) {
        m_resolving = false;
        updateActions();
        if (!ids.isEmpty()) {
            action(ids);
        }
    });
}

QStringList MainWindow::groupNames(GroupKind kind) const
{
    // The sidebar already has every name (counted off the UI thread); asking the database here
    // would count members of a million contacts while the person waits for the prompt.
    QStringList names;
    if (!m_sidebarModel) {
        return names;
    }
    const QModelIndex section = m_sidebarModel->indexFor(kind == GroupKind::Tag ? SidebarModel::Kind::TagsSection
                                                                                : SidebarModel::Kind::ListsSection);
    for (int row = 0; row < m_sidebarModel->rowCount(section); ++row) {
        names.append(m_sidebarModel->index(row, 0, section).data(SidebarModel::NameRole).toString());
    }
    return names;
}

void MainWindow::changeGroupOfSelected(GroupKind kind, bool add)
{
    if (selectedRowRanges().isEmpty()) {
        return;
    }
    QString title;
    QString label;
    if (kind == GroupKind::Tag) {
        title = add ? tr("Add Tag") : tr("Remove Tag");
        label = add ? tr("Tag the selected contacts with:") : tr("Remove this tag from the selected contacts:");
    } else {
        title = add ? tr("Add to List") : tr("Remove from List");
        label = add ? tr("Add the selected contacts to the list:") : tr("Remove the selected contacts from the list:");
    }
    std::optional<QString> answer = Dialogs::getText(this, title, label, groupNames(kind));
    if (!answer) {
        return;
    }
    const QString name = answer->simplified();
    Status valid = GroupRepository::validateName(kind, name);
    if (!valid) {
        Dialogs::warning(this, title, valid.error().message);
        return;
    }
    withSelectedIds([this, kind, name, add](const QVector<qint64>& ids) {
        if (!m_controller->changeGroup(ids, kind, name, add)) {
            Dialogs::warning(this, tr("Mailroom"), tr("Wait until the running change has finished."));
        }
    });
}

void MainWindow::setStatusOfSelected(ContactStatus status)
{
    withSelectedIds([this, status](const QVector<qint64>& ids) {
        if (!m_controller->setStatus(ids, status)) {
            Dialogs::warning(this, tr("Mailroom"), tr("Wait until the running change has finished."));
        }
    });
}

void MainWindow::deleteSelected()
{
    withSelectedIds([this](const QVector<qint64>& ids) {
        if (!m_controller->deleteContacts(ids)) {
            Dialogs::warning(this, tr("Delete"), tr("Wait until the running change has finished."));
            return;
        }
        // Only once the delete is under way: a refused delete must not throw away the editor.
        if (ids.contains(m_currentContactId)) {
            m_currentContactId = 0;
            m_editor->clearContact();
        }
    });
}

void MainWindow::newContact()
{
    if (!m_workspace || !confirmEditorChanges()) {
        return;
    }
    m_currentContactId = 0;
    m_rowWaitingForPage = false;
    m_tableView->clearSelection();
    m_editor->setContact(Contact{});
    m_editor->focusFirstField();
}

// ---- Import and export ----

ImportWizard* MainWindow::importWizard() const
{
    return m_importWizard;
}

ExportDialog* MainWindow::exportDialog() const
{
    return m_exportDialog;
}

void MainWindow::importContacts()
{
    if (!m_workspace) {
        return;
    }
    if (m_importWizard) {
        m_importWizard->raise();
        m_importWizard->activateWindow();
        return;
    }
    auto* wizard = new ImportWizard(m_runner, m_settings, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setExistingFields(m_customFields);
    wizard->setListNames(groupNames(GroupKind::List));
    connect(wizard, &ImportWizard::imported, this, &MainWindow::onImported);
    connect(wizard, &QObject::destroyed, this, [this] {
        // The pointer may not have let go yet while `destroyed` is emitted.
        m_importWizard = nullptr;
        updateActions();
    });
    m_importWizard = wizard;
    updateActions();
    // Not modal: the window stays usable (it refuses other changes while the import runs).
    wizard->show();
}

void MainWindow::onImported(const ImportSummary& summary)
{
    if (!m_contactModel) {
        return;
    }
    if (!summary.createdFields.isEmpty()) {
        loadCustomFields();
        applyColumnSettings();
    }
    // An import is not an undo step, and the steps before it could now fight what it wrote
    // (re-adding a deleted contact the file brought back, restoring fields it overwrote).
    if (summary.created + summary.updated > 0) {
        m_undoStack->clear();
    }
    onContactsChanged();
    QString message =
        tr("Imported: %Ln new contact(s)", nullptr, static_cast<int>(std::min<qint64>(summary.created, INT_MAX)));
    message += tr(", %Ln updated", nullptr, static_cast<int>(std::min<qint64>(summary.updated, INT_MAX)));
    if (summary.invalid > 0) {
        message += tr(", %Ln invalid row(s) not imported", nullptr,
                      static_cast<int>(std::min<qint64>(summary.invalid, INT_MAX)));
    }
    statusBar()->showMessage(message + QLatin1Char('.'), 15000);
}

void MainWindow::exportContacts()
{
    if (!m_workspace || m_resolving) {
        return;
    }
    if (m_exportDialog) {
        m_exportDialog->raise();
        m_exportDialog->activateWindow();
        return;
    }
    const QVector<QPair<int, int>> ranges = selectedRowRanges();
    if (ranges.isEmpty() || !m_contactModel) {
        openExportDialog({});
        return;
    }
    m_resolving = true;
    updateActions();
    m_contactModel->resolveIds(ranges, this, [this](QVector<qint64> ids) {
        m_resolving = false;
        updateActions();
        // In the order the contacts were added, as the other scopes export.
        std::sort(ids.begin(), ids.end());
        openExportDialog(ids);
    });
}

void MainWindow::openExportDialog(const QVector<qint64>& selectedIds)
{
    ExportScope scope;
    scope.selectedIds = selectedIds;
    const QModelIndex sidebarIndex = m_sidebarView->currentIndex();
    if (m_sidebarFilter && *m_sidebarFilter != ContactFilter{} && sidebarIndex.isValid()) {
        const QString name = sidebarIndex.data(SidebarModel::NameRole).toString();
        scope.sidebarFilter = m_sidebarFilter;
        switch (m_sidebarModel->kindOf(sidebarIndex)) {
        case SidebarModel::Kind::List:
            scope.sidebarName = tr("the list “%1”").arg(name);
            break;
        case SidebarModel::Kind::Tag:
            scope.sidebarName = tr("the tag “%1”").arg(name);
            break;
        default:
            scope.sidebarName = tr("the contacts with status “%1”").arg(name);
            break;
        }
    }
    const ContactFilter current = m_contactModel->filter();
    if (!current.search.isEmpty()) {
        scope.searchFilter = current;
    }
    for (int column = 0; column < m_contactModel->columnCount(); ++column) {
        if (m_tableView->isColumnHidden(column)) {
            continue;
        }
        if (std::optional<ContactColumn> builtin = m_contactModel->builtinForColumn(column)) {
            scope.visibleColumns.append(*builtin);
            continue;
        }
        const qint64 fieldId = m_contactModel->customFieldForColumn(column);
        for (const CustomField& field : std::as_const(m_customFields)) {
            if (field.id == fieldId) {
                scope.visibleFields.append(field.name);
            }
        }
    }
    auto* dialog = new ExportDialog(m_workspace->path(), scope, m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportDialog::exported, this, [this](const ExportSummary& summary) {
        statusBar()->showMessage(
            tr("Exported %Ln contact(s) to %1.", nullptr, static_cast<int>(std::min<qint64>(summary.contacts, INT_MAX)))
                .arg(QDir::toNativeSeparators(summary.path)),
            15000);
    });
    m_exportDialog = dialog;
    dialog->open();
}

// ---- State of actions and the status bar ----

void MainWindow::onJobBusyChanged(bool)
{
    updateActions();
    updateUndoActions();
    updateStatusBar();
}

void MainWindow::updateActions()
{
    const bool open = m_workspace != nullptr;
    const bool idle = !m_runner->isBusy() && !m_resolving;
    const bool selection = open && m_tableView->selectionModel() && m_tableView->selectionModel()->hasSelection();
    m_newContactAction->setEnabled(open);
    m_saveContactAction->setEnabled(open && idle && m_editor->hasContact());
    m_columnsAction->setEnabled(open);
    m_newestFirstAction->setEnabled(open);
    m_findAction->setEnabled(open);
    m_searchLineEdit->setEnabled(open);
    m_selectAllAction->setEnabled(open);
    for (QAction* action :
         {m_deleteAction, m_addTagAction, m_removeTagAction, m_addToListAction, m_removeFromListAction}) {
        action->setEnabled(selection && idle);
    }
    m_statusMenu->setEnabled(selection && idle);
    m_newWorkspaceAction->setEnabled(idle && !m_importWizard);
    m_openWorkspaceAction->setEnabled(idle && !m_importWizard);
    m_importAction->setEnabled(open && (idle || m_importWizard));
    m_exportAction->setEnabled(open && !m_resolving);
    for (QAction* action : std::as_const(m_settingsActions)) {
        action->setEnabled(open);
    }
    m_outboxAction->setEnabled(open);
    updateUndoActions();
}

void MainWindow::updateDeliveryIndicator()
{
    const QString text = m_delivery->indicatorText();
    m_deliveryLabel->setText(text);
    m_deliveryLabel->setVisible(!text.isEmpty());
}

void MainWindow::updateUndoActions()
{
    // While a selection is being resolved a bulk action is about to start; an undo started
    // now would take the job runner and silently drop that action.
    const bool idle = !m_runner->isBusy() && !m_resolving;
    m_undoAction->setEnabled(idle && m_undoStack->canUndo());
    m_redoAction->setEnabled(idle && m_undoStack->canRedo());
    m_undoAction->setText(m_undoStack->canUndo() ? tr("&Undo %1").arg(m_undoStack->undoText()) : tr("&Undo"));
    m_redoAction->setText(m_undoStack->canRedo() ? tr("&Redo %1").arg(m_undoStack->redoText()) : tr("&Redo"));
    m_undoAction->setIconText(tr("Undo"));
    m_redoAction->setIconText(tr("Redo"));
}

void MainWindow::updateStatusBar()
{
    if (!m_contactModel) {
        m_countLabel->setText(tr("No workspace open"));
    } else {
        const qint64 count = m_contactModel->totalCount();
        m_countLabel->setText(tr("%Ln contact(s)", nullptr, static_cast<int>(std::min<qint64>(count, INT_MAX))));
    }
    // An empty workspace (not an empty search) shows its first screen instead of an empty table.
    const bool empty = m_contactModel && !m_contactModel->isLoading() && m_contactModel->totalCount() == 0 &&
                       m_contactModel->filter() == ContactFilter{};
    m_emptyWidget->setVisible(empty);
    m_tableView->setVisible(!empty);
    m_busyBar->setVisible(isBusy());
}

// ---- Columns ----

QString MainWindow::columnKey(int column) const
{
    if (std::optional<ContactColumn> builtin = m_contactModel->builtinForColumn(column)) {
        return QString::fromLatin1(contactColumnInfo(*builtin).key);
    }
    const qint64 fieldId = m_contactModel->customFieldForColumn(column);
    for (const CustomField& field : m_customFields) {
        if (field.id == fieldId) {
            return QStringLiteral("field:%1").arg(field.name);
        }
    }
    return QString();
}

void MainWindow::applyColumnSettings()
{
    const QStringList hidden = m_settings->hiddenColumns();
    const QVariantMap widths = m_settings->columnWidths();
    QHeaderView* header = m_tableView->horizontalHeader();
    for (int column = 0; column < m_contactModel->columnCount(); ++column) {
        const QString key = columnKey(column);
        // Custom fields start hidden until the person picks them.
        const bool isCustom = key.startsWith(QLatin1String("field:"));
        m_tableView->setColumnHidden(column, hidden.contains(key) || (isCustom && !widths.contains(key)));
        if (widths.contains(key)) {
            header->resizeSection(column, widths.value(key).toInt());
        } else if (key == QLatin1String("email")) {
            header->resizeSection(column, 240);
        }
    }
}

void MainWindow::saveColumnSettings()
{
    if (!m_contactModel) {
        return;
    }
    QStringList hidden = m_settings->hiddenColumns();
    QVariantMap widths = m_settings->columnWidths();
    QHeaderView* header = m_tableView->horizontalHeader();
    for (int column = 0; column < m_contactModel->columnCount(); ++column) {
        const QString key = columnKey(column);
        if (key.isEmpty()) {
            continue;
        }
        hidden.removeAll(key);
        if (m_tableView->isColumnHidden(column)) {
            hidden.append(key);
        } else {
            widths.insert(key, header->sectionSize(column));
        }
    }
    m_settings->setHiddenColumns(hidden);
    m_settings->setColumnWidths(widths);
}

void MainWindow::showColumnChooser()
{
    if (!m_contactModel) {
        return;
    }
    QVector<ColumnChooserDialog::Column> columns;
    for (int column = 0; column < m_contactModel->columnCount(); ++column) {
        columns.append({columnKey(column), m_contactModel->headerData(column, Qt::Horizontal).toString(),
                        !m_tableView->isColumnHidden(column)});
    }
    ColumnChooserDialog dialog(columns, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QVector<ColumnChooserDialog::Column> chosen = dialog.columns();
    for (int column = 0; column < chosen.size() && column < m_contactModel->columnCount(); ++column) {
        m_tableView->setColumnHidden(column, !chosen.at(column).visible);
    }
    saveColumnSettings();
}

void MainWindow::showHeaderMenu(const QPoint& pos)
{
    if (!m_contactModel) {
        return;
    }
    QMenu menu(this);
    for (int column = 0; column < m_contactModel->columnCount(); ++column) {
        QAction* action = menu.addAction(m_contactModel->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_tableView->isColumnHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool shown) {
            m_tableView->setColumnHidden(column, !shown);
            saveColumnSettings();
        });
    }
    menu.addSeparator();
    menu.addAction(m_columnsAction);
    menu.exec(m_tableView->horizontalHeader()->mapToGlobal(pos));
}

void MainWindow::showTableMenu(const QPoint& pos)
{
    QMenu menu(this);
    menu.addAction(m_newContactAction);
    menu.addAction(m_deleteAction);
    menu.addSeparator();
    menu.addAction(m_addTagAction);
    menu.addAction(m_removeTagAction);
    menu.addAction(m_addToListAction);
    menu.addAction(m_removeFromListAction);
    menu.addMenu(m_statusMenu);
    menu.exec(m_tableView->viewport()->mapToGlobal(pos));
}
