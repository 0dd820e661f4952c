#pragma once

#include "core/Result.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

class QIODevice;

// Where the command line gets the vault's passphrase without a prompt: the environment
// (MAILROOM_PASSPHRASE) or the first line of standard input (--passphrase-stdin). Pure
// functions over what they are given, so tests need not touch the process's own environment.
class PassphraseSource
{
public:
    static QString environmentVariable() { return QStringLiteral("MAILROOM_PASSPHRASE"); }
    // Longest line readLine() accepts, in bytes.
    static constexpr int MaxLineBytes = 4096;

    // The passphrase in MAILROOM_PASSPHRASE, or nullopt when it is unset or empty.
    static std::optional<QString>
    fromEnvironment(const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

    // The first line of in, as UTF-8, without its line ending ("\n" or "\r\n"); spaces are kept,
    // they may be part of the passphrase. The rest of in is left unread. InvalidInput when
    // there is no line, it is empty, longer than MaxLineBytes or not UTF-8.
    static Result<QString> readLine(QIODevice& in);
};
