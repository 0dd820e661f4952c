#pragma once

#include "core/contacts/CustomField.h"
#include "core/contacts/import/ContactImporter.h"
#include "core/contacts/import/ImportSource.h"

#include <QStringList>
#include <QVector>
#include <QWizard>

#include <optional>

class AppSettings;
class BulkJobRunner;
class ImportJob;

// File > Import Contacts…: choose a file, check how it reads (encoding, delimiter, header),
// map its columns with live validation of the first rows, pick the options, then import on a
// worker in one transaction and confirm the dry-run summary before it commits. Non-modal: the
// window stays usable (but refuses other changes) while the import runs. The pages share what
// is decided so far through this object.
class ImportWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { FilePageId, FormatPageId, MappingPageId, OptionsPageId, RunPageId };

    ImportWizard(BulkJobRunner* runner, AppSettings* settings, QWidget* parent = nullptr);
    ~ImportWizard() override;

    // What the window knows: the workspace's custom fields and list names.
    void setExistingFields(const QVector<CustomField>& fields) { m_existingFields = fields; }
    QVector<CustomField> existingFields() const { return m_existingFields; }
    void setListNames(const QStringList& names) { m_listNames = names; }
    QStringList listNames() const { return m_listNames; }

    AppSettings* settings() const { return m_settings; }
    ImportJob* job() const { return m_job; }

    // The file; changing it forgets the overrides, the preview and the mapping.
    void setFilePath(const QString& path);
    QString filePath() const { return m_filePath; }
    ImportFileOptions fileOptions() const { return m_fileOptions; }
    void setFileOptions(const ImportFileOptions& options) { m_fileOptions = options; }
    // The first rows as they read with the current options; nullopt until loaded.
    const std::optional<ImportPreview>& preview() const { return m_preview; }
    void setPreview(std::optional<ImportPreview> preview) { m_preview = std::move(preview); }
    bool isVCard() const { return m_preview && m_preview->format == ImportFormat::VCard; }
    // CSV: the mapping page's; vCard files always map the same way (nullopt).
    std::optional<ColumnMapping> mapping() const { return m_mapping; }
    void setMapping(std::optional<ColumnMapping> mapping) { m_mapping = std::move(mapping); }

    // Everything the engine needs, from the pages' choices.
    ImportOptions importOptions() const;
    void setTargetList(const QString& list) { m_list = list; }
    void setExtraTags(const QStringList& tags) { m_tags = tags; }
    void setDuplicatePolicy(DuplicatePolicy policy) { m_onDuplicate = policy; }
    void setErrorReportPath(const QString& path) { m_errorReportPath = path; }
    QString errorReportPath() const { return m_errorReportPath; }
    // <folder of the file>/<name>-errors.csv
    static QString defaultErrorReportPath(const QString& filePath);

    void reject() override;

Q_SIGNALS:
    // The import committed; the window refreshes.
    void imported(const ImportSummary& summary);

private:
    AppSettings* m_settings;
    ImportJob* m_job;
    QVector<CustomField> m_existingFields;
    QStringList m_listNames;
    QString m_filePath;
    ImportFileOptions m_fileOptions;
    std::optional<ImportPreview> m_preview;
    std::optional<ColumnMapping> m_mapping;
    QString m_list;
    QStringList m_tags;
    DuplicatePolicy m_onDuplicate = DuplicatePolicy::Skip;
    QString m_errorReportPath;
};
