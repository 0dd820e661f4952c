#pragma once

#include "core/delivery/Outbox.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

#include <optional>

class OutboxLoader;

// A campaign's recipients in the outbox, in id order, optionally of one state. Pages arrive
// from the OutboxLoader's thread by keyset (id > the last one shown), as the view scrolls:
// the outbox is never loaded whole. refresh() reloads the rows already shown (the engine
// changes their states), keeping the rows' places when their ids did not change.
class OutboxTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { EmailColumn, StateColumn, AttemptsColumn, AccountColumn, UpdatedColumn, ReplyColumn, ColumnCount };
    enum Role { ItemIdRole = Qt::UserRole + 1, StateRole };

    static constexpr int kPageSize = 256;

    explicit OutboxTableModel(OutboxLoader* loader, QObject* parent = nullptr);
    ~OutboxTableModel() override;

    // Shows the campaign's rows (in `state` if given) from the first; 0: nothing.
    void setCampaign(qint64 campaignId, std::optional<OutboxState> state = std::nullopt);
    qint64 campaignId() const { return m_campaignId; }
    std::optional<OutboxState> stateFilter() const { return m_state; }
    // Account names for the Account column.
    void setAccountNames(const QHash<qint64, QString>& names);
    // Reloads the rows shown so far (at least a page).
    void refresh();
    bool isLoading() const { return m_pending != 0; }

    OutboxItem item(int row) const { return m_rows.at(row); }
    int rowOfItem(qint64 itemId) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    // A page (or a refresh) arrived and is shown.
    void loaded();
    void errorOccurred(const QString& message);

private:
    enum class Request { None, Append, Reload };
    void request(Request kind, qint64 afterId, int limit);
    void onPageLoaded(quint64 ticket, const QVector<OutboxItem>& rows);

    OutboxLoader* m_loader;
    qint64 m_campaignId = 0;
    std::optional<OutboxState> m_state;
    QVector<OutboxItem> m_rows;
    QHash<qint64, QString> m_accountNames;
    bool m_atEnd = true;
    quint64 m_ticket = 0;
    quint64 m_pending = 0; // the ticket awaited, 0 when none
    Request m_pendingKind = Request::None;
    int m_pendingLimit = 0;
    bool m_refreshAgain = false;
};
