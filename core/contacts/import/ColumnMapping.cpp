#include "core/contacts/import/ColumnMapping.h"

#include "core/contacts/EmailAddress.h"
#include "core/contacts/import/FieldTypeGuess.h"
#include "core/contacts/import/PhoneNormalizer.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

#include <optional>

ColumnTarget ColumnTarget::toColumn(ContactColumn c)
{
    ColumnTarget t;
    t.kind = Kind::Column;
    t.column = c;
    return t;
}

ColumnTarget ColumnTarget::toFullName()
{
    ColumnTarget t;
    t.kind = Kind::FullName;
    return t;
}

ColumnTarget ColumnTarget::toField(const QString& name, FieldType type)
{
    ColumnTarget t;
    t.kind = Kind::CustomField;
    t.fieldName = name;
    t.fieldType = type;
    return t;
}

ColumnTarget ColumnTarget::toTags(const QString& separator)
{
    ColumnTarget t;
    t.kind = Kind::Tags;
    t.separator = separator;
    return t;
}

ColumnTarget ColumnTarget::toLists(const QString& separator)
{
    ColumnTarget t;
    t.kind = Kind::Lists;
    t.separator = separator;
    return t;
}

bool ColumnTarget::operator==(const ColumnTarget& o) const
{
    if (kind != o.kind) {
        return false;
    }
    switch (kind) {
    case Kind::Ignore:
    case Kind::FullName:
        return true;
    case Kind::Column:
        return column == o.column;
    case Kind::CustomField:
        return fieldName == o.fieldName && fieldType == o.fieldType;
    case Kind::Tags:
    case Kind::Lists:
        return separator == o.separator;
    }
    return false;
}

bool isImportableColumn(ContactColumn column)
{
    switch (column) {
    case ContactColumn::Tags:
    case ContactColumn::Lists:
    case ContactColumn::CreatedAt:
    case ContactColumn::UpdatedAt:
        return false;
    default:
        return true;
    }
}

namespace {

const QString kGoogleSeparator = QStringLiteral(" ::: ");

// Lower case, no accents, letters and digits only: "E-Mail-Adresse" -> "emailadresse",
// "Straße" -> "strasse", "Téléphone" -> "telephone".
QString normalizedHeader(const QString& header)
{
    const QString decomposed = header.normalized(QString::NormalizationForm_KD).toLower();
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c == QChar(0x00DF)) { // ß has no decomposition
            out += QLatin1String("ss");
        } else if (c.isLetterOrNumber()) {
            out += c;
        }
    }
    return out;
}

QString withoutDigits(const QString& normalized)
{
    QString out;
    for (const QChar c : normalized) {
        if (!c.isDigit()) {
            out += c;
        }
    }
    return out;
}

struct HeaderDictionary
{
    QHash<QString, ColumnTarget> targets; // by normalizedHeader()

    // `names`: header spellings separated by "|".
    void add(const ColumnTarget& target, const char* names)
    {
        const QStringList list = QString::fromUtf8(names).split(QLatin1Char('|'));
        for (const QString& name : list) {
            targets.insert(normalizedHeader(name), target);
        }
    }
};

// Real export headers, compared after normalizedHeader(). Numbered Google and Outlook headers
// ("E-mail 2 - Value", "E-mail 3 Address") are also looked up without their digits, so only
// the unnumbered pattern is listed.
const HeaderDictionary& dictionary()
{
    static const HeaderDictionary dict = [] {
        HeaderDictionary d;
        using C = ContactColumn;
        const ColumnTarget ignore = ColumnTarget::ignore();

        // Our own export: the column keys and the English labels (translated labels: lookupHeader).
        for (const ContactColumnInfo& info : contactColumns()) {
            ColumnTarget target = ColumnTarget::toColumn(info.column);
            if (info.column == C::Tags) {
                target = ColumnTarget::toTags();
            } else if (info.column == C::Lists) {
                target = ColumnTarget::toLists();
            } else if (!isImportableColumn(info.column)) {
                target = ignore;
            }
            d.add(target, info.key);
            d.add(target, info.label);
        }

        d.add(ColumnTarget::toColumn(C::Email),
              "Email|E-mail|Email Address|E-mail Address|Email Value|Email (home)|Email (work)|Email (other)|"
              "Home Email|Work Email|Other Email|Primary Email|Email address (home)|Email address (work)|"
              "Mail|Mail address|E-Mail-Adresse|Mailadresse|E-Mail privat|E-Mail geschäftlich|"
              "Courriel|Adresse e-mail|Adresse électronique|Adresse courriel|Adresse mail|"
              "Correo|Correo electrónico|Dirección de correo|Dirección de correo electrónico");
        d.add(ColumnTarget::toColumn(C::FirstName),
              "First Name|Given Name|First|Forename|FNAME|Vorname|Prénom|Nombre|Nombres");
        d.add(ColumnTarget::toColumn(C::LastName),
              "Last Name|Family Name|Surname|Last|LNAME|Nachname|Familienname|Zuname|Nom|Nom de famille|"
              "Apellido|Apellidos");
        d.add(ColumnTarget::toFullName(),
              "Name|Full Name|Display Name|Contact Name|Vollständiger Name|Anzeigename|Nom complet|Nombre completo");
        d.add(ColumnTarget::toColumn(C::Company),
              "Company|Company Name|Organization|Organisation|Organization Name|Firma|Firmenname|Unternehmen|"
              "Société|Entreprise|Organisme|Empresa|Compañía|Organización");
        d.add(ColumnTarget::toColumn(C::Phone),
              "Phone|Phone Number|Telephone|Telephone Number|Tel|Phone Value|Mobile|Mobile Phone|Mobile Number|"
              "Cell|Cell Phone|Business Phone|Home Phone|Primary Phone|Work Phone|Other Phone|Phone (mobile)|"
              "Phone (home)|Phone (work)|Phone (main)|Phone (other)|"
              "Telefon|Telefonnummer|Handy|Handynummer|Mobil|Mobilnummer|Mobiltelefon|Telefon geschäftlich|"
              "Telefon privat|Téléphone|Numéro de téléphone|Portable|Téléphone portable|Téléphone mobile|"
              "Téléphone professionnel|Teléfono|Número de teléfono|Móvil|Celular|Teléfono móvil|"
              "Teléfono del trabajo");
        d.add(ColumnTarget::toColumn(C::Street),
              "Street|Street Address|Address|Address Street|Address Line|Business Street|Home Street|Other Street|"
              "Street (home)|Street (work)|Address (home)|Address (work)|"
              "Straße|Straße und Hausnummer|Adresse|Anschrift|Straße geschäftlich|Straße privat|"
              "Rue|Adresse postale|Dirección|Calle|Domicilio");
        d.add(ColumnTarget::toColumn(C::City),
              "City|Town|Address City|Business City|Home City|Other City|City (home)|City (work)|"
              "Ort|Stadt|Wohnort|Ort geschäftlich|Ort privat|Ville|Ciudad|Localidad|Población|Municipio");
        d.add(ColumnTarget::toColumn(C::Region),
              "Region|State|Province|State/Province|County|Address Region|Business State|Home State|Other State|"
              "State (home)|State (work)|Bundesland|Region geschäftlich|Region privat|Bundesland/Kanton geschäftlich|"
              "Bundesland/Kanton privat|Kanton|Région|Département|Provincia|Estado|Comunidad autónoma");
        d.add(ColumnTarget::toColumn(C::Postcode),
              "Postcode|Postal Code|Post Code|ZIP|ZIP Code|ZIP/Postal Code|Address Postal Code|"
              "Business Postal Code|Home Postal Code|Other Postal Code|ZIP (home)|ZIP (work)|Postal Code (home)|"
              "Postal Code (work)|PLZ|Postleitzahl|Postleitzahl geschäftlich|Postleitzahl privat|"
              "Code postal|CP|Código postal");
        d.add(ColumnTarget::toColumn(C::Country),
              "Country|Country/Region|Address Country|Business Country|Business Country/Region|"
              "Home Country/Region|Other Country/Region|Country (home)|Country (work)|"
              "Land|Land/Region|Land/Region geschäftlich|Land/Region privat|Staat|Pays|País");
        d.add(ColumnTarget::toColumn(C::Status), "Status|Statut|Subscription Status");
        d.add(ColumnTarget::toColumn(C::ConsentSource), "Consent source|Opt-in source");
        d.add(ColumnTarget::toColumn(C::ConsentDate), "Consent date|OPTIN_TIME|Opt-in date|Opt-in time");
        d.add(ColumnTarget::toColumn(C::Notes),
              "Notes|Note|Comment|Comments|Notizen|Notiz|Bemerkung|Bemerkungen|Anmerkungen|Kommentar|"
              "Remarques|Remarque|Commentaire|Commentaires|Notas|Nota|Comentarios|Observaciones");
        d.add(ColumnTarget::toTags(), "Tags|Tag|Schlagwörter|Schlagworte|Étiquettes|Etiquetas|Mots-clés");
        // Apple Contacts groups and German "Gruppen" work as tags do.
        d.add(ColumnTarget::toTags(), "Groups|Group|Gruppen|Gruppe|Groupes|Grupos");
        // Outlook writes its categories separated by ";" in every language.
        d.add(ColumnTarget::toTags(QStringLiteral(";")), "Categories|Kategorien|Catégories|Categorías");
        d.add(ColumnTarget::toTags(kGoogleSeparator), "Labels|Group Membership");
        d.add(ColumnTarget::toLists(), "Lists|List|Listen|Listes|Listas");

        // Not data: companions of values (Google's "E-mail 1 - Type"), photos, what Mailroom keeps
        // itself, Mailchimp's bookkeeping and the columns of our own error report.
        d.add(ignore, "|Created|Updated|Created at|Updated at|Line|Problem|Raw row|"
                      "Email Type|Email Label|Email Display Name|Phone Type|Phone Label|Address Type|Address Label|"
                      "Address Formatted|Website Type|Website Label|Relation Type|Event Type|IM Type|Photo|File As|"
                      "Priority|Sensitivity|Private|E-Mail-Typ|E-Mail: Angezeigter Name|E-Mail-Anzeigename|"
                      "MEMBER_RATING|LAST_CHANGED|LEID|EUID|GMTOFF|DSTOFF|TIMEZONE|CC|OPTIN_IP|CONFIRM_IP|"
                      "CONFIRM_TIME|LATITUDE|LONGITUDE");
        return d;
    }();
    return dict;
}

std::optional<ColumnTarget> lookupHeader(const QString& header)
{
    const QString key = normalizedHeader(header);
    const HeaderDictionary& dict = dictionary();
    auto it = dict.targets.constFind(key);
    if (it != dict.targets.constEnd()) {
        return *it;
    }
    // Labels as the window shows them, in the language it runs in.
    for (const ContactColumnInfo& info : contactColumns()) {
        if (isImportableColumn(info.column) && normalizedHeader(contactColumnLabel(info.column)) == key) {
            return ColumnTarget::toColumn(info.column);
        }
    }
    const QString stripped = withoutDigits(key);
    if (stripped != key && !stripped.isEmpty()) {
        it = dict.targets.constFind(stripped);
        if (it != dict.targets.constEnd()) {
            return *it;
        }
    }
    return std::nullopt;
}

// "Column 3": what ImportSource calls the columns of a file without a header row.
bool isPlaceholderHeader(const QString& header)
{
    static const QRegularExpression pattern(QStringLiteral("^column[0-9]+$"));
    return pattern.match(normalizedHeader(header)).hasMatch();
}

// A name validateFieldName() accepts, made from a header: characters it refuses become spaces
// ("TTY/TDD Phone" -> "TTY TDD Phone", "Assistant's Name" -> "Assistants Name"), at most 64 characters.
QString fieldNameFromHeader(const QString& header)
{
    const QString text = header.normalized(QString::NormalizationForm_C);
    QString name;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')) {
            name += c;
            continue;
        }
        // An English possessive loses its apostrophe; an elision ("Date d'inscription") keeps a space.
        const bool possessive = (c == QLatin1Char('\'') || c == QChar(0x2019)) && i + 1 < text.size() &&
                                text.at(i + 1).toLower() == QLatin1Char('s') &&
                                (i + 2 == text.size() || !text.at(i + 2).isLetterOrNumber());
        if (!possessive) {
            name += QLatin1Char(' ');
        }
    }
    name = name.simplified();
    while (!name.isEmpty() && name.front() == QLatin1Char('-')) {
        name = name.mid(1).trimmed();
    }
    name = name.left(64).trimmed();
    return validateFieldName(name).ok() ? name : QString();
}

QString sampleValue(const QVector<QStringList>& sampleRows, int row, int column)
{
    const QStringList& fields = sampleRows.at(row);
    return column < fields.size() ? fields.at(column).trimmed() : QString();
}

// Number, date or yes/no when every non-empty sample is one (and there is one), else text.
FieldType guessFieldType(const QVector<QStringList>& sampleRows, int column)
{
    FieldTypeGuess guess;
    for (int row = 0; row < sampleRows.size(); ++row) {
        guess.add(sampleValue(sampleRows, row, column));
    }
    return guess.type();
}

bool samplesAreEmails(const QVector<QStringList>& sampleRows, int column)
{
    int emails = 0;
    for (int row = 0; row < sampleRows.size(); ++row) {
        const QString value = sampleValue(sampleRows, row, column);
        if (value.isEmpty()) {
            continue;
        }
        if (!EmailAddress::parse(value).ok()) {
            return false;
        }
        ++emails;
    }
    return emails > 0;
}

const CustomField* findField(const QVector<CustomField>& fields, const QString& name)
{
    if (name.trimmed().isEmpty()) {
        return nullptr;
    }
    for (const CustomField& field : fields) {
        if (field.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0) {
            return &field;
        }
    }
    const QString key = normalizedHeader(name);
    if (key.isEmpty()) {
        return nullptr;
    }
    for (const CustomField& field : fields) {
        if (normalizedHeader(field.name) == key) {
            return &field;
        }
    }
    return nullptr;
}

// guess() with some targets already decided (applySaved): those keep their place, claim their
// built-in columns and field names, and the rest is guessed around them.
// The separator the samples of a tags or lists column use: the one of , ; | that appears in
// most values ("," when none does).
QString separatorInSamples(const QVector<QStringList>& sampleRows, int column)
{
    QString best = QStringLiteral(",");
    int bestCount = 0;
    for (const char* candidate : {",", ";", "|"}) {
        int count = 0;
        for (const QStringList& row : sampleRows) {
            count += row.value(column).contains(QLatin1String(candidate)) ? 1 : 0;
        }
        if (count > bestCount) {
            best = QLatin1String(candidate);
            bestCount = count;
        }
    }
    return best;
}

ColumnMapping guessAround(const QStringList& headers, const QVector<std::optional<ColumnTarget>>& fixed,
                          const QVector<CustomField>& existingFields, const QVector<QStringList>& sampleRows)
{
    ColumnMapping mapping;
    mapping.headers = headers;
    mapping.targets.resize(headers.size());

    QSet<ContactColumn> claimed;
    QSet<QString> usedFields; // lower case
    bool fullNameTaken = false;
    bool hasFirst = false;
    bool hasLast = false;

    QVector<std::optional<ColumnTarget>> matches(headers.size());
    for (int i = 0; i < headers.size(); ++i) {
        const std::optional<ColumnTarget>& target = fixed.value(i);
        if (target) {
            mapping.targets[i] = *target;
            if (target->kind == ColumnTarget::Kind::Column) {
                claimed.insert(target->column);
            } else if (target->kind == ColumnTarget::Kind::CustomField) {
                usedFields.insert(target->fieldName.toLower());
            } else if (target->kind == ColumnTarget::Kind::FullName) {
                fullNameTaken = true;
            }
            continue;
        }
        matches[i] = lookupHeader(headers.at(i));
    }
    for (int i = 0; i < headers.size(); ++i) {
        const std::optional<ColumnTarget> target = fixed.value(i) ? fixed.value(i) : matches.at(i);
        if (target && target->kind == ColumnTarget::Kind::Column) {
            hasFirst = hasFirst || target->column == ContactColumn::FirstName;
            hasLast = hasLast || target->column == ContactColumn::LastName;
        }
    }

    // Several headers may name one column (Outlook's "Business Phone", "Mobile Phone" and
    // "Home Phone"): the one with the most values in the samples gets it, the first on a tie,
    // so a list where only the mobile numbers are filled in keeps them.
    auto filledSamples = [&sampleRows](int column) {
        int filled = 0;
        for (const QStringList& row : sampleRows) {
            filled += row.value(column).trimmed().isEmpty() ? 0 : 1;
        }
        return filled;
    };
    QHash<ContactColumn, int> bestFor;
    for (int i = 0; i < headers.size(); ++i) {
        const std::optional<ColumnTarget>& match = matches.at(i);
        if (!match || match->kind != ColumnTarget::Kind::Column || claimed.contains(match->column)) {
            continue;
        }
        const auto best = bestFor.constFind(match->column);
        if (best == bestFor.cend() || filledSamples(i) > filledSamples(best.value())) {
            bestFor.insert(match->column, i);
        }
    }

    // A file whose headers name no email column ("Column 1", "Kunde"): the first column whose
    // samples are all addresses.
    std::optional<int> emailBySample;
    if (!claimed.contains(ContactColumn::Email)) {
        bool named = false;
        for (const std::optional<ColumnTarget>& match : matches) {
            named =
                named || (match && match->kind == ColumnTarget::Kind::Column && match->column == ContactColumn::Email);
        }
        for (int i = 0; !named && i < headers.size(); ++i) {
            if (!fixed.value(i) && !matches.at(i) && samplesAreEmails(sampleRows, i)) {
                emailBySample = i;
                break;
            }
        }
    }

    for (int i = 0; i < headers.size(); ++i) {
        if (fixed.value(i)) {
            continue;
        }
        const QString& header = headers.at(i);
        ColumnTarget target;
        std::optional<ColumnTarget> match = matches.at(i);
        if (emailBySample == i) {
            match = ColumnTarget::toColumn(ContactColumn::Email);
        }
        // German lists often have "Vorname" and "Name", the latter being the surname.
        if (match && match->kind == ColumnTarget::Kind::FullName && hasFirst && !hasLast &&
            normalizedHeader(header) == QLatin1String("name")) {
            match = ColumnTarget::toColumn(ContactColumn::LastName);
            hasLast = true;
        }
        const CustomField* existing = findField(existingFields, header);
        if (match) {
            switch (match->kind) {
            case ColumnTarget::Kind::Column:
                if (!claimed.contains(match->column) && bestFor.value(match->column, i) == i) {
                    claimed.insert(match->column);
                    target = *match;
                } else if (existing && !usedFields.contains(existing->name.toLower())) {
                    // "Mobile" after "Phone": the workspace may have a field for the second one.
                    target = ColumnTarget::toField(existing->name, existing->type);
                }
                break;
            case ColumnTarget::Kind::FullName:
                if (!hasFirst && !hasLast && !fullNameTaken) {
                    fullNameTaken = true;
                    target = *match;
                }
                break;
            default:
                target = *match;
                // "vip;fair" in a generic "Tags" column: split where the values do.
                if ((target.kind == ColumnTarget::Kind::Tags || target.kind == ColumnTarget::Kind::Lists) &&
                    target.separator == QLatin1String(",")) {
                    target.separator = separatorInSamples(sampleRows, i);
                }
                break;
            }
        } else if (existing && !usedFields.contains(existing->name.toLower())) {
            target = ColumnTarget::toField(existing->name, existing->type);
        } else if (!isPlaceholderHeader(header) && (sampleRows.isEmpty() || filledSamples(i) > 0)) {
            // A column empty in every sample (Outlook writes some 90) would only add clutter.
            QString name = fieldNameFromHeader(header);
            if (!name.isEmpty()) {
                const QString base = name;
                for (int n = 2; usedFields.contains(name.toLower()) || findField(existingFields, name); ++n) {
                    const QString suffix = QStringLiteral(" %1").arg(n);
                    name = base.left(64 - suffix.size()).trimmed() + suffix;
                }
                target = ColumnTarget::toField(name, guessFieldType(sampleRows, i));
            }
        }
        if (target.kind == ColumnTarget::Kind::CustomField) {
            usedFields.insert(target.fieldName.toLower());
        }
        mapping.targets[i] = target;
    }
    return mapping;
}

QString columnName(const ColumnMapping& mapping, int index)
{
    const QString header = mapping.headers.value(index).trimmed();
    if (header.isEmpty()) {
        return QCoreApplication::translate("ColumnMapping", "Column %1").arg(index + 1);
    }
    return header;
}

QString fieldTypeLabel(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return QCoreApplication::translate("ColumnMapping", "text");
    case FieldType::Number:
        return QCoreApplication::translate("ColumnMapping", "number");
    case FieldType::Date:
        return QCoreApplication::translate("ColumnMapping", "date");
    case FieldType::YesNo:
        return QCoreApplication::translate("ColumnMapping", "yes/no");
    }
    return {};
}

Error invalidSaved(const QString& what)
{
    return Error{ErrorCode::InvalidInput,
                 QCoreApplication::translate("ColumnMapping", "The saved column mapping cannot be used: %1").arg(what)};
}

// One entry of a saved mapping's "columns" array.
Result<ColumnTarget> targetFromJson(const QJsonObject& column, int index)
{
    const QString where = QCoreApplication::translate("ColumnMapping", "column %1 (\"%2\")")
                              .arg(index + 1)
                              .arg(column.value(QLatin1String("header")).toString());
    const QJsonValue targetValue = column.value(QLatin1String("target"));
    if (!targetValue.isString()) {
        return invalidSaved(QCoreApplication::translate("ColumnMapping", "%1 has no target.").arg(where));
    }
    const QString name = targetValue.toString();
    const QJsonValue separatorValue = column.value(QLatin1String("separator"));
    if (!separatorValue.isUndefined() && !separatorValue.isString()) {
        return invalidSaved(
            QCoreApplication::translate("ColumnMapping", "%1 has a separator that is not text.").arg(where));
    }
    const QString separator = separatorValue.isString() ? separatorValue.toString() : QStringLiteral(",");

    if (name == QLatin1String("ignore")) {
        return ColumnTarget::ignore();
    }
    if (name == QLatin1String("full_name")) {
        return ColumnTarget::toFullName();
    }
    if (name == QLatin1String("tags")) {
        return ColumnTarget::toTags(separator);
    }
    if (name == QLatin1String("lists")) {
        return ColumnTarget::toLists(separator);
    }
    if (name == QLatin1String("field")) {
        const QString field = column.value(QLatin1String("field")).toString();
        if (field.trimmed().isEmpty()) {
            return invalidSaved(QCoreApplication::translate("ColumnMapping", "%1 names no field.").arg(where));
        }
        const QJsonValue typeValue = column.value(QLatin1String("type"));
        FieldType type = FieldType::Text;
        if (!typeValue.isUndefined()) {
            const std::optional<FieldType> parsed = fieldTypeFromName(typeValue.toString());
            if (!parsed) {
                return invalidSaved(
                    QCoreApplication::translate("ColumnMapping", "%1 has the unknown field type \"%2\".")
                        .arg(where, typeValue.toString()));
            }
            type = *parsed;
        }
        return ColumnTarget::toField(field, type);
    }
    const std::optional<ContactColumn> builtIn = contactColumnFromKey(name);
    if (!builtIn || !isImportableColumn(*builtIn)) {
        return invalidSaved(
            QCoreApplication::translate("ColumnMapping", "%1 has the unknown target \"%2\".").arg(where, name));
    }
    return ColumnTarget::toColumn(*builtIn);
}

} // namespace

ColumnMapping ColumnMapping::guess(const QStringList& headers, const QVector<CustomField>& existingFields,
                                   const QVector<QStringList>& sampleRows)
{
    return guessAround(headers, {}, existingFields, sampleRows);
}

Result<ColumnMapping> ColumnMapping::applySaved(const QJsonObject& saved, const QStringList& headers,
                                                const QVector<CustomField>& existingFields,
                                                const QVector<QStringList>& sampleRows)
{
    const QJsonValue version = saved.value(QLatin1String("version"));
    if (!version.isDouble() || version.toDouble() != 1.0) {
        QString found = version.toVariant().toString();
        if (version.isUndefined()) {
            found = QCoreApplication::translate("ColumnMapping", "missing");
        } else if (version.isString()) {
            found = QLatin1Char('"') + version.toString() + QLatin1Char('"');
        }
        return invalidSaved(
            QCoreApplication::translate("ColumnMapping", "its version is %1 where 1 was expected.").arg(found));
    }
    const QJsonValue regionValue = saved.value(QLatin1String("phoneRegion"));
    if (!regionValue.isUndefined() && !regionValue.isNull() && !regionValue.isString()) {
        return invalidSaved(QCoreApplication::translate("ColumnMapping", "its phone region is not text."));
    }
    const QJsonValue columnsValue = saved.value(QLatin1String("columns"));
    if (!columnsValue.isArray()) {
        return invalidSaved(QCoreApplication::translate("ColumnMapping", "it has no list of columns."));
    }

    struct SavedColumn
    {
        QString header;
        ColumnTarget target;
        bool used = false;
    };
    QVector<SavedColumn> savedColumns;
    const QJsonArray columns = columnsValue.toArray();
    for (int i = 0; i < columns.size(); ++i) {
        const QJsonObject column = columns.at(i).toObject();
        if (!columns.at(i).isObject() || !column.value(QLatin1String("header")).isString()) {
            return invalidSaved(
                QCoreApplication::translate("ColumnMapping", "column %1 has no header name.").arg(i + 1));
        }
        Result<ColumnTarget> target = targetFromJson(column, i);
        if (!target) {
            return target.error();
        }
        savedColumns.append({column.value(QLatin1String("header")).toString(), target.value(), false});
    }

    QVector<std::optional<ColumnTarget>> fixed(headers.size());
    // Exact header names first, so "E-Mail" and "Email" in one file each find their own.
    for (int i = 0; i < headers.size(); ++i) {
        for (SavedColumn& column : savedColumns) {
            if (!column.used && column.header == headers.at(i)) {
                column.used = true;
                fixed[i] = column.target;
                break;
            }
        }
    }
    for (int i = 0; i < headers.size(); ++i) {
        if (fixed.at(i)) {
            continue;
        }
        const QString key = normalizedHeader(headers.at(i));
        for (SavedColumn& column : savedColumns) {
            if (!column.used && normalizedHeader(column.header) == key) {
                column.used = true;
                fixed[i] = column.target;
                break;
            }
        }
    }

    ColumnMapping mapping = guessAround(headers, fixed, existingFields, sampleRows);
    mapping.phoneRegion = regionValue.toString().trimmed().toUpper();
    return mapping;
}

QStringList ColumnMapping::problems(const QVector<CustomField>& existingFields) const
{
    QStringList result;
    if (targets.size() != headers.size()) {
        result.append(QCoreApplication::translate("ColumnMapping", "The mapping has %1 targets for %2 columns.")
                          .arg(targets.size())
                          .arg(headers.size()));
    }

    QHash<ContactColumn, int> columnOwner;
    QHash<QString, int> fieldOwner; // lower-case field name
    std::optional<int> fullName;
    std::optional<int> firstOrLast;
    for (int i = 0; i < targets.size(); ++i) {
        const ColumnTarget& target = targets.at(i);
        const QString name = columnName(*this, i);
        switch (target.kind) {
        case ColumnTarget::Kind::Ignore:
            break;
        case ColumnTarget::Kind::Column:
            if (!isImportableColumn(target.column)) {
                result.append(QCoreApplication::translate("ColumnMapping", "Column \"%1\" cannot fill %2.")
                                  .arg(name, contactColumnLabel(target.column)));
                break;
            }
            if (columnOwner.contains(target.column)) {
                result.append(
                    QCoreApplication::translate("ColumnMapping", "Columns \"%1\" and \"%2\" are both mapped to %3.")
                        .arg(columnName(*this, columnOwner.value(target.column)), name,
                             contactColumnLabel(target.column)));
            } else {
                columnOwner.insert(target.column, i);
            }
            if ((target.column == ContactColumn::FirstName || target.column == ContactColumn::LastName) &&
                !firstOrLast) {
                firstOrLast = i;
            }
            break;
        case ColumnTarget::Kind::FullName:
            if (fullName) {
                result.append(QCoreApplication::translate("ColumnMapping",
                                                          "Columns \"%1\" and \"%2\" are both mapped to the full name.")
                                  .arg(columnName(*this, *fullName), name));
            } else {
                fullName = i;
            }
            break;
        case ColumnTarget::Kind::CustomField: {
            const Status valid = validateFieldName(target.fieldName);
            if (!valid.ok()) {
                result.append(
                    QCoreApplication::translate("ColumnMapping", "Column \"%1\": %2").arg(name, valid.error().message));
                break;
            }
            const QString key = target.fieldName.toLower();
            if (fieldOwner.contains(key)) {
                result.append(QCoreApplication::translate(
                                  "ColumnMapping", "Columns \"%1\" and \"%2\" are both mapped to the field \"%3\".")
                                  .arg(columnName(*this, fieldOwner.value(key)), name, target.fieldName));
            } else {
                fieldOwner.insert(key, i);
            }
            for (const CustomField& field : existingFields) {
                if (field.name.compare(target.fieldName, Qt::CaseInsensitive) == 0 && field.type != target.fieldType) {
                    result.append(
                        QCoreApplication::translate(
                            "ColumnMapping",
                            "Column \"%1\" is mapped to the field \"%2\" as %3, but that field holds %4.")
                            .arg(name, field.name, fieldTypeLabel(target.fieldType), fieldTypeLabel(field.type)));
                    break;
                }
            }
            break;
        }
        case ColumnTarget::Kind::Tags:
            if (target.separator.isEmpty()) {
                result.append(
                    QCoreApplication::translate("ColumnMapping", "Column \"%1\" needs a separator between its tags.")
                        .arg(name));
            }
            break;
        case ColumnTarget::Kind::Lists:
            if (target.separator.isEmpty()) {
                result.append(
                    QCoreApplication::translate("ColumnMapping", "Column \"%1\" needs a separator between its lists.")
                        .arg(name));
            }
            break;
        }
    }
    if (fullName && firstOrLast) {
        result.append(QCoreApplication::translate(
                          "ColumnMapping",
                          "Column \"%1\" is split into first and last name, but column \"%2\" fills one of them too.")
                          .arg(columnName(*this, *fullName), columnName(*this, *firstOrLast)));
    }
    if (!columnOwner.contains(ContactColumn::Email)) {
        result.prepend(QCoreApplication::translate("ColumnMapping", "No column is mapped to %1.")
                           .arg(contactColumnLabel(ContactColumn::Email)));
    }
    if (!phoneRegion.isEmpty() && !PhoneNormalizer::isKnownRegion(phoneRegion)) {
        result.append(
            QCoreApplication::translate("ColumnMapping",
                                        "\"%1\" is not a known phone region: use a two-letter country code such as DE.")
                .arg(phoneRegion));
    }
    return result;
}

QJsonObject ColumnMapping::toJson() const
{
    QJsonArray columns;
    for (int i = 0; i < headers.size(); ++i) {
        const ColumnTarget target = targets.value(i);
        QJsonObject column{{QStringLiteral("header"), headers.at(i)}};
        switch (target.kind) {
        case ColumnTarget::Kind::Ignore:
            column.insert(QStringLiteral("target"), QStringLiteral("ignore"));
            break;
        case ColumnTarget::Kind::Column:
            column.insert(QStringLiteral("target"), QLatin1String(contactColumnInfo(target.column).key));
            break;
        case ColumnTarget::Kind::FullName:
            column.insert(QStringLiteral("target"), QStringLiteral("full_name"));
            break;
        case ColumnTarget::Kind::CustomField:
            column.insert(QStringLiteral("target"), QStringLiteral("field"));
            column.insert(QStringLiteral("field"), target.fieldName);
            column.insert(QStringLiteral("type"), fieldTypeName(target.fieldType));
            break;
        case ColumnTarget::Kind::Tags:
            column.insert(QStringLiteral("target"), QStringLiteral("tags"));
            column.insert(QStringLiteral("separator"), target.separator);
            break;
        case ColumnTarget::Kind::Lists:
            column.insert(QStringLiteral("target"), QStringLiteral("lists"));
            column.insert(QStringLiteral("separator"), target.separator);
            break;
        }
        columns.append(column);
    }
    return QJsonObject{{QStringLiteral("version"), 1},
                       {QStringLiteral("phoneRegion"), phoneRegion},
                       {QStringLiteral("columns"), columns}};
}
