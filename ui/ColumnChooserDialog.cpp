#include "ui/ColumnChooserDialog.h"

#include "ui_ColumnChooserDialog.h"

#include <QPushButton>

ColumnChooserDialog::ColumnChooserDialog(const QVector<Column>& columns, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ColumnChooserDialog>())
{
    m_ui->setupUi(this);
    for (const Column& column : columns) {
        auto* item = new QListWidgetItem(column.label, m_ui->columnsListWidget);
        item->setData(Qt::UserRole, column.key);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(column.visible ? Qt::Checked : Qt::Unchecked);
    }
    connect(m_ui->columnsListWidget, &QListWidget::itemChanged, this, &ColumnChooserDialog::updateOkButton);
    updateOkButton();
}

ColumnChooserDialog::~ColumnChooserDialog() = default;

QVector<ColumnChooserDialog::Column> ColumnChooserDialog::columns() const
{
    QVector<Column> result;
    for (int i = 0; i < m_ui->columnsListWidget->count(); ++i) {
        const QListWidgetItem* item = m_ui->columnsListWidget->item(i);
        result.append({item->data(Qt::UserRole).toString(), item->text(), item->checkState() == Qt::Checked});
    }
    return result;
}

void ColumnChooserDialog::updateOkButton()
{
    // A table with no column at all would leave nothing to click to get them back.
    bool any = false;
    for (int i = 0; i < m_ui->columnsListWidget->count(); ++i) {
        any = any || m_ui->columnsListWidget->item(i)->checkState() == Qt::Checked;
    }
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(any);
}
