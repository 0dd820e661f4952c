#include "ui/ImportFormatPage.h"

#include "ui/ImportWizard.h"

#include "core/contacts/import/TextDecoder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

constexpr int previewRows = 100;

// The encodings people meet in contact files; only those this build can decode are offered.
QStringList encodingCandidates()
{
    static const QStringList candidates = {
        QStringLiteral("UTF-8"),        QStringLiteral("UTF-16LE"),   QStringLiteral("UTF-16BE"),
        QStringLiteral("windows-1252"), QStringLiteral("ISO-8859-1"), QStringLiteral("ISO-8859-15"),
        QStringLiteral("windows-1250"), QStringLiteral("ISO-8859-2"), QStringLiteral("windows-1251"),
        QStringLiteral("KOI8-R"),       QStringLiteral("macintosh"),  QStringLiteral("Shift_JIS"),
        QStringLiteral("GB18030"),      QStringLiteral("Big5"),       QStringLiteral("EUC-KR"),
    };
    static const QStringList available = [] {
        QStringList names;
        for (const QString& name : candidates) {
            if (TextDecoder::create(name).ok()) {
                names.append(name);
            }
        }
        return names;
    }();
    return available;
}

QString delimiterLabel(QChar delimiter)
{
    switch (delimiter.unicode()) {
    case ',':
        return ImportFormatPage::tr("Comma ( , )");
    case ';':
        return ImportFormatPage::tr("Semicolon ( ; )");
    case '\t':
        return ImportFormatPage::tr("Tab");
    case '|':
        return ImportFormatPage::tr("Vertical bar ( | )");
    default:
        return QString(delimiter);
    }
}

} // namespace

ImportFormatPage::ImportFormatPage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(QStringLiteral("importFormatPage"));
    setTitle(tr("Check How the File Reads"));
    setSubTitle(tr("Mailroom detected the encoding, the delimiter and the header row. If the preview looks wrong, "
                   "change them here."));
    m_pool.setMaxThreadCount(1);

    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_encodingComboBox = new QComboBox(this);
    m_encodingComboBox->setObjectName(QStringLiteral("encodingComboBox"));
    m_encodingComboBox->addItem(tr("Detected"), QString());
    for (const QString& name : encodingCandidates()) {
        m_encodingComboBox->addItem(name, name);
    }
    form->addRow(tr("&Encoding:"), m_encodingComboBox);
    m_delimiterComboBox = new QComboBox(this);
    m_delimiterComboBox->setObjectName(QStringLiteral("delimiterComboBox"));
    for (QChar delimiter : {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')}) {
        m_delimiterComboBox->addItem(delimiterLabel(delimiter), QString(delimiter));
    }
    form->addRow(tr("&Delimiter:"), m_delimiterComboBox);
    m_headerCheckBox = new QCheckBox(tr("The first row is a &header (column names)"), this);
    m_headerCheckBox->setObjectName(QStringLiteral("headerCheckBox"));
    form->addRow(QString(), m_headerCheckBox);
    layout->addLayout(form);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("formatStatusLabel"));
    m_statusLabel->setWordWrap(true);
    layout->addWidget(m_statusLabel);

    m_previewTable = new QTableWidget(this);
    m_previewTable->setObjectName(QStringLiteral("filePreviewTable"));
    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewTable->setWordWrap(false);
    m_previewTable->setAccessibleName(tr("The first rows of the file"));
    m_previewTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    layout->addWidget(m_previewTable, 1);

    connect(m_encodingComboBox, &QComboBox::currentIndexChanged, this, &ImportFormatPage::onOverrideChanged);
    connect(m_delimiterComboBox, &QComboBox::currentIndexChanged, this, &ImportFormatPage::onOverrideChanged);
    connect(m_headerCheckBox, &QCheckBox::toggled, this, &ImportFormatPage::onOverrideChanged);
}

ImportFormatPage::~ImportFormatPage()
{
    // A read still running posts to this page: let it end first.
    ++m_generation;
    m_pool.waitForDone();
}

void ImportFormatPage::initializePage()
{
    if (m_loadedPath == m_wizard->filePath() && m_wizard->preview()) {
        return; // back from the next page: keep what the person chose
    }
    m_loadedPath = m_wizard->filePath();
    m_detectedEncoding.clear();
    m_wizard->setFileOptions(ImportFileOptions{});
    reload();
}

bool ImportFormatPage::isComplete() const
{
    return !m_loading && m_wizard->preview().has_value();
}

int ImportFormatPage::nextId() const
{
    // vCards always map the same way: no mapping to choose.
    return m_wizard->isVCard() ? ImportWizard::OptionsPageId : ImportWizard::MappingPageId;
}

void ImportFormatPage::reload()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_wizard->setPreview(std::nullopt);
    m_statusLabel->setText(tr("Reading the start of the file…"));
    Q_EMIT completeChanged();
    const QString path = m_wizard->filePath();
    const ImportFileOptions options = m_wizard->fileOptions();
    m_pool.start([this, generation, path, options] {
        Result<ImportPreview> preview = ImportPreview::load(path, options, previewRows);
        QMetaObject::invokeMethod(
            this, [this, generation, preview] { onLoaded(generation, preview); }, Qt::QueuedConnection);
    });
}

void ImportFormatPage::onLoaded(quint64 generation, const Result<ImportPreview>& preview)
{
    if (generation != m_generation) {
        return; // an override changed while this was read; a newer read is on its way
    }
    m_loading = false;
    if (!preview) {
        m_statusLabel->setText(preview.error().message);
        m_previewTable->clear();
        m_previewTable->setRowCount(0);
        m_previewTable->setColumnCount(0);
        Q_EMIT completeChanged();
        Q_EMIT previewLoaded();
        return;
    }
    m_wizard->setPreview(*preview);
    showPreview(*preview);
    Q_EMIT completeChanged();
    Q_EMIT previewLoaded();
}

void ImportFormatPage::showPreview(const ImportPreview& preview)
{
    const bool csv = preview.format == ImportFormat::Csv;
    const ImportFileOptions options = m_wizard->fileOptions();
    if (csv && options.csv.encoding.isEmpty()) {
        m_detectedEncoding = preview.dialect.encoding;
    }

    // Show the dialect as read without treating it as an override.
    m_updating = true;
    m_encodingComboBox->setItemText(0, m_detectedEncoding.isEmpty() ? tr("Detected")
                                                                    : tr("Detected (%1)").arg(m_detectedEncoding));
    m_delimiterComboBox->setCurrentIndex(
        std::max(0, m_delimiterComboBox->findData(QString(preview.dialect.delimiter))));
    m_headerCheckBox->setChecked(preview.dialect.hasHeader);
    m_updating = false;
    for (QWidget* widget : {static_cast<QWidget*>(m_encodingComboBox), static_cast<QWidget*>(m_delimiterComboBox),
                            static_cast<QWidget*>(m_headerCheckBox)}) {
        widget->setEnabled(csv);
    }

    const QLocale locale;
    const QString size = locale.formattedDataSize(preview.fileSize);
    if (csv) {
        m_statusLabel->setText(
            tr("%1 · %Ln column(s) · the first %2 rows are shown.", nullptr, static_cast<int>(preview.headers.size()))
                .arg(size)
                .arg(preview.rows.size()));
    } else {
        m_statusLabel->setText(tr("%1 · a vCard file: each card is one contact. The first %2 cards are shown.")
                                   .arg(size)
                                   .arg(preview.rows.size()));
    }

    m_previewTable->clear();
    m_previewTable->setColumnCount(static_cast<int>(preview.headers.size()));
    m_previewTable->setHorizontalHeaderLabels(preview.headers);
    m_previewTable->setRowCount(static_cast<int>(preview.rows.size()));
    QStringList lines;
    for (int row = 0; row < preview.rows.size(); ++row) {
        const ImportRow& importRow = preview.rows.at(row);
        lines.append(QString::number(importRow.line));
        for (int column = 0; column < importRow.fields.size() && column < preview.headers.size(); ++column) {
            auto* item = new QTableWidgetItem(importRow.fields.at(column));
            item->setToolTip(importRow.fields.at(column));
            m_previewTable->setItem(row, column, item);
        }
        if (!importRow.error.isEmpty()) {
            for (int column = 0; column < preview.headers.size(); ++column) {
                if (!m_previewTable->item(row, column)) {
                    m_previewTable->setItem(row, column, new QTableWidgetItem);
                }
                m_previewTable->item(row, column)->setToolTip(importRow.error);
                m_previewTable->item(row, column)->setForeground(Qt::red);
            }
        }
    }
    // Line numbers of the file, so a row can be found in it.
    m_previewTable->setVerticalHeaderLabels(lines);
    m_previewTable->resizeColumnsToContents();
    for (int column = 0; column < m_previewTable->columnCount(); ++column) {
        m_previewTable->setColumnWidth(column, std::min(m_previewTable->columnWidth(column), 260));
    }
}

void ImportFormatPage::onOverrideChanged()
{
    if (m_updating) {
        return;
    }
    ImportFileOptions options = m_wizard->fileOptions();
    options.csv.encoding = m_encodingComboBox->currentData().toString();
    options.csv.delimiter = m_delimiterComboBox->currentData().toString().at(0);
    options.csv.header = m_headerCheckBox->isChecked() ? CsvOptions::Header::Present : CsvOptions::Header::Absent;
    m_wizard->setFileOptions(options);
    reload();
}
