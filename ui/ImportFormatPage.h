#pragma once

#include "core/Result.h"
#include "core/contacts/import/ImportSource.h"

#include <QThreadPool>
#include <QWizardPage>

class ImportWizard;
class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

// Step 2: how the file reads. Encoding, delimiter and header are detected; each can be
// overridden, and the preview shows the first rows as the import will read them. The preview
// is read off the UI thread (a file on a slow share must not freeze the window).
class ImportFormatPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportFormatPage(ImportWizard* wizard);
    ~ImportFormatPage() override;

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    // True while a preview is being read.
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void previewLoaded();

private:
    void reload();
    void onLoaded(quint64 generation, const Result<ImportPreview>& preview);
    void onOverrideChanged();
    void showPreview(const ImportPreview& preview);

    ImportWizard* m_wizard;
    QComboBox* m_encodingComboBox;
    QComboBox* m_delimiterComboBox;
    QCheckBox* m_headerCheckBox;
    QLabel* m_statusLabel;
    QTableWidget* m_previewTable;
    QString m_loadedPath;
    QString m_detectedEncoding;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_updating = false;
    // Last: destroyed first, waiting for a running read before the widgets go.
    QThreadPool m_pool;
};
