#pragma once

#include "core/contacts/Contact.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/storage/Connection.h"
#include "core/storage/Workspace.h"

#include <QString>
#include <QTemporaryDir>
#include <QTest>

// A small workspace in a temporary folder, filled through the repository the way the CLI would.
// The window opens it afterwards (the Workspace object is closed first, freeing its lock).
class GuiTestWorkspace
{
public:
    GuiTestWorkspace()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("test.mailroom"));
        auto workspace = Workspace::create(m_path);
        QVERIFY2(workspace.ok(), workspace.ok() ? "" : qPrintable(workspace.error().message));
        ContactRepository repository((*workspace)->database());
        QVERIFY(CustomFieldRepository((*workspace)->database())
                    .create(QStringLiteral("Loyalty points"), FieldType::Number)
                    .ok());
        const QStringList firstNames = {QStringLiteral("Alice"), QStringLiteral("Bob"),   QStringLiteral("Carol"),
                                        QStringLiteral("Dave"),  QStringLiteral("Erin"),  QStringLiteral("Frank"),
                                        QStringLiteral("Grace"), QStringLiteral("Heidi"), QStringLiteral("Ivan"),
                                        QStringLiteral("Judy")};
        const QStringList lastNames = {QStringLiteral("Adams"), QStringLiteral("Brown"), QStringLiteral("Clark"),
                                       QStringLiteral("Davis"), QStringLiteral("Evans"), QStringLiteral("Fisher"),
                                       QStringLiteral("Green"), QStringLiteral("Hill"),  QStringLiteral("Irwin"),
                                       QStringLiteral("Jones")};
        for (int i = 0; i < firstNames.size(); ++i) {
            Contact contact;
            contact.firstName = firstNames.at(i);
            contact.lastName = lastNames.at(i);
            contact.email = QStringLiteral("%1@example.com").arg(firstNames.at(i).toLower());
            contact.company = i % 2 ? QStringLiteral("Blue Door Bakery") : QStringLiteral("Sunrise Ceramics");
            if (i < 4) {
                contact.tags = {QStringLiteral("customer")};
            }
            if (i == 2) {
                contact.lists = {QStringLiteral("Newsletter")};
                contact.fields.insert(QStringLiteral("Loyalty points"), QStringLiteral("120"));
            }
            Result<qint64> id = repository.add(contact);
            QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
        }
    }

    QString path() const { return m_path; }

    // A fresh read of the stored contact, through a connection of our own.
    Result<Contact> stored(const QString& email) const
    {
        Result<Connection> connection = Connection::open(m_path);
        if (!connection) {
            return connection.error();
        }
        return ContactRepository(connection->database()).findByEmail(email);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};
