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

Q_SIGNALS:
    void changed(AppSettings::Key key);

private:
    AppSettings(std::unique_ptr<QTemporaryDir> dir, QObject* parent);

    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QSettings> m_settings;
};
