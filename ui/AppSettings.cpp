#include "ui/AppSettings.h"

#include <QTemporaryDir>

namespace {

struct SettingInfo
{
    AppSettings::Key key;
    const char* name;
    QVariant defaultValue;
};

const QList<SettingInfo>& settingTable()
{
    static const QList<SettingInfo> table = {
        {AppSettings::Key::LastWorkspace, "workspace/last", QString()},
        {AppSettings::Key::WindowGeometry, "window/geometry", QByteArray()},
        {AppSettings::Key::WindowState, "window/state", QByteArray()},
        {AppSettings::Key::SplitterState, "window/splitter", QByteArray()},
        // A new user sees the columns that matter for mailing; the rest are a click away.
        {AppSettings::Key::HiddenColumns, "contacts/hiddenColumns",
         QStringList{QStringLiteral("street"), QStringLiteral("region"), QStringLiteral("postcode"),
                     QStringLiteral("notes"), QStringLiteral("consent_source"), QStringLiteral("consent_date"),
                     QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("phone")}},
        {AppSettings::Key::ColumnWidths, "contacts/columnWidths", QVariantMap()},
        {AppSettings::Key::ImportDirectory, "import/directory", QString()},
        {AppSettings::Key::ImportPhoneRegion, "import/phoneRegion", QString()},
        {AppSettings::Key::ImportDuplicatePolicy, "import/onDuplicate", QStringLiteral("skip")},
        {AppSettings::Key::MappingDirectory, "import/mappingDirectory", QString()},
        {AppSettings::Key::ExportDirectory, "export/directory", QString()},
        {AppSettings::Key::ExportExcel, "export/excel", false},
        {AppSettings::Key::CampaignEditorGeometry, "campaignEditor/geometry", QByteArray()},
        {AppSettings::Key::CampaignEditorSplitters, "campaignEditor/splitters", QVariantMap()},
        {AppSettings::Key::SendFolder, "campaigns/sendFolder", QString()},
        {AppSettings::Key::AccountsDialogGeometry, "accountsDialog/geometry", QByteArray()},
        {AppSettings::Key::OutboxWindowGeometry, "outboxWindow/geometry", QByteArray()},
        {AppSettings::Key::OutboxWindowSplitters, "outboxWindow/splitters", QByteArray()},
    };
    return table;
}

const SettingInfo& infoFor(AppSettings::Key key)
{
    for (const SettingInfo& info : settingTable()) {
        if (info.key == key) {
            return info;
        }
    }
    Q_UNREACHABLE();
}

} // namespace

AppSettings::AppSettings(QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{}

AppSettings::AppSettings(std::unique_ptr<QTemporaryDir> dir, QObject* parent)
    : QObject(parent)
    , m_tempDir(std::move(dir))
    , m_settings(std::make_unique<QSettings>(m_tempDir->filePath(QStringLiteral("mailroom.ini")), QSettings::IniFormat))
{}

AppSettings::~AppSettings() = default;

std::unique_ptr<AppSettings> AppSettings::createTemporary()
{
    auto dir = std::make_unique<QTemporaryDir>();
    return std::unique_ptr<AppSettings>(new AppSettings(std::move(dir), nullptr));
}

QVariant AppSettings::value(Key key) const
{
    const SettingInfo& info = infoFor(key);
    return m_settings->value(QLatin1String(info.name), info.defaultValue);
}

void AppSettings::setValue(Key key, const QVariant& value)
{
    const SettingInfo& info = infoFor(key);
    if (m_settings->value(QLatin1String(info.name), info.defaultValue) == value) {
        return;
    }
    m_settings->setValue(QLatin1String(info.name), value);
    Q_EMIT changed(key);
}

void AppSettings::reset(Key key)
{
    m_settings->remove(QLatin1String(infoFor(key).name));
    Q_EMIT changed(key);
}

void AppSettings::sync()
{
    m_settings->sync();
}
