#pragma once

#include <QDialog>
#include <QSqlDatabase>

#include <memory>

namespace Ui {
class CampaignNewDialog;
}

// Campaigns > New Campaign…: a name and the starter to begin from (the engine's starter
// templates, or a blank page). OK creates the campaign as a draft with the default footer
// and the sender of the most recent campaign, and reports its id.
class CampaignNewDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CampaignNewDialog(QSqlDatabase db, QWidget* parent = nullptr);
    ~CampaignNewDialog() override;

    void accept() override;

Q_SIGNALS:
    void created(qint64 campaignId);

private:
    const std::unique_ptr<Ui::CampaignNewDialog> m_ui;
    QSqlDatabase m_db;
};
