#pragma once

#include "core/campaigns/Campaign.h"
#include "core/delivery/DeliveryStatus.h"
#include "models/OutboxLoader.h"

#include <QHash>
#include <QMainWindow>
#include <QVector>

#include <optional>

class DeliveryController;
class OutboxTableModel;
class QAction;
class QComboBox;
class QLabel;
class QSplitter;
class QTableView;
class QTreeWidget;

// Campaigns > Outbox…: one campaign's delivery as it happens. Its status line (when it will
// finish, or until when it waits for quota), counts per state, the rate, each account's quota
// use, every recipient (paged from the outbox as the table scrolls, filtered by state) and,
// for the selected one, every attempt with the server's reply. Pause, Resume, Cancel, Retry
// failed and Resend unknown act on the campaign. Reads and clicks run on the OutboxLoader's
// thread; refreshes follow the engine's changed() (≤ 10 a second), one at a time.
//
// Hand-written: a window shell (toolbar, splitters) around views.
class OutboxWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit OutboxWindow(DeliveryController* controller, QWidget* parent = nullptr);
    ~OutboxWindow() override;

    // Shows the campaign (adding it to the picker if it was not there).
    void showCampaign(qint64 campaignId);
    qint64 campaignId() const { return m_campaignId; }
    // The status as last loaded (nullopt before the first load).
    std::optional<DeliveryStatus> status() const { return m_status; }
    OutboxTableModel* model() const { return m_model; }
    // True while a status load, a page or an action is on its way.
    bool isLoading() const;

public Q_SLOTS:
    // Loads the campaigns, the status and the rows shown again (coalesced while one runs).
    void refresh();
    void reloadCampaigns();
    void pause();
    void resume();
    void cancelCampaign();
    void retryFailed();
    void resendUnknown();

Q_SIGNALS:
    // A status arrived and is shown: for tests.
    void statusShown();
    // An action finished (error empty on success): for tests.
    void actionDone(const QString& error);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createWidgets();
    void restoreWindowSettings();
    void saveWindowSettings();

    void loadStatus();
    void onStatusLoaded(const DeliveryStatus& status);
    void onActed(OutboxLoader::Action action, qint64 campaignId, qint64 count, const QString& error);
    void act(OutboxLoader::Action action);
    void onCampaignPicked();
    void onFilterChanged();
    void onCurrentRowChanged();
    void showLog(qint64 itemId, const QVector<OutboxLogEntry>& entries);
    void updateActions();

    DeliveryController* m_controller;
    OutboxLoader* m_loader = nullptr;
    OutboxTableModel* m_model = nullptr;
    QVector<Campaign> m_campaigns;
    QHash<qint64, QString> m_accountNames;
    qint64 m_campaignId = 0;
    std::optional<DeliveryStatus> m_status;
    bool m_statusLoading = false;
    bool m_statusAgain = false;
    int m_actionsRunning = 0;
    qint64 m_logItemId = 0;

    QComboBox* m_campaignComboBox = nullptr;
    QComboBox* m_stateFilterComboBox = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QLabel* m_countsLabel = nullptr;
    QLabel* m_rateLabel = nullptr;
    QTreeWidget* m_accountsTree = nullptr;
    QTableView* m_tableView = nullptr;
    QTreeWidget* m_logTree = nullptr;
    QSplitter* m_splitter = nullptr;

    QAction* m_pauseAction = nullptr;
    QAction* m_resumeAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_retryFailedAction = nullptr;
    QAction* m_resendUnknownAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_closeAction = nullptr;
};
