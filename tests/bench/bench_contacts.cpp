// The contacts table on a big workspace, measured the way a user meets it: a headless
// QTableView over ContactTableModel, timed from process launch to the first page painted,
// then typed searches, sorts and jumps, each until the rows are painted. Prints one
// "name value" line per figure for tests/bench/bench_contacts.sh to set beside sqlite3.
//
//   bench_contacts --workspace FILE --queries FILE [--launched-ns NS]

#include "models/ContactTableModel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

namespace {

qint64 realtimeNs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Runs the event loop until done() holds; false after timeoutMs. Sleeps between events (a
// busy loop would take a core from the loader threads on a two-core machine).
bool waitUntil(const std::function<bool()>& done, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    QTimer wake;
    wake.start(50);
    while (!done()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents | QEventLoop::AllEvents);
    }
    return true;
}

double percentile(QVector<double> values, double p)
{
    if (values.isEmpty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const int i = std::clamp(int(std::ceil(p * values.size())) - 1, 0, int(values.size()) - 1);
    return values.at(i);
}

long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    return -1;
}

void print(const char* name, double value)
{
    std::printf("%s %.2f\n", name, value);
    std::fflush(stdout);
}

void print(const QString& name, double value)
{
    print(qPrintable(name), value);
}

// The rows the view shows are loaded and painted.
bool visibleRowsLoaded(QTableView& view, ContactTableModel& model)
{
    const int top = std::max(0, view.rowAt(0));
    int bottom = view.rowAt(view.viewport()->height() - 1);
    if (bottom < 0) {
        bottom = model.rowCount() - 1;
    }
    for (int row = top; row <= bottom; ++row) {
        if (!model.isRowLoaded(row)) {
            return false;
        }
    }
    return true;
}

// Paints; if some rows were still loading, waits for them and paints again.
bool showVisibleRows(QTableView& view, ContactTableModel& model)
{
    view.viewport()->repaint();
    if (visibleRowsLoaded(view, model)) {
        return true;
    }
    if (!waitUntil([&] { return visibleRowsLoaded(view, model); })) {
        return false;
    }
    view.viewport()->repaint();
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    const qint64 mainNs = realtimeNs();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("workspace"), QStringLiteral("Workspace file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("queries"), QStringLiteral("Typed queries, one a line."), QStringLiteral("file")});
    parser.addOption(
        {QStringLiteral("launched-ns"), QStringLiteral("Launch time (CLOCK_REALTIME, ns)."), QStringLiteral("ns")});
    parser.addHelpOption();
    parser.process(app);
    const QString path = parser.value(QStringLiteral("workspace"));
    const qint64 launchedNs =
        parser.isSet(QStringLiteral("launched-ns")) ? parser.value(QStringLiteral("launched-ns")).toLongLong() : mainNs;

    // 1. Launch to first page painted.
    ContactTableModel model(path);
    QObject::connect(&model, &ContactTableModel::errorOccurred, &app, [](const QString& message) {
        std::fprintf(stderr, "bench_contacts: %s\n", qPrintable(message));
        std::exit(1);
    });
    // The window's default order: newest contacts first (MainWindow sets no sort column).
    model.sort(-1, Qt::DescendingOrder);
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(24);
    view.setSortingEnabled(false);
    view.setModel(&model);
    view.resize(1280, 800);
    view.show();
    bool ready = false;
    QObject::connect(&model, &ContactTableModel::ready, &app, [&ready] { ready = true; });
    if (!waitUntil([&] { return ready; }) || !showVisibleRows(view, model)) {
        std::fprintf(stderr, "bench_contacts: the first page never arrived\n");
        return 1;
    }
    const qint64 shownNs = realtimeNs();
    print("rows", double(model.totalCount()));
    print("first_page_ms", double(shownNs - launchedNs) / 1e6);
    print("first_page_in_process_ms", double(shownNs - mainNs) / 1e6);

    // The sparse index (built in the background, needed for jumps into the middle).
    QElapsedTimer timer;
    timer.start();
    if (!waitUntil([&] { return model.isIndexReady(); })) {
        std::fprintf(stderr, "bench_contacts: the sparse index never arrived\n");
        return 1;
    }
    print("index_ready_after_first_page_ms", double(timer.nsecsElapsed()) / 1e6);

    // What one paint of a loaded screenful costs (part of every figure below).
    timer.restart();
    for (int i = 0; i < 20; ++i) {
        view.viewport()->repaint();
    }
    print("paint_ms", double(timer.nsecsElapsed()) / 1e6 / 20);

    // 2. Jumps: to the last row (Ctrl+End), then to the middle of the table, sorted by last name
    // (in the default order a jump is an id seek; a name order is the harder case).
    ready = false;
    view.sortByColumn(model.columnForBuiltin(ContactColumn::LastName), Qt::AscendingOrder);
    if (!waitUntil([&] { return ready; }) || !waitUntil([&] { return model.isIndexReady(); })) {
        std::fprintf(stderr, "bench_contacts: sorting by last name never finished\n");
        return 1;
    }
    showVisibleRows(view, model);
    timer.restart();
    view.scrollToBottom();
    QCoreApplication::processEvents();
    showVisibleRows(view, model);
    print("jump_last_ms", double(timer.nsecsElapsed()) / 1e6);
    timer.restart();
    view.scrollTo(model.index(model.rowCount() / 2, 0), QAbstractItemView::PositionAtTop);
    QCoreApplication::processEvents();
    showVisibleRows(view, model);
    print("jump_middle_ms", double(timer.nsecsElapsed()) / 1e6);
    view.scrollToTop();
    QCoreApplication::processEvents();
    showVisibleRows(view, model);

    // 3. Sorts by a header click, until the new first page is painted.
    const auto timeSort = [&](ContactColumn column, Qt::SortOrder order) {
        ready = false;
        QElapsedTimer t;
        t.start();
        view.sortByColumn(model.columnForBuiltin(column), order);
        waitUntil([&] { return ready; });
        showVisibleRows(view, model);
        return double(t.nsecsElapsed()) / 1e6;
    };
    print("sort_last_name_desc_ms", timeSort(ContactColumn::LastName, Qt::DescendingOrder));
    print("sort_email_asc_ms", timeSort(ContactColumn::Email, Qt::AscendingOrder));
    print("sort_last_name_asc_ms", timeSort(ContactColumn::LastName, Qt::AscendingOrder));

    // 4. Typed searches: each keystroke's count and first page, painted; first in the window's
    // default order (newest first), then sorted by last name.
    QFile queriesFile(parser.value(QStringLiteral("queries")));
    if (!queriesFile.open(QIODevice::ReadOnly | QIODevice::Text)) {
        std::fprintf(stderr, "bench_contacts: cannot read the queries file\n");
        return 1;
    }
    QStringList queries;
    QTextStream in(&queriesFile);
    while (!in.atEnd()) {
        const QString query = in.readLine();
        if (!query.isEmpty()) {
            queries.append(query);
        }
    }
    const auto timeSearches = [&](const char* prefix) {
        QVector<double> latencies;
        for (const QString& query : std::as_const(queries)) {
            ContactFilter filter;
            filter.search = query;
            if (filter == model.filter()) {
                continue;
            }
            ready = false;
            QElapsedTimer t;
            t.start();
            model.setFilter(filter);
            waitUntil([&] { return ready; });
            showVisibleRows(view, model);
            const double ms = double(t.nsecsElapsed()) / 1e6;
            latencies.append(ms);
            std::printf("%s_query %s %.2f %lld\n", prefix,
                        qPrintable(QString(query).replace(QLatin1Char(' '), QLatin1Char('_'))), ms, model.totalCount());
        }
        print(QStringLiteral("%1_count").arg(QLatin1String(prefix)), latencies.size());
        print(QStringLiteral("%1_median_ms").arg(QLatin1String(prefix)), percentile(latencies, 0.5));
        print(QStringLiteral("%1_p95_ms").arg(QLatin1String(prefix)), percentile(latencies, 0.95));
        print(QStringLiteral("%1_max_ms").arg(QLatin1String(prefix)), percentile(latencies, 1.0));
        model.setFilter({});
        waitUntil([&] { return ready; });
    };
    ready = false;
    model.sort(-1, Qt::DescendingOrder);
    waitUntil([&] { return ready; });
    timeSearches("search");
    ready = false;
    model.sort(model.columnForBuiltin(ContactColumn::LastName), Qt::AscendingOrder);
    waitUntil([&] { return ready; });
    timeSearches("search_by_last_name");

    print("peak_rss_mb", double(peakRssKb()) / 1024.0);
    return 0;
}
