#pragma once

#include <QDialog>
#include <QSqlDatabase>

#include <functional>
#include <memory>

namespace Ui {
class CampaignListDialog;
}

// Campaigns > Campaigns…: every campaign of the workspace (name, subject, status, when it
// changed), most recently changed first; open, duplicate (with its files) and delete (asked).
class CampaignListDialog : public QDialog
{
    Q_OBJECT

public:
    // `closeEditor` closes the campaign's editor if one is open (asking about its changes);
    // false when the person keeps it open, and the campaign is then not deleted.
    CampaignListDialog(QSqlDatabase db, std::function<bool(qint64)> closeEditor, QWidget* parent = nullptr);
    ~CampaignListDialog() override;

    // The selected campaign, 0 when none.
    qint64 selectedId() const;
    void selectCampaign(qint64 id);

public Q_SLOTS:
    void reload();
    void openSelected();
    void duplicateSelected();
    void deleteSelected();

Q_SIGNALS:
    void openRequested(qint64 campaignId);
    void newRequested();

private:
    void updateButtons();

    const std::unique_ptr<Ui::CampaignListDialog> m_ui;
    QSqlDatabase m_db;
    std::function<bool(qint64)> m_closeEditor;
};
