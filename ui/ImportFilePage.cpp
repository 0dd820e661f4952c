#include "ui/ImportFilePage.h"

#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/ImportWizard.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

ImportFilePage::ImportFilePage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(QStringLiteral("importFilePage"));
    setTitle(tr("Choose a File"));
    setSubTitle(tr("Contacts from Excel, Google Contacts, Outlook, Apple Contacts or a phone: CSV or text files "
                   "with any delimiter, or vCard files (.vcf)."));

    auto* layout = new QVBoxLayout(this);
    auto* label = new QLabel(tr("&File:"), this);
    auto* row = new QHBoxLayout;
    m_pathLineEdit = new QLineEdit(this);
    m_pathLineEdit->setObjectName(QStringLiteral("pathLineEdit"));
    m_pathLineEdit->setPlaceholderText(tr("contacts.csv"));
    label->setBuddy(m_pathLineEdit);
    m_browseButton = new QPushButton(tr("&Browse…"), this);
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    row->addWidget(m_pathLineEdit, 1);
    row->addWidget(m_browseButton);
    layout->addWidget(label);
    layout->addLayout(row);
    auto* hint = new QLabel(tr("Nothing is changed until you confirm the summary at the last step, and then the "
                               "whole file is imported at once or not at all."),
                            this);
    hint->setWordWrap(true);
    layout->addSpacing(12);
    layout->addWidget(hint);
    layout->addStretch(1);

    connect(m_pathLineEdit, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_browseButton, &QPushButton::clicked, this, &ImportFilePage::browse);
}

ImportFilePage::~ImportFilePage() = default;

void ImportFilePage::initializePage()
{
    if (m_pathLineEdit->text().isEmpty()) {
        m_pathLineEdit->setText(m_wizard->filePath());
    }
}

bool ImportFilePage::isComplete() const
{
    const QFileInfo info(m_pathLineEdit->text().trimmed());
    return info.isFile() && info.isReadable();
}

bool ImportFilePage::validatePage()
{
    const QString path = QFileInfo(m_pathLineEdit->text().trimmed()).absoluteFilePath();
    m_wizard->setFilePath(path);
    m_wizard->settings()->setImportDirectory(QFileInfo(path).absolutePath());
    return true;
}

void ImportFilePage::browse()
{
    QString start = m_pathLineEdit->text().trimmed();
    if (start.isEmpty()) {
        start = m_wizard->settings()->importDirectory();
    }
    if (start.isEmpty()) {
        start = QDir::homePath();
    }
    std::optional<QString> path =
        Dialogs::openFileName(this, tr("Import Contacts"),
                              tr("Contact files (*.csv *.txt *.tsv *.vcf *.vcard);;CSV files (*.csv);;Text files "
                                 "(*.txt *.tsv);;vCard files (*.vcf *.vcard);;All files (*)"),
                              start);
    if (path) {
        m_pathLineEdit->setText(QDir::toNativeSeparators(*path));
    }
}
