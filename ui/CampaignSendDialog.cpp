#include "ui/CampaignSendDialog.h"
#include "ui_CampaignSendDialog.h"

#include "ui/CampaignAudienceWorker.h"
#include "ui/DeliveryController.h"
#include "ui/Dialogs.h"
#include "ui/VaultSession.h"

#include "core/campaigns/CampaignAudience.h"
#include "core/campaigns/CampaignRenderer.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/delivery/AccountRepository.h"
#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/DeliveryStatus.h"
#include "core/delivery/QuotaLedger.h"
#include "core/mail/html/ContentChecker.h"
#include "core/security/Vault.h"
#include "core/storage/Connection.h"
#include "core/storage/Transaction.h"

#include <QListWidgetItem>
#include <QLocale>
#include <QMutex>
#include <QPushButton>
#include <QSemaphore>
#include <QSqlQuery>
#include <QThreadPool>

#include <atomic>

namespace {

constexpr int AccountIdRole = Qt::UserRole + 1;
std::atomic<QSemaphore*> startGate{nullptr};

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::LongFormat);
}

} // namespace

// What the start job shares with the dialog: the dialog may close while the snapshot runs.
struct CampaignSendDialog::Job
{
    QMutex mutex;
    CampaignSendDialog* dialog = nullptr; // guarded by mutex; null once the dialog has gone
    const Vault* vault = nullptr;         // the window's vault, borrowed under the mutex
    std::atomic_bool cancelled{false};
};

CampaignSendDialog::CampaignSendDialog(DeliveryController* controller, qint64 campaignId, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CampaignSendDialog>())
    , m_controller(controller)
{
    m_ui->setupUi(this);
    m_ui->progressBar->hide();
    m_ui->issuesLabel->hide();
    m_ui->issuesListWidget->hide();

    auto campaign = CampaignRepository(controller->database()).findById(campaignId);
    if (!campaign) {
        m_ui->campaignLabel->setText(campaign.error().message);
        updateButtons();
        return;
    }
    m_campaign = campaign.value();
    m_loaded = true;
    setWindowTitle(tr("Send “%1”").arg(m_campaign.name));
    m_ui->campaignLabel->setText(tr("Send “%1” (subject: %2) over SMTP.").arg(m_campaign.name, m_campaign.subject));

    const qint64 now = controller->clock().nowMs();
    const qint64 defaultAt = m_campaign.scheduledAt && *m_campaign.scheduledAt > now
                                 ? *m_campaign.scheduledAt
                                 : (now / 3'600'000 + 2) * 3'600'000; // the next full hour but one
    m_ui->scheduleDateTimeEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(defaultAt));
    m_ui->scheduleDateTimeEdit->setMinimumDateTime(QDateTime::fromMSecsSinceEpoch(now));
    if (m_campaign.status == CampaignStatus::Scheduled) {
        m_ui->scheduleRadioButton->setChecked(true);
    }
    m_ui->scheduleDateTimeEdit->setEnabled(m_ui->scheduleRadioButton->isChecked());

    loadAccounts();

    connect(m_ui->scheduleRadioButton, &QRadioButton::toggled, this, [this](bool on) {
        m_ui->scheduleDateTimeEdit->setEnabled(on);
        updateSummary();
        updateButtons();
    });
    connect(m_ui->scheduleDateTimeEdit, &QDateTimeEdit::dateTimeChanged, this, &CampaignSendDialog::updateSummary);
    connect(m_ui->accountsListWidget, &QListWidget::itemChanged, this, &CampaignSendDialog::updateSummary);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CampaignSendDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &CampaignSendDialog::reject);

    // The audience may be a million contacts: counted on a worker.
    m_counter = new CampaignAudienceWorker(controller->workspacePath(), this);
    connect(m_counter, &CampaignAudienceWorker::counted, this, [this](const AudienceCount& count) {
        m_recipients = count.recipients;
        updateSummary();
        updateButtons();
        Q_EMIT updated();
    });
    connect(m_counter, &CampaignAudienceWorker::countFailed, this, [this](const QString& message) {
        m_ui->summaryLabel->setText(message);
        Q_EMIT updated();
    });
    if (auto spec = audienceSpecFor(controller->database(), m_campaign)) {
        m_counter->count(spec.value());
    } else {
        m_ui->summaryLabel->setText(spec.error().message);
    }
    updateSummary();
    updateButtons();
}

CampaignSendDialog::~CampaignSendDialog()
{
    if (m_job) {
        m_job->cancelled = true;
        QMutexLocker lock(&m_job->mutex);
        m_job->dialog = nullptr;
        m_job->vault = nullptr;
    }
}

void CampaignSendDialog::loadAccounts()
{
    AccountRepository accounts(m_controller->database());
    auto all = accounts.list();
    auto chosen = accounts.campaignAccounts(m_campaign.id);
    if (!all || !chosen) {
        m_ui->summaryLabel->setText(!all ? all.error().message : chosen.error().message);
        return;
    }
    const QSignalBlocker block(m_ui->accountsListWidget);
    for (const Account& account : all.value()) {
        auto* item =
            new QListWidgetItem(tr("%1 — %2, %L3 a day").arg(account.name, account.fromAddress).arg(account.dailyLimit),
                                m_ui->accountsListWidget);
        item->setData(AccountIdRole, account.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(chosen->contains(account.id) ? Qt::Checked : Qt::Unchecked);
    }
}

QVector<qint64> CampaignSendDialog::checkedAccounts() const
{
    QVector<qint64> ids;
    for (int i = 0; i < m_ui->accountsListWidget->count(); ++i) {
        const QListWidgetItem* item = m_ui->accountsListWidget->item(i);
        if (item->checkState() == Qt::Checked) {
            ids.append(item->data(AccountIdRole).toLongLong());
        }
    }
    return ids;
}

void CampaignSendDialog::setStartGateForTests(QSemaphore* gate)
{
    startGate.store(gate);
}

QString CampaignSendDialog::summary() const
{
    return m_ui->summaryLabel->text();
}

QStringList CampaignSendDialog::issues() const
{
    QStringList lines;
    for (int i = 0; i < m_ui->issuesListWidget->count(); ++i) {
        lines.append(m_ui->issuesListWidget->item(i)->text());
    }
    return lines;
}

void CampaignSendDialog::updateSummary()
{
    if (!m_loaded) {
        return;
    }
    if (m_ui->accountsListWidget->count() == 0) {
        m_ui->summaryLabel->setText(
            tr("There is no sender account yet: add one with Campaigns > Sender Accounts… first."));
        return;
    }
    if (!m_recipients) {
        m_ui->summaryLabel->setText(tr("Counting the recipients…"));
        return;
    }
    QSqlDatabase db = m_controller->database();
    QVector<qint64> ids = checkedAccounts();
    if (ids.isEmpty()) {
        for (int i = 0; i < m_ui->accountsListWidget->count(); ++i) {
            ids.append(m_ui->accountsListWidget->item(i)->data(AccountIdRole).toLongLong());
        }
    }
    const qint64 now = m_controller->clock().nowMs();
    const qint64 startAt = m_ui->scheduleRadioButton->isChecked()
                               ? qMax(now, m_ui->scheduleDateTimeEdit->dateTime().toMSecsSinceEpoch())
                               : now;
    QuotaLedger ledger(db);
    QVector<AccountCapacity> capacities;
    qint64 daily = 0;
    for (qint64 id : std::as_const(ids)) {
        auto quota = ledger.load(id);
        if (!quota) {
            m_ui->summaryLabel->setText(quota.error().message);
            return;
        }
        AccountCapacity capacity;
        capacity.dailyLimit = quota->dailyLimit;
        capacity.perMinute = quota->perMinute;
        capacity.coolUntil = quota->coolUntil > startAt ? quota->coolUntil : 0;
        if (auto times = ledger.sendTimes(id, startAt)) {
            capacity.sendTimes = times.value();
        }
        daily += quota->dailyLimit;
        capacities.append(capacity);
    }
    QStringList lines;
    lines << tr("%Ln recipient(s).", nullptr, static_cast<int>(qMin<qint64>(*m_recipients, INT_MAX)));
    lines << tr("%n account(s), up to %L1 messages a day.", nullptr, static_cast<int>(ids.size())).arg(daily);
    if (*m_recipients > 0) {
        if (auto finish = DeliveryStatus::estimateFinish(*m_recipients, capacities, startAt)) {
            lines << tr("Finishes around %1.").arg(localTime(*finish));
        } else {
            lines << tr("These accounts cannot send it within a year.");
        }
    }
    AccountRepository accounts(db);
    for (qint64 id : std::as_const(ids)) {
        if (auto account = accounts.find(id)) {
            if (const QString warning = account->fromWarning(m_campaign.fromAddress); !warning.isEmpty()) {
                lines << warning;
            }
        }
    }
    m_ui->summaryLabel->setText(lines.join(QLatin1Char(' ')));
}

void CampaignSendDialog::updateButtons()
{
    QPushButton* ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(m_ui->scheduleRadioButton->isChecked() ? tr("&Schedule") : tr("Send &Now"));
    ok->setEnabled(m_loaded && !m_job && m_ui->accountsListWidget->count() > 0);
}

void CampaignSendDialog::setBusy(bool busy)
{
    m_ui->progressBar->setVisible(busy);
    m_ui->accountsListWidget->setEnabled(!busy);
    m_ui->whenGroupBox->setEnabled(!busy);
    updateButtons();
}

void CampaignSendDialog::showIssues(const QString& error)
{
    m_ui->issuesListWidget->clear();
    // The content checks' own list when they are what refuses; else the engine's message.
    QStringList lines;
    const Vault* vault =
        m_controller->vaultSession()->isUnlocked() ? m_controller->vaultSession()->unlock(this) : nullptr;
    if (vault) {
        QSqlDatabase db = m_controller->database();
        auto renderer = CampaignRenderer::prepare(db, m_campaign, *vault, CampaignRenderer::Options{});
        auto sample = sampleRecipient(db, m_campaign);
        if (renderer && sample) {
            for (const ContentIssue& issue : renderer->check(sample.value())) {
                if (issue.severity == ContentIssue::Severity::Error) {
                    lines.append(issue.message);
                }
            }
        }
    }
    if (lines.isEmpty()) {
        lines.append(error);
    }
    m_ui->issuesListWidget->addItems(lines);
    m_ui->issuesLabel->show();
    m_ui->issuesListWidget->show();
    m_ui->summaryLabel->setText(error);
}

void CampaignSendDialog::accept()
{
    if (!m_loaded || m_job) {
        return;
    }
    QSqlDatabase db = m_controller->database();
    const Vault* vault = m_controller->vaultSession()->unlock(this);
    if (!vault) {
        return;
    }
    if (auto s = AccountRepository(db).setCampaignAccounts(m_campaign.id, checkedAccounts()); !s) {
        showIssues(s.error().message);
        return;
    }
    if (m_ui->scheduleRadioButton->isChecked()) {
        const qint64 now = m_controller->clock().nowMs();
        const qint64 at = m_ui->scheduleDateTimeEdit->dateTime().toMSecsSinceEpoch();
        if (at <= now) {
            showIssues(tr("The time to send at, %1, has passed: choose a later one.").arg(localTime(at)));
            return;
        }
        // A schedule only checks the content (one render): quick enough for this thread.
        if (auto s = CampaignDelivery::schedule(db, m_campaign.id, at, *vault, now); !s) {
            showIssues(s.error().message);
            Q_EMIT updated();
            return;
        }
        Q_EMIT sent(m_campaign.id);
        Q_EMIT updated();
        QDialog::accept();
        return;
    }
    startNow();
}

void CampaignSendDialog::startNow()
{
    auto job = std::make_shared<Job>();
    job->dialog = this;
    job->vault = m_controller->vaultSession()->unlock(this);
    m_job = job;
    setBusy(true);
    m_ui->summaryLabel->setText(tr("Putting every recipient in the outbox…"));
    const QString path = m_controller->workspacePath();
    const qint64 campaignId = m_campaign.id;
    const qint64 now = m_controller->clock().nowMs();
    QThreadPool::globalInstance()->start([job, path, campaignId, now] {
        QString error;
        qint64 queued = 0;
        bool done = false;
        auto connection = Connection::open(path);
        if (!connection) {
            error = connection.error().message;
        } else {
            QSqlDatabase db = connection->database();
            std::optional<Vault> vault;
            {
                QMutexLocker lock(&job->mutex);
                if (job->vault) {
                    auto opened = job->vault->openOn(db);
                    if (opened) {
                        vault.emplace(std::move(opened).value());
                    } else {
                        error = opened.error().message;
                    }
                }
            }
            // The snapshot runs inside this transaction (a savepoint for start()): Cancel rolls
            // it back, so a cancelled start leaves the campaign as it was.
            Transaction tx(db);
            if (vault && !job->cancelled && error.isEmpty()) {
                if (auto s = tx.begin(); !s) {
                    error = s.error().message;
                } else if (auto started = CampaignDelivery::start(db, campaignId, *vault, now); !started) {
                    error = started.error().message;
                } else if (QSemaphore* gate = startGate.load(); gate && !gate->tryAcquire(1, 60000)) {
                    error = QStringLiteral("test gate timed out");
                } else if (!job->cancelled) {
                    if (auto c = tx.commit(); !c) {
                        error = c.error().message;
                    } else {
                        queued = started->queued;
                        done = started->status == CampaignStatus::Done;
                    }
                }
            }
        }
        QMutexLocker lock(&job->mutex);
        if (job->dialog && !job->cancelled) {
            QMetaObject::invokeMethod(
                job->dialog, [dialog = job->dialog, error, queued, done] { dialog->onStarted(error, queued, done); },
                Qt::QueuedConnection);
        }
    });
}

void CampaignSendDialog::onStarted(const QString& error, qint64 queued, bool done)
{
    m_job.reset();
    setBusy(false);
    if (!error.isEmpty()) {
        showIssues(error);
        Q_EMIT updated();
        return;
    }
    m_ui->summaryLabel->setText(
        done ? tr("Nobody in the audience is left to send to.")
             : tr("%Ln recipient(s) in the outbox.", nullptr, static_cast<int>(qMin<qint64>(queued, INT_MAX))));
    Q_EMIT sent(m_campaign.id);
    Q_EMIT updated();
    QDialog::accept();
}

void CampaignSendDialog::reject()
{
    if (m_job) {
        // The snapshot finishes in the background and is rolled back.
        m_job->cancelled = true;
        QMutexLocker lock(&m_job->mutex);
        m_job->dialog = nullptr;
        m_job->vault = nullptr;
        m_job.reset();
    }
    QDialog::reject();
}
