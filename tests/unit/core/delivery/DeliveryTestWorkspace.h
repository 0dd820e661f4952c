#pragma once

#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "core/campaigns/StarterTemplates.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

// A real workspace file for the outbox, quota and campaign delivery tests: contacts in one
// list, a campaign to that list, and sender accounts written straight into the accounts table.
class DeliveryTestWorkspace
{
public:
    bool create()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath(QStringLiteral("t.mailroom")));
        if (!ws) {
            qWarning("%s", qPrintable(ws.error().message));
            return false;
        }
        m_ws = std::move(ws).value();
        m_list = GroupRepository(db(), GroupKind::List).ensure(QStringLiteral("Customers")).value();
        return true;
    }
    // Closes the workspace and opens it again: a new process, a new connection.
    bool reopen()
    {
        m_ws.reset();
        auto ws = Workspace::open(m_dir->filePath(QStringLiteral("t.mailroom")));
        if (!ws) {
            qWarning("%s", qPrintable(ws.error().message));
            return false;
        }
        m_ws = std::move(ws).value();
        return true;
    }
    void close() { m_ws.reset(); }

    QSqlDatabase db() const { return m_ws->database(); }
    Workspace& workspace() { return *m_ws; }
    qint64 listId() const { return m_list; }

    qint64 addContact(const QString& email, ContactStatus status = ContactStatus::Subscribed, bool inList = true)
    {
        Contact c;
        c.email = email;
        c.status = status;
        if (inList) {
            c.lists = {QStringLiteral("Customers")};
        }
        auto id = ContactRepository(db()).add(c);
        if (!id) {
            qWarning("%s", qPrintable(id.error().message));
            return 0;
        }
        return id.value();
    }

    // `n` subscribed contacts user0@example.com ... in the list, written in two statements.
    bool addManyContacts(int n)
    {
        QSqlQuery q(db());
        const bool ok =
            q.exec(QStringLiteral("WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n + 1 < %1)"
                                  " INSERT INTO contacts (email, email_key, created_at, updated_at)"
                                  " SELECT 'user' || n || '@example.com', 'user' || n || '@example.com',"
                                  " '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM i")
                       .arg(n)) &&
            q.exec(QStringLiteral("INSERT INTO list_members (list_id, contact_id) SELECT %1, id FROM contacts")
                       .arg(m_list));
        return ok;
    }

    qint64 addCampaign(const QString& name = QStringLiteral("Spring"))
    {
        Campaign c;
        c.name = name;
        c.subject = QStringLiteral("Hello");
        c.fromAddress = QStringLiteral("news@example.com");
        c.htmlBody = QStringLiteral("<p>Hello</p>");
        c.listIds = {m_list};
        auto id = CampaignRepository(db()).create(c);
        if (!id) {
            qWarning("%s", qPrintable(id.error().message));
            return 0;
        }
        return id.value();
    }

    // A campaign the content checks pass: an unsubscribe link in the footer, a postal address.
    qint64 addSendableCampaign(const QString& name = QStringLiteral("Autumn"))
    {
        SenderSettings sender;
        sender.postalAddress = QStringLiteral("Mailroom Ltd, 1 High Street, London");
        if (!sender.save(db())) {
            return 0;
        }
        Campaign c;
        c.name = name;
        c.subject = QStringLiteral("Hello {{ first_name | default: \"there\" }}");
        c.fromAddress = QStringLiteral("news@example.com");
        c.htmlBody = QStringLiteral("<p>Hello</p><p><a href=\"https://example.com/offer\">Our offer</a></p>");
        c.footerHtml = StarterTemplates::defaultFooter();
        c.listIds = {m_list};
        auto id = CampaignRepository(db()).create(c);
        if (!id) {
            qWarning("%s", qPrintable(id.error().message));
            return 0;
        }
        return id.value();
    }

    Campaign campaign(qint64 id) { return CampaignRepository(db()).findById(id).value(); }

    qint64 addAccount(const QString& name, int dailyLimit, int perMinute, int connections = 1)
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("INSERT INTO accounts (name, preset, host, port, security, auth, from_address,"
                                 " daily_limit, per_minute, connections, created_at, updated_at)"
                                 " VALUES (?, 'smtp', '127.0.0.1', 25, 'none', 'none', ?, ?, ?, ?, '', '')"));
        q.addBindValue(name);
        q.addBindValue(name + QStringLiteral("@example.com"));
        q.addBindValue(dailyLimit);
        q.addBindValue(perMinute);
        q.addBindValue(connections);
        if (!q.exec()) {
            return 0;
        }
        return q.lastInsertId().toLongLong();
    }

    qint64 scalar(const QString& sql)
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next()) {
            return -1;
        }
        return q.value(0).toLongLong();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_list = 0;
};
