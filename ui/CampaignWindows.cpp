#include "ui/CampaignWindows.h"

#include "ui/CampaignEditor.h"
#include "ui/CampaignListDialog.h"
#include "ui/CampaignNewDialog.h"
#include "ui/Dialogs.h"

#include "core/campaigns/CampaignRepository.h"

#include <QAction>
#include <QMenu>
#include <QWidget>

CampaignWindows::CampaignWindows(VaultSession* vaultSession, AppSettings* settings, QWidget* mainWindow)
    : QObject(mainWindow)
    , m_vaultSession(vaultSession)
    , m_settings(settings)
    , m_mainWindow(mainWindow)
{
    m_newAction = new QAction(tr("&New Campaign…"), this);
    m_newAction->setObjectName(QStringLiteral("newCampaignAction"));
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_newAction, &QAction::triggered, this, &CampaignWindows::newCampaign);
    m_listAction = new QAction(tr("&Campaigns…"), this);
    m_listAction->setObjectName(QStringLiteral("campaignsAction"));
    m_listAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(m_listAction, &QAction::triggered, this, &CampaignWindows::showCampaigns);
    updateActions();
}

CampaignWindows::~CampaignWindows()
{
    // Editors stop their workers before the connection they read through goes.
    for (const QPointer<CampaignEditor>& editor : std::as_const(m_editors)) {
        delete editor.data();
    }
    delete m_listDialog.data();
    delete m_newDialog.data();
}

void CampaignWindows::setWorkspace(QSqlDatabase db, const QString& path)
{
    for (const QPointer<CampaignEditor>& editor : std::as_const(m_editors)) {
        delete editor.data();
    }
    m_editors.clear();
    delete m_listDialog.data();
    delete m_newDialog.data();
    m_db = std::move(db);
    m_path = path;
    updateActions();
}

void CampaignWindows::addActionsTo(QMenu* menu) const
{
    menu->addAction(m_newAction);
    menu->addAction(m_listAction);
}

CampaignNewDialog* CampaignWindows::newCampaignDialog() const
{
    return m_newDialog;
}

CampaignListDialog* CampaignWindows::campaignListDialog() const
{
    return m_listDialog;
}

CampaignEditor* CampaignWindows::editor(qint64 campaignId) const
{
    return m_editors.value(campaignId);
}

QList<CampaignEditor*> CampaignWindows::editors() const
{
    QList<CampaignEditor*> open;
    for (const QPointer<CampaignEditor>& editor : m_editors) {
        if (editor) {
            open.append(editor.data());
        }
    }
    return open;
}

void CampaignWindows::updateActions()
{
    const bool open = m_db.isOpen();
    m_newAction->setEnabled(open);
    m_listAction->setEnabled(open);
}

void CampaignWindows::newCampaign()
{
    if (!m_db.isOpen()) {
        return;
    }
    if (m_newDialog) {
        m_newDialog->raise();
        m_newDialog->activateWindow();
        return;
    }
    QWidget* parent = m_listDialog ? static_cast<QWidget*>(m_listDialog.data()) : m_mainWindow;
    auto* dialog = new CampaignNewDialog(m_db, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CampaignNewDialog::created, this, [this](qint64 id) {
        if (m_listDialog) {
            m_listDialog->reload();
            m_listDialog->selectCampaign(id);
        }
        openEditor(id);
    });
    m_newDialog = dialog;
    dialog->open();
}

void CampaignWindows::showCampaigns()
{
    if (!m_db.isOpen()) {
        return;
    }
    if (m_listDialog) {
        m_listDialog->reload();
        m_listDialog->raise();
        m_listDialog->activateWindow();
        return;
    }
    auto* dialog = new CampaignListDialog(
        m_db, [this](qint64 id) { return closeEditor(id); }, m_mainWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CampaignListDialog::openRequested, this, &CampaignWindows::openEditor);
    connect(dialog, &CampaignListDialog::newRequested, this, &CampaignWindows::newCampaign);
    m_listDialog = dialog;
    dialog->show();
}

CampaignEditor* CampaignWindows::openEditor(qint64 campaignId)
{
    if (CampaignEditor* open = m_editors.value(campaignId)) {
        open->show();
        open->raise();
        open->activateWindow();
        return open;
    }
    Result<Campaign> campaign = CampaignRepository(m_db).findById(campaignId);
    if (!campaign) {
        Dialogs::warning(m_mainWindow, tr("Campaigns"), campaign.error().message);
        return nullptr;
    }
    auto* editor = new CampaignEditor(m_db, m_path, campaign.value(), m_vaultSession, m_settings, m_mainWindow);
    connect(editor, &CampaignEditor::campaignChanged, this, [this] {
        if (m_listDialog) {
            m_listDialog->reload();
        }
    });
    connect(editor, &QObject::destroyed, this, [this, campaignId] { m_editors.remove(campaignId); });
    m_editors.insert(campaignId, editor);
    editor->show();
    return editor;
}

bool CampaignWindows::closeEditor(qint64 campaignId)
{
    CampaignEditor* editor = m_editors.value(campaignId);
    return !editor || editor->close();
}

bool CampaignWindows::closeAll()
{
    for (CampaignEditor* editor : editors()) {
        if (!editor->close()) {
            editor->raise();
            return false;
        }
    }
    if (m_listDialog) {
        m_listDialog->close();
    }
    if (m_newDialog) {
        m_newDialog->close();
    }
    return true;
}
