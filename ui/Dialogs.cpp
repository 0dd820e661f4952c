#include "ui/Dialogs.h"

#include <QFileDialog>
#include <QInputDialog>

namespace {

struct Seams
{
    // Answers to text and passphrase prompts, in the order they will be asked.
    QList<std::optional<QString>> texts;
    bool hasFileName = false;
    std::optional<QString> nextFileName;
    std::optional<QMessageBox::StandardButton> nextButton;
    bool warningsSilent = false;
    QString lastWarning;
    QString lastInformation;
};

Seams& seams()
{
    static Seams s;
    return s;
}

} // namespace

std::optional<QString> Dialogs::getText(QWidget* parent, const QString& title, const QString& label,
                                        const QStringList& suggestions)
{
    Seams& s = seams();
    if (!s.texts.isEmpty()) {
        return s.texts.takeFirst();
    }
    bool ok = false;
    QString text;
    if (suggestions.isEmpty()) {
        text = QInputDialog::getText(parent, title, label, QLineEdit::Normal, QString(), &ok);
    } else {
        // Editable: a person may pick an existing name or type a new one.
        text = QInputDialog::getItem(parent, title, label, suggestions, 0, true, &ok);
    }
    if (!ok) {
        return std::nullopt;
    }
    return text;
}

std::optional<QString> Dialogs::getPassword(QWidget* parent, const QString& title, const QString& label)
{
    Seams& s = seams();
    if (!s.texts.isEmpty()) {
        return s.texts.takeFirst();
    }
    bool ok = false;
    const QString text = QInputDialog::getText(parent, title, label, QLineEdit::Password, QString(), &ok);
    if (!ok) {
        return std::nullopt;
    }
    return text;
}

std::optional<QString> Dialogs::openFileName(QWidget* parent, const QString& title, const QString& filter,
                                             const QString& dir)
{
    Seams& s = seams();
    if (s.hasFileName) {
        s.hasFileName = false;
        return std::exchange(s.nextFileName, std::nullopt);
    }
    const QString path = QFileDialog::getOpenFileName(parent, title, dir, filter);
    if (path.isEmpty()) {
        return std::nullopt;
    }
    return path;
}

std::optional<QString> Dialogs::saveFileName(QWidget* parent, const QString& title, const QString& filter,
                                             const QString& dir)
{
    Seams& s = seams();
    if (s.hasFileName) {
        s.hasFileName = false;
        return std::exchange(s.nextFileName, std::nullopt);
    }
    const QString path = QFileDialog::getSaveFileName(parent, title, dir, filter);
    if (path.isEmpty()) {
        return std::nullopt;
    }
    return path;
}

std::optional<QString> Dialogs::existingDirectory(QWidget* parent, const QString& title, const QString& dir)
{
    Seams& s = seams();
    if (s.hasFileName) {
        s.hasFileName = false;
        return std::exchange(s.nextFileName, std::nullopt);
    }
    const QString path = QFileDialog::getExistingDirectory(parent, title, dir);
    if (path.isEmpty()) {
        return std::nullopt;
    }
    return path;
}

void Dialogs::information(QWidget* parent, const QString& title, const QString& text)
{
    Seams& s = seams();
    s.lastInformation = text;
    if (s.warningsSilent) {
        return;
    }
    QMessageBox::information(parent, title, text);
}

QString Dialogs::lastInformation()
{
    return seams().lastInformation;
}

void Dialogs::warning(QWidget* parent, const QString& title, const QString& text)
{
    Seams& s = seams();
    s.lastWarning = text;
    if (s.warningsSilent) {
        return;
    }
    QMessageBox::warning(parent, title, text);
}

QMessageBox::StandardButton Dialogs::question(QWidget* parent, const QString& title, const QString& text,
                                              QMessageBox::StandardButtons buttons,
                                              QMessageBox::StandardButton defaultButton)
{
    Seams& s = seams();
    if (s.nextButton) {
        return *std::exchange(s.nextButton, std::nullopt);
    }
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

void Dialogs::setNextText(std::optional<QString> answer)
{
    seams().texts.append(std::move(answer));
}

void Dialogs::setNextFileName(std::optional<QString> answer)
{
    seams().hasFileName = true;
    seams().nextFileName = std::move(answer);
}

void Dialogs::setNextButton(QMessageBox::StandardButton answer)
{
    seams().nextButton = answer;
}

bool Dialogs::hasPendingAnswers()
{
    const Seams& s = seams();
    return !s.texts.isEmpty() || s.hasFileName || s.nextButton.has_value();
}

void Dialogs::clearPendingAnswers()
{
    Seams& s = seams();
    s.texts.clear();
    s.hasFileName = false;
    s.nextFileName.reset();
    s.nextButton.reset();
}

QString Dialogs::lastWarning()
{
    return seams().lastWarning;
}

void Dialogs::clearLastWarning()
{
    seams().lastWarning.clear();
}

void Dialogs::setWarningsSilent(bool silent)
{
    seams().warningsSilent = silent;
}
