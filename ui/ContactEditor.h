#pragma once

#include "core/contacts/Contact.h"
#include "core/contacts/CustomField.h"

#include <QHash>
#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;

namespace Ui {
class ContactEditor;
}

// The detail editor beside the table: every field of one contact, custom fields added
// by type, and a validation message under each field as the person types. Save stays
// disabled while anything is wrong; the editor never writes to the database itself.
class ContactEditor : public QWidget
{
    Q_OBJECT

public:
    // Problems keyed by column key ("email") or "field:NAME", as ContactRepository::problems() gives them.
    using Validator = std::function<QVector<QPair<QString, QString>>(const Contact&)>;

    explicit ContactEditor(QWidget* parent = nullptr);
    ~ContactEditor() override;

    void setValidator(Validator validator);
    void setCustomFields(const QVector<CustomField>& fields);

    // Shows this contact (id 0: a new one) and forgets any unsaved edit.
    void setContact(const Contact& contact);
    // Shows nothing: the form is disabled.
    void clearContact();

    bool hasContact() const { return m_hasContact; }
    // The contact as currently edited.
    Contact contact() const;
    Contact loadedContact() const { return m_loaded; }
    bool isModified() const { return m_modified; }
    bool hasProblems() const { return !m_problems.isEmpty(); }
    // The message shown next to a field ("email", "field:Birthday"), empty if none.
    QString problemFor(const QString& key) const { return m_problems.value(key); }
    void focusFirstField();

Q_SIGNALS:
    void saveRequested(const Contact& contact);
    void modifiedChanged(bool modified);

public Q_SLOTS:
    // Emits saveRequested when the contact is valid; otherwise shows where it is not.
    void save();
    void revert();

private:
    struct CustomFieldEditor
    {
        CustomField field;
        QWidget* widget = nullptr;
        QLabel* label = nullptr;
        QLabel* errorLabel = nullptr;
    };

    void onEdited();
    void validate();
    void updateButtons();
    void updateHeader();
    QLabel* makeErrorLabel();
    void showProblem(QWidget* field, QLabel* errorLabel, const QString& message);
    QWidget* widgetForKey(const QString& key) const;
    void connectEdits(QWidget* widget);
    QString customValue(const CustomFieldEditor& editor) const;
    void setCustomValue(const CustomFieldEditor& editor, const QString& value);
    static QString renderCustom(const CustomFieldEditor& editor);

    const std::unique_ptr<Ui::ContactEditor> m_ui;
    Validator m_validator;
    QVector<CustomFieldEditor> m_customEditors;
    // Built-in field widget -> its error label, keyed by column key.
    QHash<QString, QWidget*> m_fieldWidgets;
    QHash<QString, QLabel*> m_errorLabels;
    QHash<QString, QString> m_problems;
    // What each custom widget showed right after loading, so an untouched field keeps its stored text.
    QHash<QWidget*, QString> m_loadedRendering;
    Contact m_loaded;
    bool m_hasContact = false;
    bool m_modified = false;
    bool m_loading = false;
};
