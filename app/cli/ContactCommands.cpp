#include "app/cli/ContactCommands.h"

#include "app/cli/ContactPrinter.h"
#include "app/cli/WorkspaceCommands.h"
#include "core/contacts/ContactColumn.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/GroupRepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <array>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ContactCommands", text);
}

constexpr int kDefaultSearchLimit = 50;

QString statusChoices()
{
    QStringList names;
    for (ContactStatus status : allContactStatuses()) {
        names.append(contactStatusName(status));
    }
    return names.join(QStringLiteral(", "));
}

// The plain text options that map one-to-one onto a Contact member.
struct TextOption
{
    const char* name;
    ContactColumn column;
    QString Contact::*member;
};
const std::array<TextOption, 11> kTextOptions = {{
    {"first-name", ContactColumn::FirstName, &Contact::firstName},
    {"last-name", ContactColumn::LastName, &Contact::lastName},
    {"company", ContactColumn::Company, &Contact::company},
    {"phone", ContactColumn::Phone, &Contact::phone},
    {"street", ContactColumn::Street, &Contact::street},
    {"city", ContactColumn::City, &Contact::city},
    {"region", ContactColumn::Region, &Contact::region},
    {"postcode", ContactColumn::Postcode, &Contact::postcode},
    {"country", ContactColumn::Country, &Contact::country},
    {"notes", ContactColumn::Notes, &Contact::notes},
    {"consent-source", ContactColumn::ConsentSource, &Contact::consentSource},
}};

QList<CliOption> detailOptions()
{
    QList<CliOption> options;
    for (const TextOption& option : kTextOptions) {
        options.append({QString::fromLatin1(option.name), QStringLiteral("TEXT"), contactColumnLabel(option.column)});
    }
    options.append({QStringLiteral("consent-date"), QStringLiteral("YYYY-MM-DD"), tr("when consent was given")});
    options.append({QStringLiteral("status"), QStringLiteral("STATUS"), tr("one of: %1").arg(statusChoices())});
    options.append({QStringLiteral("tag"), QStringLiteral("TAG"), tr("add a tag (created if new)"), true});
    options.append({QStringLiteral("list"), QStringLiteral("LIST"), tr("add to a list (created if new)"), true});
    options.append({QStringLiteral("field"), QStringLiteral("NAME=VALUE"),
                    tr("set a custom field (see \"fields\"); an empty VALUE clears it"), true});
    return options;
}

QList<CliOption> filterOptions()
{
    return {
        {QStringLiteral("tag"), QStringLiteral("TAG"), tr("only contacts with this tag")},
        {QStringLiteral("list"), QStringLiteral("LIST"), tr("only contacts on this list")},
        {QStringLiteral("status"), QStringLiteral("STATUS"),
         tr("only contacts with this status (%1)").arg(statusChoices())},
    };
}

bool containsName(const QStringList& names, const QString& name)
{
    return names.contains(name.trimmed(), Qt::CaseInsensitive);
}

// Applies --first-name, --tag, --field... to a contact. Memberships are only ever added here;
// `edit` removes with --untag / --unlist.
CliStatus applyDetails(const CliArguments& args, Contact& contact)
{
    for (const TextOption& option : kTextOptions) {
        const QString name = QString::fromLatin1(option.name);
        if (args.isSet(name)) {
            contact.*option.member = args.value(name);
        }
    }
    if (args.isSet(QStringLiteral("consent-date"))) {
        const QString text = args.value(QStringLiteral("consent-date")).trimmed();
        contact.consentDate = text.isEmpty() ? QDate() : QDate::fromString(text, Qt::ISODate);
        if (!text.isEmpty() && !contact.consentDate.isValid()) {
            return CliStatus::failed(tr("\"%1\" is not a consent date; write it as YYYY-MM-DD.").arg(text));
        }
    }
    if (args.isSet(QStringLiteral("status"))) {
        const auto status = contactStatusFromName(args.value(QStringLiteral("status")).trimmed());
        if (!status) {
            return CliStatus::usage(tr("--status must be one of %1, not \"%2\"")
                                        .arg(statusChoices(), args.value(QStringLiteral("status"))));
        }
        contact.status = *status;
    }
    for (const QString& tag : args.values(QStringLiteral("tag"))) {
        if (!containsName(contact.tags, tag)) {
            contact.tags.append(tag.trimmed());
        }
    }
    for (const QString& list : args.values(QStringLiteral("list"))) {
        if (!containsName(contact.lists, list)) {
            contact.lists.append(list.trimmed());
        }
    }
    for (const QString& assignment : args.values(QStringLiteral("field"))) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return CliStatus::usage(tr("--field needs NAME=VALUE, not \"%1\"").arg(assignment));
        }
        const QString name = assignment.left(eq).trimmed();
        // Replace a value stored under another spelling of the same field name.
        for (const QString& existing : contact.fields.keys()) {
            if (existing.compare(name, Qt::CaseInsensitive) == 0) {
                contact.fields.remove(existing);
            }
        }
        contact.fields.insert(name, assignment.mid(eq + 1));
    }
    return CliStatus::success();
}

void removeNames(QStringList& names, const QStringList& unwanted)
{
    for (const QString& name : unwanted) {
        names.removeIf([&name](const QString& n) { return n.compare(name.trimmed(), Qt::CaseInsensitive) == 0; });
    }
}

void printContact(const CliRequest& request, CliOutput& out, const Contact& contact)
{
    if (request.json) {
        out.json(ContactPrinter::toJson(contact));
        return;
    }
    const auto lines = ContactPrinter::toLines(contact);
    qsizetype width = 0;
    for (const auto& line : lines) {
        width = std::max(width, line.first.size());
    }
    for (const auto& [label, value] : lines) {
        out.line((label + QLatin1Char(':')).leftJustified(width + 2) + value);
    }
}

// Resolves --tag / --list / --status into a filter; unknown names are the user's error.
CliStatus buildFilter(const CliArguments& args, QSqlDatabase db, ContactFilter& filter)
{
    if (args.isSet(QStringLiteral("status"))) {
        const auto status = contactStatusFromName(args.value(QStringLiteral("status")).trimmed());
        if (!status) {
            return CliStatus::usage(tr("--status must be one of %1, not \"%2\"")
                                        .arg(statusChoices(), args.value(QStringLiteral("status"))));
        }
        filter.status = status;
    }
    if (args.isSet(QStringLiteral("tag"))) {
        auto tag = GroupRepository(db, GroupKind::Tag).findByName(args.value(QStringLiteral("tag")));
        if (!tag) {
            return CliStatus::failed(tag.error());
        }
        filter.tagId = tag->id;
    }
    if (args.isSet(QStringLiteral("list"))) {
        auto list = GroupRepository(db, GroupKind::List).findByName(args.value(QStringLiteral("list")));
        if (!list) {
            return CliStatus::failed(list.error());
        }
        filter.listId = list->id;
    }
    return CliStatus::success();
}

// Checks --status before the workspace is opened, so bad usage is exit 2 even without one.
CliStatus checkStatusOption(const CliArguments& args)
{
    if (args.isSet(QStringLiteral("status")) &&
        !contactStatusFromName(args.value(QStringLiteral("status")).trimmed())) {
        return CliStatus::usage(
            tr("--status must be one of %1, not \"%2\"").arg(statusChoices(), args.value(QStringLiteral("status"))));
    }
    return CliStatus::success();
}

} // namespace

QList<CliCommand> ContactCommands::commands()
{
    const QString contacts = QStringLiteral("contacts");
    const QString email = QStringLiteral("EMAIL");
    QList<CliOption> addOptions = detailOptions();
    addOptions.prepend({QStringLiteral("email"), QStringLiteral("EMAIL"), tr("the address (required)")});
    QList<CliOption> editOptions = detailOptions();
    editOptions.prepend({QStringLiteral("email"), QStringLiteral("NEW"), tr("change the address")});
    editOptions.append({QStringLiteral("untag"), QStringLiteral("TAG"), tr("remove a tag"), true});
    editOptions.append({QStringLiteral("unlist"), QStringLiteral("LIST"), tr("remove from a list"), true});
    QList<CliOption> searchOptions = filterOptions();
    searchOptions.prepend({QStringLiteral("limit"), QStringLiteral("N"),
                           tr("show at most N contacts (default %1)").arg(kDefaultSearchLimit)});

    return {
        {{contacts, QStringLiteral("add")}, {}, tr("add a contact"), addOptions, &add},
        {{contacts, QStringLiteral("show")}, {email}, tr("show one contact"), {}, &show},
        {{contacts, QStringLiteral("edit")}, {email}, tr("change a contact"), editOptions, &edit},
        {{contacts, QStringLiteral("delete")}, {email}, tr("delete a contact"), {}, &remove},
        {{contacts, QStringLiteral("search")},
         {QStringLiteral("QUERY")},
         tr("find contacts by name, email, company, tags or notes (each word matches as a prefix)"),
         searchOptions,
         &search},
        {{contacts, QStringLiteral("count")}, {}, tr("count contacts, optionally filtered"), filterOptions(), &count},
    };
}

CliStatus ContactCommands::add(const CliRequest& request, CliOutput& out)
{
    if (!request.args.isSet(QStringLiteral("email"))) {
        return CliStatus::usage(tr("\"contacts add\" needs --email EMAIL"));
    }
    Contact contact;
    contact.email = request.args.value(QStringLiteral("email"));
    if (CliStatus s = applyDetails(request.args, contact); s.exit != CliStatus::Exit::Success) {
        return s;
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    ContactRepository repository(workspace.value()->database());
    auto id = repository.add(contact);
    if (!id) {
        return CliStatus::failed(id.error());
    }
    auto stored = repository.findById(id.value());
    if (!stored) {
        return CliStatus::failed(stored.error());
    }
    if (request.json) {
        printContact(request, out, stored.value());
    } else {
        out.line(tr("Added %1 (contact #%2).").arg(stored->email).arg(stored->id));
    }
    return CliStatus::success();
}

CliStatus ContactCommands::show(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    auto contact = ContactRepository(workspace.value()->database()).findByEmail(request.args.positionals().at(0));
    if (!contact) {
        return CliStatus::failed(contact.error());
    }
    printContact(request, out, contact.value());
    return CliStatus::success();
}

CliStatus ContactCommands::edit(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    ContactRepository repository(workspace.value()->database());
    auto found = repository.findByEmail(request.args.positionals().at(0));
    if (!found) {
        return CliStatus::failed(found.error());
    }
    Contact contact = found.value();
    removeNames(contact.tags, request.args.values(QStringLiteral("untag")));
    removeNames(contact.lists, request.args.values(QStringLiteral("unlist")));
    if (CliStatus s = applyDetails(request.args, contact); s.exit != CliStatus::Exit::Success) {
        return s;
    }
    if (request.args.isSet(QStringLiteral("email"))) {
        contact.email = request.args.value(QStringLiteral("email"));
    }
    if (auto updated = repository.update(contact); !updated) {
        return CliStatus::failed(updated.error());
    }
    auto stored = repository.findById(contact.id);
    if (!stored) {
        return CliStatus::failed(stored.error());
    }
    if (request.json) {
        printContact(request, out, stored.value());
    } else {
        out.line(tr("Updated %1 (contact #%2).").arg(stored->email).arg(stored->id));
    }
    return CliStatus::success();
}

CliStatus ContactCommands::remove(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    ContactRepository repository(workspace.value()->database());
    auto found = repository.findByEmail(request.args.positionals().at(0));
    if (!found) {
        return CliStatus::failed(found.error());
    }
    if (auto removed = repository.remove(found->id); !removed) {
        return CliStatus::failed(removed.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("deleted"), found->email}, {QStringLiteral("id"), found->id}});
    } else {
        out.line(tr("Deleted %1 (contact #%2).").arg(found->email).arg(found->id));
    }
    return CliStatus::success();
}

CliStatus ContactCommands::search(const CliRequest& request, CliOutput& out)
{
    int limit = kDefaultSearchLimit;
    if (request.args.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.args.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1) {
            return CliStatus::usage(tr("--limit must be a whole number above 0, not \"%1\"")
                                        .arg(request.args.value(QStringLiteral("limit"))));
        }
    }
    if (CliStatus s = checkStatusOption(request.args); s.exit != CliStatus::Exit::Success) {
        return s;
    }
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    ContactPageRequest page;
    page.filter.search = request.args.positionals().at(0);
    page.limit = limit;
    if (CliStatus s = buildFilter(request.args, workspace.value()->database(), page.filter);
        s.exit != CliStatus::Exit::Success) {
        return s;
    }
    auto found = ContactRepository(workspace.value()->database()).page(page);
    if (!found) {
        return CliStatus::failed(found.error());
    }
    if (request.json) {
        QJsonArray array;
        for (const Contact& contact : found->contacts) {
            array.append(ContactPrinter::toJson(contact));
        }
        out.json(array);
    } else if (found->contacts.isEmpty()) {
        out.line(tr("No contacts match \"%1\".").arg(page.filter.search));
    } else {
        QList<QStringList> rows;
        for (const Contact& contact : found->contacts) {
            rows.append(ContactPrinter::toSearchRow(contact));
        }
        out.table(ContactPrinter::searchHeaders(), rows);
    }
    return CliStatus::success();
}

CliStatus ContactCommands::count(const CliRequest& request, CliOutput& out)
{
    if (CliStatus s = checkStatusOption(request.args); s.exit != CliStatus::Exit::Success) {
        return s;
    }
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    ContactFilter filter;
    if (CliStatus s = buildFilter(request.args, workspace.value()->database(), filter);
        s.exit != CliStatus::Exit::Success) {
        return s;
    }
    auto counted = ContactRepository(workspace.value()->database()).count(filter);
    if (!counted) {
        return CliStatus::failed(counted.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("count"), counted.value()}});
    } else {
        out.line(QString::number(counted.value()));
    }
    return CliStatus::success();
}
