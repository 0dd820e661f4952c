#include "ui/SegmentEditor.h"
#include "ui_SegmentEditor.h"

#include "core/campaigns/SegmentRepository.h"
#include "core/storage/Connection.h"

#include <QComboBox>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// Typing settles for this long before the contacts are counted again.
constexpr int countDebounceMs = 250;

QString number(qint64 n)
{
    return QLocale().toString(n);
}

int clampToInt(qint64 n)
{
    return static_cast<int>(std::min<qint64>(n, INT_MAX));
}

} // namespace

SegmentEditor::SegmentEditor(QSqlDatabase db, const QString& workspacePath, const Segment& segment, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SegmentEditor>())
    , m_db(std::move(db))
    , m_workspacePath(workspacePath)
    , m_segment(segment)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("segmentEditor"));
    setWindowTitle(segment.id == 0 ? tr("New Segment") : tr("Segment “%1”").arg(segment.name));
    m_pool.setMaxThreadCount(1);
    m_ui->matchComboBox->addItem(tr("all"), static_cast<int>(SegmentMatch::All));
    m_ui->matchComboBox->addItem(tr("any"), static_cast<int>(SegmentMatch::Any));
    m_ui->matchComboBox->setCurrentIndex(segment.match == SegmentMatch::Any ? 1 : 0);
    m_ui->nameLineEdit->setText(segment.name);

    if (Result<SegmentFieldChoices> choices = SegmentFieldChoices::load(m_db)) {
        m_choices = std::move(choices).value();
    } else {
        m_ui->errorLabel->setText(choices.error().message);
    }

    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(countDebounceMs);
    connect(m_countTimer, &QTimer::timeout, this, &SegmentEditor::startCount);

    for (const SegmentCondition& condition : segment.conditions) {
        addCondition()->setCondition(condition);
    }
    connect(m_ui->addConditionButton, &QPushButton::clicked, this, [this] {
        SegmentConditionRow* row = addCondition();
        row->setFocus(Qt::OtherFocusReason);
    });
    connect(m_ui->matchComboBox, &QComboBox::currentIndexChanged, this, &SegmentEditor::scheduleCount);
    connect(m_ui->nameLineEdit, &QLineEdit::textChanged, this, [this] { m_ui->errorLabel->clear(); });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SegmentEditor::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SegmentEditor::reject);
    updateTabOrder();
    // The first count at once: the person sees what the segment holds before changing it.
    m_countPending = true;
    startCount();
}

SegmentEditor::~SegmentEditor()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_pool.waitForDone();
}

SegmentConditionRow* SegmentEditor::addCondition()
{
    auto* row = new SegmentConditionRow(&m_choices, m_ui->conditionsWidget);
    row->setObjectName(QStringLiteral("conditionRow%1").arg(m_rows.size() + 1));
    auto* layout = qobject_cast<QVBoxLayout*>(m_ui->conditionsWidget->layout());
    // Before the stretch that keeps the rows at the top.
    layout->insertWidget(static_cast<int>(m_rows.size()), row);
    m_rows.append(row);
    connect(row, &SegmentConditionRow::changed, this, &SegmentEditor::scheduleCount);
    connect(row, &SegmentConditionRow::removeRequested, this, [this, row] { removeRow(row); });
    updateTabOrder();
    scheduleCount();
    return row;
}

void SegmentEditor::removeRow(SegmentConditionRow* row)
{
    const qsizetype index = m_rows.indexOf(row);
    if (index < 0) {
        return;
    }
    m_rows.removeAt(index);
    row->hide();
    row->deleteLater();
    // Focus stays in the conditions, not lost with the row.
    if (!m_rows.isEmpty()) {
        m_rows.at(std::min<qsizetype>(index, m_rows.size() - 1))->setFocus(Qt::OtherFocusReason);
    } else {
        m_ui->addConditionButton->setFocus(Qt::OtherFocusReason);
    }
    updateTabOrder();
    scheduleCount();
}

void SegmentEditor::updateTabOrder()
{
    QWidget* previous = m_ui->matchComboBox;
    for (SegmentConditionRow* row : std::as_const(m_rows)) {
        setTabOrder(previous, row->fieldComboBox());
        previous = row->removeButton();
    }
    setTabOrder(previous, m_ui->addConditionButton);
}

Segment SegmentEditor::segment() const
{
    Segment segment = m_segment;
    segment.name = m_ui->nameLineEdit->text().simplified();
    segment.match = static_cast<SegmentMatch>(m_ui->matchComboBox->currentData().toInt());
    segment.conditions.clear();
    for (const SegmentConditionRow* row : m_rows) {
        segment.conditions.append(row->condition());
    }
    return segment;
}

void SegmentEditor::scheduleCount()
{
    m_countPending = true;
    m_ui->countLabel->setText(tr("Counting…"));
    m_countTimer->start();
}

void SegmentEditor::startCount()
{
    m_countTimer->stop();
    if (m_cancel) {
        m_cancel->store(true);
    }
    // Whatever happens next, an answer still on its way is for rules that have changed.
    ++m_generation;
    const Segment rules = segment();
    if (Status valid = rules.validate(m_choices.schema); !valid) {
        m_ui->errorLabel->setText(valid.error().message);
        m_ui->countLabel->setText(tr("Complete the conditions to see how many contacts match."));
        m_ui->leftOutLabel->clear();
        m_cancel.reset();
        m_countPending = false;
        return;
    }
    m_ui->errorLabel->clear();
    m_countPending = true;
    const quint64 generation = m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const QString path = m_workspacePath;
    AudienceSpec spec;
    spec.segment = rules;
    m_pool.start([this, generation, cancel, path, spec] {
        Result<AudienceCount> result = Error{ErrorCode::Cancelled, QString()};
        if (!cancel->load()) {
            Result<Connection> connection = Connection::open(path, Connection::Mode::ReadOnly);
            if (!connection) {
                result = connection.error();
            } else {
                AudienceQuery query(connection->database(), spec);
                query.setCancelFlag(cancel.get());
                result = query.count();
            }
        }
        QMetaObject::invokeMethod(
            this, [this, generation, result] { onCounted(generation, result); }, Qt::QueuedConnection);
    });
}

void SegmentEditor::onCounted(quint64 generation, const Result<AudienceCount>& result)
{
    // An answer to rules that have since changed is dropped; the newer count is on its way.
    if (generation != m_generation || m_countTimer->isActive()) {
        return;
    }
    m_cancel.reset();
    m_countPending = false;
    if (!result) {
        if (result.error().code != ErrorCode::Cancelled) {
            m_ui->countLabel->clear();
            m_ui->errorLabel->setText(result.error().message);
        }
        return;
    }
    const AudienceCount& count = result.value();
    m_lastCount = count;
    m_ui->countLabel->setText(
        tr("%Ln contact(s) match; %1 would receive a campaign.", nullptr, clampToInt(count.matched()))
            .arg(number(count.recipients)));
    const qint64 leftOut = count.matched() - count.recipients;
    m_ui->leftOutLabel->setText(
        leftOut == 0 ? QString()
                     : tr("Left out whatever the rules say: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed.")
                           .arg(number(count.leftOutUnsubscribed), number(count.leftOutBounced),
                                number(count.leftOutComplained), number(count.leftOutSuppressed)));
}

void SegmentEditor::accept()
{
    const Segment candidate = segment();
    if (Status name = SegmentRepository::validateName(candidate.name); !name) {
        m_ui->errorLabel->setText(name.error().message);
        m_ui->nameLineEdit->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (Status valid = candidate.validate(m_choices.schema); !valid) {
        m_ui->errorLabel->setText(valid.error().message);
        return;
    }
    SegmentRepository repository(m_db);
    if (candidate.id == 0) {
        Result<qint64> id = repository.create(candidate);
        if (!id) {
            m_ui->errorLabel->setText(id.error().message);
            return;
        }
        m_segment = candidate;
        m_segment.id = id.value();
    } else {
        if (Status updated = repository.update(candidate); !updated) {
            m_ui->errorLabel->setText(updated.error().message);
            return;
        }
        m_segment = candidate;
    }
    QDialog::accept();
}
