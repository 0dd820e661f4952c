#include "ui/DeliveryController.h"

#include "ui/CampaignSendDialog.h"
#include "ui/OutboxWindow.h"
#include "ui/VaultSession.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/delivery/Clock.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWidget>
#include <algorithm>

DeliveryController::DeliveryController(VaultSession* vaultSession, AppSettings* settings, QWidget* window)
    : QObject(window)
    , m_vaultSession(vaultSession)
    , m_settings(settings)
    , m_window(window)
    , m_systemClock(std::make_unique<SystemClock>())
    , m_clock(m_systemClock.get())
{
    setObjectName(QStringLiteral("deliveryController"));
    m_activityTimer = new QTimer(this);
    m_activityTimer->setInterval(1000);
    connect(m_activityTimer, &QTimer::timeout, this, &DeliveryController::activityChanged);
    // A campaign that could not start for want of the vault starts once it is unlocked.
    connect(m_vaultSession, &VaultSession::unlockedChanged, this, [this](bool unlocked) {
        if (unlocked && m_waitingForVault && !m_engine) {
            startIfNeeded(false);
        }
    });
}

DeliveryController::~DeliveryController()
{
    delete m_outbox.data();
    stop();
}

void DeliveryController::setWorkspace(QSqlDatabase db, const QString& path)
{
    // The outbox view reads the old file; it goes with it.
    delete m_outbox.data();
    delete m_sendDialog.data();
    stop();
    m_waitingForVault = false;
    m_db = db;
    m_path = path;
    Q_EMIT activityChanged();
}

OutboxWindow* DeliveryController::outboxWindow() const
{
    return m_outbox.data();
}

CampaignSendDialog* DeliveryController::sendDialog() const
{
    return m_sendDialog.data();
}

void DeliveryController::setClock(const Clock* clock)
{
    m_clock = clock ? clock : m_systemClock.get();
}

void DeliveryController::startIfNeeded(bool ask)
{
    if (m_engine || !m_db.isValid()) {
        return;
    }
    auto campaigns = CampaignRepository(m_db).all();
    if (!campaigns) {
        Q_EMIT statusMessage(campaigns.error().message, 15000);
        return;
    }
    const bool needed = std::any_of(campaigns->cbegin(), campaigns->cend(), [](const Campaign& c) {
        return c.status == CampaignStatus::Sending || c.status == CampaignStatus::Scheduled;
    });
    if (!needed) {
        return;
    }
    if (!ask && !m_vaultSession->isUnlocked()) {
        m_waitingForVault = true;
        Q_EMIT activityChanged();
        return;
    }
    ensureRunning();
}

bool DeliveryController::ensureRunning()
{
    if (m_engine) {
        return true;
    }
    if (!m_db.isValid()) {
        return false;
    }
    const Vault* vault = m_vaultSession->unlock(m_window);
    if (!vault) {
        m_waitingForVault = true;
        Q_EMIT statusMessage(tr("Campaigns wait to be sent until the vault is unlocked."), 15000);
        Q_EMIT activityChanged();
        return false;
    }
    m_waitingForVault = false;
    // Recovery reads the delivery journal (4 MB at most), applies the few outcomes a killed run
    // left in it and makes one durable commit: milliseconds, so it runs here, and the engine
    // (whose timer batches changed()) lives on this thread.
    auto engine = DeliveryEngine::start(m_path, *vault, *m_clock, m_options);
    if (!engine) {
        const QString message = tr("Cannot start sending: %1").arg(engine.error().message);
        Q_EMIT problem(message);
        Q_EMIT statusMessage(message, 15000);
        return false;
    }
    m_engine = std::move(engine).value();
    connect(m_engine.get(), &DeliveryEngine::changed, this, &DeliveryController::changed);
    connect(m_engine.get(), &DeliveryEngine::campaignFinished, this, &DeliveryController::onCampaignFinished);
    connect(m_engine.get(), &DeliveryEngine::problem, this, [this](const QString& message) {
        Q_EMIT problem(message);
        Q_EMIT statusMessage(message, 15000);
    });
    m_activityTimer->start();
    Q_EMIT runningChanged(true);
    Q_EMIT changed();
    return true;
}

void DeliveryController::wake()
{
    if (m_engine) {
        m_engine->wake();
    }
    Q_EMIT changed();
}

void DeliveryController::stop()
{
    if (!m_engine) {
        return;
    }
    // Workers finish the message they are sending; what they had claimed goes back to the queue.
    m_engine->disconnect(this);
    m_engine.reset();
    m_activityTimer->stop();
    Q_EMIT runningChanged(false);
}

QString DeliveryController::indicatorText() const
{
    if (!m_engine) {
        return m_waitingForVault ? tr("Sending waits for the vault") : QString();
    }
    const DeliveryActivity activity = m_engine->activity();
    if (activity.openSessions > 0) {
        return tr("Sending over %n connection(s)", nullptr, activity.openSessions);
    }
    if (activity.idle && activity.resumeAt) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(*activity.resumeAt);
        return tr("Sending resumes %1").arg(QLocale().toString(at, QLocale::ShortFormat));
    }
    return tr("Ready to send");
}

void DeliveryController::onCampaignFinished(qint64 campaignId)
{
    auto campaign = CampaignRepository(m_db).findById(campaignId);
    const QString name = campaign ? campaign->name : QString::number(campaignId);
    notify(tr("Campaign sent"), tr("“%1” has been sent to everyone it could reach.").arg(name));
    Q_EMIT campaignFinished(campaignId);
    Q_EMIT campaignChanged(campaignId);
}

void DeliveryController::notify(const QString& title, const QString& message)
{
    m_lastNotification = message;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(this);
            QIcon icon = m_window ? m_window->windowIcon() : QIcon();
            if (icon.isNull()) {
                icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
            }
            m_tray->setIcon(icon);
            m_tray->setToolTip(tr("Mailroom"));
        }
        m_tray->show();
        m_tray->showMessage(title, message, QSystemTrayIcon::Information);
    }
    // Said in the status bar too: a notification goes by and the person may have missed it.
    Q_EMIT statusMessage(message, 30000);
}

void DeliveryController::showSendDialog(QWidget* parent, qint64 campaignId)
{
    if (!m_db.isValid()) {
        return;
    }
    if (m_sendDialog) {
        m_sendDialog->raise();
        m_sendDialog->activateWindow();
        return;
    }
    auto* dialog = new CampaignSendDialog(this, campaignId, parent ? parent : m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_sendDialog = dialog;
    connect(dialog, &CampaignSendDialog::sent, this, [this](qint64 id) {
        Q_EMIT campaignChanged(id);
        ensureRunning();
        wake();
        showOutbox(id);
    });
    dialog->open();
}

OutboxWindow* DeliveryController::showOutbox(qint64 campaignId)
{
    if (!m_db.isValid()) {
        return nullptr;
    }
    if (!m_outbox) {
        m_outbox = new OutboxWindow(this, m_window);
        m_outbox->setAttribute(Qt::WA_DeleteOnClose);
    }
    if (campaignId > 0) {
        m_outbox->showCampaign(campaignId);
    }
    m_outbox->show();
    m_outbox->raise();
    m_outbox->activateWindow();
    return m_outbox;
}
