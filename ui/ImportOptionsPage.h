#pragma once

#include <QWizardPage>

#include <memory>

namespace Ui {
class ImportOptionsPage;
}

class ImportWizard;

// Step 4: the target list, extra tags, what to do with an email already in the workspace,
// and where the error report goes.
class ImportOptionsPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportOptionsPage(ImportWizard* wizard);
    ~ImportOptionsPage() override;

    void initializePage() override;
    bool validatePage() override;

private:
    void browseReport();

    const std::unique_ptr<Ui::ImportOptionsPage> m_ui;
    ImportWizard* m_wizard;
    QString m_reportForFile;
};
