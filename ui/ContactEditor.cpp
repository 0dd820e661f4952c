#include "ui/ContactEditor.h"

#include "ui_ContactEditor.h"

#include "core/contacts/EmailAddress.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace {

// The earliest date of a date editor stands for "no date".
const QDate noDate(1900, 1, 1);

QStringList splitNames(const QString& text)
{
    QStringList names;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString& part : parts) {
        const QString name = part.simplified();
        if (!name.isEmpty() && !names.contains(name, Qt::CaseInsensitive)) {
            names.append(name);
        }
    }
    return names;
}

void setupDateEdit(QDateEdit* edit)
{
    edit->setMinimumDate(noDate);
    edit->setMaximumDate(QDate(9999, 12, 31));
    edit->setSpecialValueText(ContactEditor::tr("None"));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setCalendarPopup(true);
}

QDate dateOf(const QDateEdit* edit)
{
    return edit->date() == noDate ? QDate() : edit->date();
}

} // namespace

ContactEditor::ContactEditor(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ContactEditor>())
{
    m_ui->setupUi(this);

    for (ContactStatus status : allContactStatuses()) {
        m_ui->statusComboBox->addItem(contactStatusLabel(status), static_cast<int>(status));
    }
    setupDateEdit(m_ui->consentDateEdit);

    // An error label under every field, hidden until that field has a problem.
    for (int row = m_ui->formLayout->rowCount() - 1; row >= 0; --row) {
        QLayoutItem* item = m_ui->formLayout->itemAt(row, QFormLayout::FieldRole);
        QWidget* field = item ? item->widget() : nullptr;
        if (!field) {
            continue;
        }
        const QString key = field->property("contactKey").toString();
        QLabel* errorLabel = makeErrorLabel();
        m_ui->formLayout->insertRow(row + 1, static_cast<QWidget*>(nullptr), errorLabel);
        m_ui->formLayout->setRowVisible(errorLabel, false);
        m_fieldWidgets.insert(key, field);
        m_errorLabels.insert(key, errorLabel);
        connectEdits(field);
    }

    m_ui->customFieldsGroupBox->setVisible(false);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &ContactEditor::save);
    connect(m_ui->revertButton, &QPushButton::clicked, this, &ContactEditor::revert);
    clearContact();
}

ContactEditor::~ContactEditor() = default;

QLabel* ContactEditor::makeErrorLabel()
{
    auto* label = new QLabel(this);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("color: #c0392b;"));
    label->setAccessibleName(tr("Problem"));
    return label;
}

void ContactEditor::connectEdits(QWidget* widget)
{
    if (auto* lineEdit = qobject_cast<QLineEdit*>(widget)) {
        connect(lineEdit, &QLineEdit::textEdited, this, &ContactEditor::onEdited);
    } else if (auto* combo = qobject_cast<QComboBox*>(widget)) {
        connect(combo, &QComboBox::currentIndexChanged, this, &ContactEditor::onEdited);
    } else if (auto* dateEdit = qobject_cast<QDateEdit*>(widget)) {
        connect(dateEdit, &QDateEdit::dateChanged, this, &ContactEditor::onEdited);
    } else if (auto* textEdit = qobject_cast<QPlainTextEdit*>(widget)) {
        connect(textEdit, &QPlainTextEdit::textChanged, this, &ContactEditor::onEdited);
    } else if (auto* spinBox = qobject_cast<QDoubleSpinBox*>(widget)) {
        connect(spinBox, &QDoubleSpinBox::valueChanged, this, &ContactEditor::onEdited);
    } else if (auto* checkBox = qobject_cast<QCheckBox*>(widget)) {
        connect(checkBox, &QCheckBox::stateChanged, this, &ContactEditor::onEdited);
    }
}

void ContactEditor::setValidator(Validator validator)
{
    m_validator = std::move(validator);
}

void ContactEditor::setCustomFields(const QVector<CustomField>& fields)
{
    const Contact edited = contact();
    const bool wasModified = m_modified;
    while (m_ui->customFieldsLayout->rowCount() > 0) {
        m_ui->customFieldsLayout->removeRow(0);
    }
    m_customEditors.clear();
    m_loadedRendering.clear();

    for (const CustomField& field : fields) {
        CustomFieldEditor editor;
        editor.field = field;
        switch (field.type) {
        case FieldType::Text:
            editor.widget = new QLineEdit(this);
            break;
        case FieldType::Number: {
            auto* spinBox = new QDoubleSpinBox(this);
            spinBox->setRange(-1e12, 1e12);
            spinBox->setDecimals(2);
            // The lowest value stands for "no value", shown blank.
            spinBox->setSpecialValueText(QStringLiteral(" "));
            editor.widget = spinBox;
            break;
        }
        case FieldType::Date: {
            auto* dateEdit = new QDateEdit(this);
            setupDateEdit(dateEdit);
            editor.widget = dateEdit;
            break;
        }
        case FieldType::YesNo: {
            auto* checkBox = new QCheckBox(tr("Yes"), this);
            // Partly checked: no answer recorded.
            checkBox->setTristate(true);
            editor.widget = checkBox;
            break;
        }
        }
        editor.widget->setObjectName(QStringLiteral("customField_%1").arg(field.id));
        editor.widget->setProperty("contactKey", QStringLiteral("field:%1").arg(field.name));
        editor.label = new QLabel(field.name, this);
        editor.label->setBuddy(editor.widget);
        editor.errorLabel = makeErrorLabel();
        m_ui->customFieldsLayout->addRow(editor.label, editor.widget);
        m_ui->customFieldsLayout->addRow(static_cast<QWidget*>(nullptr), editor.errorLabel);
        m_ui->customFieldsLayout->setRowVisible(editor.errorLabel, false);
        m_loading = true;
        setCustomValue(editor, QString());
        m_loading = false;
        connectEdits(editor.widget);
        m_customEditors.append(editor);
    }
    m_ui->customFieldsGroupBox->setVisible(!m_customEditors.isEmpty());

    // Keep the tab order running from the built-in fields through the custom ones to the buttons.
    QWidget* previous = m_ui->notesPlainTextEdit;
    for (const CustomFieldEditor& editor : std::as_const(m_customEditors)) {
        setTabOrder(previous, editor.widget);
        previous = editor.widget;
    }
    setTabOrder(previous, m_ui->revertButton);
    setTabOrder(m_ui->revertButton, m_ui->saveButton);

    if (m_hasContact) {
        const Contact loaded = m_loaded;
        setContact(loaded);
        if (wasModified) {
            // Re-apply the person's unsaved edits on top of the reloaded form.
            m_loading = true;
            for (const CustomFieldEditor& editor : std::as_const(m_customEditors)) {
                setCustomValue(editor, edited.fields.value(editor.field.name));
            }
            m_loading = false;
            onEdited();
        }
    }
}

QString ContactEditor::renderCustom(const CustomFieldEditor& editor)
{
    switch (editor.field.type) {
    case FieldType::Text:
        return static_cast<QLineEdit*>(editor.widget)->text();
    case FieldType::Number: {
        auto* spinBox = static_cast<QDoubleSpinBox*>(editor.widget);
        if (spinBox->value() == spinBox->minimum()) {
            return QString();
        }
        return QString::number(spinBox->value(), 'g', 15);
    }
    case FieldType::Date: {
        const QDate date = dateOf(static_cast<QDateEdit*>(editor.widget));
        return date.isValid() ? date.toString(Qt::ISODate) : QString();
    }
    case FieldType::YesNo:
        switch (static_cast<QCheckBox*>(editor.widget)->checkState()) {
        case Qt::Checked:
            return QStringLiteral("yes");
        case Qt::Unchecked:
            return QStringLiteral("no");
        case Qt::PartiallyChecked:
            return QString();
        }
    }
    return QString();
}

QString ContactEditor::customValue(const CustomFieldEditor& editor) const
{
    const QString rendered = renderCustom(editor);
    // An untouched number keeps its stored precision instead of the spin box's two decimals.
    if (m_loadedRendering.contains(editor.widget) && m_loadedRendering.value(editor.widget) == rendered) {
        return m_loaded.fields.value(editor.field.name);
    }
    return rendered;
}

void ContactEditor::setCustomValue(const CustomFieldEditor& editor, const QString& value)
{
    switch (editor.field.type) {
    case FieldType::Text:
        static_cast<QLineEdit*>(editor.widget)->setText(value);
        break;
    case FieldType::Number: {
        auto* spinBox = static_cast<QDoubleSpinBox*>(editor.widget);
        bool ok = false;
        const double number = value.toDouble(&ok);
        spinBox->setValue(ok ? number : spinBox->minimum());
        break;
    }
    case FieldType::Date: {
        const QDate date = QDate::fromString(value, Qt::ISODate);
        static_cast<QDateEdit*>(editor.widget)->setDate(date.isValid() ? date : noDate);
        break;
    }
    case FieldType::YesNo: {
        Qt::CheckState state = Qt::PartiallyChecked;
        if (value == QLatin1String("yes")) {
            state = Qt::Checked;
        } else if (value == QLatin1String("no")) {
            state = Qt::Unchecked;
        }
        static_cast<QCheckBox*>(editor.widget)->setCheckState(state);
        break;
    }
    }
}

void ContactEditor::setContact(const Contact& contact)
{
    m_loading = true;
    m_loaded = contact;
    m_hasContact = true;
    m_ui->emailLineEdit->setText(contact.email);
    m_ui->firstNameLineEdit->setText(contact.firstName);
    m_ui->lastNameLineEdit->setText(contact.lastName);
    m_ui->companyLineEdit->setText(contact.company);
    m_ui->phoneLineEdit->setText(contact.phone);
    m_ui->streetLineEdit->setText(contact.street);
    m_ui->postcodeLineEdit->setText(contact.postcode);
    m_ui->cityLineEdit->setText(contact.city);
    m_ui->regionLineEdit->setText(contact.region);
    m_ui->countryLineEdit->setText(contact.country);
    m_ui->statusComboBox->setCurrentIndex(m_ui->statusComboBox->findData(static_cast<int>(contact.status)));
    m_ui->consentSourceLineEdit->setText(contact.consentSource);
    m_ui->consentDateEdit->setDate(contact.consentDate.isValid() ? contact.consentDate : noDate);
    m_ui->tagsLineEdit->setText(contact.tags.join(QStringLiteral(", ")));
    m_ui->listsLineEdit->setText(contact.lists.join(QStringLiteral(", ")));
    m_ui->notesPlainTextEdit->setPlainText(contact.notes);
    // Show the start of long values (an address's local part matters more than its domain's tail).
    for (QLineEdit* lineEdit : m_ui->scrollContents->findChildren<QLineEdit*>()) {
        lineEdit->setCursorPosition(0);
    }
    m_loadedRendering.clear();
    for (const CustomFieldEditor& editor : std::as_const(m_customEditors)) {
        setCustomValue(editor, contact.fields.value(editor.field.name));
        m_loadedRendering.insert(editor.widget, renderCustom(editor));
    }
    m_loading = false;

    m_ui->scrollArea->setEnabled(true);
    m_modified = false;
    // A stored contact is shown as it is; a new one is checked as soon as it is typed.
    m_problems.clear();
    for (QLabel* label : std::as_const(m_errorLabels)) {
        showProblem(nullptr, label, QString());
    }
    for (const CustomFieldEditor& editor : std::as_const(m_customEditors)) {
        showProblem(nullptr, editor.errorLabel, QString());
    }
    updateHeader();
    updateButtons();
    Q_EMIT modifiedChanged(false);
}

void ContactEditor::clearContact()
{
    setContact(Contact{});
    m_hasContact = false;
    m_ui->scrollArea->setEnabled(false);
    updateHeader();
    updateButtons();
}

Contact ContactEditor::contact() const
{
    Contact c = m_loaded;
    c.email = m_ui->emailLineEdit->text().trimmed();
    c.firstName = m_ui->firstNameLineEdit->text().trimmed();
    c.lastName = m_ui->lastNameLineEdit->text().trimmed();
    c.company = m_ui->companyLineEdit->text().trimmed();
    c.phone = m_ui->phoneLineEdit->text().trimmed();
    c.street = m_ui->streetLineEdit->text().trimmed();
    c.postcode = m_ui->postcodeLineEdit->text().trimmed();
    c.city = m_ui->cityLineEdit->text().trimmed();
    c.region = m_ui->regionLineEdit->text().trimmed();
    c.country = m_ui->countryLineEdit->text().trimmed();
    c.status = static_cast<ContactStatus>(m_ui->statusComboBox->currentData().toInt());
    c.consentSource = m_ui->consentSourceLineEdit->text().trimmed();
    c.consentDate = dateOf(m_ui->consentDateEdit);
    c.tags = splitNames(m_ui->tagsLineEdit->text());
    c.lists = splitNames(m_ui->listsLineEdit->text());
    c.notes = m_ui->notesPlainTextEdit->toPlainText();
    for (const CustomFieldEditor& editor : m_customEditors) {
        const QString value = customValue(editor);
        if (value.isEmpty()) {
            c.fields.remove(editor.field.name);
        } else {
            c.fields.insert(editor.field.name, value);
        }
    }
    return c;
}

void ContactEditor::onEdited()
{
    if (m_loading || !m_hasContact) {
        return;
    }
    const bool modified = contact() != m_loaded || m_loaded.id == 0;
    validate();
    if (modified != m_modified) {
        m_modified = modified;
        Q_EMIT modifiedChanged(modified);
    }
    updateHeader();
    updateButtons();
}

void ContactEditor::validate()
{
    const Contact c = contact();
    QVector<QPair<QString, QString>> problems;
    if (m_validator) {
        problems = m_validator(c);
    } else {
        Result<EmailAddress> email = EmailAddress::parse(c.email);
        if (!email) {
            problems.append({QStringLiteral("email"), email.error().message});
        }
    }
    m_problems.clear();
    for (const auto& problem : std::as_const(problems)) {
        if (!m_problems.contains(problem.first)) {
            m_problems.insert(problem.first, problem.second);
        }
    }
    for (auto it = m_errorLabels.cbegin(); it != m_errorLabels.cend(); ++it) {
        showProblem(m_fieldWidgets.value(it.key()), it.value(), m_problems.value(it.key()));
    }
    for (const CustomFieldEditor& editor : std::as_const(m_customEditors)) {
        showProblem(editor.widget, editor.errorLabel,
                    m_problems.value(QStringLiteral("field:%1").arg(editor.field.name)));
    }
}

void ContactEditor::showProblem(QWidget* field, QLabel* errorLabel, const QString& message)
{
    errorLabel->setText(message);
    if (m_ui->formLayout->indexOf(errorLabel) >= 0) {
        m_ui->formLayout->setRowVisible(errorLabel, !message.isEmpty());
    } else if (m_ui->customFieldsLayout->indexOf(errorLabel) >= 0) {
        m_ui->customFieldsLayout->setRowVisible(errorLabel, !message.isEmpty());
    }
    if (field) {
        // Screen readers and tooltips carry the same message as the label.
        field->setToolTip(message);
        field->setAccessibleDescription(message);
    }
}

QWidget* ContactEditor::widgetForKey(const QString& key) const
{
    if (QWidget* widget = m_fieldWidgets.value(key)) {
        return widget;
    }
    for (const CustomFieldEditor& editor : m_customEditors) {
        if (key == QStringLiteral("field:%1").arg(editor.field.name)) {
            return editor.widget;
        }
    }
    return nullptr;
}

void ContactEditor::updateButtons()
{
    const bool canSave = m_hasContact && m_modified && m_problems.isEmpty();
    m_ui->saveButton->setEnabled(canSave);
    m_ui->revertButton->setEnabled(m_hasContact && m_modified);
}

void ContactEditor::updateHeader()
{
    if (!m_hasContact) {
        m_ui->headerLabel->setText(tr("No contact selected"));
        return;
    }
    if (m_loaded.id == 0) {
        m_ui->headerLabel->setText(tr("New contact"));
        return;
    }
    const QString name = QStringList{m_loaded.firstName, m_loaded.lastName}.join(QLatin1Char(' ')).trimmed();
    QString header = name.isEmpty() ? m_loaded.email : tr("%1 <%2>").arg(name, m_loaded.email);
    if (m_modified) {
        header = tr("%1 (edited)").arg(header);
    }
    m_ui->headerLabel->setText(header);
}

void ContactEditor::save()
{
    if (!m_hasContact) {
        return;
    }
    validate();
    if (!m_problems.isEmpty()) {
        updateButtons();
        // Take the person to the first field that needs fixing, in form order.
        const QStringList order = {QStringLiteral("email"), QStringLiteral("first_name"), QStringLiteral("last_name"),
                                   QStringLiteral("company"), QStringLiteral("phone")};
        QWidget* target = nullptr;
        for (const QString& key : order) {
            if (m_problems.contains(key)) {
                target = widgetForKey(key);
                break;
            }
        }
        if (!target) {
            target = widgetForKey(m_problems.cbegin().key());
        }
        if (target) {
            target->setFocus(Qt::OtherFocusReason);
        }
        return;
    }
    if (!m_modified) {
        return;
    }
    Q_EMIT saveRequested(contact());
}

void ContactEditor::revert()
{
    if (!m_hasContact) {
        return;
    }
    const Contact loaded = m_loaded;
    setContact(loaded);
}

void ContactEditor::focusFirstField()
{
    m_ui->emailLineEdit->setFocus(Qt::OtherFocusReason);
    m_ui->emailLineEdit->selectAll();
}
