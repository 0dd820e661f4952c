#pragma once

#include <QMessageBox>
#include <QString>
#include <QStringList>

#include <optional>

class QWidget;

// Every question the window asks a person goes through here, so a test can answer it
// the way a person would click: queue the next answer before the action, and the
// dialog is not shown. Messages shown are recorded for tests to read.
class Dialogs
{
public:
    // Asks for a name (tag, list). Returns nullopt when the person cancels.
    static std::optional<QString> getText(QWidget* parent, const QString& title, const QString& label,
                                          const QStringList& suggestions = {});
    // Asks for a passphrase (typed hidden). Answered by setNextText in tests.
    static std::optional<QString> getPassword(QWidget* parent, const QString& title, const QString& label);
    // `dir`: the folder (or file) the dialog starts in.
    static std::optional<QString> openFileName(QWidget* parent, const QString& title, const QString& filter,
                                               const QString& dir = QString());
    static std::optional<QString> saveFileName(QWidget* parent, const QString& title, const QString& filter,
                                               const QString& dir = QString());
    // A folder that exists (for writing files into). Answered by setNextFileName in tests.
    static std::optional<QString> existingDirectory(QWidget* parent, const QString& title,
                                                    const QString& dir = QString());
    static void warning(QWidget* parent, const QString& title, const QString& text);
    // A result to read (how many files were written). Recorded like warnings, and not shown
    // while warnings are silent.
    static void information(QWidget* parent, const QString& title, const QString& text);
    static QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text,
                                                QMessageBox::StandardButtons buttons,
                                                QMessageBox::StandardButton defaultButton);

    // Test seams: the answer the next prompt of that kind gives (nullopt = Cancel). Text
    // answers queue up, for a dialog that asks twice (a new passphrase and its confirmation).
    static void setNextText(std::optional<QString> answer);
    static void setNextFileName(std::optional<QString> answer);
    static void setNextButton(QMessageBox::StandardButton answer);
    // True while a queued answer has not been used: a test can check a question was never asked.
    static bool hasPendingAnswers();
    static void clearPendingAnswers();
    // The text of the last warning shown (or answered by a seam), and clearing it.
    static QString lastWarning();
    static void clearLastWarning();
    // The text of the last information shown.
    static QString lastInformation();
    // True while a seam answer is queued for warnings: they are recorded, not shown.
    static void setWarningsSilent(bool silent);
};
