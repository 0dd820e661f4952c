#pragma once

#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <memory>

class QTemporaryDir;

// Typed access to the window's preferences. Every key and its default live in one table
// (AppSettings.cpp), so a misspelt key cannot compile. Secrets never go here.
class AppSettings : public QObject
{
    Q_OBJECT

public:
    enum class Key {
        LastWorkspace,
        WindowGeometry,
        WindowState,
        SplitterState,
        HiddenColumns,
        ColumnWidths,
        ImportDirectory,
        ImportPhoneRegion,
        ImportDuplicatePolicy,
        MappingDirectory,
        ExportDirectory,
        ExportExcel,
        CampaignEditorGeometry,
        CampaignEditorSplitters,
        SendFolder,
        AccountsDialogGeometry,
        OutboxWindowGeometry,
        OutboxWindowSplitters,
    };
    Q_ENUM(Key)

    // The user's settings (QSettings with the application's organisation and name).
    explicit AppSettings(QObject* parent = nullptr);
    ~AppSettings() override;

    // Settings backed by a file in a temporary folder that vanishes with the object: for tests.
    static std::unique_ptr<AppSettings> createTemporary();

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);
    void reset(Key key);
    void sync();

    QString lastWorkspace() const { return value(Key::LastWorkspace).toString(); }
    void setLastWorkspace(const QString& path) { setValue(Key::LastWorkspace, path); }
    QByteArray windowGeometry() const { return value(Key::WindowGeometry).toByteArray(); }
    void setWindowGeometry(const QByteArray& geometry) { setValue(Key::WindowGeometry, geometry); }
    QByteArray windowState() const { return value(Key::WindowState).toByteArray(); }
    void setWindowState(const QByteArray& state) { setValue(Key::WindowState, state); }
    QByteArray splitterState() const { return value(Key::SplitterState).toByteArray(); }
    void setSplitterState(const QByteArray& state) { setValue(Key::SplitterState, state); }
    // Column keys ("email", "field:Birthday") the table hides.
    QStringList hiddenColumns() const { return value(Key::HiddenColumns).toStringList(); }
    void setHiddenColumns(const QStringList& keys) { setValue(Key::HiddenColumns, keys); }
    // Column key -> width in pixels.
    QVariantMap columnWidths() const { return value(Key::ColumnWidths).toMap(); }
    void setColumnWidths(const QVariantMap& widths) { setValue(Key::ColumnWidths, widths); }
    // The import wizard's last choices. The encoding is deliberately not remembered: it is
    // detected per file, and a stale override would garble the next file without a word.
    QString importDirectory() const { return value(Key::ImportDirectory).toString(); }
    void setImportDirectory(const QString& dir) { setValue(Key::ImportDirectory, dir); }
    // ISO 3166 region for phone numbers without a country code; empty: the system's.
    QString importPhoneRegion() const { return value(Key::ImportPhoneRegion).toString(); }
    void setImportPhoneRegion(const QString& region) { setValue(Key::ImportPhoneRegion, region); }
    // "skip", "fill" or "overwrite" (duplicatePolicyName).
    QString importDuplicatePolicy() const { return value(Key::ImportDuplicatePolicy).toString(); }
    void setImportDuplicatePolicy(const QString& name) { setValue(Key::ImportDuplicatePolicy, name); }
    QString mappingDirectory() const { return value(Key::MappingDirectory).toString(); }
    void setMappingDirectory(const QString& dir) { setValue(Key::MappingDirectory, dir); }
    QString exportDirectory() const { return value(Key::ExportDirectory).toString(); }
    void setExportDirectory(const QString& dir) { setValue(Key::ExportDirectory, dir); }
    bool exportExcel() const { return value(Key::ExportExcel).toBool(); }
    void setExportExcel(bool excel) { setValue(Key::ExportExcel, excel); }
    // The campaign editor's window: its geometry, and each splitter's state by object name.
    QByteArray campaignEditorGeometry() const { return value(Key::CampaignEditorGeometry).toByteArray(); }
    void setCampaignEditorGeometry(const QByteArray& geometry) { setValue(Key::CampaignEditorGeometry, geometry); }
    QVariantMap campaignEditorSplitters() const { return value(Key::CampaignEditorSplitters).toMap(); }
    void setCampaignEditorSplitters(const QVariantMap& states) { setValue(Key::CampaignEditorSplitters, states); }
    // The folder a campaign was last sent to (the folder transport).
    QString sendFolder() const { return value(Key::SendFolder).toString(); }
    void setSendFolder(const QString& dir) { setValue(Key::SendFolder, dir); }

Q_SIGNALS:
    void changed(AppSettings::Key key);

private:
    AppSettings(std::unique_ptr<QTemporaryDir> dir, QObject* parent);

    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QSettings> m_settings;
};
