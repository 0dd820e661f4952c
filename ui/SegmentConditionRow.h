#pragma once

#include "core/Result.h"
#include "core/campaigns/Segment.h"
#include "core/campaigns/SegmentSchema.h"
#include "core/contacts/Group.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QSpinBox;
class QStackedWidget;
class QToolButton;

// What a segment's conditions can look at in one workspace: the built-in fields the engine
// accepts (segmentValueType decides, not a list of our own), custom fields, tag, list and status;
// and the tags and lists to pick from.
struct SegmentFieldChoices
{
    struct Field
    {
        QString label;
        SegmentCondition prototype; // kind, column or custom field id
        SegmentValueType type = SegmentValueType::Text;
    };
    QVector<Field> fields;
    QVector<Group> tags;
    QVector<Group> lists;
    SegmentSchema schema;

    static Result<SegmentFieldChoices> load(QSqlDatabase db);
    // The index in `fields` of the field a condition looks at, -1 when it has none (a deleted custom field).
    int indexOf(const SegmentCondition& condition) const;
};

// One condition of the segment editor: field, operator (those the field's type offers, from
// segmentOperatorsFor), and a value editor fitting both (text, number, date, days, tag or
// list, status; none for "is empty", "is yes"). Hand-written: the rows come and go.
class SegmentConditionRow : public QWidget
{
    Q_OBJECT

public:
    SegmentConditionRow(const SegmentFieldChoices* choices, QWidget* parent = nullptr);
    ~SegmentConditionRow() override;

    SegmentCondition condition() const;
    void setCondition(const SegmentCondition& condition);

    // For tests and tab order: the widgets a person works with.
    QComboBox* fieldComboBox() const { return m_fieldComboBox; }
    QComboBox* operatorComboBox() const { return m_operatorComboBox; }
    // The value editor shown now, nullptr when the operator takes no value.
    QWidget* valueEditor() const;
    QToolButton* removeButton() const { return m_removeButton; }

    // Selects by visible text or by data; false when there is no such item.
    bool chooseField(const QString& label);
    bool chooseOperator(SegmentOperator op);

Q_SIGNALS:
    void changed();
    void removeRequested();

private:
    void onFieldChanged();
    void onOperatorChanged();
    const SegmentFieldChoices::Field* currentField() const;
    SegmentOperator currentOperator() const;
    void fillGroups(const QVector<Group>& groups);

    const SegmentFieldChoices* m_choices;
    QComboBox* m_fieldComboBox = nullptr;
    QComboBox* m_operatorComboBox = nullptr;
    QStackedWidget* m_valueStack = nullptr;
    QWidget* m_noValue = nullptr;
    QLineEdit* m_textLineEdit = nullptr;
    QLineEdit* m_numberLineEdit = nullptr;
    QDateEdit* m_dateEdit = nullptr;
    QSpinBox* m_daysSpinBox = nullptr;
    QComboBox* m_groupComboBox = nullptr;
    QComboBox* m_statusComboBox = nullptr;
    QToolButton* m_removeButton = nullptr;
};
