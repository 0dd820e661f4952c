#pragma once

#include "core/delivery/Account.h"
#include "core/smtp/SmtpSession.h"

#include <QDialog>
#include <QSqlDatabase>
#include <QStringList>
#include <QVector>

#include <functional>
#include <memory>

namespace Ui {
class AccountsDialog;
}

class AppSettings;
class VaultSession;

// Campaigns > Sender Accounts…: the accounts campaigns are delivered through, with Add, Edit
// (AccountEditor), Delete (after confirming; refused with the engine's message while a campaign
// still sending may use the account) and Test: connect, sign in and show the server's dialogue.
// The test runs off the UI thread with a busy bar; Cancel Test stops waiting for it at once (the
// connection attempt itself ends on its own short timeouts).
class AccountsDialog : public QDialog
{
    Q_OBJECT

public:
    // settings: where the dialog's geometry is kept; may be null (tests).
    AccountsDialog(QSqlDatabase db, VaultSession* vaultSession, AppSettings* settings, QWidget* parent = nullptr);
    ~AccountsDialog() override;

    // The accounts listed, in table order.
    QVector<Account> accounts() const { return m_accounts; }
    bool isTesting() const { return m_testId != 0; }
    void selectAccount(qint64 id);

    // Test seam: the probe the Test button runs (default SmtpSession::probe). It runs on a
    // worker thread and must not touch widgets.
    using Probe = std::function<SmtpProbeResult(const SmtpSettings&)>;
    void setProbeForTesting(Probe probe);

protected:
    void done(int result) override;

private:
    void reload();
    void onSelectionChanged();
    void addAccount();
    void editSelected();
    void deleteSelected();
    void testSelected();
    void cancelTest();
    void onTested(quint64 testId, const SmtpProbeResult& result, const QString& accountName);
    void setTesting(bool testing);
    qint64 selectedId() const;
    const Account* selected() const;

    const std::unique_ptr<Ui::AccountsDialog> m_ui;
    QSqlDatabase m_db;
    VaultSession* m_vaultSession;
    AppSettings* m_settings;
    QVector<Account> m_accounts;
    Probe m_probe;
    // The test being waited for (0: none); a result for any other id is dropped.
    quint64 m_testId = 0;
    quint64 m_nextTestId = 1;
};
