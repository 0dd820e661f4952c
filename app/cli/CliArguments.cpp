#include "app/cli/CliArguments.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CliArguments", text);
}

Error usage(const QString& message)
{
    return Error{ErrorCode::InvalidInput, message};
}

} // namespace

Result<CliArguments> CliArguments::parse(const QStringList& tokens, const QList<CliOption>& options)
{
    CliArguments args;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString& token = tokens.at(i);
        if (optionsEnded || !token.startsWith(QLatin1Char('-')) || token == QLatin1String("-")) {
            args.m_positionals.append(token);
            continue;
        }
        if (token == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (token == QLatin1String("-h")) {
            args.m_values[QStringLiteral("help")].append(QString());
            continue;
        }
        if (!token.startsWith(QLatin1String("--"))) {
            return usage(tr("unknown option %1").arg(token));
        }
        QString name = token.mid(2);
        std::optional<QString> inlineValue;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name.truncate(eq);
        }
        const CliOption* option = nullptr;
        for (const CliOption& candidate : options) {
            if (candidate.name == name) {
                option = &candidate;
                break;
            }
        }
        if (option == nullptr) {
            return usage(tr("unknown option --%1").arg(name));
        }
        QString value;
        if (option->valueName.isEmpty()) {
            if (inlineValue) {
                return usage(tr("--%1 takes no value").arg(name));
            }
        } else if (inlineValue) {
            value = *inlineValue;
        } else if (i + 1 < tokens.size()) {
            value = tokens.at(++i);
        } else {
            return usage(tr("--%1 needs a value (%2)").arg(name, option->valueName));
        }
        QStringList& given = args.m_values[name];
        if (!given.isEmpty() && !option->repeatable && !option->valueName.isEmpty()) {
            return usage(tr("--%1 was given more than once").arg(name));
        }
        given.append(value);
    }
    return args;
}

QString CliArguments::value(const QString& name) const
{
    const QStringList given = m_values.value(name);
    return given.isEmpty() ? QString() : given.constLast();
}

void CliArguments::merge(const CliArguments& earlier)
{
    for (auto it = earlier.m_values.cbegin(); it != earlier.m_values.cend(); ++it) {
        if (!m_values.contains(it.key())) {
            m_values.insert(it.key(), it.value());
        }
    }
}

void parseMailbox(const QString& input, QString& name, QString& address)
{
    const QString text = input.trimmed();
    const qsizetype open = text.lastIndexOf(QLatin1Char('<'));
    if (open >= 0 && text.endsWith(QLatin1Char('>'))) {
        name = text.left(open).trimmed();
        if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"'))) {
            name = name.mid(1, name.size() - 2);
        }
        address = text.mid(open + 1, text.size() - open - 2).trimmed();
    } else {
        name.clear();
        address = text;
    }
}
