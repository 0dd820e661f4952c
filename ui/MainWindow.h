#pragma once

#include "core/contacts/Contact.h"
#include "core/contacts/ContactQuery.h"
#include "core/contacts/CustomField.h"
#include "core/contacts/Group.h"
#include "models/SidebarModel.h"

#include <QMainWindow>
#include <QPair>
#include <QPointer>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

class AppSettings;
class BulkJobRunner;
class CampaignWindows;
class ContactController;
class ContactEditor;
class ContactTableModel;
class DeliveryController;
class ExportDialog;
class ImportWizard;
struct ImportSummary;
class QAction;
class QDialog;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSplitter;
class QTableView;
class QTimer;
class QTreeView;
class QUndoStack;
class VaultSession;
class Workspace;

// The window: sidebar of lists, tags and statuses; the contacts table with its search box;
// the detail editor. Hand-written shell; every change goes through the ContactController
// so it can be undone, and anything slow runs in a worker with progress and Cancel.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(AppSettings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Startup: the requested workspace, else the last one used, else the demo (made on first use).
    void openInitialWorkspace(const QString& requestedPath);
    // Opens an existing workspace; on failure shows why and keeps the current one.
    bool openWorkspace(const QString& path);
    // Makes a new, empty workspace and opens it.
    bool createWorkspace(const QString& path);
    // Opens the demo workspace, creating it with 10,000 synthetic contacts in the background if needed.
    void openDemoWorkspace();
    QString workspacePath() const;

    // For tests and for the screenshot script: the widgets a person works with.
    QTableView* contactsView() const { return m_tableView; }
    QTreeView* sidebarView() const { return m_sidebarView; }
    QLineEdit* searchLineEdit() const { return m_searchLineEdit; }
    ContactEditor* contactEditor() const { return m_editor; }
    ContactTableModel* contactModel() const { return m_contactModel; }
    SidebarModel* sidebarModel() const { return m_sidebarModel; }
    QUndoStack* undoStack() const { return m_undoStack; }
    BulkJobRunner* jobRunner() const { return m_runner; }
    VaultSession* vaultSession() const { return m_vaultSession; }
    // The Campaigns menu's windows: the list, new campaign, one editor per campaign.
    CampaignWindows* campaignWindows() const { return m_campaignWindows; }
    // Delivery over SMTP for the open workspace: the engine, the send dialog, the outbox view.
    DeliveryController* deliveryController() const { return m_delivery; }
    QAction* outboxAction() const { return m_outboxAction; }
    // The status bar's delivery indicator ("Sending over 2 connections").
    QLabel* deliveryLabel() const { return m_deliveryLabel; }
    QLabel* countLabel() const { return m_countLabel; }
    // The import wizard while it is open (File > Import Contacts…), else nullptr.
    ImportWizard* importWizard() const;
    // The export dialog while it is open (File > Export Contacts…), else nullptr.
    ExportDialog* exportDialog() const;
    // True while a bulk job runs or the models are fetching.
    bool isBusy() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createSettingsActions();
    void createToolBar();
    void createCentralWidgets();
    void restoreWindowSettings();
    void saveWindowSettings();

    void setWorkspace(std::unique_ptr<Workspace> workspace);
    void loadCustomFields();
    void applyFilter();
    void onSidebarSelectionChanged();
    void onSidebarReset();
    void onCurrentRowChanged();
    void showContact(qint64 id);
    bool confirmEditorChanges();
    void onSaveRequested(const Contact& contact);
    void onContactsChanged();
    void onJobBusyChanged(bool busy);
    void updateActions();
    void updateStatusBar();
    void updateUndoActions();
    void updateDeliveryIndicator();

    void newContact();
    void importContacts();
    void onImported(const ImportSummary& summary);
    void exportContacts();
    void openExportDialog(const QVector<qint64>& selectedIds);
    void newWorkspaceDialog();
    void openWorkspaceDialog();
    void deleteSelected();
    void changeGroupOfSelected(GroupKind kind, bool add);
    void setStatusOfSelected(ContactStatus status);
    QVector<QPair<int, int>> selectedRowRanges() const;
    void withSelectedIds(const std::function<void(const QVector<qint64>&)>& action);
    QStringList groupNames(GroupKind kind) const;

    QString columnKey(int column) const;
    void applyColumnSettings();
    void saveColumnSettings();
    void showColumnChooser();
    void showHeaderMenu(const QPoint& pos);
    void showTableMenu(const QPoint& pos);

    AppSettings* m_settings;
    std::unique_ptr<Workspace> m_workspace;
    QUndoStack* m_undoStack = nullptr;
    BulkJobRunner* m_runner = nullptr;
    VaultSession* m_vaultSession = nullptr;
    CampaignWindows* m_campaignWindows = nullptr;
    DeliveryController* m_delivery = nullptr;
    QAction* m_outboxAction = nullptr;
    QLabel* m_deliveryLabel = nullptr;
    ContactController* m_controller = nullptr;
    ContactTableModel* m_contactModel = nullptr;
    SidebarModel* m_sidebarModel = nullptr;
    QVector<CustomField> m_customFields;
    std::optional<ContactFilter> m_sidebarFilter;
    // The sidebar item to select again after its model resets.
    std::optional<QPair<SidebarModel::Kind, qint64>> m_sidebarSelection;
    qint64 m_currentContactId = 0;
    bool m_resolving = false;
    // The current row's page had not arrived when it was clicked; show it when it does.
    bool m_rowWaitingForPage = false;

    QSplitter* m_splitter = nullptr;
    QTreeView* m_sidebarView = nullptr;
    QLineEdit* m_searchLineEdit = nullptr;
    QTableView* m_tableView = nullptr;
    ContactEditor* m_editor = nullptr;
    QTimer* m_searchTimer = nullptr;
    QLabel* m_countLabel = nullptr;
    QProgressBar* m_busyBar = nullptr;
    QWidget* m_emptyWidget = nullptr;
    QPointer<ImportWizard> m_importWizard;
    QPointer<ExportDialog> m_exportDialog;

    QAction* m_newWorkspaceAction = nullptr;
    QAction* m_openWorkspaceAction = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_selectAllAction = nullptr;
    QAction* m_columnsAction = nullptr;
    QAction* m_newestFirstAction = nullptr;
    QAction* m_newContactAction = nullptr;
    QAction* m_saveContactAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_addTagAction = nullptr;
    QAction* m_removeTagAction = nullptr;
    QAction* m_addToListAction = nullptr;
    QAction* m_removeFromListAction = nullptr;
    QMenu* m_statusMenu = nullptr;
    QVector<QAction*> m_statusActions;
    // Sender settings, DKIM keys, segments, suppression list: they need an open workspace, and
    // their dialogs hold its connection, so they close before it does.
    QVector<QAction*> m_settingsActions;
    QVector<QPointer<QDialog>> m_settingsDialogs;
};
