#include "ui/ImportOptionsPage.h"
#include "ui_ImportOptionsPage.h"

#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/ImportWizard.h"

#include "core/contacts/GroupRepository.h"

#include <QDir>

ImportOptionsPage::ImportOptionsPage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_ui(std::make_unique<Ui::ImportOptionsPage>())
    , m_wizard(wizard)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("importOptionsPage"));
    m_ui->optionsProblemLabel->hide();
    const std::optional<DuplicatePolicy> policy =
        duplicatePolicyFromName(m_wizard->settings()->importDuplicatePolicy());
    switch (policy.value_or(DuplicatePolicy::Skip)) {
    case DuplicatePolicy::Skip:
        m_ui->skipRadioButton->setChecked(true);
        break;
    case DuplicatePolicy::Fill:
        m_ui->fillRadioButton->setChecked(true);
        break;
    case DuplicatePolicy::Overwrite:
        m_ui->overwriteRadioButton->setChecked(true);
        break;
    }
    connect(m_ui->errorReportBrowseButton, &QPushButton::clicked, this, &ImportOptionsPage::browseReport);
}

ImportOptionsPage::~ImportOptionsPage() = default;

void ImportOptionsPage::initializePage()
{
    const QString current = m_ui->listComboBox->currentText();
    m_ui->listComboBox->clear();
    m_ui->listComboBox->addItem(QString());
    m_ui->listComboBox->addItems(m_wizard->listNames());
    m_ui->listComboBox->setCurrentText(current);
    if (m_reportForFile != m_wizard->filePath()) {
        m_reportForFile = m_wizard->filePath();
        m_ui->errorReportLineEdit->setText(QDir::toNativeSeparators(m_wizard->errorReportPath()));
    }
    m_ui->optionsProblemLabel->hide();
}

bool ImportOptionsPage::validatePage()
{
    QStringList problems;
    const QString list = m_ui->listComboBox->currentText().simplified();
    if (!list.isEmpty()) {
        if (Status valid = GroupRepository::validateName(GroupKind::List, list); !valid) {
            problems.append(valid.error().message);
        }
    }
    QStringList tags;
    for (const QString& part : m_ui->tagsLineEdit->text().split(QLatin1Char(','))) {
        const QString tag = part.simplified();
        if (tag.isEmpty() || tags.contains(tag)) {
            continue;
        }
        if (Status valid = GroupRepository::validateName(GroupKind::Tag, tag); !valid) {
            problems.append(valid.error().message);
        }
        tags.append(tag);
    }
    if (!problems.isEmpty()) {
        m_ui->optionsProblemLabel->setText(problems.join(QLatin1Char('\n')));
        m_ui->optionsProblemLabel->show();
        return false;
    }
    m_ui->optionsProblemLabel->hide();

    DuplicatePolicy policy = DuplicatePolicy::Skip;
    if (m_ui->fillRadioButton->isChecked()) {
        policy = DuplicatePolicy::Fill;
    } else if (m_ui->overwriteRadioButton->isChecked()) {
        policy = DuplicatePolicy::Overwrite;
    }
    m_wizard->setTargetList(list);
    m_wizard->setExtraTags(tags);
    m_wizard->setDuplicatePolicy(policy);
    m_wizard->setErrorReportPath(QDir::fromNativeSeparators(m_ui->errorReportLineEdit->text().trimmed()));
    m_wizard->settings()->setImportDuplicatePolicy(duplicatePolicyName(policy));
    return true;
}

void ImportOptionsPage::browseReport()
{
    std::optional<QString> path =
        Dialogs::saveFileName(this, tr("Error Report"), tr("CSV files (*.csv);;All files (*)"),
                              QDir::fromNativeSeparators(m_ui->errorReportLineEdit->text().trimmed()));
    if (path) {
        m_ui->errorReportLineEdit->setText(QDir::toNativeSeparators(*path));
    }
}
