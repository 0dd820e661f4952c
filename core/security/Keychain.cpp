#include "core/security/Keychain.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace {

// Runs job in a local event loop. Returns false when it did not finish within timeoutMs; the
// job then deletes itself whenever the keychain answers (it must outlive us: deleting a job
// with a D-Bus call in flight would leave QtKeychain's executor waiting on it).
bool runJob(QKeychain::Job* job, int timeoutMs)
{
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&loop, &finished] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!finished) {
        QObject::disconnect(job, nullptr, &loop, nullptr);
        job->setAutoDelete(true);
    }
    return finished;
}

Error noKeychain(const QString& why)
{
    return {ErrorCode::VaultLocked,
            QCoreApplication::translate("Keychain", "No keychain is available on this computer (%1).").arg(why)};
}

Error timedOut(int timeoutMs)
{
    return {ErrorCode::VaultLocked,
            QCoreApplication::translate("Keychain", "The keychain did not answer within %n second(s).", nullptr,
                                        (timeoutMs + 999) / 1000)};
}

Error jobError(const QKeychain::Job& job)
{
    switch (job.error()) {
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return {ErrorCode::VaultLocked,
                QCoreApplication::translate("Keychain", "The keychain refused access (%1).").arg(job.errorString())};
    default:
        return noKeychain(job.errorString());
    }
}

Status needsApplication()
{
    if (QCoreApplication::instance() == nullptr) {
        return noKeychain(QStringLiteral("no QCoreApplication"));
    }
    return Ok{};
}

} // namespace

QString Keychain::serviceName()
{
    return QStringLiteral("Mailroom");
}

Result<QByteArray> Keychain::read(const QString& key, int timeoutMs)
{
    if (Status app = needsApplication(); !app) {
        return app.error();
    }
    auto* job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(key);
    if (!runJob(job, timeoutMs)) {
        return timedOut(timeoutMs);
    }
    const std::unique_ptr<QKeychain::ReadPasswordJob> owned(job);
    if (job->error() == QKeychain::EntryNotFound) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("Keychain", "The keychain holds no entry '%1'.").arg(key)};
    }
    if (job->error() != QKeychain::NoError) {
        return jobError(*job);
    }
    return job->binaryData();
}

Status Keychain::write(const QString& key, const QByteArray& data, int timeoutMs)
{
    if (Status app = needsApplication(); !app) {
        return app;
    }
    auto* job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(key);
    job->setBinaryData(data);
    if (!runJob(job, timeoutMs)) {
        return timedOut(timeoutMs);
    }
    const std::unique_ptr<QKeychain::WritePasswordJob> owned(job);
    if (job->error() != QKeychain::NoError) {
        return jobError(*job);
    }
    return Ok{};
}

Status Keychain::remove(const QString& key, int timeoutMs)
{
    if (Status app = needsApplication(); !app) {
        return app;
    }
    auto* job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(key);
    if (!runJob(job, timeoutMs)) {
        return timedOut(timeoutMs);
    }
    const std::unique_ptr<QKeychain::DeletePasswordJob> owned(job);
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        return jobError(*job);
    }
    return Ok{};
}
