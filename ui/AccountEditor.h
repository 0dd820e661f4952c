#pragma once

#include "core/delivery/Account.h"

#include <QDialog>
#include <QSqlDatabase>

#include <memory>

namespace Ui {
class AccountEditor;
}

class VaultSession;

// Add or edit one sender account. The provider combo fills in that provider's server, security
// and limits and shows its note (what the password is, what the limits are); every value stays
// editable. On edit an empty password keeps the stored one. Save checks the fields with
// AccountRepository::validate (its message names the field) and writes the password into the
// vault, unlocking it only when there is a password to store.
class AccountEditor : public QDialog
{
    Q_OBJECT

public:
    // account.id == 0: a new account.
    AccountEditor(QSqlDatabase db, VaultSession* vaultSession, const Account& account, QWidget* parent = nullptr);
    ~AccountEditor() override;

    // The account the widgets describe (not yet validated).
    Account account() const;
    // The id saved, after accept().
    qint64 savedId() const { return m_account.id; }
    // What the last Save refused, as shown under the form.
    QString errorText() const;

    void accept() override;

private:
    void applyPreset();
    void onSecurityChanged();
    void updateAuthWidgets();
    void loadDkimKeys();
    void showError(const QString& message);

    const std::unique_ptr<Ui::AccountEditor> m_ui;
    QSqlDatabase m_db;
    VaultSession* m_vaultSession;
    Account m_account;
};
