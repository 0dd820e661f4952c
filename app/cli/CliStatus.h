#pragma once

#include "core/Result.h"

#include <QString>

// How a command ended, as the process exit status scripts rely on:
// 0 success, 1 the workspace or the data refused the request, 2 the command line was wrong.
struct CliStatus
{
    enum class Exit { Success = 0, UserError = 1, Usage = 2 };

    Exit exit = Exit::Success;
    QString message; // one line for stderr; empty on success

    static CliStatus success() { return {}; }
    static CliStatus usage(QString message) { return {Exit::Usage, std::move(message)}; }
    static CliStatus failed(QString message) { return {Exit::UserError, std::move(message)}; }
    // Every engine error is the user's to act on (bad data, missing or locked workspace...).
    static CliStatus failed(const Error& error) { return {Exit::UserError, error.message}; }

    int exitCode() const { return static_cast<int>(exit); }
};
