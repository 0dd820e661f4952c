#include "ui/OutboxWindow.h"

#include "ui/AppSettings.h"
#include "ui/DeliveryController.h"
#include "ui/Dialogs.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/delivery/AccountRepository.h"
#include "core/delivery/Clock.h"
#include "models/OutboxTableModel.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

// The states the counts line shows, in the order a person reads a delivery.
constexpr OutboxState shownStates[] = {OutboxState::Sent,     OutboxState::Queued,  OutboxState::Deferred,
                                       OutboxState::Failed,   OutboxState::Unknown, OutboxState::Skipped,
                                       OutboxState::Cancelled};

bool everSent(CampaignStatus status)
{
    return status == CampaignStatus::Sending || status == CampaignStatus::Paused ||
           status == CampaignStatus::Scheduled || status == CampaignStatus::Done || status == CampaignStatus::Cancelled;
}

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

} // namespace

OutboxWindow::OutboxWindow(DeliveryController* controller, QWidget* parent)
    : QMainWindow(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("OutboxWindow"));
    setWindowTitle(tr("Outbox"));
    // A window of its own beside the main window, not above it.
    setWindowFlag(Qt::Window);
    m_loader = new OutboxLoader(controller->workspacePath(), this);
    m_model = new OutboxTableModel(m_loader, this);

    createActions();
    createWidgets();

    connect(m_loader, &OutboxLoader::statusLoaded, this, &OutboxWindow::onStatusLoaded);
    connect(m_loader, &OutboxLoader::statusFailed, this, [this](qint64, const QString& message) {
        m_statusLoading = false;
        statusBar()->showMessage(message, 10000);
        if (m_statusAgain) {
            m_statusAgain = false;
            loadStatus();
        }
    });
    connect(m_loader, &OutboxLoader::acted, this, &OutboxWindow::onActed);
    connect(m_loader, &OutboxLoader::logLoaded, this, &OutboxWindow::showLog);
    connect(m_model, &OutboxTableModel::errorOccurred, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_model, &OutboxTableModel::loaded, this, [this] {
        // The selected recipient's log may have grown.
        if (m_logItemId != 0) {
            m_loader->loadLog(m_logItemId);
        }
    });
    connect(controller, &DeliveryController::changed, this, &OutboxWindow::refresh);
    connect(controller, &DeliveryController::campaignChanged, this, &OutboxWindow::reloadCampaigns);
    connect(controller, &DeliveryController::problem, this,
            [this](const QString& message) { statusBar()->showMessage(message, 30000); });

    resize(1000, 700);
    restoreWindowSettings();
    reloadCampaigns();
    updateActions();
}

OutboxWindow::~OutboxWindow()
{
    // The model lets go of the loader's signals before the loader stops its thread.
    delete m_model;
    m_model = nullptr;
    delete m_loader;
    m_loader = nullptr;
}

void OutboxWindow::createActions()
{
    m_pauseAction = new QAction(tr("&Pause"), this);
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction->setToolTip(tr("Send nothing more until resumed"));
    connect(m_pauseAction, &QAction::triggered, this, &OutboxWindow::pause);
    m_resumeAction = new QAction(tr("&Resume"), this);
    m_resumeAction->setObjectName(QStringLiteral("resumeAction"));
    connect(m_resumeAction, &QAction::triggered, this, &OutboxWindow::resume);
    m_cancelAction = new QAction(tr("&Cancel Campaign…"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelCampaignAction"));
    m_cancelAction->setIconText(tr("Cancel Campaign"));
    connect(m_cancelAction, &QAction::triggered, this, &OutboxWindow::cancelCampaign);
    m_retryFailedAction = new QAction(tr("Retry &Failed"), this);
    m_retryFailedAction->setObjectName(QStringLiteral("retryFailedAction"));
    m_retryFailedAction->setToolTip(tr("Put every recipient whose server refused the message back in the queue"));
    connect(m_retryFailedAction, &QAction::triggered, this, &OutboxWindow::retryFailed);
    m_resendUnknownAction = new QAction(tr("Resend &Unknown…"), this);
    m_resendUnknownAction->setObjectName(QStringLiteral("resendUnknownAction"));
    m_resendUnknownAction->setIconText(tr("Resend Unknown"));
    m_resendUnknownAction->setToolTip(tr("Send again to the recipients whose message may or may not have gone"));
    connect(m_resendUnknownAction, &QAction::triggered, this, &OutboxWindow::resendUnknown);
    m_refreshAction = new QAction(tr("Re&fresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, &OutboxWindow::refresh);
    m_closeAction = new QAction(tr("&Close"), this);
    m_closeAction->setShortcut(QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, &QWidget::close);
    addAction(m_closeAction);
}

void OutboxWindow::createWidgets()
{
    QToolBar* toolBar = addToolBar(tr("Outbox"));
    toolBar->setObjectName(QStringLiteral("outboxToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* campaignLabel = new QLabel(tr("C&ampaign:"), this);
    m_campaignComboBox = new QComboBox(this);
    m_campaignComboBox->setObjectName(QStringLiteral("campaignComboBox"));
    m_campaignComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_campaignComboBox->setMinimumContentsLength(24);
    campaignLabel->setBuddy(m_campaignComboBox);
    toolBar->addWidget(campaignLabel);
    toolBar->addWidget(m_campaignComboBox);
    toolBar->addSeparator();
    toolBar->addAction(m_pauseAction);
    toolBar->addAction(m_resumeAction);
    toolBar->addAction(m_cancelAction);
    toolBar->addSeparator();
    toolBar->addAction(m_retryFailedAction);
    toolBar->addAction(m_resendUnknownAction);
    toolBar->addSeparator();
    toolBar->addAction(m_refreshAction);
    connect(m_campaignComboBox, &QComboBox::currentIndexChanged, this, &OutboxWindow::onCampaignPicked);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);

    m_summaryLabel = new QLabel(central);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    QFont bold = m_summaryLabel->font();
    bold.setBold(true);
    m_summaryLabel->setFont(bold);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summaryLabel);
    m_countsLabel = new QLabel(central);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_countsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_countsLabel);
    m_rateLabel = new QLabel(central);
    m_rateLabel->setObjectName(QStringLiteral("rateLabel"));
    layout->addWidget(m_rateLabel);

    m_splitter = new QSplitter(Qt::Vertical, central);
    m_splitter->setObjectName(QStringLiteral("outboxSplitter"));
    m_accountsTree = new QTreeWidget(m_splitter);
    m_accountsTree->setObjectName(QStringLiteral("accountsTreeWidget"));
    m_accountsTree->setRootIsDecorated(false);
    m_accountsTree->setHeaderLabels({tr("Account"), tr("Sent in 24 hours"), tr("Last minute"), tr("Now")});
    m_accountsTree->setAccessibleName(tr("Accounts"));

    auto* recipients = new QWidget(m_splitter);
    auto* recipientsLayout = new QVBoxLayout(recipients);
    recipientsLayout->setContentsMargins(0, 0, 0, 0);
    auto* filterLayout = new QHBoxLayout;
    auto* filterLabel = new QLabel(tr("&Show:"), recipients);
    m_stateFilterComboBox = new QComboBox(recipients);
    m_stateFilterComboBox->setObjectName(QStringLiteral("stateFilterComboBox"));
    m_stateFilterComboBox->addItem(tr("Every recipient"), -1);
    for (int i = 0; i < kOutboxStateCount; ++i) {
        if (!isOutboxState(i)) {
            continue;
        }
        m_stateFilterComboBox->addItem(outboxStateLabel(static_cast<OutboxState>(i)), i);
    }
    filterLabel->setBuddy(m_stateFilterComboBox);
    filterLayout->addWidget(filterLabel);
    filterLayout->addWidget(m_stateFilterComboBox);
    filterLayout->addStretch();
    recipientsLayout->addLayout(filterLayout);
    connect(m_stateFilterComboBox, &QComboBox::currentIndexChanged, this, &OutboxWindow::onFilterChanged);

    m_tableView = new QTableView(recipients);
    m_tableView->setObjectName(QStringLiteral("outboxTableView"));
    m_tableView->setModel(m_model);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->verticalHeader()->hide();
    // Fixed row heights: a big outbox never asks every row for its size.
    m_tableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_tableView->verticalHeader()->setDefaultSectionSize(m_tableView->fontMetrics().height() + 8);
    m_tableView->setWordWrap(false);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->setColumnWidth(OutboxTableModel::EmailColumn, 240);
    m_tableView->setColumnWidth(OutboxTableModel::StateColumn, 110);
    m_tableView->setColumnWidth(OutboxTableModel::AttemptsColumn, 80);
    m_tableView->setColumnWidth(OutboxTableModel::UpdatedColumn,
                                m_tableView->fontMetrics().horizontalAdvance(QLocale().toString(
                                    QDateTime(QDate(2026, 12, 28), QTime(23, 59, 59)), QLocale::ShortFormat)) +
                                    24);
    m_tableView->setAccessibleName(tr("Recipients"));
    recipientsLayout->addWidget(m_tableView);
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OutboxWindow::onCurrentRowChanged);

    m_logTree = new QTreeWidget(m_splitter);
    m_logTree->setObjectName(QStringLiteral("logTreeWidget"));
    m_logTree->setRootIsDecorated(false);
    m_logTree->setWordWrap(true);
    m_logTree->setHeaderLabels({tr("Time"), tr("State"), tr("Account"), tr("Server reply")});
    m_logTree->setAccessibleName(tr("The selected recipient's attempts"));
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 4);
    m_splitter->setStretchFactor(2, 1);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
}

void OutboxWindow::restoreWindowSettings()
{
    AppSettings* settings = m_controller->settings();
    if (!settings) {
        return;
    }
    restoreGeometry(settings->value(AppSettings::Key::OutboxWindowGeometry).toByteArray());
    m_splitter->restoreState(settings->value(AppSettings::Key::OutboxWindowSplitters).toByteArray());
}

void OutboxWindow::saveWindowSettings()
{
    AppSettings* settings = m_controller->settings();
    if (!settings) {
        return;
    }
    settings->setValue(AppSettings::Key::OutboxWindowGeometry, saveGeometry());
    settings->setValue(AppSettings::Key::OutboxWindowSplitters, m_splitter->saveState());
}

void OutboxWindow::closeEvent(QCloseEvent* event)
{
    saveWindowSettings();
    event->accept();
}

bool OutboxWindow::isLoading() const
{
    return m_statusLoading || m_actionsRunning > 0 || m_model->isLoading();
}

void OutboxWindow::reloadCampaigns()
{
    // A handful of campaigns: read on this thread, like the campaign list does.
    auto all = CampaignRepository(m_controller->database()).all();
    if (!all) {
        statusBar()->showMessage(all.error().message, 10000);
        return;
    }
    m_campaigns.clear();
    for (const Campaign& campaign : all.value()) {
        if (everSent(campaign.status) || campaign.id == m_campaignId) {
            m_campaigns.append(campaign);
        }
    }
    if (auto accounts = AccountRepository(m_controller->database()).list()) {
        m_accountNames.clear();
        for (const Account& account : accounts.value()) {
            m_accountNames.insert(account.id, account.name);
        }
        m_model->setAccountNames(m_accountNames);
    }
    const qint64 keep = m_campaignId;
    {
        const QSignalBlocker block(m_campaignComboBox);
        m_campaignComboBox->clear();
        for (const Campaign& campaign : std::as_const(m_campaigns)) {
            m_campaignComboBox->addItem(campaign.name, campaign.id);
        }
        m_campaignComboBox->setCurrentIndex(keep ? m_campaignComboBox->findData(keep) : -1);
    }
    if (!keep && m_campaignComboBox->count() > 0) {
        m_campaignComboBox->setCurrentIndex(0); // shows the most recently changed campaign
    } else if (keep) {
        refresh();
    }
    updateActions();
}

void OutboxWindow::showCampaign(qint64 campaignId)
{
    int index = m_campaignComboBox->findData(campaignId);
    if (index < 0) {
        m_campaignId = campaignId;
        reloadCampaigns();
        index = m_campaignComboBox->findData(campaignId);
    }
    if (index >= 0 && index != m_campaignComboBox->currentIndex()) {
        m_campaignComboBox->setCurrentIndex(index);
    } else {
        onCampaignPicked();
    }
}

void OutboxWindow::onCampaignPicked()
{
    const qint64 id = m_campaignComboBox->currentData().toLongLong();
    const bool changed = id != m_campaignId || m_model->campaignId() != id;
    m_campaignId = id;
    if (changed) {
        m_status.reset();
        m_logItemId = 0;
        m_logTree->clear();
        onFilterChanged();
    }
    const int index = m_campaignComboBox->currentIndex();
    setWindowTitle(index >= 0 ? tr("Outbox — %1").arg(m_campaignComboBox->currentText()) : tr("Outbox"));
    loadStatus();
}

void OutboxWindow::onFilterChanged()
{
    const int state = m_stateFilterComboBox->currentData().toInt();
    m_model->setCampaign(m_campaignId,
                         state >= 0 ? std::optional<OutboxState>(static_cast<OutboxState>(state)) : std::nullopt);
}

void OutboxWindow::refresh()
{
    if (m_campaignId == 0) {
        return;
    }
    loadStatus();
    m_model->refresh();
}

void OutboxWindow::loadStatus()
{
    if (m_campaignId == 0) {
        return;
    }
    // Coalesced: the engine may say "changed" ten times a second; one load at a time, and one
    // more after it when something changed meanwhile.
    if (m_statusLoading) {
        m_statusAgain = true;
        return;
    }
    m_statusLoading = true;
    m_loader->loadStatus(m_campaignId, m_controller->clock().nowMs());
}

void OutboxWindow::onStatusLoaded(const DeliveryStatus& status)
{
    m_statusLoading = false;
    if (status.campaignId == m_campaignId) {
        m_status = status;
        m_summaryLabel->setText(status.summary());
        QStringList counts;
        for (OutboxState state : shownStates) {
            counts << tr("%1: %L2").arg(outboxStateLabel(state)).arg(status.counts.of(state));
        }
        const qint64 inFlight = status.counts.of(OutboxState::Sending);
        if (inFlight > 0) {
            counts << tr("%1: %L2").arg(outboxStateLabel(OutboxState::Sending)).arg(inFlight);
        }
        m_countsLabel->setText(counts.join(QStringLiteral(" · ")));
        m_rateLabel->setText(tr("%L1 messages in the last minute, of %L2 recipients in all.")
                                 .arg(status.sentLastMinute)
                                 .arg(status.counts.total()));
        m_accountsTree->clear();
        for (const AccountUse& use : status.accounts) {
            auto* item = new QTreeWidgetItem(m_accountsTree);
            item->setText(0, use.name);
            item->setText(1, tr("%L1 of %L2").arg(use.sentInWindow).arg(use.dailyLimit));
            item->setText(2, tr("%L1 of %L2").arg(use.sentLastMinute).arg(use.perMinute));
            QString now;
            if (use.coolUntil > 0) {
                now = tr("Resting until %1: %2").arg(localTime(use.coolUntil), use.coolReason.simplified());
            } else if (use.availableNow > 0) {
                now = tr("May send %L1 now").arg(use.availableNow);
            } else {
                now = tr("Out of quota until %1").arg(localTime(use.nextAvailableAt));
            }
            item->setText(3, now);
            item->setToolTip(3, now);
        }
        for (int column = 0; column < 3; ++column) {
            m_accountsTree->resizeColumnToContents(column);
        }
        updateActions();
        Q_EMIT statusShown();
    }
    if (m_statusAgain) {
        m_statusAgain = false;
        loadStatus();
    }
}

void OutboxWindow::onCurrentRowChanged()
{
    const QModelIndex current = m_tableView->currentIndex();
    m_logItemId = current.isValid() ? m_model->item(current.row()).id : 0;
    m_logTree->clear();
    if (m_logItemId != 0) {
        m_loader->loadLog(m_logItemId);
    }
}

void OutboxWindow::showLog(qint64 itemId, const QVector<OutboxLogEntry>& entries)
{
    if (itemId != m_logItemId) {
        return;
    }
    m_logTree->clear();
    for (const OutboxLogEntry& entry : entries) {
        auto* item = new QTreeWidgetItem(m_logTree);
        item->setText(0, localTime(entry.at));
        item->setText(1, outboxStateLabel(entry.state));
        item->setText(2, entry.accountId ? m_accountNames.value(*entry.accountId, QString::number(*entry.accountId))
                                         : QString());
        item->setText(3, entry.reply.simplified());
        item->setToolTip(3, entry.reply);
    }
    for (int column = 0; column < 3; ++column) {
        m_logTree->resizeColumnToContents(column);
    }
}

void OutboxWindow::updateActions()
{
    const bool known = m_status.has_value() && m_status->campaignId == m_campaignId;
    const CampaignStatus status = known ? m_status->status : CampaignStatus::Draft;
    const bool idle = m_actionsRunning == 0;
    m_pauseAction->setEnabled(known && idle && status == CampaignStatus::Sending);
    m_resumeAction->setEnabled(known && idle && status == CampaignStatus::Paused);
    m_cancelAction->setEnabled(
        known && idle &&
        (status == CampaignStatus::Sending || status == CampaignStatus::Paused || status == CampaignStatus::Scheduled));
    const bool resendable = known && idle && status != CampaignStatus::Cancelled && status != CampaignStatus::Scheduled;
    m_retryFailedAction->setEnabled(resendable && m_status->counts.of(OutboxState::Failed) > 0);
    m_resendUnknownAction->setEnabled(resendable && m_status->counts.of(OutboxState::Unknown) > 0);
    m_refreshAction->setEnabled(m_campaignId != 0);
}

void OutboxWindow::pause()
{
    act(OutboxLoader::Action::Pause);
}

void OutboxWindow::resume()
{
    act(OutboxLoader::Action::Resume);
}

void OutboxWindow::cancelCampaign()
{
    if (!m_status) {
        return;
    }
    const qint64 left = m_status->counts.of(OutboxState::Queued) + m_status->counts.of(OutboxState::Deferred);
    const QMessageBox::StandardButton answer =
        Dialogs::question(this, tr("Cancel Campaign"),
                          tr("Cancel “%1”? The %L2 recipients still waiting will not get it. This cannot be undone.")
                              .arg(m_status->campaignName)
                              .arg(left),
                          QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes) {
        act(OutboxLoader::Action::Cancel);
    }
}

void OutboxWindow::retryFailed()
{
    act(OutboxLoader::Action::RetryFailed);
}

void OutboxWindow::resendUnknown()
{
    if (!m_status) {
        return;
    }
    const qint64 unknown = m_status->counts.of(OutboxState::Unknown);
    const QMessageBox::StandardButton answer =
        Dialogs::question(this, tr("Resend Unknown"),
                          tr("These %Ln people may get the message twice: their server may have accepted it before the "
                             "connection or Mailroom stopped. Send it to them again?",
                             nullptr, static_cast<int>(qMin<qint64>(unknown, INT_MAX))),
                          QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes) {
        act(OutboxLoader::Action::ResendUnknown);
    }
}

void OutboxWindow::act(OutboxLoader::Action action)
{
    if (m_campaignId == 0) {
        return;
    }
    ++m_actionsRunning;
    updateActions();
    m_loader->act(action, m_campaignId, m_controller->clock().nowMs());
}

void OutboxWindow::onActed(OutboxLoader::Action action, qint64 campaignId, qint64 count, const QString& error)
{
    --m_actionsRunning;
    if (!error.isEmpty()) {
        Dialogs::warning(this, tr("Outbox"), error);
    } else {
        switch (action) {
        case OutboxLoader::Action::Pause:
            statusBar()->showMessage(tr("Paused."), 5000);
            break;
        case OutboxLoader::Action::Resume:
            statusBar()->showMessage(tr("Resumed."), 5000);
            break;
        case OutboxLoader::Action::Cancel:
            statusBar()->showMessage(tr("Cancelled: %Ln recipient(s) will not get it.", nullptr, int(count)), 8000);
            break;
        case OutboxLoader::Action::RetryFailed:
        case OutboxLoader::Action::ResendUnknown:
            statusBar()->showMessage(tr("%Ln recipient(s) back in the queue.", nullptr, int(count)), 8000);
            break;
        }
        // Sending again (resume, retry, resend) needs the engine; every change wakes it.
        if (action != OutboxLoader::Action::Pause && action != OutboxLoader::Action::Cancel) {
            m_controller->ensureRunning();
        }
        m_controller->wake();
        Q_EMIT m_controller->campaignChanged(campaignId);
    }
    refresh();
    updateActions();
    Q_EMIT actionDone(error);
}
