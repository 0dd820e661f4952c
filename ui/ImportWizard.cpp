#include "ui/ImportWizard.h"

#include "ui/BulkJobRunner.h"
#include "ui/ImportFilePage.h"
#include "ui/ImportFormatPage.h"
#include "ui/ImportJob.h"
#include "ui/ImportMappingPage.h"
#include "ui/ImportOptionsPage.h"
#include "ui/ImportRunPage.h"

#include <QDir>
#include <QFileInfo>

ImportWizard::ImportWizard(BulkJobRunner* runner, AppSettings* settings, QWidget* parent)
    : QWizard(parent)
    , m_settings(settings)
    , m_job(new ImportJob(runner, this))
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import Contacts"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setPage(FilePageId, new ImportFilePage(this));
    setPage(FormatPageId, new ImportFormatPage(this));
    setPage(MappingPageId, new ImportMappingPage(this));
    setPage(OptionsPageId, new ImportOptionsPage(this));
    setPage(RunPageId, new ImportRunPage(this));
    setButtonText(QWizard::FinishButton, tr("&Import"));
    resize(960, 680);
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setFilePath(const QString& path)
{
    if (path == m_filePath) {
        return;
    }
    m_filePath = path;
    m_fileOptions = ImportFileOptions{};
    m_preview.reset();
    m_mapping.reset();
    m_errorReportPath = defaultErrorReportPath(path);
}

QString ImportWizard::defaultErrorReportPath(const QString& filePath)
{
    if (filePath.isEmpty()) {
        return QString();
    }
    const QFileInfo info(filePath);
    return QDir(info.absolutePath()).filePath(info.completeBaseName() + QStringLiteral("-errors.csv"));
}

ImportOptions ImportWizard::importOptions() const
{
    ImportOptions options;
    options.path = m_filePath;
    options.file = m_fileOptions;
    if (m_preview) {
        // Read the file exactly as the preview showed it.
        options.file.format = m_preview->format;
    }
    if (!isVCard()) {
        options.mapping = m_mapping;
    }
    options.list = m_list;
    options.tags = m_tags;
    options.onDuplicate = m_onDuplicate;
    options.errorReportPath = m_errorReportPath;
    return options;
}

void ImportWizard::reject()
{
    // A confirmed import is committing: the wizard closes (and the window refreshes) when it is done.
    if (m_job->isCommitting()) {
        return;
    }
    // Closing at any other moment rolls a running or waiting import back.
    m_job->cancel();
    QWizard::reject();
}
