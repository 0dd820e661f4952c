#include "core/campaigns/DkimKeyRepository.h"

#include "core/security/Vault.h"
#include "core/storage/SqlError.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

namespace {

const QString kVaultKind = QStringLiteral("dkim");

// RFC 1035 labels: letters, digits and hyphens, not at either end, at most 63 characters.
bool isLabel(const QString& label)
{
    if (label.isEmpty() || label.size() > 63 || label.startsWith(QLatin1Char('-')) ||
        label.endsWith(QLatin1Char('-'))) {
        return false;
    }
    for (QChar c : label) {
        if (!(c.unicode() < 128 && (c.isLetterOrNumber() || c == QLatin1Char('-')))) {
            return false;
        }
    }
    return true;
}

DkimKeyInfo infoFrom(const QSqlQuery& q)
{
    return DkimKeyInfo{q.value(0).toLongLong(), q.value(1).toString(),
                       q.value(2).toString(),   q.value(3).toString(),
                       q.value(4).toString(),   QDateTime::fromString(q.value(5).toString(), Qt::ISODateWithMs)};
}

const QString kColumns = QStringLiteral("id, domain, selector, algorithm, public_key, created_at");

} // namespace

DkimKeyRepository::DkimKeyRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<QString> DkimKeyRepository::asciiDomain(const QString& domain)
{
    const QString trimmed = domain.trimmed().toLower();
    const QString ascii = QString::fromLatin1(QUrl::toAce(trimmed));
    const QStringList labels = ascii.split(QLatin1Char('.'));
    bool ok = !ascii.isEmpty() && labels.size() >= 2 && ascii.size() <= 253;
    for (const QString& label : labels) {
        ok = ok && isLabel(label);
    }
    if (!ok) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("DkimKeyRepository", "\"%1\" is not a domain name such as example.com.")
                .arg(domain)};
    }
    return ascii;
}

Status DkimKeyRepository::validateSelector(const QString& selector)
{
    const QStringList labels = selector.split(QLatin1Char('.'));
    for (const QString& label : labels) {
        if (!isLabel(label)) {
            return Error{ErrorCode::InvalidInput,
                         QCoreApplication::translate(
                             "DkimKeyRepository",
                             "\"%1\" is not a DKIM selector: use letters, digits and hyphens, such as \"mailroom1\".")
                             .arg(selector)};
        }
    }
    return Ok{};
}

Result<DkimKeyInfo> DkimKeyRepository::generate(const Vault& vault, const QString& domain, const QString& selector,
                                                DkimKey::Algorithm algorithm)
{
    auto ascii = asciiDomain(domain);
    if (!ascii) {
        return ascii.error();
    }
    const QString sel = selector.trimmed().toLower();
    if (auto s = validateSelector(sel); !s) {
        return s.error();
    }
    auto key = DkimKey::generate(algorithm);
    if (!key) {
        return key.error();
    }
    DkimKeyInfo info;
    info.domain = ascii.value();
    info.selector = sel;
    info.algorithm = key->algorithmName();
    info.publicKey = QString::fromLatin1(key->publicKeyBase64());
    info.createdAt = QDateTime::currentDateTimeUtc();

    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM dkim_keys WHERE domain = ? AND selector = ?"));
    q.addBindValue(info.domain);
    q.addBindValue(info.selector);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the DKIM keys"));
    }
    if (q.next()) {
        return Error{
            ErrorCode::Duplicate,
            QCoreApplication::translate("DkimKeyRepository",
                                        "%1 already has a DKIM key with the selector \"%2\"; pick another selector.")
                .arg(info.domain, info.selector)};
    }
    auto secretId = vault.put(kVaultKind, info.recordName(), key->privateKeyPem());
    if (!secretId) {
        return secretId.error();
    }
    q.prepare(QStringLiteral("INSERT INTO dkim_keys (domain, selector, algorithm, public_key, secret_id, created_at)"
                             " VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(info.domain);
    q.addBindValue(info.selector);
    q.addBindValue(info.algorithm);
    q.addBindValue(info.publicKey);
    q.addBindValue(secretId.value());
    q.addBindValue(info.createdAt.toString(Qt::ISODateWithMs));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the DKIM key"));
    }
    info.id = q.lastInsertId().toLongLong();
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return info;
}

Result<QVector<DkimKeyInfo>> DkimKeyRepository::all()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM dkim_keys ORDER BY domain, created_at DESC, id DESC").arg(kColumns))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the DKIM keys"));
    }
    QVector<DkimKeyInfo> keys;
    while (q.next()) {
        keys.append(infoFrom(q));
    }
    return keys;
}

Result<std::optional<DkimKeyInfo>> DkimKeyRepository::forDomain(const QString& domain)
{
    auto ascii = asciiDomain(domain);
    if (!ascii) {
        return std::optional<DkimKeyInfo>();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM dkim_keys WHERE domain = ? ORDER BY created_at DESC, id DESC LIMIT 1")
                  .arg(kColumns));
    q.addBindValue(ascii.value());
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the DKIM keys"));
    }
    if (!q.next()) {
        return std::optional<DkimKeyInfo>();
    }
    return std::optional<DkimKeyInfo>(infoFrom(q));
}

Result<DkimKey> DkimKeyRepository::keyFor(const Vault& vault, const DkimKeyInfo& info)
{
    auto pem = vault.get(kVaultKind, info.recordName());
    if (!pem) {
        return pem.error();
    }
    return DkimKey::fromPrivateKey(pem.value());
}

Result<DkimSigner> DkimKeyRepository::signerFor(const Vault& vault, const DkimKeyInfo& info)
{
    auto key = keyFor(vault, info);
    if (!key) {
        return key.error();
    }
    return DkimSigner(key.value(), info.domain, info.selector);
}

Status DkimKeyRepository::remove(const Vault& vault, qint64 id)
{
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM dkim_keys WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the DKIM keys"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("DkimKeyRepository", "There is no DKIM key %1.").arg(id)};
    }
    const DkimKeyInfo info = infoFrom(q);
    q.prepare(QStringLiteral("DELETE FROM dkim_keys WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete the DKIM key"));
    }
    if (auto s = vault.remove(kVaultKind, info.recordName()); !s) {
        return s;
    }
    return tx.commit();
}
