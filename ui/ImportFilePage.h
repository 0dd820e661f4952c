#pragma once

#include <QWizardPage>

class ImportWizard;
class QLineEdit;
class QPushButton;

// Step 1: which file. CSV, TXT (tab or other delimiters) and vCard files.
class ImportFilePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportFilePage(ImportWizard* wizard);
    ~ImportFilePage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void browse();

    ImportWizard* m_wizard;
    QLineEdit* m_pathLineEdit;
    QPushButton* m_browseButton;
};
