#pragma once

#include "core/contacts/import/ColumnMapping.h"

#include <QVector>
#include <QWizardPage>

class ImportWizard;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

// Step 3: where each column of the file goes, with live validation. Every change re-reads the
// preview rows through ContactRowBuilder, the engine's own code, so the table shows the values
// as they will be stored (trimmed, NFC, the email's domain lower-cased, phones in E.164) and
// what is wrong with each row. Mapping problems (no email column, a column used twice...)
// block Next and say why.
class ImportMappingPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportMappingPage(ImportWizard* wizard);
    ~ImportMappingPage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // The mapping as the widgets show it.
    ColumnMapping mapping() const;
    // The mapping problems shown (empty: Next is enabled).
    QStringList problems() const { return m_problems; }
    // Rows of the validation preview with problems.
    int problemRowCount() const { return m_problemRows; }

private:
    struct ColumnWidgets
    {
        QComboBox* target = nullptr;
        QWidget* details = nullptr;
        QLineEdit* fieldName = nullptr;
        QComboBox* fieldType = nullptr;
        QLineEdit* separator = nullptr;
    };

    void showMapping(const ColumnMapping& mapping);
    void updateDetails(int column);
    void onMappingEdited();
    void validate();
    void saveMapping();
    void loadMapping();
    QVector<CustomField> fieldsWithNew(const ColumnMapping& mapping) const;

    ImportWizard* m_wizard;
    QTableWidget* m_mappingTable;
    QComboBox* m_regionComboBox;
    QLabel* m_problemsLabel;
    QTableWidget* m_validationTable;
    QLabel* m_validationLabel;
    QVector<ColumnWidgets> m_columns;
    QStringList m_headers;
    QStringList m_problems;
    int m_problemRows = 0;
    bool m_updating = false;
};
