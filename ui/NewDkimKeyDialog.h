#pragma once

#include "core/mail/dkim/DkimKey.h"

#include <QDialog>

#include <memory>

namespace Ui {
class NewDkimKeyDialog;
}

// DKIM Keys > New Key…: the domain mail is sent from, the selector naming the key in DNS,
// and the algorithm. Domain and selector are checked as typed, with the engine's messages.
class NewDkimKeyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewDkimKeyDialog(QWidget* parent = nullptr);
    ~NewDkimKeyDialog() override;

    QString domain() const;
    QString selector() const;
    DkimKey::Algorithm algorithm() const;

private:
    void revalidate();

    const std::unique_ptr<Ui::NewDkimKeyDialog> m_ui;
};
