#include "ui/ImportMappingPage.h"

#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/ImportWizard.h"

#include "core/contacts/import/ContactRowBuilder.h"
#include "core/contacts/import/PhoneNormalizer.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace {

// What the settings remember when the user picked "keep them as written".
constexpr char kKeepPhonesAsWritten[] = "none";

enum MappingColumn { HeaderColumn, SampleColumn, TargetColumn, DetailsColumn, MappingColumnCount };

// Rows of the preview validated live: enough to see a pattern, few enough to redo per click.
constexpr int validatedRows = 50;

QString targetKey(const ColumnTarget& target)
{
    switch (target.kind) {
    case ColumnTarget::Kind::Ignore:
        return QStringLiteral("ignore");
    case ColumnTarget::Kind::Column:
        return QStringLiteral("column:") + QLatin1String(contactColumnInfo(target.column).key);
    case ColumnTarget::Kind::FullName:
        return QStringLiteral("full_name");
    case ColumnTarget::Kind::CustomField:
        return QStringLiteral("field");
    case ColumnTarget::Kind::Tags:
        return QStringLiteral("tags");
    case ColumnTarget::Kind::Lists:
        return QStringLiteral("lists");
    }
    return QStringLiteral("ignore");
}

QString fieldTypeLabel(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return ImportMappingPage::tr("Text");
    case FieldType::Number:
        return ImportMappingPage::tr("Number");
    case FieldType::Date:
        return ImportMappingPage::tr("Date");
    case FieldType::YesNo:
        return ImportMappingPage::tr("Yes/no");
    }
    return QString();
}

QString regionLabel(const QString& code)
{
    const QLocale::Territory territory = QLocale::codeToTerritory(code);
    if (territory == QLocale::AnyTerritory) {
        return code;
    }
    return QStringLiteral("%1 (%2)").arg(QLocale::territoryToString(territory), code);
}

// A column of the validation preview: a built-in column or a custom field.
struct PreviewColumn
{
    std::optional<ContactColumn> builtin;
    QString field;
    QString key; // as ContactRowBuilder names problems: "email", "field:Birthday"
    QString label;
};

QVector<PreviewColumn> previewColumns(const ColumnMapping& mapping)
{
    QVector<ContactColumn> builtins;
    QStringList fields;
    for (const ColumnTarget& target : mapping.targets) {
        switch (target.kind) {
        case ColumnTarget::Kind::Ignore:
            break;
        case ColumnTarget::Kind::Column:
            builtins.append(target.column);
            break;
        case ColumnTarget::Kind::FullName:
            builtins.append({ContactColumn::FirstName, ContactColumn::LastName});
            break;
        case ColumnTarget::Kind::CustomField:
            if (!fields.contains(target.fieldName.trimmed())) {
                fields.append(target.fieldName.trimmed());
            }
            break;
        case ColumnTarget::Kind::Tags:
            builtins.append(ContactColumn::Tags);
            break;
        case ColumnTarget::Kind::Lists:
            builtins.append(ContactColumn::Lists);
            break;
        }
    }
    QVector<PreviewColumn> columns;
    for (const ContactColumnInfo& info : contactColumns()) {
        if (builtins.contains(info.column)) {
            columns.append({info.column, QString(), QLatin1String(info.key), contactColumnLabel(info.column)});
        }
    }
    for (const QString& field : std::as_const(fields)) {
        columns.append({std::nullopt, field, QStringLiteral("field:") + field, field});
    }
    return columns;
}

QString valueText(const Contact& contact, const PreviewColumn& column)
{
    if (!column.builtin) {
        for (auto it = contact.fields.cbegin(); it != contact.fields.cend(); ++it) {
            if (it.key().compare(column.field, Qt::CaseInsensitive) == 0) {
                return it.value();
            }
        }
        return QString();
    }
    // As stored, except what reads better on screen: the status's label, ", " between names.
    switch (*column.builtin) {
    case ContactColumn::Status:
        return contactStatusLabel(contact.status);
    case ContactColumn::Tags:
        return contact.tags.join(QStringLiteral(", "));
    case ContactColumn::Lists:
        return contact.lists.join(QStringLiteral(", "));
    default:
        return contactColumnText(contact, *column.builtin);
    }
}

} // namespace

ImportMappingPage::ImportMappingPage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(QStringLiteral("importMappingPage"));
    setTitle(tr("Map the Columns"));
    setSubTitle(tr("Choose where each column of the file goes. The rows below show the first contacts as they "
                   "will be stored, and what is wrong with them."));

    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);

    m_mappingTable = new QTableWidget(0, MappingColumnCount, splitter);
    m_mappingTable->setObjectName(QStringLiteral("mappingTable"));
    m_mappingTable->setHorizontalHeaderLabels({tr("File column"), tr("Sample values"), tr("Import as"), tr("Details")});
    m_mappingTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_mappingTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_mappingTable->verticalHeader()->hide();
    m_mappingTable->setWordWrap(false);
    // Fixed heights, tall enough for the combo boxes: a file may have hundreds of columns.
    m_mappingTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_mappingTable->verticalHeader()->setDefaultSectionSize(QComboBox().sizeHint().height() + 6);
    m_mappingTable->horizontalHeader()->setSectionResizeMode(SampleColumn, QHeaderView::Stretch);
    m_mappingTable->setColumnWidth(HeaderColumn, 180);
    m_mappingTable->setColumnWidth(TargetColumn, 220);
    m_mappingTable->setColumnWidth(DetailsColumn, 280);
    m_mappingTable->setAccessibleName(tr("Columns of the file and where they go"));

    auto* validationPane = new QWidget(splitter);
    auto* validationLayout = new QVBoxLayout(validationPane);
    validationLayout->setContentsMargins(0, 0, 0, 0);
    m_validationLabel = new QLabel(validationPane);
    m_validationLabel->setObjectName(QStringLiteral("validationLabel"));
    validationLayout->addWidget(m_validationLabel);
    m_validationTable = new QTableWidget(validationPane);
    m_validationTable->setObjectName(QStringLiteral("validationTable"));
    m_validationTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_validationTable->setWordWrap(false);
    m_validationTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_validationTable->horizontalHeader()->setStretchLastSection(true);
    m_validationTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_validationTable->setAccessibleName(tr("The first contacts as they will be imported"));
    validationLayout->addWidget(m_validationTable);
    splitter->addWidget(m_mappingTable);
    splitter->addWidget(validationPane);
    layout->addWidget(splitter, 1);

    m_problemsLabel = new QLabel(this);
    m_problemsLabel->setObjectName(QStringLiteral("mappingProblemsLabel"));
    m_problemsLabel->setWordWrap(true);
    m_problemsLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    layout->addWidget(m_problemsLabel);

    auto* bottom = new QHBoxLayout;
    auto* regionLabelWidget = new QLabel(tr("Phone numbers without a country code are from:"), this);
    m_regionComboBox = new QComboBox(this);
    m_regionComboBox->setObjectName(QStringLiteral("phoneRegionComboBox"));
    regionLabelWidget->setBuddy(m_regionComboBox);
    m_regionComboBox->addItem(tr("Nowhere: keep them as written"), QString());
    QStringList regions = PhoneNormalizer::supportedRegions();
    std::sort(regions.begin(), regions.end(), [](const QString& a, const QString& b) {
        return QString::localeAwareCompare(regionLabel(a), regionLabel(b)) < 0;
    });
    for (const QString& region : std::as_const(regions)) {
        m_regionComboBox->addItem(regionLabel(region), region);
    }
    auto* saveButton = new QPushButton(tr("&Save Mapping…"), this);
    saveButton->setObjectName(QStringLiteral("saveMappingButton"));
    auto* loadButton = new QPushButton(tr("&Load Mapping…"), this);
    loadButton->setObjectName(QStringLiteral("loadMappingButton"));
    bottom->addWidget(regionLabelWidget);
    bottom->addWidget(m_regionComboBox);
    bottom->addStretch(1);
    bottom->addWidget(loadButton);
    bottom->addWidget(saveButton);
    layout->addLayout(bottom);

    // Unset: the computer's country. "none": the user chose to keep numbers as written.
    QString region = m_wizard->settings()->importPhoneRegion();
    if (region.isEmpty()) {
        region = QLocale::territoryToCode(QLocale::system().territory());
    } else if (region == QLatin1String(kKeepPhonesAsWritten)) {
        region.clear();
    }
    m_regionComboBox->setCurrentIndex(std::max(0, m_regionComboBox->findData(region)));

    connect(m_regionComboBox, &QComboBox::currentIndexChanged, this, &ImportMappingPage::onMappingEdited);
    connect(saveButton, &QPushButton::clicked, this, &ImportMappingPage::saveMapping);
    connect(loadButton, &QPushButton::clicked, this, &ImportMappingPage::loadMapping);
}

ImportMappingPage::~ImportMappingPage() = default;

void ImportMappingPage::initializePage()
{
    const std::optional<ImportPreview>& preview = m_wizard->preview();
    if (!preview) {
        return;
    }
    std::optional<ColumnMapping> mapping = m_wizard->mapping();
    // A new file, or other columns after a changed delimiter or header: guess again.
    if (!mapping || mapping->headers != preview->headers) {
        mapping = ColumnMapping::guess(preview->headers, m_wizard->existingFields(), preview->sampleFields());
    }
    mapping->phoneRegion = m_regionComboBox->currentData().toString();
    showMapping(*mapping);
}

void ImportMappingPage::showMapping(const ColumnMapping& mapping)
{
    const std::optional<ImportPreview>& preview = m_wizard->preview();
    m_updating = true;
    m_headers = mapping.headers;
    m_columns.clear();
    m_mappingTable->clearContents();
    m_mappingTable->setRowCount(static_cast<int>(mapping.headers.size()));
    for (int column = 0; column < mapping.headers.size(); ++column) {
        auto* header = new QTableWidgetItem(mapping.headers.at(column));
        header->setToolTip(mapping.headers.at(column));
        m_mappingTable->setItem(column, HeaderColumn, header);

        QStringList samples;
        if (preview) {
            for (const ImportRow& row : preview->rows) {
                const QString value = row.fields.value(column).simplified();
                if (!value.isEmpty() && !samples.contains(value)) {
                    samples.append(value);
                }
                if (samples.size() == 3) {
                    break;
                }
            }
        }
        auto* sample = new QTableWidgetItem(samples.join(QStringLiteral(" · ")));
        sample->setToolTip(samples.join(QLatin1Char('\n')));
        m_mappingTable->setItem(column, SampleColumn, sample);

        ColumnWidgets widgets;
        widgets.target = new QComboBox(m_mappingTable);
        widgets.target->setObjectName(QStringLiteral("targetComboBox_%1").arg(column));
        widgets.target->setAccessibleName(tr("Import %1 as").arg(mapping.headers.at(column)));
        widgets.target->addItem(tr("Ignore"), QStringLiteral("ignore"));
        for (const ContactColumnInfo& info : contactColumns()) {
            if (isImportableColumn(info.column)) {
                widgets.target->addItem(contactColumnLabel(info.column),
                                        QStringLiteral("column:") + QLatin1String(info.key));
            }
        }
        widgets.target->addItem(tr("Full name (first and last)"), QStringLiteral("full_name"));
        widgets.target->addItem(tr("Custom field…"), QStringLiteral("field"));
        widgets.target->addItem(tr("Tags"), QStringLiteral("tags"));
        widgets.target->addItem(tr("Lists"), QStringLiteral("lists"));
        const ColumnTarget target = mapping.targets.value(column);
        widgets.target->setCurrentIndex(std::max(0, widgets.target->findData(targetKey(target))));

        widgets.details = new QWidget(m_mappingTable);
        auto* detailsLayout = new QHBoxLayout(widgets.details);
        detailsLayout->setContentsMargins(2, 0, 2, 0);
        widgets.fieldName = new QLineEdit(widgets.details);
        widgets.fieldName->setObjectName(QStringLiteral("fieldNameLineEdit_%1").arg(column));
        widgets.fieldName->setPlaceholderText(tr("Field name"));
        widgets.fieldName->setText(target.kind == ColumnTarget::Kind::CustomField ? target.fieldName
                                                                                  : mapping.headers.at(column));
        widgets.fieldType = new QComboBox(widgets.details);
        widgets.fieldType->setObjectName(QStringLiteral("fieldTypeComboBox_%1").arg(column));
        for (FieldType type : {FieldType::Text, FieldType::Number, FieldType::Date, FieldType::YesNo}) {
            widgets.fieldType->addItem(fieldTypeLabel(type), static_cast<int>(type));
        }
        widgets.fieldType->setCurrentIndex(
            std::max(0, widgets.fieldType->findData(static_cast<int>(target.fieldType))));
        widgets.separator = new QLineEdit(widgets.details);
        widgets.separator->setObjectName(QStringLiteral("separatorLineEdit_%1").arg(column));
        widgets.separator->setText(target.separator);
        widgets.separator->setMaxLength(3);
        widgets.separator->setMaximumWidth(60);
        widgets.separator->setToolTip(tr("The character between two names in one cell"));
        auto* separatorLabel = new QLabel(tr("separated by"), widgets.details);
        separatorLabel->setObjectName(QStringLiteral("separatorLabel"));
        detailsLayout->addWidget(widgets.fieldName, 1);
        detailsLayout->addWidget(widgets.fieldType);
        detailsLayout->addWidget(separatorLabel);
        detailsLayout->addWidget(widgets.separator);
        detailsLayout->addStretch(0);

        m_mappingTable->setCellWidget(column, TargetColumn, widgets.target);
        m_mappingTable->setCellWidget(column, DetailsColumn, widgets.details);
        m_columns.append(widgets);

        connect(widgets.target, &QComboBox::currentIndexChanged, this, [this, column] {
            updateDetails(column);
            onMappingEdited();
        });
        connect(widgets.fieldName, &QLineEdit::textChanged, this, &ImportMappingPage::onMappingEdited);
        connect(widgets.fieldType, &QComboBox::currentIndexChanged, this, &ImportMappingPage::onMappingEdited);
        connect(widgets.separator, &QLineEdit::textChanged, this, &ImportMappingPage::onMappingEdited);
        updateDetails(column);
    }
    if (!mapping.phoneRegion.isEmpty() || m_regionComboBox->currentIndex() < 0) {
        m_regionComboBox->setCurrentIndex(std::max(0, m_regionComboBox->findData(mapping.phoneRegion)));
    }
    m_updating = false;
    onMappingEdited();
}

void ImportMappingPage::updateDetails(int column)
{
    const ColumnWidgets& widgets = m_columns.at(column);
    const QString key = widgets.target->currentData().toString();
    const bool field = key == QLatin1String("field");
    const bool split = key == QLatin1String("tags") || key == QLatin1String("lists");
    widgets.fieldName->setVisible(field);
    widgets.fieldType->setVisible(field);
    widgets.separator->setVisible(split);
    widgets.details->findChild<QLabel*>(QStringLiteral("separatorLabel"))->setVisible(split);
}

ColumnMapping ImportMappingPage::mapping() const
{
    ColumnMapping mapping;
    mapping.headers = m_headers;
    mapping.phoneRegion = m_regionComboBox->currentData().toString();
    for (const ColumnWidgets& widgets : m_columns) {
        const QString key = widgets.target->currentData().toString();
        ColumnTarget target;
        if (key.startsWith(QLatin1String("column:"))) {
            target = ColumnTarget::toColumn(contactColumnFromKey(key.mid(7)).value_or(ContactColumn::Email));
        } else if (key == QLatin1String("full_name")) {
            target = ColumnTarget::toFullName();
        } else if (key == QLatin1String("field")) {
            target = ColumnTarget::toField(widgets.fieldName->text().trimmed(),
                                           static_cast<FieldType>(widgets.fieldType->currentData().toInt()));
        } else if (key == QLatin1String("tags")) {
            target = ColumnTarget::toTags(widgets.separator->text());
        } else if (key == QLatin1String("lists")) {
            target = ColumnTarget::toLists(widgets.separator->text());
        }
        mapping.targets.append(target);
    }
    return mapping;
}

void ImportMappingPage::onMappingEdited()
{
    if (m_updating) {
        return;
    }
    m_wizard->setMapping(mapping());
    validate();
}

QVector<CustomField> ImportMappingPage::fieldsWithNew(const ColumnMapping& mapping) const
{
    QVector<CustomField> fields = m_wizard->existingFields();
    fields += ContactRowBuilder::fieldsToCreate(mapping, fields);
    return fields;
}

void ImportMappingPage::validate()
{
    const ColumnMapping current = mapping();
    m_problems = current.problems(m_wizard->existingFields());
    m_problemsLabel->setText(m_problems.join(QLatin1Char('\n')));
    m_problemsLabel->setVisible(!m_problems.isEmpty());

    const QVector<PreviewColumn> columns = previewColumns(current);
    const int problemColumn = static_cast<int>(columns.size());
    m_validationTable->clear();
    m_validationTable->setColumnCount(problemColumn + 1);
    QStringList labels;
    for (const PreviewColumn& column : columns) {
        labels.append(column.label);
    }
    labels.append(tr("Problems"));
    m_validationTable->setHorizontalHeaderLabels(labels);

    m_problemRows = 0;
    const std::optional<ImportPreview>& preview = m_wizard->preview();
    const int rows = preview ? static_cast<int>(std::min<qsizetype>(preview->rows.size(), validatedRows)) : 0;
    m_validationTable->setRowCount(rows);
    QStringList lines;
    const ContactRowBuilder builder(current, fieldsWithNew(current));
    const QColor problemBackground(255, 228, 228);
    for (int row = 0; row < rows; ++row) {
        const ImportRow& importRow = preview->rows.at(row);
        lines.append(QString::number(importRow.line));
        QStringList messages;
        QStringList badKeys;
        Contact contact;
        if (!importRow.error.isEmpty()) {
            messages.append(importRow.error);
        } else {
            const ContactRowBuilder::Built built = builder.build(importRow.fields);
            contact = built.contact;
            for (const auto& [key, message] : built.problems) {
                messages.append(message);
                badKeys.append(key);
            }
        }
        for (int column = 0; column < columns.size(); ++column) {
            auto* item = new QTableWidgetItem(valueText(contact, columns.at(column)));
            item->setToolTip(item->text());
            if (badKeys.contains(columns.at(column).key)) {
                item->setForeground(Qt::red);
            }
            m_validationTable->setItem(row, column, item);
        }
        auto* problemItem = new QTableWidgetItem(messages.join(QStringLiteral(" ")));
        problemItem->setForeground(Qt::red);
        problemItem->setToolTip(messages.join(QLatin1Char('\n')));
        m_validationTable->setItem(row, problemColumn, problemItem);
        if (!messages.isEmpty()) {
            ++m_problemRows;
            for (int column = 0; column <= problemColumn; ++column) {
                m_validationTable->item(row, column)->setBackground(problemBackground);
                m_validationTable->item(row, column)->setToolTip(messages.join(QLatin1Char('\n')));
            }
        }
    }
    m_validationTable->setVerticalHeaderLabels(lines);
    m_validationTable->resizeColumnsToContents();
    for (int column = 0; column < m_validationTable->columnCount(); ++column) {
        m_validationTable->setColumnWidth(column, std::min(m_validationTable->columnWidth(column), 240));
    }
    if (rows == 0) {
        m_validationLabel->setText(tr("No rows to preview."));
    } else if (m_problemRows == 0) {
        m_validationLabel->setText(tr("The first %Ln row(s) as they will be imported: no problems.", nullptr, rows));
    } else {
        m_validationLabel->setText(tr("The first %1 rows as they will be imported: %Ln row(s) with problems will "
                                      "not be imported (hover over a row to see why).",
                                      nullptr, m_problemRows)
                                       .arg(rows));
    }
    Q_EMIT completeChanged();
}

bool ImportMappingPage::isComplete() const
{
    return !m_columns.isEmpty() && m_problems.isEmpty();
}

bool ImportMappingPage::validatePage()
{
    m_wizard->setMapping(mapping());
    const QString region = m_regionComboBox->currentData().toString();
    m_wizard->settings()->setImportPhoneRegion(region.isEmpty() ? QLatin1String(kKeepPhonesAsWritten) : region);
    return m_problems.isEmpty();
}

void ImportMappingPage::saveMapping()
{
    QString start = m_wizard->settings()->mappingDirectory();
    if (start.isEmpty()) {
        start = QFileInfo(m_wizard->filePath()).absolutePath();
    }
    start = QDir(start).filePath(QFileInfo(m_wizard->filePath()).completeBaseName() + QStringLiteral("-mapping.json"));
    std::optional<QString> path =
        Dialogs::saveFileName(this, tr("Save Mapping"), tr("Column mappings (*.json);;All files (*)"), start);
    if (!path) {
        return;
    }
    QSaveFile file(*path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(mapping().toJson()).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        Dialogs::warning(this, tr("Save Mapping"),
                         tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(*path), file.errorString()));
        return;
    }
    m_wizard->settings()->setMappingDirectory(QFileInfo(*path).absolutePath());
}

void ImportMappingPage::loadMapping()
{
    QString start = m_wizard->settings()->mappingDirectory();
    if (start.isEmpty()) {
        start = QFileInfo(m_wizard->filePath()).absolutePath();
    }
    std::optional<QString> path =
        Dialogs::openFileName(this, tr("Load Mapping"), tr("Column mappings (*.json);;All files (*)"), start);
    if (!path) {
        return;
    }
    QFile file(*path);
    if (!file.open(QIODevice::ReadOnly)) {
        Dialogs::warning(this, tr("Load Mapping"),
                         tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(*path), file.errorString()));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        Dialogs::warning(
            this, tr("Load Mapping"),
            tr("%1 is not a saved mapping: %2").arg(QDir::toNativeSeparators(*path), parseError.errorString()));
        return;
    }
    const std::optional<ImportPreview>& preview = m_wizard->preview();
    Result<ColumnMapping> applied =
        ColumnMapping::applySaved(document.object(), m_headers, m_wizard->existingFields(),
                                  preview ? preview->sampleFields() : QVector<QStringList>());
    if (!applied) {
        Dialogs::warning(this, tr("Load Mapping"), applied.error().message);
        return;
    }
    m_wizard->settings()->setMappingDirectory(QFileInfo(*path).absolutePath());
    showMapping(*applied);
}
