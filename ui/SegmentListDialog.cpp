#include "ui/SegmentListDialog.h"
#include "ui_SegmentListDialog.h"

#include "ui/Dialogs.h"
#include "ui/SegmentEditor.h"

#include "core/campaigns/SegmentRepository.h"

#include <QListWidgetItem>
#include <QPushButton>

SegmentListDialog::SegmentListDialog(QSqlDatabase db, const QString& workspacePath, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SegmentListDialog>())
    , m_db(std::move(db))
    , m_workspacePath(workspacePath)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("segmentListDialog"));
    connect(m_ui->newButton, &QPushButton::clicked, this, &SegmentListDialog::newSegment);
    connect(m_ui->editButton, &QPushButton::clicked, this, &SegmentListDialog::editSelected);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &SegmentListDialog::deleteSelected);
    connect(m_ui->segmentsListWidget, &QListWidget::itemActivated, this, &SegmentListDialog::editSelected);
    connect(m_ui->segmentsListWidget, &QListWidget::currentRowChanged, this, &SegmentListDialog::updateButtons);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SegmentListDialog::reject);
    reload();
}

SegmentListDialog::~SegmentListDialog() = default;

SegmentEditor* SegmentListDialog::editor() const
{
    return m_editor;
}

void SegmentListDialog::reload()
{
    const int previous = selectedIndex();
    const qint64 previousId = previous >= 0 ? m_segments.at(previous).id : 0;
    Result<QVector<Segment>> all = SegmentRepository(m_db).all();
    m_segments = all ? all.value() : QVector<Segment>();
    m_ui->statusLabel->setText(all ? QString() : all.error().message);
    {
        const QSignalBlocker blocker(m_ui->segmentsListWidget);
        m_ui->segmentsListWidget->clear();
        for (const Segment& segment : std::as_const(m_segments)) {
            auto* item = new QListWidgetItem(segment.name, m_ui->segmentsListWidget);
            item->setData(Qt::UserRole, segment.id);
            item->setToolTip(segment.conditions.isEmpty()
                                 ? tr("No conditions: every contact")
                                 : tr("%Ln condition(s)", nullptr, static_cast<int>(segment.conditions.size())));
        }
    }
    m_ui->emptyLabel->setVisible(m_segments.isEmpty());
    selectSegment(previousId);
    if (selectedIndex() < 0 && !m_segments.isEmpty()) {
        m_ui->segmentsListWidget->setCurrentRow(0);
    }
    updateButtons();
}

void SegmentListDialog::selectSegment(qint64 id)
{
    for (int row = 0; row < m_segments.size(); ++row) {
        if (m_segments.at(row).id == id) {
            m_ui->segmentsListWidget->setCurrentRow(row);
            return;
        }
    }
}

int SegmentListDialog::selectedIndex() const
{
    const int row = m_ui->segmentsListWidget->currentRow();
    return row >= 0 && row < m_segments.size() ? row : -1;
}

void SegmentListDialog::updateButtons()
{
    const bool selected = selectedIndex() >= 0;
    m_ui->editButton->setEnabled(selected);
    m_ui->deleteButton->setEnabled(selected);
}

void SegmentListDialog::newSegment()
{
    openEditor(Segment{});
}

void SegmentListDialog::editSelected()
{
    const int index = selectedIndex();
    if (index >= 0) {
        openEditor(m_segments.at(index));
    }
}

void SegmentListDialog::openEditor(const Segment& segment)
{
    if (m_editor) {
        m_editor->raise();
        m_editor->activateWindow();
        return;
    }
    auto* editor = new SegmentEditor(m_db, m_workspacePath, segment, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        const qint64 id = editor->savedId();
        reload();
        selectSegment(id);
    });
    m_editor = editor;
    editor->open();
}

void SegmentListDialog::deleteSelected()
{
    const int index = selectedIndex();
    if (index < 0) {
        return;
    }
    const Segment segment = m_segments.at(index);
    if (Dialogs::question(this, tr("Delete Segment"), tr("Delete the segment “%1”?").arg(segment.name),
                          QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
        return;
    }
    if (Status removed = SegmentRepository(m_db).remove(segment.id); !removed) {
        Dialogs::warning(this, tr("Delete Segment"), removed.error().message);
        return;
    }
    reload();
}
