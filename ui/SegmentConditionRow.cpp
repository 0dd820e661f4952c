#include "ui/SegmentConditionRow.h"

#include "core/contacts/Contact.h"
#include "core/contacts/ContactColumn.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"

#include <QComboBox>
#include <QDate>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>

namespace {

// The engine refuses longer spans as typos.
constexpr int maximumDays = 36500;

bool isDaysOperator(SegmentOperator op)
{
    return op == SegmentOperator::WithinLastDays || op == SegmentOperator::MoreThanDaysAgo;
}

} // namespace

Result<SegmentFieldChoices> SegmentFieldChoices::load(QSqlDatabase db)
{
    SegmentFieldChoices choices;
    Result<SegmentSchema> schema = SegmentSchema::load(db);
    if (!schema) {
        return schema.error();
    }
    choices.schema = schema.value();
    // Built-in columns: whichever the engine gives a value type (tags, lists and status have their own rows).
    for (const ContactColumnInfo& info : contactColumns()) {
        const SegmentCondition prototype = SegmentCondition::onColumn(info.column, SegmentOperator::Is);
        if (const std::optional<SegmentValueType> type = segmentValueType(prototype, choices.schema)) {
            choices.fields.append({contactColumnLabel(info.column), prototype, *type});
        }
    }
    Result<QVector<CustomField>> custom = CustomFieldRepository(db).all();
    if (!custom) {
        return custom.error();
    }
    for (const CustomField& field : custom.value()) {
        const SegmentCondition prototype = SegmentCondition::onCustomField(field.id, SegmentOperator::Is);
        if (const std::optional<SegmentValueType> type = segmentValueType(prototype, choices.schema)) {
            choices.fields.append({field.name, prototype, *type});
        }
    }
    const SegmentCondition tag = SegmentCondition::onTag(SegmentOperator::Has, 0);
    const SegmentCondition list = SegmentCondition::onList(SegmentOperator::Has, 0);
    const SegmentCondition status = SegmentCondition::onStatus(SegmentOperator::Is, ContactStatus::Subscribed);
    choices.fields.append({SegmentConditionRow::tr("Tag"), tag, SegmentValueType::Group});
    choices.fields.append({SegmentConditionRow::tr("List"), list, SegmentValueType::Group});
    choices.fields.append({contactColumnLabel(ContactColumn::Status), status, SegmentValueType::Status});

    Result<QVector<Group>> tags = GroupRepository(db, GroupKind::Tag).all();
    if (!tags) {
        return tags.error();
    }
    choices.tags = tags.value();
    Result<QVector<Group>> lists = GroupRepository(db, GroupKind::List).all();
    if (!lists) {
        return lists.error();
    }
    choices.lists = lists.value();
    return choices;
}

int SegmentFieldChoices::indexOf(const SegmentCondition& condition) const
{
    for (int i = 0; i < fields.size(); ++i) {
        const SegmentCondition& p = fields.at(i).prototype;
        if (p.kind != condition.kind) {
            continue;
        }
        if ((p.kind == SegmentFieldKind::Column && p.column == condition.column) ||
            (p.kind == SegmentFieldKind::CustomField && p.customFieldId == condition.customFieldId) ||
            p.kind == SegmentFieldKind::Tag || p.kind == SegmentFieldKind::List || p.kind == SegmentFieldKind::Status) {
            return i;
        }
    }
    return -1;
}

SegmentConditionRow::SegmentConditionRow(const SegmentFieldChoices* choices, QWidget* parent)
    : QWidget(parent)
    , m_choices(choices)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_fieldComboBox = new QComboBox(this);
    m_fieldComboBox->setObjectName(QStringLiteral("fieldComboBox"));
    m_fieldComboBox->setAccessibleName(tr("Field"));
    for (int i = 0; i < m_choices->fields.size(); ++i) {
        m_fieldComboBox->addItem(m_choices->fields.at(i).label, i);
    }
    m_operatorComboBox = new QComboBox(this);
    m_operatorComboBox->setObjectName(QStringLiteral("operatorComboBox"));
    m_operatorComboBox->setAccessibleName(tr("Comparison"));

    m_valueStack = new QStackedWidget(this);
    m_noValue = new QWidget(m_valueStack);
    m_textLineEdit = new QLineEdit(m_valueStack);
    m_textLineEdit->setObjectName(QStringLiteral("textValueLineEdit"));
    m_textLineEdit->setAccessibleName(tr("Value"));
    m_numberLineEdit = new QLineEdit(m_valueStack);
    m_numberLineEdit->setObjectName(QStringLiteral("numberValueLineEdit"));
    m_numberLineEdit->setAccessibleName(tr("Number"));
    m_numberLineEdit->setPlaceholderText(tr("a number, such as 12.5"));
    m_numberLineEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?[0-9]*([.,][0-9]*)?")), m_numberLineEdit));
    m_dateEdit = new QDateEdit(QDate::currentDate(), m_valueStack);
    m_dateEdit->setObjectName(QStringLiteral("dateValueEdit"));
    m_dateEdit->setAccessibleName(tr("Date"));
    m_dateEdit->setCalendarPopup(true);
    m_dateEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_daysSpinBox = new QSpinBox(m_valueStack);
    m_daysSpinBox->setObjectName(QStringLiteral("daysValueSpinBox"));
    m_daysSpinBox->setAccessibleName(tr("Number of days"));
    m_daysSpinBox->setRange(0, maximumDays);
    m_daysSpinBox->setValue(30);
    m_daysSpinBox->setSuffix(tr(" days"));
    m_groupComboBox = new QComboBox(m_valueStack);
    m_groupComboBox->setObjectName(QStringLiteral("groupValueComboBox"));
    m_groupComboBox->setAccessibleName(tr("Tag or list"));
    m_statusComboBox = new QComboBox(m_valueStack);
    m_statusComboBox->setObjectName(QStringLiteral("statusValueComboBox"));
    m_statusComboBox->setAccessibleName(tr("Status"));
    for (ContactStatus status : allContactStatuses()) {
        m_statusComboBox->addItem(contactStatusLabel(status), static_cast<int>(status));
    }
    for (QWidget* page : {m_noValue, static_cast<QWidget*>(m_textLineEdit), static_cast<QWidget*>(m_numberLineEdit),
                          static_cast<QWidget*>(m_dateEdit), static_cast<QWidget*>(m_daysSpinBox),
                          static_cast<QWidget*>(m_groupComboBox), static_cast<QWidget*>(m_statusComboBox)}) {
        m_valueStack->addWidget(page);
    }

    m_removeButton = new QToolButton(this);
    m_removeButton->setObjectName(QStringLiteral("removeConditionButton"));
    m_removeButton->setText(tr("Remove"));
    m_removeButton->setToolTip(tr("Remove this condition"));
    m_removeButton->setAccessibleName(tr("Remove this condition"));

    // A row is one line high, whatever the space the editor has for its rows.
    m_valueStack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    layout->addWidget(m_fieldComboBox, 2);
    layout->addWidget(m_operatorComboBox, 2);
    layout->addWidget(m_valueStack, 3);
    layout->addWidget(m_removeButton);
    setFocusProxy(m_fieldComboBox);

    connect(m_fieldComboBox, &QComboBox::currentIndexChanged, this, &SegmentConditionRow::onFieldChanged);
    connect(m_operatorComboBox, &QComboBox::currentIndexChanged, this, &SegmentConditionRow::onOperatorChanged);
    connect(m_textLineEdit, &QLineEdit::textChanged, this, &SegmentConditionRow::changed);
    connect(m_numberLineEdit, &QLineEdit::textChanged, this, &SegmentConditionRow::changed);
    connect(m_dateEdit, &QDateEdit::dateChanged, this, &SegmentConditionRow::changed);
    connect(m_daysSpinBox, &QSpinBox::valueChanged, this, &SegmentConditionRow::changed);
    connect(m_groupComboBox, &QComboBox::currentIndexChanged, this, &SegmentConditionRow::changed);
    connect(m_statusComboBox, &QComboBox::currentIndexChanged, this, &SegmentConditionRow::changed);
    connect(m_removeButton, &QToolButton::clicked, this, &SegmentConditionRow::removeRequested);
    onFieldChanged();
}

SegmentConditionRow::~SegmentConditionRow() = default;

const SegmentFieldChoices::Field* SegmentConditionRow::currentField() const
{
    const int index = m_fieldComboBox->currentData().toInt();
    if (m_fieldComboBox->currentIndex() < 0 || index < 0 || index >= m_choices->fields.size()) {
        return nullptr;
    }
    return &m_choices->fields.at(index);
}

SegmentOperator SegmentConditionRow::currentOperator() const
{
    return static_cast<SegmentOperator>(m_operatorComboBox->currentData().toInt());
}

QWidget* SegmentConditionRow::valueEditor() const
{
    QWidget* current = m_valueStack->currentWidget();
    return current == m_noValue ? nullptr : current;
}

bool SegmentConditionRow::chooseField(const QString& label)
{
    const int index = m_fieldComboBox->findText(label);
    if (index < 0) {
        return false;
    }
    m_fieldComboBox->setCurrentIndex(index);
    return true;
}

bool SegmentConditionRow::chooseOperator(SegmentOperator op)
{
    const int index = m_operatorComboBox->findData(static_cast<int>(op));
    if (index < 0) {
        return false;
    }
    m_operatorComboBox->setCurrentIndex(index);
    return true;
}

void SegmentConditionRow::fillGroups(const QVector<Group>& groups)
{
    const QSignalBlocker blocker(m_groupComboBox);
    m_groupComboBox->clear();
    for (const Group& group : groups) {
        m_groupComboBox->addItem(group.name, group.id);
    }
}

void SegmentConditionRow::onFieldChanged()
{
    const SegmentFieldChoices::Field* field = currentField();
    {
        const QSignalBlocker blocker(m_operatorComboBox);
        const SegmentOperator previous = currentOperator();
        m_operatorComboBox->clear();
        if (field) {
            for (SegmentOperator op : segmentOperatorsFor(field->type)) {
                m_operatorComboBox->addItem(segmentOperatorLabel(op), static_cast<int>(op));
            }
        }
        // Keep the comparison when the new field offers it too (is -> is).
        const int same = m_operatorComboBox->findData(static_cast<int>(previous));
        m_operatorComboBox->setCurrentIndex(same >= 0 ? same : 0);
    }
    if (field && field->prototype.kind == SegmentFieldKind::Tag) {
        fillGroups(m_choices->tags);
    } else if (field && field->prototype.kind == SegmentFieldKind::List) {
        fillGroups(m_choices->lists);
    }
    onOperatorChanged();
}

void SegmentConditionRow::onOperatorChanged()
{
    const SegmentFieldChoices::Field* field = currentField();
    const SegmentOperator op = currentOperator();
    QWidget* page = m_noValue;
    if (field && m_operatorComboBox->currentIndex() >= 0 && segmentOperatorTakesValue(op)) {
        switch (field->type) {
        case SegmentValueType::Text:
            page = m_textLineEdit;
            break;
        case SegmentValueType::Number:
            page = m_numberLineEdit;
            break;
        case SegmentValueType::Date:
            page = isDaysOperator(op) ? static_cast<QWidget*>(m_daysSpinBox) : static_cast<QWidget*>(m_dateEdit);
            break;
        case SegmentValueType::YesNo:
            break;
        case SegmentValueType::Group:
            page = m_groupComboBox;
            break;
        case SegmentValueType::Status:
            page = m_statusComboBox;
            break;
        }
    }
    m_valueStack->setCurrentWidget(page);
    // The row's tab order follows what is shown: field, comparison, value, remove.
    setTabOrder(m_fieldComboBox, m_operatorComboBox);
    setTabOrder(m_operatorComboBox, page == m_noValue ? static_cast<QWidget*>(m_removeButton) : page);
    if (page != m_noValue) {
        setTabOrder(page, m_removeButton);
    }
    Q_EMIT changed();
}

SegmentCondition SegmentConditionRow::condition() const
{
    const SegmentFieldChoices::Field* field = currentField();
    if (!field) {
        return {};
    }
    SegmentCondition c = field->prototype;
    c.op = currentOperator();
    c.value.clear();
    c.days = 0;
    c.groupId = 0;
    if (!segmentOperatorTakesValue(c.op)) {
        return c;
    }
    switch (field->type) {
    case SegmentValueType::Text:
        c.value = m_textLineEdit->text();
        break;
    case SegmentValueType::Number: {
        // As typed in this locale (12,5 in German) or in the C locale; the rules keep "12.5".
        const QString text = m_numberLineEdit->text().trimmed();
        bool ok = false;
        (void)QLocale::c().toDouble(text, &ok);
        c.value = text;
        if (!ok) {
            const double local = QLocale().toDouble(text, &ok);
            if (ok) {
                c.value = QString::number(local, 'g', 15);
            }
        }
        break;
    }
    case SegmentValueType::Date:
        if (isDaysOperator(c.op)) {
            c.days = m_daysSpinBox->value();
        } else {
            c.value = m_dateEdit->date().toString(Qt::ISODate);
        }
        break;
    case SegmentValueType::YesNo:
        break;
    case SegmentValueType::Group:
        c.groupId = m_groupComboBox->currentData().toLongLong();
        break;
    case SegmentValueType::Status:
        c.value = contactStatusName(static_cast<ContactStatus>(m_statusComboBox->currentData().toInt()));
        break;
    }
    return c;
}

void SegmentConditionRow::setCondition(const SegmentCondition& condition)
{
    const int field = m_choices->indexOf(condition);
    if (field < 0) {
        return;
    }
    m_fieldComboBox->setCurrentIndex(m_fieldComboBox->findData(field));
    chooseOperator(condition.op);
    switch (m_choices->fields.at(field).type) {
    case SegmentValueType::Text:
        m_textLineEdit->setText(condition.value);
        break;
    case SegmentValueType::Number:
        m_numberLineEdit->setText(condition.value);
        break;
    case SegmentValueType::Date:
        if (isDaysOperator(condition.op)) {
            m_daysSpinBox->setValue(condition.days);
        } else if (const QDate date = QDate::fromString(condition.value, Qt::ISODate); date.isValid()) {
            m_dateEdit->setDate(date);
        }
        break;
    case SegmentValueType::YesNo:
        break;
    case SegmentValueType::Group:
        m_groupComboBox->setCurrentIndex(m_groupComboBox->findData(condition.groupId));
        break;
    case SegmentValueType::Status:
        if (const std::optional<ContactStatus> status = contactStatusFromName(condition.value)) {
            m_statusComboBox->setCurrentIndex(m_statusComboBox->findData(static_cast<int>(*status)));
        }
        break;
    }
}
