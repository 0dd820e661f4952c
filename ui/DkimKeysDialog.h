#pragma once

#include "core/Result.h"
#include "core/campaigns/DkimKeyRepository.h"

#include <QDialog>
#include <QSqlDatabase>
#include <QThreadPool>
#include <QVector>

#include <memory>

namespace Ui {
class DkimKeysDialog;
}

class VaultSession;

// Tools > DKIM Keys…: the workspace's signing keys, a new one made in the app (its private
// half straight into the vault), and for the selected key the exact DNS TXT record to publish,
// its name and value each with a Copy button, and the zone-file line. The record is written
// from the public key alone, so looking at it never asks for the vault's passphrase.
class DkimKeysDialog : public QDialog
{
    Q_OBJECT

public:
    DkimKeysDialog(QSqlDatabase db, const QString& workspacePath, VaultSession* vaultSession,
                   QWidget* parent = nullptr);
    ~DkimKeysDialog() override;

    // The keys listed, in table order.
    QVector<DkimKeyInfo> keys() const { return m_keys; }
    bool isGenerating() const { return m_generating; }
    // Selects the key with this id (after a reload, and for tests).
    void selectKey(qint64 id);

    void reject() override;

private:
    void reload();
    void onSelectionChanged();
    void newKey();
    void generate(const QString& domain, const QString& selector, DkimKey::Algorithm algorithm);
    void onGenerated(const Result<DkimKeyInfo>& result);
    void removeSelected();
    void setGenerating(bool generating);
    qint64 selectedId() const;

    const std::unique_ptr<Ui::DkimKeysDialog> m_ui;
    QSqlDatabase m_db;
    QString m_workspacePath;
    VaultSession* m_vaultSession;
    QVector<DkimKeyInfo> m_keys;
    bool m_generating = false;
    // Last: destroyed first, waiting for a key being made before the widgets go.
    QThreadPool m_pool;
};
