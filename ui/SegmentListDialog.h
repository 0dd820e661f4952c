#pragma once

#include "core/campaigns/Segment.h"

#include <QDialog>
#include <QPointer>
#include <QSqlDatabase>
#include <QVector>

#include <memory>

namespace Ui {
class SegmentListDialog;
}

class SegmentEditor;

// Tools > Segments…: the saved segments, by name, with New, Edit and Delete. Editing opens a
// SegmentEditor over this dialog; a segment a campaign still uses is not deleted (the engine
// says which campaigns).
class SegmentListDialog : public QDialog
{
    Q_OBJECT

public:
    SegmentListDialog(QSqlDatabase db, const QString& workspacePath, QWidget* parent = nullptr);
    ~SegmentListDialog() override;

    QVector<Segment> segments() const { return m_segments; }
    // The editor while it is open, else nullptr.
    SegmentEditor* editor() const;
    void selectSegment(qint64 id);

private:
    void reload();
    void newSegment();
    void editSelected();
    void deleteSelected();
    void openEditor(const Segment& segment);
    void updateButtons();
    int selectedIndex() const;

    const std::unique_ptr<Ui::SegmentListDialog> m_ui;
    QSqlDatabase m_db;
    QString m_workspacePath;
    QVector<Segment> m_segments;
    QPointer<SegmentEditor> m_editor;
};
