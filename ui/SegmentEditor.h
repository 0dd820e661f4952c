#pragma once

#include "core/Result.h"
#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/Segment.h"
#include "ui/SegmentConditionRow.h"

#include <QDialog>
#include <QSqlDatabase>
#include <QThreadPool>
#include <QVector>

#include <atomic>
#include <memory>

namespace Ui {
class SegmentEditor;
}

class QTimer;

// Editing one saved segment: its name, all/any, and rows of conditions. As the rules change
// the editor counts the contacts they match and who would be left out (AudienceQuery with only
// this segment, on a worker with its own connection; a change cancels the count under way).
// The engine's validation message (it names the condition) is shown instead of a count while
// the rules are incomplete; Save refuses them the same way.
class SegmentEditor : public QDialog
{
    Q_OBJECT

public:
    // `segment.id` 0: a new segment.
    SegmentEditor(QSqlDatabase db, const QString& workspacePath, const Segment& segment, QWidget* parent = nullptr);
    ~SegmentEditor() override;

    // The segment the widgets describe (id of the one edited, 0 for a new one).
    Segment segment() const;
    // The id saved under, once Save succeeded.
    qint64 savedId() const { return m_segment.id; }

    QVector<SegmentConditionRow*> conditionRows() const { return m_rows; }
    SegmentConditionRow* addCondition();
    // True from a change until its count is shown (or the rules are found incomplete).
    bool isCounting() const { return m_countPending; }
    // The last count shown, for tests.
    std::optional<AudienceCount> lastCount() const { return m_lastCount; }

    void accept() override;

private:
    void scheduleCount();
    void startCount();
    void onCounted(quint64 generation, const Result<AudienceCount>& result);
    void removeRow(SegmentConditionRow* row);
    void updateTabOrder();

    const std::unique_ptr<Ui::SegmentEditor> m_ui;
    QSqlDatabase m_db;
    QString m_workspacePath;
    Segment m_segment;
    SegmentFieldChoices m_choices;
    QVector<SegmentConditionRow*> m_rows;
    QTimer* m_countTimer = nullptr;
    bool m_countPending = false;
    std::optional<AudienceCount> m_lastCount;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    // Last: destroyed first, waiting for a (cancelled) count before the widgets go.
    QThreadPool m_pool;
};
