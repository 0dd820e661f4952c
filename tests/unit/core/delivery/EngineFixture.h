#pragma once

// A workspace for tests of the delivery engine: a vault (cheap KDF), n subscribed contacts on
// the "Newsletter" list with the demo campaign to it, and accounts pointing at a test server.

#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/DemoCampaign.h"
#include "core/contacts/ContactRepository.h"
#include "core/delivery/AccountRepository.h"
#include "core/storage/Transaction.h"
#include "core/storage/Workspace.h"
#include "tests/unit/core/security/VaultTestSeam.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <memory>
#include <optional>

class EngineFixture
{
public:
    bool create()
    {
        dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(dir->filePath(QStringLiteral("w.mailroom")));
        if (!ws) {
            return false;
        }
        workspace = std::move(ws).value();
        auto v = VaultTestSeam::create(db(), QStringLiteral("passphrase"));
        if (!v) {
            return false;
        }
        vault.emplace(std::move(v).value());
        return true;
    }

    // Vault, workspace, then its folder.
    void reset()
    {
        vault.reset();
        workspace.reset();
        dir.reset();
    }

    QSqlDatabase db() const { return workspace->database(); }

    // n subscribed contacts person<i>@example.org (first name Name<i>) on the "Newsletter" list,
    // and the demo campaign to that list.
    qint64 makeCampaign(int n)
    {
        ContactRepository contacts(db());
        Transaction tx(db());
        if (!tx.begin()) {
            return 0;
        }
        for (int i = 0; i < n; ++i) {
            Contact c;
            c.email = QStringLiteral("person%1@example.org").arg(i);
            c.firstName = QStringLiteral("Name%1").arg(i);
            c.lists = {QStringLiteral("Newsletter")};
            if (!contacts.add(c)) {
                return 0;
            }
        }
        if (!tx.commit()) {
            return 0;
        }
        auto id = DemoCampaign::add(db());
        return id ? id.value() : 0;
    }

    // An account without TLS or AUTH on 127.0.0.1:port.
    qint64 addAccount(const QString& name, quint16 port, int daily, int perMinute, int connections,
                      std::optional<qint64> dkimKeyId = std::nullopt)
    {
        Account a;
        a.name = name;
        a.preset = AccountPresetId::Smtp;
        a.host = QStringLiteral("127.0.0.1");
        a.port = port;
        a.security = SmtpSecurity::None;
        a.auth = SmtpAuth::None;
        a.fromAddress = QStringLiteral("%1@sunrise-ceramics.example").arg(name.toLower());
        a.dailyLimit = daily;
        a.perMinute = perMinute;
        a.connections = connections;
        a.dkimKeyId = dkimKeyId;
        auto id = AccountRepository(db()).create(a, {}, nullptr);
        if (!id) {
            qWarning("%s", qPrintable(id.error().message));
            return 0;
        }
        return id.value();
    }

    qint64 scalar(const QString& sql) const
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next()) {
            return -1;
        }
        return q.value(0).toLongLong();
    }

    qint64 inState(qint64 campaignId, int state) const
    {
        return scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE state = %1 AND campaign_id = %2")
                          .arg(state)
                          .arg(campaignId));
    }

    CampaignStatus status(qint64 campaignId) const
    {
        auto c = CampaignRepository(db()).findById(campaignId);
        return c ? c->status : CampaignStatus::Draft;
    }

    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Workspace> workspace;
    std::optional<Vault> vault;
};
