#pragma once

#include "core/Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// One --option a command accepts.
struct CliOption
{
    QString name;      // without the dashes: "first-name"
    QString valueName; // "TEXT"; empty for a flag such as --json
    QString help;      // already translated
    bool repeatable = false;
};

// The options and positional arguments of one command, parsed by hand so subcommands and
// repeated options (--tag a --tag b) stay simple. Accepts "--name value", "--name=value"
// and "--" before positionals that start with a dash.
class CliArguments
{
public:
    // An error here is always a usage error (exit status 2).
    static Result<CliArguments> parse(const QStringList& tokens, const QList<CliOption>& options);

    bool isSet(const QString& name) const { return m_values.contains(name); }
    QString value(const QString& name) const;
    QStringList values(const QString& name) const { return m_values.value(name); }
    const QStringList& positionals() const { return m_positionals; }

    // Options given before the command word count too: `mailroom-cli --json tags`.
    void merge(const CliArguments& earlier);

private:
    QHash<QString, QStringList> m_values; // flags hold one empty string
    QStringList m_positionals;
};

// An option's "Name <address>" value ("Café Müller <news@example.com>", "\"Müller, Anna\"
// <a@example.com>") or a bare address, split into its two parts; the address is not checked.
void parseMailbox(const QString& input, QString& name, QString& address);
