#pragma once

#include <QString>

#include <optional>
#include <utility>

// What went wrong, in words a user can act on. The message names the thing at fault
// and is already translated; the code lets callers (the CLI's exit status, the UI) react.
enum class ErrorCode {
    InvalidInput,
    NotFound,
    Duplicate,
    UnknownField,
    WorkspaceMissing,
    WorkspaceExists,
    WorkspaceReadOnly,
    WorkspaceLocked,
    WorkspaceCorrupt,
    WorkspaceTooNew,
    WorkspaceNeedsUpgrade,
    Database,
    FileError,
    Cancelled,
    TemplateError,   // a merge template that does not parse or names an unknown field
    CryptoError,     // a key or signature Botan refused, a ciphertext that does not decrypt
    VaultLocked,     // the vault's key is not available (no keychain, no passphrase given)
    WrongPassphrase, // the passphrase does not open this workspace's vault
};

struct Error
{
    ErrorCode code;
    QString message;
};

// A value or an Error. No exceptions cross module boundaries: wrappers around
// Qt SQL, Botan and std catch what they throw and return one of these.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): implicit by design, like std::optional
        : m_value(std::move(value))
    {}
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_error(std::move(error))
    {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    // By value, not T&&: `for (auto& x : load().value())` must not bind to a dead temporary.
    T value() && { return std::move(*m_value); }
    const T& operator*() const& { return *m_value; }
    const T* operator->() const { return &*m_value; }

    const Error& error() const { return *m_error; }

private:
    std::optional<T> m_value;
    std::optional<Error> m_error;
};

struct Ok
{};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Ok) {}       // NOLINT(google-explicit-constructor)
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;
