#pragma once

#include "core/contacts/ContactColumn.h"
#include "core/contacts/ContactQuery.h"
#include "core/contacts/export/ContactExporter.h"

#include <QDialog>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

namespace Ui {
class ExportDialog;
}

class AppSettings;

// What the window offers to export: the scopes that apply now and the visible columns.
struct ExportScope
{
    // The list, tag or status selected in the sidebar, and how to name it ("the list “Newsletter”").
    std::optional<ContactFilter> sidebarFilter;
    QString sidebarName;
    // The table's current filter when a search is typed (sidebar and search together).
    std::optional<ContactFilter> searchFilter;
    QVector<qint64> selectedIds;
    QVector<ContactColumn> visibleColumns;
    QStringList visibleFields;
};

// File > Export Contacts…: which contacts (whole workspace, the sidebar's list or tag, the
// search result, the selection; what does not apply is disabled), which columns, CSV or vCard
// 4.0, and where. Runs ContactExporter on a worker with a connection of its own, with progress
// and Cancel; the file appears only when the export succeeds.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const QString& workspacePath, const ExportScope& scope, AppSettings* settings,
                 QWidget* parent = nullptr);
    ~ExportDialog() override;

    // The options the widgets describe.
    ExportOptions options() const;
    bool isRunning() const { return m_cancel != nullptr; }

    void accept() override;
    void reject() override;

Q_SIGNALS:
    void exported(const ExportSummary& summary);

private:
    void browse();
    void onFormatChanged();
    void setRunning(bool running);
    void onProgress(qint64 done, qint64 total);
    void onFinished(const Result<ExportSummary>& result);
    QString suffix() const;

    const std::unique_ptr<Ui::ExportDialog> m_ui;
    QString m_workspacePath;
    ExportScope m_scope;
    AppSettings* m_settings;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_closeWhenDone = false;
    // Last: destroyed first, waiting for a running export before the widgets go.
    QThreadPool m_pool;
};
