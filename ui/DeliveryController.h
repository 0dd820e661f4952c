#pragma once

#include "core/delivery/DeliveryEngine.h"

#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>

#include <memory>

class AppSettings;
class CampaignSendDialog;
class Clock;
class OutboxWindow;
class QSystemTrayIcon;
class QTimer;
class QWidget;
class VaultSession;

// Delivery for the window's open workspace: owns the DeliveryEngine (started when a campaign
// is Sending or Scheduled, or when the person starts one), relays what it reports, and opens
// the send dialog and the outbox view. Owned by MainWindow; one per window session.
//
// The engine needs the vault (account passwords, DKIM keys): it is asked for through the
// VaultSession, once; when the person declines, delivery waits until the vault is unlocked.
class DeliveryController : public QObject
{
    Q_OBJECT

public:
    DeliveryController(VaultSession* vaultSession, AppSettings* settings, QWidget* window);
    ~DeliveryController() override;

    // The UI thread's connection to the open workspace and its file (closed: an invalid one).
    // Stops the engine of the old workspace and closes its outbox view.
    void setWorkspace(QSqlDatabase db, const QString& path);
    QSqlDatabase database() const { return m_db; }
    VaultSession* vaultSession() const { return m_vaultSession; }
    AppSettings* settings() const { return m_settings; }
    QString workspacePath() const { return m_path; }

    // Starts the engine when a campaign of the workspace is Sending or Scheduled (a campaign
    // due while the app was closed starts now). Asks for the vault when `ask` and it is locked.
    void startIfNeeded(bool ask = true);
    // Starts the engine if it is not running (asking for the vault); false when it cannot.
    bool ensureRunning();
    // A campaign was started, paused, resumed or cancelled: look again now.
    void wake();
    bool isRunning() const { return m_engine != nullptr; }
    DeliveryEngine* engine() const { return m_engine.get(); }
    // "Sending: 2 connections", "Waiting until 14:05", or empty when no engine runs.
    QString indicatorText() const;

    // The time delivery follows (tests give a ManualClock), and the engine's options.
    const Clock& clock() const { return *m_clock; }
    void setClock(const Clock* clock);
    void setOptions(const DeliveryOptions& options) { m_options = options; }

    // "Send…" in the campaign editor: the send dialog for the campaign; when it starts or
    // schedules it, the engine runs and the outbox view shows the campaign.
    void showSendDialog(QWidget* parent, qint64 campaignId);
    // Campaigns > Outbox…: the outbox view (raised when open), on the campaign when given.
    OutboxWindow* showOutbox(qint64 campaignId = 0);
    // For tests: the open windows.
    OutboxWindow* outboxWindow() const;
    CampaignSendDialog* sendDialog() const;
    // The last notification given (campaign finished), for tests.
    QString lastNotification() const { return m_lastNotification; }

Q_SIGNALS:
    // The outbox changed (at most ten times a second).
    void changed();
    void campaignFinished(qint64 campaignId);
    // An account could not connect or log in, or delivery stopped: what to tell the person.
    void problem(const QString& message);
    // A line for the window's status bar.
    void statusMessage(const QString& message, int timeoutMs);
    void runningChanged(bool running);
    // About once a second while the engine runs: indicatorText() may have changed (sessions
    // close and quota waits begin without the outbox changing).
    void activityChanged();
    // A campaign was started, scheduled, paused, resumed or cancelled from a window.
    void campaignChanged(qint64 campaignId);

private:
    void stop();
    void onCampaignFinished(qint64 campaignId);
    void notify(const QString& title, const QString& message);

    VaultSession* m_vaultSession;
    AppSettings* m_settings;
    QWidget* m_window;
    QSqlDatabase m_db;
    QString m_path;
    std::unique_ptr<Clock> m_systemClock;
    const Clock* m_clock;
    DeliveryOptions m_options;
    std::unique_ptr<DeliveryEngine> m_engine;
    bool m_waitingForVault = false;
    QString m_lastNotification;
    QSystemTrayIcon* m_tray = nullptr;
    QTimer* m_activityTimer = nullptr;
    QPointer<OutboxWindow> m_outbox;
    QPointer<CampaignSendDialog> m_sendDialog;
};
