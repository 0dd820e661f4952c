#pragma once

#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/storage/Workspace.h"

#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

// A workspace of `count` synthetic contacts whose make-up the tests know exactly:
// every 3rd contact is tagged "vip", every 5th is on the list "Newsletter", every 7th is
// unsubscribed, every 10th has a "Score" custom field. Last names repeat (ties break by id)
// and three of them start with "Mu" for the search tests.
struct ModelTestWorkspace
{
    std::unique_ptr<Workspace> workspace;
    QVector<Contact> contacts; // as added, with ids
    CustomField score;

    static QStringList firstNames()
    {
        return {QStringLiteral("Anna"), QStringLiteral("Bruno"), QStringLiteral("Clara"), QStringLiteral("Dieter"),
                QStringLiteral("Eva"),  QStringLiteral("Felix"), QStringLiteral("Greta"), QStringLiteral("Hugo"),
                QStringLiteral("Ida"),  QStringLiteral("Jonas"), QStringLiteral("Karl")};
    }
    static QStringList lastNames()
    {
        return {QStringLiteral("Mueller"), QStringLiteral("Mullins"),   QStringLiteral("Murphy"),
                QStringLiteral("Schmidt"), QStringLiteral("Schneider"), QStringLiteral("Fischer"),
                QStringLiteral("Weber"),   QStringLiteral("Meyer"),     QStringLiteral("Wagner"),
                QStringLiteral("becker"),  QStringLiteral("Smith"),     QStringLiteral("Zimmer"),
                QStringLiteral("Ahn")};
    }

    static Result<ModelTestWorkspace> create(const QString& path, int count)
    {
        Result<std::unique_ptr<Workspace>> ws = Workspace::create(path);
        if (!ws) {
            return ws.error();
        }
        ModelTestWorkspace result;
        result.workspace = std::move(ws).value();
        CustomFieldRepository fields(result.workspace->database());
        const Result<qint64> scoreId = fields.create(QStringLiteral("Score"), FieldType::Number);
        if (!scoreId) {
            return scoreId.error();
        }
        result.score = CustomField{scoreId.value(), QStringLiteral("Score"), FieldType::Number};

        ContactRepository repository(result.workspace->database());
        const QStringList first = firstNames();
        const QStringList last = lastNames();
        const QStringList companies = {QStringLiteral("Acme"), QStringLiteral("Globex"), QStringLiteral("Initech")};
        for (int i = 1; i <= count; ++i) {
            Contact c;
            c.email = QStringLiteral("person%1@example.com").arg(i);
            c.firstName = first.at(i % first.size());
            c.lastName = last.at((i * 7) % last.size());
            c.company = companies.at(i % companies.size());
            c.city = QStringLiteral("Berlin");
            if (i % 7 == 0) {
                c.status = ContactStatus::Unsubscribed;
            } else if (i % 11 == 0) {
                c.status = ContactStatus::Bounced;
            }
            if (i % 3 == 0) {
                c.tags << QStringLiteral("vip");
            }
            if (i % 5 == 0) {
                c.lists << QStringLiteral("Newsletter");
            }
            if (i % 10 == 0) {
                c.fields.insert(QStringLiteral("Score"), QString::number((i * 37) % 101));
            }
            const Result<qint64> id = repository.add(c);
            if (!id) {
                return id.error();
            }
            c.id = id.value();
            result.contacts.append(c);
        }
        return result;
    }

    // Ids in the order SQLite itself gives for this ORDER BY / WHERE, the oracle for the model.
    QVector<qint64> idsInSqlOrder(const QString& orderBy, const QString& where = QStringLiteral("1 = 1"),
                                  const QVariantList& binds = {}) const
    {
        QSqlQuery q(workspace->database());
        q.prepare(QStringLiteral("SELECT c.id FROM contacts c WHERE %1 ORDER BY %2").arg(where, orderBy));
        for (const QVariant& v : binds) {
            q.addBindValue(v);
        }
        QVector<qint64> ids;
        if (q.exec()) {
            while (q.next()) {
                ids.append(q.value(0).toLongLong());
            }
        }
        return ids;
    }

    qint64 groupId(const char* table, const QString& name) const
    {
        QSqlQuery q(workspace->database());
        q.prepare(QStringLiteral("SELECT id FROM %1 WHERE name = ?").arg(QLatin1String(table)));
        q.addBindValue(name);
        return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
    }
};
