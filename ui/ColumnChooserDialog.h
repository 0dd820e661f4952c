#pragma once

#include <QDialog>
#include <QString>
#include <QVector>

#include <memory>

namespace Ui {
class ColumnChooserDialog;
}

// Picks which table columns are shown, built-in and custom fields alike.
class ColumnChooserDialog : public QDialog
{
    Q_OBJECT

public:
    struct Column
    {
        QString key;
        QString label;
        bool visible = true;
    };

    explicit ColumnChooserDialog(const QVector<Column>& columns, QWidget* parent = nullptr);
    ~ColumnChooserDialog() override;

    // The keys the person left ticked, in table order.
    QVector<Column> columns() const;

private:
    void updateOkButton();

    const std::unique_ptr<Ui::ColumnChooserDialog> m_ui;
};
