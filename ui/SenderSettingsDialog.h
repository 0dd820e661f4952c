#pragma once

#include "core/campaigns/SenderSettings.h"

#include <QDialog>
#include <QSqlDatabase>

#include <memory>

namespace Ui {
class SenderSettingsDialog;
}

// Tools > Sender Settings…: what every message carries whatever the campaign (the postal
// address, where unsubscribes go). Checked as typed with SenderSettings::validate, whose
// message names the field at fault; Save writes to the workspace, Cancel leaves it as it was.
class SenderSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SenderSettingsDialog(QSqlDatabase db, QWidget* parent = nullptr);
    ~SenderSettingsDialog() override;

    // The settings the widgets describe, trimmed as they will be saved.
    SenderSettings settings() const;

    void accept() override;

private:
    void revalidate();

    const std::unique_ptr<Ui::SenderSettingsDialog> m_ui;
    QSqlDatabase m_db;
};
