#include "ui/Dialogs.h"

#include <QFileDialog>
#include <QInputDialog>

namespace {

struct Seams
{
    bool hasText = false;
    std::optional<QString> nextText;
    bool hasFileName = false;
    std::optional<QString> nextFileName;
    std::optional<QMessageBox::StandardButton> nextButton;
    bool warningsSilent = false;
    QString lastWarning;
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
    if (s.hasText) {
        s.hasText = false;
        return std::exchange(s.nextText, std::nullopt);
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
    seams().hasText = true;
    seams().nextText = std::move(answer);
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
    return s.hasText || s.hasFileName || s.nextButton.has_value();
}

void Dialogs::clearPendingAnswers()
{
    Seams& s = seams();
    s.hasText = false;
    s.nextText.reset();
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
