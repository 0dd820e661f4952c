#pragma once

#include "core/contacts/ContactQuery.h"
#include "models/SidebarLoader.h"

#include <QAbstractItemModel>
#include <QThread>

#include <optional>

// The sidebar: "All contacts", then the sections Lists, Tags and Status, each item with its
// member count. Counts are made in a background thread (they take longer than a frame on a
// million contacts); until the first counts arrive the items are there with blank counts.
// Column 0 is the name, column 1 the count; the roles give what a view needs to turn a
// selected item into a ContactFilter (or call filterFor()).
class SidebarModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role { KindRole = Qt::UserRole + 1, IdRole, StatusRole, NameRole, CountRole };
    enum class Kind { All, ListsSection, TagsSection, StatusSection, List, Tag, Status };
    Q_ENUM(Kind)
    enum Column { NameColumn, CountColumn, ColumnCount };

    explicit SidebarModel(const QString& workspacePath, QObject* parent = nullptr);
    ~SidebarModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Recounts in the background; calls made while a count runs are folded into one more.
    void refresh();
    bool isLoading() const { return m_loading; }
    bool hasCounts() const { return m_hasCounts; }

    Kind kindOf(const QModelIndex& index) const;
    // The filter a click on this item means; nullopt for a section heading.
    std::optional<ContactFilter> filterFor(const QModelIndex& index) const;
    // Finds an item again after a reset (a list or tag by id, a status by its integer value).
    QModelIndex indexFor(Kind kind, qint64 id = 0) const;

Q_SIGNALS:
    void countsLoaded();
    void loadingChanged(bool loading);
    void errorOccurred(const QString& message);

private:
    enum TopRow { AllRow, ListsRow, TagsRow, StatusRow, TopRowCount };

    void startLoad();
    void setLoading(bool loading);
    void onLoaded(quint64 generation, const SidebarCounts& counts);
    void onFailed(quint64 generation, const QString& message);
    QString countText(qint64 count) const;
    qint64 countOf(const QModelIndex& index) const;
    QString nameOf(const QModelIndex& index) const;

    QThread m_thread;
    SidebarLoader* m_loader = nullptr; // lives in m_thread; deleted when it finishes
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_reloadWanted = false;
    bool m_hasCounts = false;
    SidebarCounts m_counts;
};
