#pragma once

#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/Campaign.h"
#include "core/mail/html/ContentIssue.h"

#include <QDateTime>
#include <QDialog>
#include <QVector>

#include <memory>
#include <optional>

class CampaignAudienceWorker;
class DeliveryController;
class QAbstractButton;
class QSemaphore;

namespace Ui {
class CampaignSendDialog;
}

// "Send…" in the campaign editor: which sender accounts the campaign may use (none checked:
// every account), now or at a chosen local time, and what that means (recipients, the
// accounts' daily limits, when it should finish). Refuses, listing the content checks' errors,
// when the campaign cannot be sent. Starting snapshots the audience into the outbox on a
// worker with its own connection (a million recipients take seconds); Cancel throws the
// snapshot away.
class CampaignSendDialog : public QDialog
{
    Q_OBJECT

public:
    CampaignSendDialog(DeliveryController* controller, qint64 campaignId, QWidget* parent = nullptr);
    ~CampaignSendDialog() override;

    // The recipients counted for the summary (nullopt until counted).
    std::optional<qint64> recipientCount() const { return m_recipients; }
    // The errors that stopped the last attempt, as listed.
    QStringList issues() const;
    bool isStarting() const { return m_job != nullptr; }
    // For tests: the summary as shown.
    QString summary() const;
    // Test seam: the start job acquires this semaphore (when set) after the snapshot and before
    // it commits, so a test can press Cancel while a start is surely running.
    static void setStartGateForTests(QSemaphore* gate);

public Q_SLOTS:
    void accept() override;
    void reject() override;

Q_SIGNALS:
    // The campaign was started (Sending) or scheduled.
    void sent(qint64 campaignId);
    // Counted, started or refused: for tests waiting on the worker.
    void updated();

private:
    struct Job;

    void loadAccounts();
    QVector<qint64> checkedAccounts() const;
    void updateSummary();
    void updateButtons();
    void showIssues(const QString& error);
    void startNow();
    void onStarted(const QString& error, qint64 queued, bool done);
    void setBusy(bool busy);

    const std::unique_ptr<Ui::CampaignSendDialog> m_ui;
    DeliveryController* m_controller;
    Campaign m_campaign;
    bool m_loaded = false;
    CampaignAudienceWorker* m_counter = nullptr;
    std::optional<qint64> m_recipients;
    std::shared_ptr<Job> m_job;
};
