// Whatever is typed into the search box becomes an FTS5 query that SQLite accepts:
// quotes, stars, parentheses and the words AND/OR/NOT/NEAR are matched literally and
// never reach the user as a syntax error.
#include "core/contacts/ContactQuery.h"
#include "core/contacts/ContactRepository.h"
#include "core/storage/Connection.h"
#include "core/storage/Migrations.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace {

ContactRepository& repository()
{
    static int argc = 1;
    static char name[] = "fuzz_search_query";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static Connection connection = Connection::open(QStringLiteral(":memory:")).value();
    static bool migrated = Migrations::migrate(connection.database()).ok();
    FUZZ_CHECK(migrated);
    static ContactRepository repo(connection.database());
    static bool seeded = false;
    if (!seeded) {
        Contact c;
        c.email = QStringLiteral("anna@example.com");
        c.firstName = QStringLiteral("Anna");
        c.tags = {QStringLiteral("vip")};
        FUZZ_CHECK(repo.add(c).ok());
        seeded = true;
    }
    return repo;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    ContactFilter filter;
    filter.search = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto counted = repository().count(filter);
    if (!counted.ok()) {
        std::fprintf(stderr, "query %s -> %s\n", qPrintable(ftsQueryFor(filter.search)),
                     qPrintable(counted.error().message));
    }
    FUZZ_CHECK(counted.ok());
    FUZZ_CHECK(counted.value() <= 1);
    return 0;
}
