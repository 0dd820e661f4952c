#pragma once

#include "core/Result.h"
#include "core/campaigns/SuppressionList.h"

#include <QDialog>
#include <QSqlDatabase>
#include <QThreadPool>

#include <memory>

namespace Ui {
class SuppressionDialog;
}

class SuppressionTableModel;

// Tools > Suppression List…: the addresses and whole domains never mailed, whatever a
// campaign's audience says. Paged table, counts, add (checked with the engine's message),
// remove, and import from a file on a worker, with a report of what was added, what was
// already there and which lines could not be read.
class SuppressionDialog : public QDialog
{
    Q_OBJECT

public:
    SuppressionDialog(QSqlDatabase db, const QString& workspacePath, QWidget* parent = nullptr);
    ~SuppressionDialog() override;

    SuppressionTableModel* model() const { return m_model; }
    bool isImporting() const { return m_importing; }

    void reject() override;

private:
    void add();
    void removeSelected();
    void import();
    void onImported(const QString& fileName, const Result<SuppressionImportReport>& result);
    void updateCounts();
    void updateButtons();
    void setImporting(bool importing);

    const std::unique_ptr<Ui::SuppressionDialog> m_ui;
    QSqlDatabase m_db;
    QString m_workspacePath;
    SuppressionTableModel* m_model = nullptr;
    bool m_importing = false;
    // Last: destroyed first, waiting for a running import before the widgets go.
    QThreadPool m_pool;
};
