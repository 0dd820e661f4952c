#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>

class AppSettings;
class CampaignEditor;
class CampaignListDialog;
class CampaignNewDialog;
class QAction;
class QMenu;
class QWidget;
class VaultSession;

// The main window's Campaigns menu and the windows it opens: "New Campaign…" (a starter
// template picker), "Campaigns…" (the list), and one editor window per campaign (opening a
// campaign that is already open raises its window).
class CampaignWindows : public QObject
{
    Q_OBJECT

public:
    CampaignWindows(VaultSession* vaultSession, AppSettings* settings, QWidget* mainWindow);
    ~CampaignWindows() override;

    // The UI thread's connection to the open workspace (closed: an invalid one).
    // Closes every editor of the old workspace without asking: ask first with closeAll().
    void setWorkspace(QSqlDatabase db, const QString& path);

    // Adds the actions to `menu`.
    void addActionsTo(QMenu* menu) const;
    QAction* newCampaignAction() const { return m_newAction; }
    QAction* campaignsAction() const { return m_listAction; }

    // For tests: the open windows.
    CampaignNewDialog* newCampaignDialog() const;
    CampaignListDialog* campaignListDialog() const;
    CampaignEditor* editor(qint64 campaignId) const;
    QList<CampaignEditor*> editors() const;

    // Opens (or raises) the campaign's editor; nullptr when it cannot be read (said why).
    CampaignEditor* openEditor(qint64 campaignId);
    // Closes the campaign's editor, asking about unsaved changes; false when the person cancels.
    bool closeEditor(qint64 campaignId);
    // Closes every editor and dialog, asking about unsaved changes; false when the person cancels.
    bool closeAll();

public Q_SLOTS:
    void newCampaign();
    void showCampaigns();

private:
    void updateActions();

    VaultSession* m_vaultSession;
    AppSettings* m_settings;
    QWidget* m_mainWindow;
    QSqlDatabase m_db;
    QString m_path;
    QAction* m_newAction = nullptr;
    QAction* m_listAction = nullptr;
    QPointer<CampaignNewDialog> m_newDialog;
    QPointer<CampaignListDialog> m_listDialog;
    QHash<qint64, QPointer<CampaignEditor>> m_editors;
};
