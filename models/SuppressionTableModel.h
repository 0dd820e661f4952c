#pragma once

#include "core/campaigns/SuppressionList.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>
#include <QVector>

// The suppression list, a page of 256 entries at a time in the order they were added
// (SuppressionList::page, keyset paging): the view asks for the next page as it scrolls, so
// a list of a million addresses never loads whole. data() reads only what is loaded.
class SuppressionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { PatternColumn, KindColumn, ReasonColumn, AddedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, KindRole };

    explicit SuppressionTableModel(QObject* parent = nullptr);
    ~SuppressionTableModel() override;

    // Starts again from the first page of this workspace's list (an invalid database: empty).
    void setDatabase(QSqlDatabase db);
    void reload();
    // Entries per page.
    static constexpr int pageSize = 256;

    Suppression suppressionAt(int row) const { return m_rows.value(row); }
    // The error of the last page read, empty when it was read.
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

private:
    // Reads the page after the last row into m_pending.
    void readPage();

    QSqlDatabase m_db;
    QVector<Suppression> m_rows;
    QVector<Suppression> m_pending;
    bool m_atEnd = true;
    bool m_resetting = false;
    QString m_lastError;
};
